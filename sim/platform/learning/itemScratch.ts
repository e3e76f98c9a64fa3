import type { CandidatePool } from '../candidatePool.js';
import { insertTop } from './topList.js';

/**
 * A dense per-item accumulator that resets in O(1): values live in a catalog-sized array stamped with the current
 * round, and the touched items are listed so they can be walked without scanning the catalog. Reused for every
 * consumer, so scoring allocates nothing.
 */
export class ItemScratch {
  readonly values: Float64Array;
  readonly touched: Int32Array;
  touchedCount = 0;
  private readonly stamp: Int32Array;
  private round = 1;

  constructor(items: number) {
    this.values = new Float64Array(items);
    this.stamp = new Int32Array(items);
    this.touched = new Int32Array(items);
  }

  /** Forgets every value. */
  clear(): void {
    this.round++;
    this.touchedCount = 0;
  }

  add(item: number, value: number): void {
    if (this.stamp[item] !== this.round) {
      this.stamp[item] = this.round;
      this.values[item] = value;
      this.touched[this.touchedCount++] = item;
    } else {
      this.values[item] += value;
    }
  }

  /** The accumulated value, 0 for an item not touched since `clear`. */
  get(item: number): number {
    return this.stamp[item] === this.round ? this.values[item] : 0;
  }
}

/**
 * The neighbour-based policies' two uses of a consumer's accumulated item scores: the best of them as candidates,
 * and every candidate's score scaled to [0, 1] plus a little popularity. Buffers are sized once per policy.
 */
export class NeighbourScores {
  readonly scratch: ItemScratch;
  private readonly bestIds: Int32Array;
  private readonly bestValues: Float64Array;

  constructor(items: number, wanted: number) {
    this.scratch = new ItemScratch(items);
    this.bestIds = new Int32Array(wanted);
    this.bestValues = new Float64Array(wanted);
  }

  /** The largest accumulated value (0 when nothing positive was accumulated). */
  max(): number {
    const { scratch } = this;
    let max = 0;
    for (let t = 0; t < scratch.touchedCount; t++) if (scratch.values[scratch.touched[t]] > max) max = scratch.values[scratch.touched[t]];
    return max;
  }

  /** Adds the best-scoring items with a positive score to the pool, best first. */
  addBest(pool: CandidatePool): void {
    const { scratch, bestIds, bestValues } = this;
    const wanted = bestIds.length;
    let filled = 0;
    for (let t = 0; t < scratch.touchedCount; t++) {
      const item = scratch.touched[t];
      const value = scratch.values[item];
      if (filled < wanted || value > bestValues[wanted - 1]) filled = insertTop(bestIds, bestValues, 0, wanted, filled, item, value);
    }
    for (let k = 0; k < filled; k++) if (bestValues[k] > 0) pool.add(bestIds[k]);
  }

  /** Scores every candidate: its accumulated value over `max`, plus `popularityWeight` times its popularity. */
  score(pool: CandidatePool, max: number, popularity: Float64Array, popularityWeight: number): void {
    const scale = 1 / max;
    for (let k = 0; k < pool.count; k++) {
      const item = pool.items[k];
      pool.scores[k] = scale * this.scratch.get(item) + popularityWeight * popularity[item];
    }
  }
}
