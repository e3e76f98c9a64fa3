/**
 * Counts per item gathered during one hour and published at its end. Only the items touched are remembered, so
 * publishing costs the hour's activity, not the catalog's size. Counts are whole numbers, so several tallies (one per
 * block of consumers) merge to the same total in any order.
 */
export class ItemTally {
  readonly counts: Int32Array;
  readonly touched: Int32Array;
  touchedCount = 0;

  constructor(items: number) {
    this.counts = new Int32Array(items);
    this.touched = new Int32Array(items);
  }

  add(item: number): void {
    if (this.counts[item]++ === 0) this.touched[this.touchedCount++] = item;
  }

  /** Adds `count` to an item's tally (another replica's share of the hour). */
  addCount(item: number, count: number): void {
    if (this.counts[item] === 0) this.touched[this.touchedCount++] = item;
    this.counts[item] += count;
  }

  /** The items touched so far and their counts, copied; the tally is left as it is. */
  snapshot(): SparseCounts {
    const items = this.touched.slice(0, this.touchedCount);
    const counts = new Int32Array(this.touchedCount);
    for (let t = 0; t < items.length; t++) counts[t] = this.counts[items[t]];
    return { items, counts };
  }

  /** Adds a snapshot taken on another replica. */
  addAll(other: SparseCounts): void {
    for (let t = 0; t < other.items.length; t++) this.addCount(other.items[t], other.counts[t]);
  }

  /** Calls `apply(item, count)` for each item touched this hour, in the order first touched, then empties the tally. */
  drain(apply: (item: number, count: number) => void): void {
    const { counts, touched } = this;
    for (let t = 0; t < this.touchedCount; t++) {
      const item = touched[t];
      apply(item, counts[item]);
      counts[item] = 0;
    }
    this.touchedCount = 0;
  }
}

/** Items and their counts. */
export interface SparseCounts {
  readonly items: Int32Array;
  readonly counts: Int32Array;
}
