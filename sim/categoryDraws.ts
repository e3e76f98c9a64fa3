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
