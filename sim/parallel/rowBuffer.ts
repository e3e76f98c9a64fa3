import { columnBufferOf, type ColumnBuffer, type ColumnKind } from '../output/arrowTableWriter.js';
import { grownArray } from '../grownArray.js';

/**
 * Rows of a table gathered by one replica during a phase of the day, each with a sort key, before the leader writes
 * every replica's rows to the table in key order. The columns have the table writer's types, so a row copied from here
 * is the same bytes as a row written straight to the table. Extra columns ride along for the leader and are not written.
 *
 * `columns` stays the same object for the buffer's life (its arrays are replaced as it grows), so a loop may hold it;
 * an array taken out of it is valid only until the next {@link nextRow}.
 */
export class RowBuffer<Name extends string> {
  readonly columns: { [K in Name]: ColumnBuffer };
  keys = new Float64Array(256);
  length = 0;
  private readonly names: readonly Name[];

  constructor(specs: readonly { readonly name: Name; readonly kind: ColumnKind }[]) {
    this.names = specs.map((spec) => spec.name);
    const columns = Object.create(null) as { [K in Name]: ColumnBuffer };
    for (const spec of specs) columns[spec.name] = columnBufferOf(spec.kind, this.keys.length);
    this.columns = columns;
  }

  /** Reserves the next row, with its sort key; returns its index. */
  nextRow(key: number): number {
    if (this.length === this.keys.length) this.grow();
    this.keys[this.length] = key;
    return this.length++;
  }

  clear(): void {
    this.length = 0;
  }

  /** The rows held, copied into arrays of their own (what a replica sends to the leader). */
  snapshot(): RowsPart<Name> {
    const columns = Object.create(null) as { [K in Name]: ColumnBuffer };
    for (const name of this.names) columns[name] = this.columns[name].slice(0, this.length);
    return { columns, keys: this.keys.slice(0, this.length), length: this.length };
  }

  /** The rows held, without copying (the leader's own part). */
  view(): RowsPart<Name> {
    return { columns: this.columns, keys: this.keys, length: this.length };
  }

  private grow(): void {
    const size = this.keys.length * 2;
    this.keys = grownArray(this.keys, size);
    for (const name of this.names) this.columns[name] = grownArray(this.columns[name] as Float64Array, size) as ColumnBuffer;
  }
}

/** Rows of one replica as the leader reads them: the first `length` entries of each column and of `keys`. */
export interface RowsPart<Name extends string = string> {
  readonly columns: { [K in Name]: ColumnBuffer };
  readonly keys: Float64Array;
  readonly length: number;
}

