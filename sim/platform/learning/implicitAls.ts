import { hashUniform } from './hash.js';
import { ItemColumns } from './itemNeighbours.js';
import type { RecentHistory } from './recentHistory.js';

/** Settings of one fit. */
export interface AlsSettings {
  /** L2 penalty on every factor vector. */
  regularization: number;
  /** Confidence slope: an interaction of weight r counts with confidence 1 + alpha * r. */
  alpha: number;
  /** Alternating sweeps (consumers, then items) per fit. */
  iterations: number;
  /** Conjugate-gradient steps per vector and sweep. */
  cgSteps: number;
}

/**
 * Implicit-feedback matrix factorization (Hu, Koren and Volinsky 2008): every (consumer, item) pair is a preference
 * p = 1 if observed positively, else 0, weighted by confidence c = 1 + alpha * r, r the observed weight. Returned items
 * are p = 0 with confidence from the return. Each vector is solved by a few conjugate-gradient steps warm-started
 * from the previous fit (Takacs, Pilaszy and Tikk 2011), so a sweep costs O(nnz * factors + rows * factors^2) and no
 * matrix is ever inverted. Only observed pairs are touched: the sum over unobserved ones comes from one Gram matrix.
 */
export class ImplicitAls {
  readonly consumerFactors: Float64Array;
  readonly itemFactors: Float64Array;
  private readonly columns: ItemColumns;
  private readonly gram: Float64Array;
  private readonly x: Float64Array;
  private readonly residual: Float64Array;
  private readonly direction: Float64Array;
  private readonly product: Float64Array;
  private readonly rhs: Float64Array;

  constructor(
    readonly consumers: number,
    readonly items: number,
    readonly factors: number,
  ) {
    this.consumerFactors = new Float64Array(consumers * factors);
    this.itemFactors = new Float64Array(items * factors);
    // Small deterministic starting values: zero vectors would stay zero under alternating solves.
    const scale = 0.1 / Math.sqrt(factors);
    for (let k = 0; k < this.itemFactors.length; k++) this.itemFactors[k] = scale * (hashUniform(k, 0x1f) - 0.5);
    for (let k = 0; k < this.consumerFactors.length; k++) this.consumerFactors[k] = scale * (hashUniform(k, 0x2f) - 0.5);
    this.columns = new ItemColumns(items);
    this.gram = new Float64Array(factors * factors);
    this.x = new Float64Array(factors);
    this.residual = new Float64Array(factors);
    this.direction = new Float64Array(factors);
    this.product = new Float64Array(factors);
    this.rhs = new Float64Array(factors);
  }

  /** Runs `iterations` alternating sweeps over the consumers' recent histories. */
  fit(history: RecentHistory, settings: AlsSettings): void {
    this.columns.build(history, true);
    for (let t = 0; t < settings.iterations; t++) {
      this.computeGram(this.itemFactors, this.items);
      for (let c = 0; c < this.consumers; c++) this.solveConsumer(c, history, settings);
      this.computeGram(this.consumerFactors, this.consumers);
      for (let i = 0; i < this.items; i++) this.solveItem(i, settings);
    }
    // Left ready for consumers folded in before the next fit.
    this.computeGram(this.itemFactors, this.items);
  }

  /**
   * Solves one consumer's vector against fixed item vectors (also how a consumer first seen after the last fit gets
   * a vector). Uses the item Gram matrix of the last sweep.
   */
  solveConsumer(consumer: number, history: RecentHistory, settings: AlsSettings): void {
    const o = consumer * history.length;
    const filled = history.count[consumer];
    if (filled === 0) {
      this.consumerFactors.fill(0, consumer * this.factors, (consumer + 1) * this.factors);
      return;
    }
    this.solve(this.consumerFactors, consumer, this.itemFactors, history.items, history.weights, o, o + filled, settings);
  }

  private solveItem(item: number, settings: AlsSettings): void {
    const { start, consumers, weights } = this.columns;
    if (start[item] === start[item + 1]) {
      // Never observed: no evidence, so the penalized solution is the zero vector.
      this.itemFactors.fill(0, item * this.factors, (item + 1) * this.factors);
      return;
    }
    this.solve(this.itemFactors, item, this.consumerFactors, consumers, weights, start[item], start[item + 1], settings);
  }

  private computeGram(vectors: Float64Array, rows: number): void {
    const { factors, gram } = this;
    gram.fill(0);
    for (let r = 0; r < rows; r++) {
      const o = r * factors;
      for (let a = 0; a < factors; a++) {
        const va = vectors[o + a];
        if (va === 0) continue;
        for (let b = a; b < factors; b++) gram[a * factors + b] += va * vectors[o + b];
      }
    }
    for (let a = 0; a < factors; a++) for (let b = 0; b < a; b++) gram[a * factors + b] = gram[b * factors + a];
  }

  /**
   * Conjugate gradient on (G + sum (c - 1) y y' + lambda I) x = sum c p y for row `row` of `target`, the observed
   * entries being `others[index[k]]` with weight `weights[k]` for k in [from, to).
   */
  private solve(
    target: Float64Array,
    row: number,
    others: Float64Array,
    index: Int32Array,
    weights: Float32Array,
    from: number,
    to: number,
    settings: AlsSettings,
  ): void {
    const { factors, x, residual, direction, product, rhs } = this;
    const o = row * factors;
    for (let k = 0; k < factors; k++) x[k] = target[o + k];
    rhs.fill(0);
    for (let e = from; e < to; e++) {
      const w = weights[e];
      if (w <= 0) continue;
      const confidence = 1 + settings.alpha * w;
      const oy = index[e] * factors;
      for (let k = 0; k < factors; k++) rhs[k] += confidence * others[oy + k];
    }
    this.multiply(x, product, others, index, weights, from, to, settings);
    let rr = 0;
    for (let k = 0; k < factors; k++) {
      residual[k] = rhs[k] - product[k];
      direction[k] = residual[k];
      rr += residual[k] * residual[k];
    }
    for (let step = 0; step < settings.cgSteps && rr > 1e-12; step++) {
      this.multiply(direction, product, others, index, weights, from, to, settings);
      let pAp = 0;
      for (let k = 0; k < factors; k++) pAp += direction[k] * product[k];
      if (pAp <= 0) break;
      const alpha = rr / pAp;
      let next = 0;
      for (let k = 0; k < factors; k++) {
        x[k] += alpha * direction[k];
        residual[k] -= alpha * product[k];
        next += residual[k] * residual[k];
      }
      const beta = next / rr;
      rr = next;
      for (let k = 0; k < factors; k++) direction[k] = residual[k] + beta * direction[k];
    }
    for (let k = 0; k < factors; k++) target[o + k] = x[k];
  }

  /** out = (G + sum (c - 1) y y' + lambda I) v over the row's observed entries. */
  private multiply(
    v: Float64Array,
    out: Float64Array,
    others: Float64Array,
    index: Int32Array,
    weights: Float32Array,
    from: number,
    to: number,
    settings: AlsSettings,
  ): void {
    const { factors, gram } = this;
    const lambda = settings.regularization;
    const alpha = settings.alpha;
    for (let a = 0; a < factors; a++) {
      const og = a * factors;
      let s0 = lambda * v[a];
      let s1 = 0;
      let b = 0;
      for (; b + 1 < factors; b += 2) {
        s0 += gram[og + b] * v[b];
        s1 += gram[og + b + 1] * v[b + 1];
      }
      if (b < factors) s0 += gram[og + b] * v[b];
      out[a] = s0 + s1;
    }
    for (let e = from; e < to; e++) {
      const w = weights[e];
      const extra = alpha * (w < 0 ? -w : w);
      if (extra === 0) continue;
      const oy = index[e] * factors;
      // Two accumulators break the dependent chain of additions.
      let d0 = 0;
      let d1 = 0;
      let k = 0;
      for (; k + 1 < factors; k += 2) {
        d0 += others[oy + k] * v[k];
        d1 += others[oy + k + 1] * v[k + 1];
      }
      if (k < factors) d0 += others[oy + k] * v[k];
      const scaled = extra * (d0 + d1);
      for (k = 0; k < factors; k++) out[k] += scaled * others[oy + k];
    }
  }
}
