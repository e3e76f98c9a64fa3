type ColumnArray = Int32Array | Int16Array | Uint8Array | Float64Array;
type ColumnConstructor = new (length: number) => ColumnArray;

/**
 * A first-in-first-out queue of records stored as typed-array columns (deliveries awaiting evaluation, cart items
 * awaiting review, returns on their way back). Records usually enter in day order, so the due ones are at the head;
 * `rotate` serves records whose due days are mixed. Space is reused: the live part moves to the front before the arrays
 * grow. `columns` stays the same object for the queue's life (growing replaces the arrays inside it), so a loop that
 * pushes or rotates may hold it; an array taken out of it is valid only until the next push or rotation.
 */
export class ColumnQueue<Name extends string> {
  readonly columns: { [K in Name]: ColumnArray };
  private readonly names: readonly Name[];
  private head = 0;
  private tail = 0;

  constructor(
    private readonly layout: { readonly [K in Name]: ColumnConstructor },
    private capacity = 1024,
  ) {
    this.names = Object.keys(layout) as Name[];
    this.columns = this.allocate(capacity);
  }

  /** Number of records waiting. */
  get length(): number {
    return this.tail - this.head;
  }

  /** Index of the oldest record (valid while length > 0 and until the next push). */
  get first(): number {
    return this.head;
  }

  /** Appends a record and returns its index, to be filled in before the next push. */
  push(): number {
    if (this.tail === this.capacity) this.makeRoom();
    return this.tail++;
  }

  /** Drops the oldest record. */
  shift(): void {
    if (this.head < this.tail) this.head++;
  }

  /** Moves the oldest record to the back (a record that is not due yet goes round again, keeping the others' order). */
  rotate(): void {
    const to = this.push();
    const from = this.head;
    for (const name of this.names) this.columns[name][to] = this.columns[name][from];
    this.head++;
  }

  /** Drops every record. */
  clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  private makeRoom(): void {
    const live = this.tail - this.head;
    if (live * 2 > this.capacity) {
      this.capacity *= 2;
      for (const name of this.names) {
        const grown = new this.layout[name](this.capacity);
        grown.set(this.columns[name].subarray(this.head, this.tail) as never);
        this.columns[name] = grown;
      }
    } else {
      for (const name of this.names) this.columns[name].copyWithin(0, this.head, this.tail);
    }
    this.head = 0;
    this.tail = live;
  }

  private allocate(capacity: number): { [K in Name]: ColumnArray } {
    const columns = {} as { [K in Name]: ColumnArray };
    for (const name of this.names) columns[name] = new this.layout[name](capacity);
    return columns;
  }
}
