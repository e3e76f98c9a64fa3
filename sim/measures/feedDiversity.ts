/**
 * Intra-list diversity of one feed session: the mean pairwise cosine distance, 1 - cos(a, b), over the items shown.
 * Item features have unit length, so the mean pairwise cosine of L items is (|sum of features|^2 - L) / (L(L - 1)):
 * keeping the running sum costs one vector addition per exposure instead of L^2 / 2 dot products per session.
 */
export class FeedDiversity {
  private readonly sum: Float64Array;
  private shown = 0;

  constructor(
    private readonly features: Float32Array,
    private readonly dims: number,
  ) {
    this.sum = new Float64Array(dims);
  }

  /** Starts a new session's list. */
  begin(): void {
    this.sum.fill(0);
    this.shown = 0;
  }

  /** Adds an item shown in the session. */
  add(item: number): void {
    const { sum, features, dims } = this;
    const o = item * dims;
    for (let k = 0; k < dims; k++) sum[k] += features[o + k];
    this.shown++;
  }

  /** Items added since `begin`. */
  get count(): number {
    return this.shown;
  }

  /** The session's intra-list diversity in [0, 2]; NaN for fewer than two items. */
  value(): number {
    const n = this.shown;
    if (n < 2) return Number.NaN;
    let squared = 0;
    for (let k = 0; k < this.dims; k++) squared += this.sum[k] * this.sum[k];
    return 1 - (squared - n) / (n * (n - 1));
  }
}
