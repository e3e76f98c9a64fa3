import { describe, expect, it } from 'vitest';
import { createCatalog } from '../sim/catalog.js';
import { balanceResultant, stratifiedDraws } from '../sim/categoryDraws.js';
import { makeSampler } from '../sim/distributions.js';
import { namedStream } from '../sim/rng.js';
import { smallScenario } from './helpers/scenarios.js';

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

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

  it("changes only the category-level draws' spread, and is off by default", () => {
    const scenario = smallScenario();
    expect(scenario.catalog.categoryDraws).toBe('independent');
    const balanced = smallScenario({ catalog: { categoryDraws: 'balanced' } });
    const medianLogPrice: number[] = [];
    for (let seed = 1; seed <= 30; seed++) medianLogPrice.push(mean(Array.from(createCatalog(balanced.catalog, seed).categoryMedianPrice, Math.log)));
    const independent: number[] = [];
    for (let seed = 1; seed <= 30; seed++) independent.push(mean(Array.from(createCatalog(scenario.catalog, seed).categoryMedianPrice, Math.log)));
    expect(sd(medianLogPrice)).toBeLessThan(0.4 * sd(independent));
    expect(Math.abs(mean(medianLogPrice) - mean(independent))).toBeLessThan(0.1);
  });
});
