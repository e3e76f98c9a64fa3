import { hash32 } from './hash.js';
import { ItemScratch } from './itemScratch.js';
import type { RecentHistory } from './recentHistory.js';
import { insertTop } from './topList.js';

/** Settings of the neighbour search. */
export interface NeighbourSearch {
  /** MinHash bands: each band buckets consumers by the item of their history with the smallest hash. */
  bands: number;
  /** Bucket mates compared per band (half before and half after the consumer in the bucket). */
  comparedPerBand: number;
  /** Added to the cosine's denominator: consumers who share one item out of few are not perfect neighbours. */
  shrinkage: number;
}

/**
 * Each consumer's nearest consumers by cosine similarity of their recent item histories, found without comparing all
 * pairs: MinHash locality-sensitive hashing (two consumers share a band's bucket with probability equal to the
 * Jaccard overlap of their histories) proposes a bounded number of candidates per consumer, and last time's
 * neighbours are compared again, so lists improve from one rebuild to the next. Cost: consumers x (bands x compared
 * + size) x history length.
 */
export class ConsumerNeighbours {
  readonly ids: Int32Array;
  readonly similarity: Float32Array;
  readonly count: Int32Array;
  private readonly minItem: Int32Array;
  private readonly bucketStart: Int32Array;
  private readonly members: Int32Array;
  private readonly position: Int32Array;
  private readonly norms: Float64Array;
  private readonly seen: Int32Array;
  private readonly previousIds: Int32Array;
  private readonly scratch: ItemScratch;
  private seenRound = 0;

  constructor(
    readonly consumers: number,
    readonly items: number,
    readonly size: number,
    readonly bands: number,
  ) {
    this.ids = new Int32Array(consumers * size);
    this.similarity = new Float32Array(consumers * size);
    this.count = new Int32Array(consumers);
    this.minItem = new Int32Array(bands * consumers);
    this.bucketStart = new Int32Array(bands * (items + 1));
    this.members = new Int32Array(bands * consumers);
    this.position = new Int32Array(bands * consumers);
    this.norms = new Float64Array(consumers);
    this.seen = new Int32Array(consumers);
    this.previousIds = new Int32Array(size);
    this.scratch = new ItemScratch(items);
  }

  /** Rebuilds every consumer's list from the current histories. */
  rebuild(history: RecentHistory, search: NeighbourSearch): void {
    this.hashHistories(history, search.bands);
    for (let b = 0; b < search.bands; b++) this.bucket(b);
    for (let c = 0; c < this.consumers; c++) this.findNeighbours(c, history, search);
  }

  private hashHistories(history: RecentHistory, bands: number): void {
    const { length } = history;
    for (let c = 0; c < this.consumers; c++) {
      const o = c * length;
      let norm = 0;
      for (let s = 0; s < history.count[c]; s++) norm += history.strength[o + s] * history.strength[o + s];
      this.norms[c] = Math.sqrt(norm);
      for (let b = 0; b < bands; b++) {
        let best = -1;
        let bestHash = 0;
        for (let s = 0; s < history.count[c]; s++) {
          if (history.weights[o + s] <= 0) continue;
          const item = history.items[o + s];
          const h = hash32(item, b + 1);
          if (best < 0 || h < bestHash || (h === bestHash && item < best)) {
            best = item;
            bestHash = h;
          }
        }
        this.minItem[b * this.consumers + c] = best;
      }
    }
  }

  /** Counting sort of consumers by band b's min-hash item. */
  private bucket(band: number): void {
    const { consumers, items } = this;
    const so = band * (items + 1);
    const mo = band * consumers;
    const start = this.bucketStart;
    start.fill(0, so, so + items + 1);
    for (let c = 0; c < consumers; c++) {
      const item = this.minItem[mo + c];
      if (item >= 0) start[so + item + 1]++;
    }
    for (let i = 0; i < items; i++) start[so + i + 1] += start[so + i];
    // Fill through a moving cursor per bucket, then restore the starts.
    for (let c = 0; c < consumers; c++) {
      const item = this.minItem[mo + c];
      if (item < 0) continue;
      const k = start[so + item]++;
      this.members[mo + k] = c;
      this.position[mo + c] = k;
    }
    for (let i = items; i > 0; i--) start[so + i] = start[so + i - 1];
    start[so] = 0;
  }

  private findNeighbours(c: number, history: RecentHistory, search: NeighbourSearch): void {
    const { size, consumers, items } = this;
    const offset = c * size;
    const kept = this.count[c];
    for (let k = 0; k < kept; k++) this.previousIds[k] = this.ids[offset + k];
    this.count[c] = 0;
    if (this.norms[c] <= 0) return;
    this.seenRound++;
    this.seen[c] = this.seenRound;
    const { scratch } = this;
    scratch.clear();
    const o = c * history.length;
    for (let s = 0; s < history.count[c]; s++) scratch.add(history.items[o + s], history.strength[o + s]);
    let filled = 0;
    for (let k = 0; k < kept; k++) filled = this.consider(c, this.previousIds[k], history, search.shrinkage, filled);
    const half = search.comparedPerBand >> 1;
    for (let b = 0; b < search.bands; b++) {
      const item = this.minItem[b * consumers + c];
      if (item < 0) continue;
      const so = b * (items + 1);
      const from = this.bucketStart[so + item];
      const to = this.bucketStart[so + item + 1];
      const at = this.position[b * consumers + c];
      const lo = Math.max(from, at - half);
      const hi = Math.min(to, lo + search.comparedPerBand + 1);
      for (let k = lo; k < hi; k++) filled = this.consider(c, this.members[b * consumers + k], history, search.shrinkage, filled);
    }
    this.count[c] = filled;
  }

  private consider(c: number, other: number, history: RecentHistory, shrinkage: number, filled: number): number {
    if (this.seen[other] === this.seenRound || this.norms[other] <= 0) return filled;
    this.seen[other] = this.seenRound;
    const o = other * history.length;
    let dot = 0;
    for (let s = 0; s < history.count[other]; s++) {
      dot += this.scratch.get(history.items[o + s]) * history.strength[o + s];
    }
    if (dot <= 0) return filled;
    const value = dot / (this.norms[c] * this.norms[other] + shrinkage);
    return insertTop(this.ids, this.similarity, c * this.size, this.size, filled, other, value);
  }
}
