import type { RandomSource } from '../../rng.js';

/**
 * Bayesian linear regression with a Gaussian prior of precision `prior`: precision A = prior * I + sum w x x', mean
 * theta = A^-1 sum w r x. Thompson sampling draws theta + scale * s with s ~ N(0, A^-1), using the Cholesky factor of
 * A refreshed by `refit`. Old evidence fades by `forget` (a non-stationary world). All buffers are allocated once.
 */
export class BayesianLinearModel {
  /** Accumulated sum w x x' (without the prior), dims x dims. */
  private readonly evidence: Float64Array;
  /** Accumulated sum w r x. */
  private readonly target: Float64Array;
  /** Lower Cholesky factor of A. */
  private readonly cholesky: Float64Array;
  /** Posterior mean. */
  readonly theta: Float64Array;
  private readonly normals: Float64Array;
  private readonly work: Float64Array;
  /** Weighted count, sum of rewards and of squared rewards: the reward variance that scales exploration. */
  private weightSum = 0;
  private rewardSum = 0;
  private rewardSquares = 0;

  constructor(
    readonly dims: number,
    readonly prior: number,
  ) {
    if (!(prior > 0)) throw new RangeError(`invalid prior precision ${prior}`);
    this.evidence = new Float64Array(dims * dims);
    this.target = new Float64Array(dims);
    this.cholesky = new Float64Array(dims * dims);
    this.theta = new Float64Array(dims);
    this.normals = new Float64Array(dims);
    this.work = new Float64Array(dims);
    this.refit();
  }

  /** Adds one observation x (row `offset` of `features`) with reward r and weight w. */
  observe(features: Float64Array, reward: number, weight: number): void {
    const { dims, evidence } = this;
    for (let a = 0; a < dims; a++) {
      const wa = weight * features[a];
      if (wa === 0) continue;
      const o = a * dims;
      for (let b = a; b < dims; b++) evidence[o + b] += wa * features[b];
      this.target[a] += wa * reward;
    }
    this.weightSum += weight;
    this.rewardSum += weight * reward;
    this.rewardSquares += weight * reward * reward;
  }

  /** Scales all evidence by `kept` in (0, 1]: older observations count less. */
  forget(kept: number): void {
    for (let k = 0; k < this.evidence.length; k++) this.evidence[k] *= kept;
    for (let k = 0; k < this.dims; k++) this.target[k] *= kept;
    this.weightSum *= kept;
    this.rewardSum *= kept;
    this.rewardSquares *= kept;
  }

  /** Standard deviation of observed rewards (1 before any evidence): the noise scale of the posterior. */
  rewardDeviation(): number {
    if (this.weightSum <= 0) return 1;
    const mean = this.rewardSum / this.weightSum;
    return Math.sqrt(Math.max(1e-12, this.rewardSquares / this.weightSum - mean * mean));
  }

  /** Refreshes the Cholesky factor and the posterior mean from the evidence. */
  refit(): void {
    const { dims, cholesky, evidence } = this;
    for (let a = 0; a < dims; a++) {
      for (let b = 0; b <= a; b++) {
        // A is symmetric; its upper triangle holds the evidence.
        let sum = evidence[b * dims + a] + (a === b ? this.prior : 0);
        for (let k = 0; k < b; k++) sum -= cholesky[a * dims + k] * cholesky[b * dims + k];
        cholesky[a * dims + b] = a === b ? Math.sqrt(Math.max(sum, 1e-12)) : sum / cholesky[b * dims + b];
      }
      for (let b = a + 1; b < dims; b++) cholesky[a * dims + b] = 0;
    }
    // theta = A^-1 target: L y = target, then L' theta = y.
    this.forwardSolve(this.target, this.work);
    this.backSolve(this.work, this.theta);
  }

  /** Writes a posterior draw theta + scale * N(0, A^-1) into `out`, from `draw`. */
  sample(out: Float64Array, scale: number, draw: RandomSource): void {
    const { dims, normals } = this;
    for (let k = 0; k < dims; k += 2) {
      // Box-Muller: two standard normals from two uniforms.
      const radius = Math.sqrt(-2 * Math.log(1 - draw()));
      const angle = 2 * Math.PI * draw();
      normals[k] = radius * Math.cos(angle);
      if (k + 1 < dims) normals[k + 1] = radius * Math.sin(angle);
    }
    // L' s = z gives s ~ N(0, (L L')^-1) = N(0, A^-1).
    this.backSolve(normals, this.work);
    for (let k = 0; k < dims; k++) out[k] = this.theta[k] + scale * this.work[k];
  }

  private forwardSolve(b: Float64Array, out: Float64Array): void {
    const { dims, cholesky } = this;
    for (let a = 0; a < dims; a++) {
      let sum = b[a];
      for (let k = 0; k < a; k++) sum -= cholesky[a * dims + k] * out[k];
      out[a] = sum / cholesky[a * dims + a];
    }
  }

  private backSolve(b: Float64Array, out: Float64Array): void {
    const { dims, cholesky } = this;
    for (let a = dims - 1; a >= 0; a--) {
      let sum = b[a];
      for (let k = a + 1; k < dims; k++) sum -= cholesky[k * dims + a] * out[k];
      out[a] = sum / cholesky[a * dims + a];
    }
  }
}
