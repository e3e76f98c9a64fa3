/**
 * Inserts (id, value) into the descending list ids/values[offset .. offset + capacity) that holds `filled` entries;
 * returns the new fill. A top-K insertion: cheaper than sorting when K is small (tens).
 */
export function insertTop(
  ids: Int32Array,
  values: Float32Array | Float64Array,
  offset: number,
  capacity: number,
  filled: number,
  id: number,
  value: number,
): number {
  if (filled === capacity && value <= values[offset + capacity - 1]) return filled;
  let r = filled < capacity ? filled : capacity - 1;
  while (r > 0 && values[offset + r - 1] < value) {
    ids[offset + r] = ids[offset + r - 1];
    values[offset + r] = values[offset + r - 1];
    r--;
  }
  ids[offset + r] = id;
  values[offset + r] = value;
  return filled < capacity ? filled + 1 : filled;
}

/**
 * The k largest offered values with their ids, kept in a min-heap: an offer costs O(log k) at most and O(1) when it
 * does not beat the smallest kept, where a sorted insertion shifts up to k entries. On equal values the earlier offer
 * stays, as with `insertTop`: an entry ranks below another of equal value when it was offered later.
 */
export class TopK {
  private readonly ids: Int32Array;
  private readonly values: Float64Array;
  private readonly order: Int32Array;
  private size = 0;
  private offers = 0;

  constructor(readonly capacity: number) {
    this.ids = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
    this.order = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
    this.offers = 0;
  }

  offer(id: number, value: number): void {
    const order = this.offers++;
    if (this.size < this.capacity) {
      this.siftUp(this.size++, id, value, order);
      return;
    }
    // Equal to the smallest kept: the earlier offer stays.
    if (value <= this.values[0]) return;
    this.siftDown(id, value, order);
  }

  /** Writes the kept entries to `outIds`/`outValues`, largest first, and empties the heap; returns how many. */
  drainDescending(outIds: Int32Array, outValues: Float64Array): number {
    const count = this.size;
    for (let r = count - 1; r >= 0; r--) {
      outIds[r] = this.ids[0];
      outValues[r] = this.values[0];
      const last = --this.size;
      if (last > 0) this.siftDown(this.ids[last], this.values[last], this.order[last]);
    }
    this.offers = 0;
    return count;
  }

  /** True when entry k ranks below (value, order): a smaller value, or the same value offered later. */
  private below(k: number, value: number, order: number): boolean {
    return this.values[k] < value || (this.values[k] === value && this.order[k] > order);
  }

  private place(k: number, id: number, value: number, order: number): void {
    this.ids[k] = id;
    this.values[k] = value;
    this.order[k] = order;
  }

  private siftUp(start: number, id: number, value: number, order: number): void {
    let child = start;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      // A min-heap keeps the lowest-ranked entry at the root: stop below a parent that ranks lower still.
      if (this.below(parent, value, order)) break;
      this.place(child, this.ids[parent], this.values[parent], this.order[parent]);
      child = parent;
    }
    this.place(child, id, value, order);
  }

  /** Puts (id, value, order) at the root and sifts it down below every entry that ranks lower. */
  private siftDown(id: number, value: number, order: number): void {
    const size = this.size;
    let parent = 0;
    for (;;) {
      let child = 2 * parent + 1;
      if (child >= size) break;
      if (child + 1 < size && this.below(child + 1, this.values[child], this.order[child])) child++;
      if (!this.below(child, value, order)) break;
      this.place(parent, this.ids[child], this.values[child], this.order[child]);
      parent = child;
    }
    this.place(parent, id, value, order);
  }
}
