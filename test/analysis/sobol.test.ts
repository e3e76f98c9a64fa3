import { describe, expect, it } from 'vitest';
import { sobolDesign, sobolIndices } from '../../sim/analysis/sobol.js';
import { namedStream } from '../../sim/rng.js';

/** The Ishigami function (a = 7, b = 0.1) on the unit cube mapped to [-pi, pi]^3. */
function ishigami(unit: readonly number[]): number {
  const [x1, x2, x3] = unit.map((u) => -Math.PI + 2 * Math.PI * u);
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
}

// Analytic indices of Ishigami (a = 7, b = 0.1): V = 13.845, V1 = 4.346, V2 = 6.125, V13 = 3.374.
const FIRST = [0.3139, 0.4424, 0];
const TOTAL = [0.5576, 0.4424, 0.2437];

describe('Sobol indices (Saltelli sampling, Saltelli 2010 first order, Jansen total order)', () => {
  it('estimate the Ishigami indices within 0.05 of the analytic values, with intervals around the estimates', () => {
    const design = sobolDesign(3, 10_000, namedStream(1, 'test/sobol'));
    expect(design.points).toHaveLength(10_000 * 5);
    const indices = sobolIndices(design, design.points.map(ishigami), namedStream(1, 'test/sobol-bootstrap'), { resamples: 300 });
    indices.forEach((s, i) => {
      console.log(`x${i + 1}: S1 ${s.first.value.toFixed(4)} [${s.first.low.toFixed(4)}, ${s.first.high.toFixed(4)}] (truth ${FIRST[i]}), ST ${s.total.value.toFixed(4)} [${s.total.low.toFixed(4)}, ${s.total.high.toFixed(4)}] (truth ${TOTAL[i]})`);
      expect(Math.abs(s.first.value - FIRST[i])).toBeLessThan(0.05);
      expect(Math.abs(s.total.value - TOTAL[i])).toBeLessThan(0.05);
      for (const estimate of [s.first, s.total]) {
        expect(estimate.low).toBeLessThan(estimate.value);
        expect(estimate.high).toBeGreaterThan(estimate.value);
        expect(estimate.high - estimate.low).toBeLessThan(0.1);
      }
    });
  });

  it('has bootstrap intervals that cover the truth about 95% of the time', () => {
    let covered = 0;
    const trials = 40;
    for (let trial = 0; trial < trials; trial++) {
      const design = sobolDesign(3, 400, namedStream(trial, 'test/sobol-coverage'));
      const [x1] = sobolIndices(design, design.points.map(ishigami), namedStream(trial, 'test/sobol-coverage-bootstrap'), { resamples: 400 });
      if (x1.total.low <= TOTAL[0] && TOTAL[0] <= x1.total.high) covered++;
    }
    console.log(`ST of x1: ${covered}/${trials} intervals cover the truth`);
    expect(covered / trials).toBeGreaterThanOrEqual(0.8);
  });

  it('is reproducible from its generators and lays out A, B, then AB_i', () => {
    const first = sobolDesign(2, 4, namedStream(3, 'test/sobol'));
    expect(sobolDesign(2, 4, namedStream(3, 'test/sobol')).points).toEqual(first.points);
    const [a, b] = [first.points.slice(0, 4), first.points.slice(4, 8)];
    // AB_1 (rows 8..11): A with column 0 from B; AB_2: A with column 1 from B.
    first.points.slice(8, 12).forEach((row, j) => expect(row).toEqual([b[j][0], a[j][1]]));
    first.points.slice(12, 16).forEach((row, j) => expect(row).toEqual([a[j][0], b[j][1]]));
  });

  it('refuses too few samples and a wrong number of outputs', () => {
    expect(() => sobolDesign(2, 1, namedStream(1, 'x'))).toThrow(/--samples: expected an integer >= 2/);
    const design = sobolDesign(2, 4, namedStream(1, 'x'));
    expect(() => sobolIndices(design, [1, 2, 3], namedStream(1, 'y'))).toThrow(/expected 16 outputs, got 3/);
  });
});
