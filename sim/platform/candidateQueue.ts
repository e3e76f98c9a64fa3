/** Buckets per candidate: enough that most buckets hold zero or one candidate, so a bucket's scan is short. */
const BUCKETS_PER_CANDIDATE = 2;

/**
 * Candidates of one pool in order of score, best first, taken one at a time as the consumer scrolls. A bucket queue
 * rather than a heap: scores are spread over their range into about two buckets per candidate, adding is O(1), and
 * taking the best walks down from the highest non-empty bucket and scans its few entries. Most feeds are abandoned
 * after a fraction of the pool, so only what is shown is ever ordered; a heap's comparisons cost a tenth of the
 * engine's time. The order is exact: highest score first, equal scores by ascending pool index.
 */
export class CandidateQueue {
  private readonly first: Int32Array;
  private readonly next: Int32Array;
  private readonly score: Float64Array;
  private top = -1;
  private low = 0;
  private scale = 0;

  constructor(capacity: number) {
    this.first = new Int32Array(capacity * BUCKETS_PER_CANDIDATE + 1).fill(-1);
    this.next = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
  }

  /**
   * Replaces the queue's contents with pool indices `indices[0 .. count)` (or 0 .. count when `indices` is null)
   * and their scores `scores[index]`.
   */
  fill(scores: Float64Array, indices: Int32Array | null, count: number): void {
    this.first.fill(-1, 0, this.top + 1);
    let low = Infinity;
    let high = -Infinity;
    for (let r = 0; r < count; r++) {
      const s = scores[indices === null ? r : indices[r]];
      if (s < low) low = s;
      if (s > high) high = s;
    }
    const buckets = count * BUCKETS_PER_CANDIDATE;
    this.low = low;
    this.scale = high > low && Number.isFinite(high - low) ? (buckets - 1) / (high - low) : 0;
    this.top = count > 0 ? buckets - 1 : -1;
    // Added from the last to the first so that each bucket's list runs in ascending pool index.
    for (let r = count - 1; r >= 0; r--) {
      const k = indices === null ? r : indices[r];
      const s = scores[k];
      this.score[k] = s;
      const b = this.bucketOf(s);
      this.next[k] = this.first[b];
      this.first[b] = k;
    }
  }

  /**
   * Removes and returns the best pool index whose `taken` flag is 0 and whose item has stock, or -1 when none is
   * left. Entries found taken or sold out are dropped for good: stock only falls while a day's sessions run.
   */
  takeBest(taken: Uint8Array, items: Int32Array, stock: Int32Array): number {
    const { first, next, score } = this;
    for (; this.top >= 0; this.top--) {
      const b = this.top;
      let best = -1;
      let bestPrevious = -1;
      let previous = -1;
      for (let k = first[b]; k >= 0; k = next[k]) {
        if (taken[k] || stock[items[k]] <= 0) {
          if (previous < 0) first[b] = next[k];
          else next[previous] = next[k];
          continue;
        }
        if (best < 0 || score[k] > score[best]) {
          best = k;
          bestPrevious = previous;
        }
        previous = k;
      }
      if (best >= 0) {
        if (bestPrevious < 0) first[b] = next[best];
        else next[bestPrevious] = next[best];
        return best;
      }
    }
    return -1;
  }

  private bucketOf(s: number): number {
    const b = ((s - this.low) * this.scale) | 0;
    const last = this.first.length - 2;
    return b < 0 ? 0 : b > last ? last : b;
  }
}
