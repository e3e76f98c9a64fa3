import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import {
  Bool,
  type DataType,
  Dictionary,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int8,
  makeData,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Uint32,
  Utf8,
  vectorFromArray,
  type Data,
  type Vector,
} from 'apache-arrow';

/** The type of one column. A dictionary column stores codes into a fixed list of strings. */
export type ColumnKind =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'uint32'
  | 'float32'
  | 'float64'
  | 'bool'
  | { readonly dictionary: readonly string[] };

/** One column of a table: snake_case name, kind and what it means (stored as field metadata). */
export interface ColumnSpec<Name extends string = string> {
  readonly name: Name;
  readonly kind: ColumnKind;
  readonly description?: string;
}

/** The typed array a column is filled through: codes for dictionaries, 0/1 for booleans. */
export type ColumnBuffer = Int8Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;

export interface ArrowTableWriterOptions {
  /** Rows per record batch (default 65,536): memory is bounded by one batch. */
  readonly batchRows?: number;
  /** Schema-level metadata (software version, scenario, seed). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Dictionary codes fit in Int8 up to 127 values, else Int16. */
const INT8_DICTIONARY_LIMIT = 127;

/**
 * Arrow's file writer, made synchronous: every chunk goes straight to the file descriptor instead of the writer's
 * asynchronous queue. The byte position is kept, because the footer records where each batch starts.
 */
class SyncFileWriter extends RecordBatchFileWriter {
  constructor(private readonly fd: number) {
    super({ autoDestroy: true });
  }

  protected override _write(chunk: ArrayBufferView): this {
    if (this._started && chunk.byteLength > 0) {
      writeSync(this.fd, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this._position += chunk.byteLength;
    }
    return this;
  }
}

/**
 * Writes one Arrow IPC file as rows arrive, in record batches. Rows are written into reusable typed-array buffers
 * (`columns[name][row]` with the row from `nextRow()`), so appending allocates nothing; a full batch is serialized
 * and written synchronously before its buffers are reused. The same rows always give the same bytes.
 */
export class ArrowTableWriter<Name extends string> {
  readonly columns: { readonly [K in Name]: ColumnBuffer };
  private readonly specs: readonly ColumnSpec<Name>[];
  private readonly schema: Schema;
  private readonly dictionaries: (Vector | null)[];
  private readonly batchRows: number;
  private readonly writer: SyncFileWriter;
  private readonly fd: number;
  private buffered = 0;
  private written = 0;
  private open = true;

  constructor(
    private readonly path: string,
    columns: readonly ColumnSpec<Name>[],
    options: ArrowTableWriterOptions = {},
  ) {
    const batchRows = options.batchRows ?? 65_536;
    if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`${path}: batchRows must be an integer >= 1, got ${batchRows}`);
    const seen = new Set<string>();
    for (const spec of columns) {
      if (seen.has(spec.name)) throw new RangeError(`${path}: duplicate column "${spec.name}"`);
      seen.add(spec.name);
    }
    this.specs = columns;
    this.batchRows = batchRows;
    this.dictionaries = columns.map((spec) => (typeof spec.kind === 'object' ? vectorFromArray([...spec.kind.dictionary], new Utf8()) : null));
    const fields = columns.map((spec, k) => {
      const metadata = spec.description ? new Map([['description', spec.description]]) : undefined;
      return new Field(spec.name, arrowType(spec, k), false, metadata);
    });
    this.schema = new Schema(fields, new Map(Object.entries(options.metadata ?? {})));
    const buffers = {} as Record<Name, ColumnBuffer>;
    for (const spec of columns) buffers[spec.name] = allocate(spec.kind, batchRows);
    this.columns = buffers;
    this.fd = openSync(path, 'w');
    this.writer = new SyncFileWriter(this.fd);
    this.writer.reset(undefined, this.schema);
  }

  /** Total rows appended so far. */
  get rowCount(): number {
    return this.written + this.buffered;
  }

  /** Reserves the next row and returns its index in the column buffers; writes out a full batch first. */
  nextRow(): number {
    if (this.buffered === this.batchRows) this.flush();
    return this.buffered++;
  }

  /** Writes the buffered rows as one record batch (nothing when there are none). */
  flush(): void {
    if (!this.open) throw new Error(`${this.path}: writer is closed`);
    if (this.buffered === 0) return;
    const length = this.buffered;
    const children = this.specs.map((spec, k) => columnData(spec, this.columns[spec.name], length, this.schema.fields[k].type, this.dictionaries[k]));
    const data = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, data));
    this.written += length;
    this.buffered = 0;
  }

  /** Flushes, writes the footer and closes the file; returns the number of rows. */
  close(): number {
    this.flush();
    // A file with no rows still needs its schema message, which arrow writes with the first batch.
    if (this.written === 0) this.writer.write(new RecordBatch(this.schema, makeData({ type: new Struct(this.schema.fields), length: 0, nullCount: 0, children: this.schema.fields.map((f, k) => emptyData(f.type, this.dictionaries[k])) })));
    this.writer.finish();
    closeSync(this.fd);
    this.open = false;
    return this.written;
  }

  /** Closes and deletes the file (a failed run). */
  abort(): void {
    if (this.open) {
      closeSync(this.fd);
      this.open = false;
    }
    rmSync(this.path, { force: true });
  }
}

/** The code of a dictionary value, for use outside hot loops; an unknown value is an error naming the column. */
export function dictionaryCode(spec: ColumnSpec, value: string): number {
  if (typeof spec.kind !== 'object') throw new TypeError(`column "${spec.name}" is not a dictionary column`);
  const code = spec.kind.dictionary.indexOf(value);
  if (code < 0) throw new RangeError(`column "${spec.name}": "${value}" is not one of ${spec.kind.dictionary.join(', ')}`);
  return code;
}

/** Each plain kind's Arrow type and the typed array that buffers it (booleans as bytes, bit-packed at flush). */
const PLAIN_KINDS: Record<Exclude<ColumnKind, object>, { type: () => DataType; buffer: new (rows: number) => ColumnBuffer }> = {
  int8: { type: () => new Int8(), buffer: Int8Array },
  int16: { type: () => new Int16(), buffer: Int16Array },
  int32: { type: () => new Int32(), buffer: Int32Array },
  uint32: { type: () => new Uint32(), buffer: Uint32Array },
  float32: { type: () => new Float32(), buffer: Float32Array },
  float64: { type: () => new Float64(), buffer: Float64Array },
  bool: { type: () => new Bool(), buffer: Uint8Array },
};

function arrowType(spec: ColumnSpec, index: number): DataType {
  const kind = spec.kind;
  if (typeof kind !== 'object') return PLAIN_KINDS[kind].type();
  const codes = kind.dictionary.length <= INT8_DICTIONARY_LIMIT ? new Int8() : new Int16();
  return new Dictionary(new Utf8(), codes, index);
}

function allocate(kind: ColumnKind, rows: number): ColumnBuffer {
  if (typeof kind !== 'object') return new PLAIN_KINDS[kind].buffer(rows);
  return kind.dictionary.length <= INT8_DICTIONARY_LIMIT ? new Int8Array(rows) : new Int16Array(rows);
}

/** Arrow data over the first `length` rows of a buffer (a view, not a copy; booleans are bit-packed). */
function columnData(spec: ColumnSpec, buffer: ColumnBuffer, length: number, type: DataType, dictionary: Vector | null): Data {
  const values = buffer.subarray(0, length);
  if (spec.kind === 'bool') return makeData({ type: type as Bool, length, nullCount: 0, data: packBits(values as Uint8Array) });
  if (dictionary !== null) return makeData({ type: type as Dictionary, length, nullCount: 0, data: values as Int8Array, dictionary });
  return makeData({ type: type as Int32, length, nullCount: 0, data: values as Int32Array });
}

function emptyData(type: DataType, dictionary: Vector | null): Data {
  if (dictionary !== null) return makeData({ type: type as Dictionary, length: 0, nullCount: 0, data: new Int8Array(0), dictionary });
  if (type instanceof Bool) return makeData({ type, length: 0, nullCount: 0, data: new Uint8Array(0) });
  return makeData({ type: type as Int32, length: 0, nullCount: 0, data: new Int32Array(0) });
}

function packBits(values: Uint8Array): Uint8Array {
  const packed = new Uint8Array((values.length + 7) >> 3);
  for (let k = 0; k < values.length; k++) if (values[k]) packed[k >> 3] |= 1 << (k & 7);
  return packed;
}
