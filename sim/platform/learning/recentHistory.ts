/**
 * Each consumer's last few distinct items with an interaction weight (views add 1, purchases more, a return turns the
 * item's weight negative), in one ring of `length` slots per consumer. Recording is O(length) and allocates nothing:
 * a repeated item adds to its slot, a new one replaces the oldest. What the collaborative policies learn from.
 */
export class RecentHistory {
  /** Items per consumer (-1 = empty slot), consumers x length. */
  readonly items: Int32Array;
  /** Interaction weight of each slot, consumers x length. */
  readonly weights: Float32Array;
  /** Damped weight of each slot, log(1 + weight) (0 for a returned item), kept with the weight so learners need no log. */
  readonly strength: Float32Array;
  /** Filled slots per consumer (at most length). */
  readonly count: Uint16Array;
  /** Slot the next new item goes to, per consumer. */
  private readonly next: Uint16Array;
  /** Increments on every write: lets a policy tell whether anything changed since it last looked. */
  writes = 0;
  /** Per consumer, increments on every write to that consumer's history. */
  readonly version: Uint32Array;

  constructor(
    readonly consumers: number,
    readonly length: number,
  ) {
    if (!Number.isInteger(length) || length < 1 || length > 65535) throw new RangeError(`invalid history length ${length}`);
    this.items = new Int32Array(consumers * length).fill(-1);
    this.weights = new Float32Array(consumers * length);
    this.strength = new Float32Array(consumers * length);
    this.count = new Uint16Array(consumers);
    this.next = new Uint16Array(consumers);
    this.version = new Uint32Array(consumers);
  }

  /** Adds `weight` to the consumer's slot for `item`, taking the oldest slot when the item is new. */
  add(consumer: number, item: number, weight: number): void {
    const { length, items } = this;
    const o = consumer * length;
    const filled = this.count[consumer];
    this.writes++;
    this.version[consumer]++;
    for (let s = 0; s < filled; s++) {
      if (items[o + s] === item) {
        // A returned item stays negative: watching it again does not undo the return.
        if (this.weights[o + s] >= 0) {
          this.weights[o + s] += weight;
          this.strength[o + s] = Math.log1p(this.weights[o + s]);
        }
        return;
      }
    }
    const slot = this.next[consumer];
    items[o + slot] = item;
    this.weights[o + slot] = weight;
    this.strength[o + slot] = weight > 0 ? Math.log1p(weight) : 0;
    this.next[consumer] = slot + 1 === length ? 0 : slot + 1;
    if (filled < length) this.count[consumer] = filled + 1;
  }

  /** Marks the consumer's slot for `item` as returned (a negative weight); nothing if it has left the window. */
  markReturned(consumer: number, item: number, penalty: number): void {
    const o = consumer * this.length;
    const filled = this.count[consumer];
    for (let s = 0; s < filled; s++) {
      if (this.items[o + s] === item) {
        this.weights[o + s] = -penalty;
        this.strength[o + s] = 0;
        this.writes++;
        this.version[consumer]++;
        return;
      }
    }
  }

  /** The slot index of the r-th most recently added item (r = 0 is the newest), for r < count. */
  slotByRecency(consumer: number, r: number): number {
    const slot = this.next[consumer] - 1 - r;
    return consumer * this.length + (slot < 0 ? slot + this.length : slot);
  }
}
