import type { PublicCatalog } from './publicCatalog.js';

/**
 * A reusable set of candidate items for one feed, with their scores. Duplicates are dropped in O(1) with a stamp
 * per item, so building a pool allocates nothing.
 */
export class CandidatePool {
  readonly items: Int32Array;
  readonly scores: Float64Array;
  count = 0;
  /**
   * Pool indices of live rooms on air, recorded as they are added (live slots never scan the pool). A live item off
   * air is pooled as a plain product video.
   */
  readonly liveIndices: Int32Array;
  liveCount = 0;
  private readonly stamp: Int32Array;
  /** Each pooled item's index in the pool (valid while its stamp is current). */
  private readonly indexOfItem: Int32Array;
  private currentStamp = 0;

  constructor(
    readonly capacity: number,
    private readonly catalog: PublicCatalog,
  ) {
    this.items = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.liveIndices = new Int32Array(capacity);
    this.stamp = new Int32Array(catalog.size);
    this.indexOfItem = new Int32Array(catalog.size);
  }

  /** Empties the pool for a new feed. */
  reset(): void {
    this.count = 0;
    this.liveCount = 0;
    this.currentStamp++;
  }

  /** Adds an in-stock item not already in the pool; returns false when it was not added. */
  add(item: number): boolean {
    if (item < 0 || this.count >= this.capacity || this.stamp[item] === this.currentStamp) return false;
    if (this.catalog.stock[item] <= 0) return false;
    this.stamp[item] = this.currentStamp;
    this.indexOfItem[item] = this.count;
    if (this.catalog.onAir[item]) this.liveIndices[this.liveCount++] = this.count;
    this.items[this.count++] = item;
    return true;
  }

  /** The item's index in the pool, or -1 when it is not pooled. */
  indexOf(item: number): number {
    return this.stamp[item] === this.currentStamp ? this.indexOfItem[item] : -1;
  }

  /** True when the pool is full. */
  get full(): boolean {
    return this.count >= this.capacity;
  }
}
