import { describe, expect, it } from 'vitest';
import { holmAdjust, meanInterval, pairedDifference } from '../../sim/experiment/statistics.js';
import { regularizedBeta, tCdf, tQuantile } from '../../sim/experiment/tDistribution.js';

describe('Student t', () => {
  it('gives the quantiles of printed tables', () => {
    // two-sided 95% critical values: df 1, 4, 9, 29, 120
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776445, 5);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262157, 5);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.045230, 5);
    expect(tQuantile(0.975, 120)).toBeCloseTo(1.979930, 5);
    expect(tQuantile(0.025, 9)).toBeCloseTo(-2.262157, 5);
    expect(tQuantile(0.5, 7)).toBe(0);
  });
  it('has the right CDF, including the closed form for 1 degree of freedom', () => {
    expect(tCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(tCdf(1, 1)).toBeCloseTo(0.5 + Math.atan(1) / Math.PI, 10);
    expect(tCdf(-2.262157, 9)).toBeCloseTo(0.025, 6);
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    // I_x(1, b) = 1 - (1 - x)^b
    expect(regularizedBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 12);
  });
  it('refuses impossible arguments', () => {
    expect(() => tQuantile(1, 3)).toThrow(/p must be in \(0, 1\), got 1/);
    expect(() => tCdf(1, 0)).toThrow(/degrees of freedom must be > 0, got 0/);
  });
});

describe('intervals and comparisons', () => {
  it('computes a t interval worked out by hand', () => {
    // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd sqrt(32/7), n 8, t(0.975, 7) = 2.364624
    const interval = meanInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    const half = 2.364624 * Math.sqrt(32 / 7 / 8);
    expect(interval.mean).toBe(5);
    expect(interval.n).toBe(8);
    expect(interval.halfWidth).toBeCloseTo(half, 5);
    expect(interval.low).toBeCloseTo(5 - half, 5);
    expect(interval.high).toBeCloseTo(5 + half, 5);
    expect(meanInterval([3, Number.NaN, 5]).n).toBe(2);
    expect(Number.isNaN(meanInterval([4]).halfWidth)).toBe(true);
  });
  it('pairs differences replication by replication', () => {
    // differences 1, 2, 3: mean 2, sd 1, se 1/sqrt(3), t = 2 sqrt(3) = 3.4641 on 2 df: p = 0.07418
    const d = pairedDifference([11, 22, 33], [10, 20, 30]);
    expect(d.mean).toBeCloseTo(2, 12);
    expect(d.halfWidth).toBeCloseTo(4.302653 / Math.sqrt(3), 5);
    expect(d.p).toBeCloseTo(0.07418, 4);
    expect(() => pairedDifference([1, 2], [1])).toThrow(/equal lengths/);
  });
  it('adjusts p-values by Holm', () => {
    // sorted 0.01, 0.02, 0.03, 0.04 -> 0.04, 0.06, 0.06 (monotone), 0.06
    expect(holmAdjust([0.03, 0.01, 0.04, 0.02]).map((p) => Number(p.toFixed(10)))).toEqual([0.06, 0.04, 0.06, 0.06]);
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
  });
});
