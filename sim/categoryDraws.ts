import type { Sampler } from './distributions.js';
import type { RandomSource } from './rng.js';

/**
 * Stratified draws of n values from any sampler: n x `oversample` independent draws are sorted into n strata of
 * `oversample` consecutive order statistics, one value is taken at a random position of each stratum, and the n
 * values are shuffled. Each value is a uniformly random element of an independent pool, so its marginal distribution
 * is the sampler's; but together the n values cover the distribution evenly, so their mean (and any other aggregate)
 * hardly varies between seeds.
 */
export function stratifiedDraws(sample: Sampler, n: number, source: RandomSource, oversample = 64): Float64Array {
  const pool = new Float64Array(n * oversample);
  for (let j = 0; j < pool.length; j++) pool[j] = sample();
  pool.sort();
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = pool[j * oversample + Math.floor(source() * oversample)];
  for (let j = n - 1; j > 0; j--) {
    const r = Math.floor(source() * (j + 1));
    const t = out[j];
    out[j] = out[r];
    out[r] = t;
  }
  return out;
}

/** Rounds of {@link balanceResultant}: each shifts the rows and renormalizes; the resultant's length converges fast. */
const BALANCE_ROUNDS = 50;

/**
 * Balances n unit rows (n x dims) in place so that their resultant has length sqrt(n), its expectation for independent
 * uniform directions: the pairwise cosines then average exactly 0. Each round shifts every row along the resultant's
 * own direction and renormalizes; the map commutes with rotations and row permutations, so each row stays uniformly
 * distributed on the sphere, and only the seed-to-seed spread of how clustered the directions are goes.
 */
export function balanceResultant(rows: Float32Array, n: number, dims: number): void {
  const x = Float64Array.from(rows);
  const mean = new Float64Array(dims);
  const target = 1 / Math.sqrt(n);
  normalizeRows(x, n, dims);
  for (let round = 0; round < BALANCE_ROUNDS; round++) {
    mean.fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < dims; k++) mean[k] += x[i * dims + k] / n;
    let length = 0;
    for (let k = 0; k < dims; k++) length += mean[k] * mean[k];
    length = Math.sqrt(length);
    if (length === 0) break;
    for (let i = 0; i < n; i++) for (let k = 0; k < dims; k++) x[i * dims + k] += (mean[k] / length) * target - mean[k];
    normalizeRows(x, n, dims);
  }
  rows.set(x);
}

function normalizeRows(x: Float64Array, n: number, dims: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < dims; k++) s += x[i * dims + k] * x[i * dims + k];
    const f = 1 / Math.sqrt(s);
    for (let k = 0; k < dims; k++) x[i * dims + k] *= f;
  }
}

/** Frame potential Σ_a Σ_b (x_a · x_b)² of n rows, from the frame operator S = Σ_a x_a x_aᵀ: it equals ‖S‖². */
export function framePotential(x: ArrayLike<number>, n: number, dims: number): number {
  const s = frameOperator(x, n, dims);
  let sum = 0;
  for (let k = 0; k < s.length; k++) sum += s[k] * s[k];
  return sum;
}

function frameOperator(x: ArrayLike<number>, n: number, dims: number): Float64Array {
  const s = new Float64Array(dims * dims);
  for (let i = 0; i < n; i++) for (let p = 0; p < dims; p++) for (let q = 0; q < dims; q++) s[p * dims + q] += x[i * dims + p] * x[i * dims + q];
  return s;
}

/** Each row moved by t along S x_a (towards the directions the rows crowd into for t > 0) and renormalized. */
function moveAlongFrame(x: Float64Array, n: number, dims: number, t: number): Float64Array {
  const s = frameOperator(x, n, dims);
  const y = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < dims; p++) {
      let sx = 0;
      for (let q = 0; q < dims; q++) sx += s[p * dims + q] * x[i * dims + q];
      y[i * dims + p] += (t * sx) / n;
    }
  }
  normalizeRows(y, n, dims);
  return y;
}

/** Bisection steps of the frame move, and rounds alternating it with the resultant's balance. */
const FRAME_BISECTIONS = 50;
const FRAME_ROUNDS = 6;
/** How close the potential must come to its target, relative, and how close two rows may come, for the result to stand. */
const FRAME_TOLERANCE = 1e-3;
const MAX_COSINE = 0.99;

/** The largest eigenvalue of the frame operator, by power iteration (S is symmetric and positive semidefinite). */
function largestFrameEigenvalue(x: Float64Array, n: number, dims: number): number {
  const s = frameOperator(x, n, dims);
  let v = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  let lambda = 0;
  for (let k = 0; k < 100; k++) {
    const w = new Float64Array(dims);
    for (let p = 0; p < dims; p++) for (let q = 0; q < dims; q++) w[p] += s[p * dims + q] * v[q];
    let norm = 0;
    for (let p = 0; p < dims; p++) norm += w[p] * w[p];
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    lambda = norm;
    v = w.map((value) => value / norm);
  }
  return lambda;
}

function largestCosine(x: ArrayLike<number>, n: number, dims: number): number {
  let largest = -1;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let cosine = 0;
      for (let k = 0; k < dims; k++) cosine += x[a * dims + k] * x[b * dims + k];
      if (cosine > largest) largest = cosine;
    }
  }
  return largest;
}

/**
 * Balances how clustered n unit rows are, beyond their mean: the frame potential Σ_a Σ_b (x_a · x_b)², the sum of
 * squared cosines, is set to its expectation for independent uniform directions, n + n(n - 1) / dims, and the
 * resultant to length √n as {@link balanceResultant} does, alternately. The frame move shifts every row along S x_a
 * (S = Σ_b x_b x_bᵀ), towards the directions the rows crowd into (t > 0) or away from them (t < 0), by a step found by
 * bisection; a step away is kept above -n / λ_max, where it would start to flip the main direction. Like the
 * resultant's balance it commutes with rotations and row permutations, so each row stays uniform on the sphere; only
 * the seed-to-seed spread of how clustered the directions are goes.
 *
 * With few rows both targets cannot always hold at once (two rows at cosine 0 have potential 2, not 2 + 2/dims). The
 * result stands only when the potential is within FRAME_TOLERANCE of its target and no two rows are nearly the same;
 * otherwise the rows get the resultant's balance alone.
 * @returns whether the clustering was balanced (false: the resultant's balance alone was applied).
 */
export function balanceClustering(rows: Float32Array, n: number, dims: number): boolean {
  const target = n + (n * (n - 1)) / dims;
  let x: Float64Array = Float64Array.from(rows);
  normalizeRows(x, n, dims);
  for (let round = 0; round < FRAME_ROUNDS; round++) {
    const potential = (t: number) => framePotential(moveAlongFrame(x, n, dims, t), n, dims);
    const floor = (-0.9 * n) / Math.max(largestFrameEigenvalue(x, n, dims), 1e-12);
    let low = 0;
    let high = 0;
    if (potential(0) < target) {
      let step = 0.05;
      while (potential(high) < target && step < 1e3) high = step *= 2;
    } else {
      low = floor;
    }
    for (let k = 0; k < FRAME_BISECTIONS; k++) {
      const mid = (low + high) / 2;
      if (potential(mid) < target) low = mid;
      else high = mid;
    }
    x = moveAlongFrame(x, n, dims, (low + high) / 2);
    const balanced = Float32Array.from(x);
    balanceResultant(balanced, n, dims);
    x = Float64Array.from(balanced);
  }
  const reached = Math.abs(framePotential(x, n, dims) / target - 1) < FRAME_TOLERANCE && largestCosine(x, n, dims) < MAX_COSINE;
  if (reached) rows.set(x);
  else balanceResultant(rows, n, dims);
  return reached;
}

/**
 * How crowded each row's neighbourhood is: the sum of its positive cosines to the other rows. A category amid many
 * others is shown to the consumers of all of them.
 */
export function crowding(rows: ArrayLike<number>, n: number, dims: number): Float64Array {
  const out = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      let cosine = 0;
      for (let k = 0; k < dims; k++) cosine += rows[a * dims + k] * rows[b * dims + k];
      if (cosine > 0) out[a] += cosine;
    }
  }
  return out;
}

/** The crowding rank that the r-th smallest value goes to, for r = 0 .. n - 1: the rank of frac(1/2 + r·step). */
function crowdingRanks(n: number, step: number): number[] {
  const key = Array.from({ length: n }, (_, r) => (0.5 + r * step) % 1);
  const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => key[a] - key[b] || a - b);
  const ranks = new Array<number>(n);
  order.forEach((r, rank) => (ranks[r] = rank));
  return ranks;
}

/** Spearman's rank correlation of two permutations of 0 .. n - 1. */
function rankCorrelation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const middle = (n - 1) / 2;
  let covariance = 0;
  let variance = 0;
  for (let k = 0; k < n; k++) {
    covariance += (a[k] - middle) * (b[k] - middle);
    variance += (a[k] - middle) ** 2;
  }
  return variance > 0 ? covariance / variance : 0;
}

/**
 * The steps that deal prices and need growth out by crowding ({@link pairByCrowding}): the golden ratio's fraction
 * and √2's, two irrationals far apart, so that the two pairings do not line up. With 20 categories the orders they
 * give have rank correlations of -0.13 (price with crowding), -0.10 (need growth with crowding) and +0.11 (price with
 * need growth) in every market: those of one typical market, since independent draws give rank correlations that
 * average 0 with a standard deviation of 1/√19 = 0.23. Steps chosen to make all three 0 at 20 categories were tried
 * and gave impulse purchases twice the seed-to-seed spread (docs/MODEL.md section 10): where the few cheapest
 * categories fall matters more than the correlation over all of them.
 */
export const PAIRING_STEPS = { price: (Math.sqrt(5) - 1) / 2, needGrowth: Math.SQRT2 - 1 } as const;

/** The rank correlations of the pairing with n categories: price and need growth with crowding, and with each other. */
export function pairingCorrelations(n: number): { price: number; needGrowth: number; priceWithNeedGrowth: number } {
  const identity = Array.from({ length: n }, (_, k) => k);
  const price = crowdingRanks(n, PAIRING_STEPS.price);
  const growth = crowdingRanks(n, PAIRING_STEPS.needGrowth);
  // The category at crowding rank c holds value rank inverse[c].
  const inverse = (ranks: readonly number[]) => {
    const out = new Array<number>(n);
    ranks.forEach((rank, r) => (out[rank] = r));
    return out;
  };
  return {
    price: rankCorrelation(identity, price),
    needGrowth: rankCorrelation(identity, growth),
    priceWithNeedGrowth: rankCorrelation(inverse(price), inverse(growth)),
  };
}

/**
 * Deals sorted values out to the categories sorted by crowding in a fixed low-discrepancy order: the r-th smallest
 * value goes to the category whose crowding rank is the rank of frac(1/2 + r·step) among those of all r. The smallest
 * value meets a category of middling crowding in every market, the next ones categories spread over the range,
 * instead of a crowding left to the draw (PAIRING_STEPS says what that fixes about the market). Ties in crowding are broken by draws from `source`, so no category wins
 * one by its index; a category's crowding rank is then uniform by symmetry, and its value keeps its distribution.
 */
export function pairByCrowding(values: Float64Array, crowdingOf: Float64Array, step: number, source: RandomSource): void {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const tieBreak = Float64Array.from({ length: n }, () => source());
  const byCrowding = Array.from({ length: n }, (_, c) => c).sort((a, b) => crowdingOf[a] - crowdingOf[b] || tieBreak[a] - tieBreak[b]);
  crowdingRanks(n, step).forEach((rank, r) => (values[byCrowding[rank]] = sorted[r]));
}
