import type { RandomSource } from '../rng.js';

/**
 * A Saltelli design in the unit cube: two independent sample matrices A and B (N rows each) and, for every parameter
 * i, the matrix AB_i (A with column i taken from B). Points are listed A, B, AB_1, ..., AB_k (N rows each), so the
 * model is evaluated N (k + 2) times.
 */
export interface SobolDesign {
  readonly dimensions: number;
  readonly samples: number;
  readonly points: readonly number[][];
}

/** An index with its bootstrap confidence interval. */
export interface IndexEstimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** Sobol indices of one parameter. */
export interface SobolIndices {
  /** First order: the share of output variance explained by the parameter alone. */
  readonly first: IndexEstimate;
  /** Total order: the share that would remain if all other parameters were known (its effect with all interactions). */
  readonly total: IndexEstimate;
}

/** Options of {@link sobolIndices}. */
export interface SobolOptions {
  /** Bootstrap resamples for the confidence intervals (default 1000). */
  readonly resamples?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
}

/** Draws the A and B matrices uniformly with `random` and assembles the Saltelli design. */
export function sobolDesign(dimensions: number, samples: number, random: RandomSource): SobolDesign {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`sobol: expected at least one parameter, got ${dimensions}`);
  if (!Number.isInteger(samples) || samples < 2) throw new RangeError(`--samples: expected an integer >= 2, got ${samples}`);
  const draw = (): number[][] => Array.from({ length: samples }, () => Array.from({ length: dimensions }, () => random()));
  const a = draw();
  const b = draw();
  const points = [...a, ...b];
  for (let i = 0; i < dimensions; i++) points.push(...a.map((row, j) => row.map((v, c) => (c === i ? b[j][i] : v))));
  return { dimensions, samples, points };
}

/**
 * First-order indices by Saltelli et al.'s (2010) estimator, S_i = mean(f_B (f_ABi - f_A)) / V, and total-order
 * indices by Jansen's (1999), ST_i = mean((f_A - f_ABi)^2) / (2 V), where V is the variance of f over A and B
 * together. Intervals are bootstrap percentiles over resampled rows of the design, drawn from `random`.
 */
export function sobolIndices(design: SobolDesign, outputs: readonly number[], random: RandomSource, options: SobolOptions = {}): SobolIndices[] {
  const { dimensions: k, samples: n } = design;
  if (outputs.length !== n * (k + 2)) throw new RangeError(`sobol: expected ${n * (k + 2)} outputs, got ${outputs.length}`);
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  // Centring leaves the indices unchanged in expectation and keeps large outputs (money) from inflating the
  // estimator's variance and the rounding error of the variance.
  const centre = outputs.slice(0, 2 * n).reduce((a, b) => a + b, 0) / (2 * n);
  const centred = outputs.map((y) => y - centre);
  const fA = Float64Array.from(centred.slice(0, n));
  const fB = Float64Array.from(centred.slice(n, 2 * n));
  const fAB = Array.from({ length: k }, (_, i) => Float64Array.from(centred.slice((2 + i) * n, (3 + i) * n)));
  const identity = Int32Array.from({ length: n }, (_, j) => j);
  const point = estimate(fA, fB, fAB, identity);
  const boot = Array.from({ length: k }, () => ({ first: new Float64Array(resamples), total: new Float64Array(resamples) }));
  const rows = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < n; j++) rows[j] = Math.floor(random() * n);
    const again = estimate(fA, fB, fAB, rows);
    again.forEach((s, i) => {
      boot[i].first[b] = s.first;
      boot[i].total[b] = s.total;
    });
  }
  const tail = (1 - level) / 2;
  return point.map((s, i) => ({
    first: { value: s.first, low: quantile(boot[i].first, tail), high: quantile(boot[i].first, 1 - tail) },
    total: { value: s.total, low: quantile(boot[i].total, tail), high: quantile(boot[i].total, 1 - tail) },
  }));
}

/** The point estimates over the design rows `rows` (all rows once, or a bootstrap resample). */
function estimate(fA: Float64Array, fB: Float64Array, fAB: readonly Float64Array[], rows: Int32Array): { first: number; total: number }[] {
  const n = rows.length;
  let sum = 0;
  for (const j of rows) sum += fA[j] + fB[j];
  const mean = sum / (2 * n);
  let squares = 0;
  for (const j of rows) squares += (fA[j] - mean) ** 2 + (fB[j] - mean) ** 2;
  const variance = squares / (2 * n);
  return fAB.map((column) => {
    let first = 0;
    let total = 0;
    for (const j of rows) {
      first += fB[j] * (column[j] - fA[j]);
      total += (fA[j] - column[j]) ** 2;
    }
    return { first: first / n / variance, total: total / (2 * n) / variance };
  });
}

/** The q-quantile by linear interpolation between order statistics (NaN when any value is NaN). */
function quantile(values: Float64Array, q: number): number {
  if (values.some(Number.isNaN)) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}
