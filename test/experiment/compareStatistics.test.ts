import { describe, expect, it } from 'vitest';
import { METRICS } from '../../sim/metrics.js';
import { isRatioMetric, resolveCompareMetrics } from '../../sim/experiment/compareMetrics.js';
import { precisionDecision } from '../../sim/experiment/comparePrecision.js';
import { compareStatistics, relativeHalfWidth } from '../../sim/experiment/compareStatistics.js';
import { formatCompareTable } from '../../sim/experiment/compareTable.js';
import type { Interval } from '../../sim/experiment/statistics.js';

const metric = (name: string) => METRICS.find((m) => m.name === name)!;

/**
 * Three arms x three replications, worked by hand. With 2 degrees of freedom the t distribution has a closed form:
 * two-sided p = 1 - |t| / sqrt(t^2 + 2), and t(0.975, 2) = 4.302652729749464.
 *   gmv: A = 10, 12, 14 (baseline); B = 11, 14, 15 (differences 1, 2, 1); C = 13, 14, 18 (differences 3, 2, 4)
 *   impulse_share: A = 0.4, 0.5, 0.6; B = 0.3, 0.3, 0.3 (differences -0.1, -0.2, -0.3); C = A (differences 0)
 */
const observations = {
  arms: ['A', 'B', 'C'],
  baseline: 0,
  summaries: [
    [{ gmv: 10, impulse_share: 0.4 }, { gmv: 12, impulse_share: 0.5 }, { gmv: 14, impulse_share: 0.6 }],
    [{ gmv: 11, impulse_share: 0.3 }, { gmv: 14, impulse_share: 0.3 }, { gmv: 15, impulse_share: 0.3 }],
    [{ gmv: 13, impulse_share: 0.4 }, { gmv: 14, impulse_share: 0.5 }, { gmv: 18, impulse_share: 0.6 }],
  ],
};
const T975_DF2 = 4.302652729749464;

describe('compare statistics against hand-worked values', () => {
  const stats = compareStatistics(observations, [metric('gmv'), metric('impulse_share')]);
  const gmv = stats.metrics[0];
  const impulse = stats.metrics[1];

  it('gives each arm its mean and t interval with n', () => {
    // A: mean 12, sd 2, se 2 / sqrt(3), half-width 4.302653 * 1.154701 = 4.968275
    expect(gmv.arms[0].interval.mean).toBeCloseTo(12, 12);
    expect(gmv.arms[0].interval.halfWidth).toBeCloseTo(T975_DF2 * (2 / Math.sqrt(3)), 10);
    expect(gmv.arms[0].interval.low).toBeCloseTo(7.031725, 5);
    expect(gmv.arms[0].interval.high).toBeCloseTo(16.968275, 5);
    expect(gmv.arms.map((row) => row.interval.n)).toEqual([3, 3, 3]);
    expect(stats.replications).toBe(3);
  });

  it('pairs replications: the difference B - A is 1, 2, 1, not the difference of two noisy means', () => {
    const d = gmv.arms[1].difference!;
    // mean 4/3, sd sqrt(1/3), se 1/3, t = 4, p = 1 - 4 / sqrt(18)
    expect(d.mean).toBeCloseTo(4 / 3, 12);
    expect(d.halfWidth).toBeCloseTo(T975_DF2 / 3, 10);
    expect(d.low).toBeCloseTo(-0.100884, 5);
    expect(d.high).toBeCloseTo(2.767551, 5);
    expect(d.p).toBeCloseTo(1 - 4 / Math.sqrt(18), 8);
    expect(d.n).toBe(3);
    // C - A = 3, 2, 4: mean 3, se 1 / sqrt(3), t^2 = 27, p = 1 - sqrt(27 / 29)
    expect(gmv.arms[2].difference!.p).toBeCloseTo(1 - Math.sqrt(27 / 29), 8);
    // impulse B - A = -0.1, -0.2, -0.3: mean -0.2, se 0.1 / sqrt(3), t^2 = 12, p = 1 - sqrt(12 / 14)
    expect(impulse.arms[1].difference!.mean).toBeCloseTo(-0.2, 12);
    expect(impulse.arms[1].difference!.p).toBeCloseTo(1 - Math.sqrt(12 / 14), 8);
    // C equals A in every replication: no difference, p = 1
    expect(impulse.arms[2].difference!.mean).toBe(0);
    expect(impulse.arms[2].difference!.p).toBe(1);
    expect(gmv.arms[0].difference).toBeUndefined();
  });

  it('adjusts p-values with Holm over all four arm x metric comparisons', () => {
    // Raw: gmv B 0.0571910, gmv C 0.0350987, impulse B 0.0741799, impulse C 1.
    // Sorted: gmv C x 4 = 0.1403949; gmv B x 3 = 0.1715729; impulse B x 2 = 0.1483598 -> kept at 0.1715729; impulse C x 1 = 1.
    expect(stats.holmFamily).toBe(4);
    expect(gmv.arms[2].difference!.pHolm).toBeCloseTo(4 * (1 - Math.sqrt(27 / 29)), 8);
    expect(gmv.arms[1].difference!.pHolm).toBeCloseTo(3 * (1 - 4 / Math.sqrt(18)), 8);
    expect(impulse.arms[1].difference!.pHolm).toBeCloseTo(3 * (1 - 4 / Math.sqrt(18)), 8);
    expect(impulse.arms[2].difference!.pHolm).toBe(1);
    expect(gmv.arms[1].difference!.pHolm).toBeCloseTo(0.1715729, 6);
  });

  it('adds bootstrap intervals to ratio metrics only', () => {
    expect(gmv.ratio).toBe(false);
    expect(gmv.arms[0].bootstrap).toBeUndefined();
    expect(impulse.ratio).toBe(true);
    // B is 0.3 in every replication: every resample mean is 0.3.
    expect(impulse.arms[1].bootstrap).toMatchObject({ low: 0.3, high: 0.3, n: 3 });
    expect(impulse.arms[1].difference!.bootstrap!.low).toBeGreaterThanOrEqual(-0.3 - 1e-12);
    expect(impulse.arms[1].difference!.bootstrap!.high).toBeLessThanOrEqual(-0.1 + 1e-12);
  });

  it('pairs another baseline the same way', () => {
    const againstB = compareStatistics({ ...observations, baseline: 1 }, [metric('gmv')]);
    expect(againstB.baseline).toBe('B');
    expect(againstB.metrics[0].arms[0].difference!.mean).toBeCloseTo(-4 / 3, 12);
    expect(againstB.metrics[0].arms[1].difference).toBeUndefined();
    expect(againstB.holmFamily).toBe(2);
  });

  it('refuses arms with different replication counts', () => {
    expect(() => compareStatistics({ ...observations, summaries: [observations.summaries[0], observations.summaries[1].slice(0, 2), observations.summaries[2]] }, [metric('gmv')])).toThrow(
      /arm "B" has 2 replications, the baseline 3/,
    );
  });

  it('prints one aligned row per arm with mean, interval, n, difference, interval and p (Holm)', () => {
    const text = formatCompareTable(stats);
    expect(text).toContain('Holm-adjusted over all 4 arm x metric comparisons');
    const lines = text.split('\n');
    const row = lines.find((line) => line.trim().startsWith('B ') && line.includes('+1.33'))!;
    expect(row).toBeDefined();
    // B: mean 13.33, sd sqrt(13/3), half-width 4.302653 x 1.201850 = 5.171; difference +1.33 [-0.10, 2.77], p (Holm) 0.1716
    expect(row).toMatch(/B\s+13\.33\s+\[8\.16, 18\.50\]\s+n=3\s+\+1\.33\s+\[-0\.10, 2\.77\]\s+0\.1716/);
    const baselineRow = lines.find((line) => line.trim().startsWith('A ') && line.includes('(baseline)'))!;
    expect(baselineRow).toMatch(/A\s+12\.00\s+\[7\.03, 16\.97\]\s+n=3\s+\(baseline\)/);
    // The header and the rows of a block line up: "n=3" starts in the same column on every row.
    const block = lines.slice(lines.indexOf('gmv: gross merchandise value: money spent') + 2, lines.indexOf('gmv: gross merchandise value: money spent') + 5);
    expect(new Set(block.map((line) => line.indexOf('n=3'))).size).toBe(1);
    // One interval per number: the bootstrap interval of ratio metrics stays in the JSON.
    expect(text).not.toContain('bootstrap');
  });
});

describe('metric selection', () => {
  it('defaults to the documented set and refuses unknown names with a suggestion', () => {
    expect(resolveCompareMetrics(undefined).map((m) => m.name)[0]).toBe('purchases_per_active_day');
    expect(resolveCompareMetrics(['gmv,impulse_share', 'trust_end']).map((m) => m.name)).toEqual(['gmv', 'impulse_share', 'trust_end']);
    expect(() => resolveCompareMetrics(['impuls_share'])).toThrow(/--metrics: unknown metric "impuls_share" \(did you mean "impulse_share"\?\)/);
    expect(() => resolveCompareMetrics(['gmv,gmv'])).toThrow(/"gmv" is named twice/);
  });

  it('classifies ratios by name and description', () => {
    const ratios = METRICS.filter(isRatioMetric).map((m) => m.name);
    expect(ratios).toEqual(expect.arrayContaining(['impulse_share', 'return_rate', 'conversion', 'purchases_per_active_day', 'churn_share', 'regret_buyer_share', 'coverage']));
    expect(ratios).not.toContain('gmv');
    expect(ratios).not.toContain('trust_end');
    expect(ratios).not.toContain('over_budget_months');
    expect(ratios).not.toContain('impulse_purchases');
  });
});

describe('adaptive replication', () => {
  const interval = (mean: number, halfWidth: number): Interval => ({ mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, n: 3 });
  const target = { relativeHalfWidth: 0.1, maxReplications: 20 };

  it('measures the half-width relative to the mean', () => {
    expect(relativeHalfWidth(interval(-2, 0.5))).toBe(0.25);
    expect(relativeHalfWidth(interval(0, 0))).toBe(0);
    expect(relativeHalfWidth(interval(0, 1))).toBe(Number.POSITIVE_INFINITY);
    expect(relativeHalfWidth({ mean: 1, low: Number.NaN, high: Number.NaN, halfWidth: Number.NaN, n: 1 })).toBeNaN();
  });

  it('stops when every arm is below the target, else grows n by the 1/sqrt(n) rule, capped', () => {
    expect(precisionDecision([interval(1, 0.05), interval(2, 0.19)], 3, target)).toEqual({ kind: 'reached', worst: 0.095 });
    // worst 0.12: 3 x 1.44 = 4.32 -> 5
    expect(precisionDecision([interval(1, 0.12), interval(2, 0.1)], 3, target)).toMatchObject({ kind: 'continue', next: 5 });
    // worst 0.3: 3 x 9 = 27, but at most double: 6
    expect(precisionDecision([interval(1, 0.3)], 3, target)).toMatchObject({ kind: 'continue', next: 6 });
    // barely above: at least one more
    expect(precisionDecision([interval(1, 0.1001)], 10, target)).toMatchObject({ kind: 'continue', next: 11 });
    // never beyond the limit, and the limit ends it
    expect(precisionDecision([interval(1, 0.3)], 15, target)).toMatchObject({ kind: 'continue', next: 20 });
    expect(precisionDecision([interval(1, 0.3)], 20, target)).toEqual({ kind: 'limit', worst: 0.3 });
    // an arm without an interval is not precise
    expect(precisionDecision([interval(1, 0.01), { mean: Number.NaN, low: Number.NaN, high: Number.NaN, halfWidth: Number.NaN, n: 0 }], 3, target)).toMatchObject({ kind: 'continue', next: 6 });
  });
});
