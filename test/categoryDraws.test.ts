import { describe, expect, it } from 'vitest';
import { createCatalog } from '../sim/catalog.js';
import { balanceClustering, balanceResultant, crowding, framePotential, pairByCrowding, pairingCorrelations, PAIRING_STEPS, stratifiedDraws } from '../sim/categoryDraws.js';
import { makeSampler } from '../sim/distributions.js';
import { namedStream } from '../sim/rng.js';
import { smallScenario } from './helpers/scenarios.js';

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

/** Rows scaled to unit length. */
function normalized(rows: Float32Array, n: number, dims: number): Float64Array {
  const out = Float64Array.from(rows);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < dims; k++) s += out[i * dims + k] ** 2;
    for (let k = 0; k < dims; k++) out[i * dims + k] /= Math.sqrt(s);
  }
  return out;
}

/** Spearman's rank correlation of two rankings. */
function spearman(a: number[], b: number[]): number {
  const m = (a.length - 1) / 2;
  let covariance = 0;
  let variance = 0;
  for (let k = 0; k < a.length; k++) {
    covariance += (a[k] - m) * (b[k] - m);
    variance += (a[k] - m) ** 2;
  }
  return covariance / variance;
}

/** Each value's rank, 0 = smallest (ties by position). */
function rank(values: number[]): number[] {
  const order = values.map((_, k) => k).sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Array<number>(values.length);
  order.forEach((k, r) => (ranks[k] = r));
  return ranks;
}

describe('balanced category draws', () => {
  it('stratified draws keep the distribution and steady the mean across seeds', () => {
    const logNormal = { dist: 'logNormal' as const, mu: 3.2, sigma: 0.6 };
    const stratified: number[] = [];
    const independent: number[] = [];
    const pooled: number[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const source = namedStream(seed, 'test');
      const values = stratifiedDraws(makeSampler(logNormal, source, { min: 0, max: Infinity }), 20, source);
      pooled.push(...values);
      stratified.push(mean(Array.from(values, Math.log)));
      const plain = makeSampler(logNormal, namedStream(seed, 'plain'), { min: 0, max: Infinity });
      independent.push(mean(Array.from({ length: 20 }, () => Math.log(plain()))));
    }
    // The marginal: log-values of all 4,000 draws have mean 3.2 and sd 0.6.
    const logs = pooled.map(Math.log);
    expect(mean(logs)).toBeCloseTo(3.2, 1);
    expect(sd(logs)).toBeCloseTo(0.6, 1);
    // The mean of 20 independent log-normal logs varies by 0.6 / sqrt(20) = 0.134; stratified, by far less.
    expect(sd(independent)).toBeGreaterThan(0.1);
    expect(sd(stratified)).toBeLessThan(0.3 * sd(independent));
  });

  it('balanced centroids are unit vectors whose pairwise cosines average 0', () => {
    const n = 20;
    const dims = 8;
    const source = namedStream(3, 'centroids');
    const rows = Float32Array.from({ length: n * dims }, () => source() - 0.4);
    balanceResultant(rows, n, dims);
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let k = 0; k < dims; k++) norm += rows[i * dims + k] ** 2;
      expect(norm).toBeCloseTo(1, 5);
    }
    let cosines = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) for (let k = 0; k < dims; k++) cosines += rows[i * dims + k] * rows[j * dims + k];
    expect(Math.abs(cosines / ((n * (n - 1)) / 2))).toBeLessThan(1e-4);
  });

  it('balanced clustering sets the sum of squared cosines to its expectation, keeps the mean cosine 0 and commutes with rotations', () => {
    const n = 20;
    const dims = 8;
    const target = n + (n * (n - 1)) / dims;
    const potentials: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const source = namedStream(seed, 'clustering');
      const gaussian = () => Math.sqrt(-2 * Math.log(1 - source())) * Math.cos(2 * Math.PI * source());
      const rows = Float32Array.from({ length: n * dims }, gaussian);
      potentials.push(framePotential(normalized(rows, n, dims), n, dims));
      const balanced = Float32Array.from(rows);
      balanceClustering(balanced, n, dims);
      expect(framePotential(balanced, n, dims) / target).toBeCloseTo(1, 3);
      let cosines = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) for (let k = 0; k < dims; k++) cosines += balanced[i * dims + k] * balanced[j * dims + k];
      expect(Math.abs(cosines / ((n * (n - 1)) / 2))).toBeLessThan(1e-4);
      // Rotating the input rotates the output: a reflection through a random hyperplane (Householder).
      const v = Array.from({ length: dims }, gaussian);
      const vv = v.reduce((a, b) => a + b * b, 0);
      const reflect = (x: Float32Array) => {
        const y = Float32Array.from(x);
        for (let i = 0; i < n; i++) {
          let dot = 0;
          for (let k = 0; k < dims; k++) dot += x[i * dims + k] * v[k];
          for (let k = 0; k < dims; k++) y[i * dims + k] = x[i * dims + k] - (2 * dot * v[k]) / vv;
        }
        return y;
      };
      const reflectedFirst = reflect(rows);
      balanceClustering(reflectedFirst, n, dims);
      const expected = reflect(balanced);
      for (let k = 0; k < n * dims; k++) expect(reflectedFirst[k]).toBeCloseTo(expected[k], 4);
    }
    // Drawn independently, the potential varies from seed to seed around its expectation.
    expect(Math.max(...potentials) - Math.min(...potentials)).toBeGreaterThan(2);
  });

  it('pairing by crowding keeps the values, gives the smallest to a category of middling crowding, and fixes small rank correlations', () => {
    const n = 20;
    const crowd = Float64Array.from({ length: n }, (_, k) => Math.sin(k * 1.7) + 2);
    const values = Array.from({ length: n }, (_, k) => 10 + ((k * 7) % n));
    const prices = Float64Array.from(values);
    const growth = Float64Array.from({ length: n }, (_, k) => 0.01 + k / 1000);
    pairByCrowding(prices, crowd, PAIRING_STEPS.price, namedStream(1, 'pairing'));
    pairByCrowding(growth, crowd, PAIRING_STEPS.needGrowth, namedStream(2, 'pairing'));
    expect(Array.from(prices).sort((a, b) => a - b)).toEqual([...values].sort((a, b) => a - b));
    const crowdRank = rank(Array.from(crowd));
    const priceRank = rank(Array.from(prices));
    const growthRank = rank(Array.from(growth));
    expect(Math.abs(crowdRank[priceRank.indexOf(0)] - (n - 1) / 2)).toBeLessThanOrEqual(1);
    // The correlations the docs state are the ones the pairing gives, and are within one sd (0.23) of 0.
    const stated = pairingCorrelations(n);
    expect(spearman(crowdRank, priceRank)).toBeCloseTo(stated.price, 9);
    expect(spearman(crowdRank, growthRank)).toBeCloseTo(stated.needGrowth, 9);
    expect(spearman(priceRank, growthRank)).toBeCloseTo(stated.priceWithNeedGrowth, 9);
    expect([stated.price, stated.needGrowth, stated.priceWithNeedGrowth].map((r) => Number(r.toFixed(2)))).toEqual([-0.13, -0.1, 0.11]);
  });

  it('pairing by crowding breaks ties at random, never by category index', () => {
    const crowd = Float64Array.from([1, 1, 1, 1]);
    let firstGetsLargest = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const paired = Float64Array.from([1, 2, 3, 4]);
      pairByCrowding(paired, crowd, PAIRING_STEPS.price, namedStream(seed, 'ties'));
      if (paired[0] === 4) firstGetsLargest++;
    }
    // Each of the four categories gets the largest value a quarter of the time: 100 of 400, sd about 8.7.
    expect(firstGetsLargest).toBeGreaterThan(70);
    expect(firstGetsLargest).toBeLessThan(130);
  });

  it('balanced clustering keeps few categories apart: where both targets cannot hold it falls back to the resultant alone', () => {
    for (const n of [2, 3, 4, 5]) {
      let balanced = 0;
      for (let seed = 1; seed <= 100; seed++) {
        const source = namedStream(seed, `few-${n}`);
        const gaussian = () => Math.sqrt(-2 * Math.log(1 - source())) * Math.cos(2 * Math.PI * source());
        const rows = Float32Array.from({ length: n * 8 }, gaussian);
        const reached = balanceClustering(rows, n, 8);
        if (reached) {
          balanced++;
          expect(framePotential(rows, n, 8) / (n + (n * (n - 1)) / 8)).toBeCloseTo(1, 2);
        }
        for (let a = 0; a < n; a++) {
          let norm = 0;
          for (let k = 0; k < 8; k++) norm += rows[a * 8 + k] ** 2;
          expect(norm).toBeCloseTo(1, 5);
          for (let b = a + 1; b < n; b++) {
            let cosine = 0;
            for (let k = 0; k < 8; k++) cosine += rows[a * 8 + k] * rows[b * 8 + k];
            expect(cosine, `n=${n} seed ${seed}`).toBeLessThan(0.99);
          }
        }
      }
      // Two rows at cosine 0 have potential 2, never 2 + 2/8: the fallback every time.
      if (n === 2) expect(balanced).toBe(0);
    }
  });

  it('crowding sums the positive cosines to the other rows', () => {
    const rows = Float32Array.from([1, 0, 0.6, 0.8, -1, 0]);
    expect(Array.from(crowding(rows, 3, 2)).map((v) => Number(v.toFixed(6)))).toEqual([0.6, 0.6, 0]);
  });

  it("changes only the category-level draws' spread, and is the default", () => {
    expect(smallScenario().catalog.categoryDraws).toBe('balanced');
    const scenario = smallScenario({ catalog: { categoryDraws: 'independent' } });
    const balanced = smallScenario({ catalog: { categoryDraws: 'balanced' } });
    const medianLogPrice: number[] = [];
    for (let seed = 1; seed <= 30; seed++) medianLogPrice.push(mean(Array.from(createCatalog(balanced.catalog, seed).categoryMedianPrice, Math.log)));
    const independent: number[] = [];
    for (let seed = 1; seed <= 30; seed++) independent.push(mean(Array.from(createCatalog(scenario.catalog, seed).categoryMedianPrice, Math.log)));
    expect(sd(medianLogPrice)).toBeLessThan(0.4 * sd(independent));
    expect(Math.abs(mean(medianLogPrice) - mean(independent))).toBeLessThan(0.1);
  });
});
