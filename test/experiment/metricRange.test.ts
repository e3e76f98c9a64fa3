import { describe, expect, it } from 'vitest';
import { clipToRange, metricRange, metricUnit } from '../../sim/metricRange.js';
import { METRICS } from '../../sim/metrics.js';
import { SEGMENT_METRICS } from '../../sim/measures/segmentOutcomes.js';
import { meanInterval } from '../../sim/experiment/statistics.js';
import { compareStatistics } from '../../sim/experiment/compareStatistics.js';
import { formatCompareTable } from '../../sim/experiment/compareTable.js';
import { buildSweepReportData } from '../../sim/experiment/sweepReportData.js';
import { formatInterval } from '../../sim/report/format.js';

const metric = (name: string) => METRICS.find((m) => m.name === name)!;

describe('metric ranges', () => {
  it('reads the range a unit states, 0 and up for counts and money, the whole line for signed metrics', () => {
    expect(metricRange('purchases')).toEqual({ min: 0, max: Infinity });
    expect(metricRange('gmv')).toEqual({ min: 0, max: Infinity });
    expect(metricRange('impulse_share')).toEqual({ min: 0, max: 1 });
    expect(metricRange('feed_diversity')).toEqual({ min: 0, max: 2 });
    expect(metricRange('fatigue_end')).toEqual({ min: 0, max: Infinity });
    expect(metricRange('consumer_welfare')).toEqual({ min: -Infinity, max: Infinity });
    expect(metricRange('category_switch_trend')).toEqual({ min: -Infinity, max: Infinity });
    expect(metricRange('regret_rate@impulsive')).toEqual({ min: 0, max: 1 });
    expect(metricRange('welfare_per_consumer@impulsive')).toEqual({ min: -Infinity, max: Infinity });
    expect(metricRange('no_such_metric')).toEqual({ min: -Infinity, max: Infinity });
  });

  it('gives every summary and segment metric a range that agrees with its unit', () => {
    const names = [...METRICS.map((m) => m.name), ...SEGMENT_METRICS.map((m) => `${m.name}@any`)];
    for (const name of names) {
      const unit = metricUnit(name);
      expect(unit, name).toBeDefined();
      const range = metricRange(name);
      expect(range.min, name).toBeLessThan(range.max);
      if (/0 to 1$/.test(unit!)) expect(range, name).toEqual({ min: 0, max: 1 });
      if (/money/.test(unit!) && !/welfare/.test(name)) expect(range.min, name).toBe(0);
    }
  });
});

describe('intervals cut to the metric range', () => {
  it('cuts a count interval from two replications at 0, keeps its half-width and says so', () => {
    const t = meanInterval([3, 40]);
    expect(t.low).toBeLessThan(0);
    const cut = clipToRange(t, metricRange('purchases'));
    expect(cut.low).toBe(0);
    expect(cut.high).toBe(t.high);
    expect(cut.halfWidth).toBe(t.halfWidth);
    expect(cut.clipped).toBe(true);
  });

  it('leaves an interval inside the range and a missing one as they were', () => {
    const inside = clipToRange(meanInterval([0.4, 0.5, 0.6]), metricRange('impulse_share'));
    expect(inside.clipped).toBe(false);
    expect(inside.low).toBeCloseTo(0.2516, 3);
    const missing = clipToRange(meanInterval([7]), metricRange('purchases'));
    expect(missing.clipped).toBe(false);
    expect(missing.low).toBeNaN();
  });

  it('cuts a share above 1 and below 0 at once', () => {
    const cut = clipToRange({ low: -0.2, high: 1.3 }, metricRange('impulse_share'));
    expect([cut.low, cut.high, cut.clipped]).toEqual([0, 1, true]);
  });

  it('cuts compare arm intervals, not paired differences, and marks them in the table and report', () => {
    const stats = compareStatistics(
      { arms: ['A', 'B'], baseline: 0, summaries: [[{ purchases: 3 }, { purchases: 40 }], [{ purchases: 1 }, { purchases: 2 }]] },
      [metric('purchases')],
    );
    const [a, b] = stats.metrics[0].arms;
    expect(a.interval.low).toBe(0);
    expect(a.interval.clipped).toBe(true);
    // B - A = -2, -38: a difference may be negative, and its interval is not cut.
    expect(b.difference!.low).toBeLessThan(-100);
    const table = formatCompareTable(stats);
    expect(table).toMatch(/\[0\.00, [0-9.]+\]\*/);
    expect(table).toContain("*: interval cut at the metric's range");
    expect(formatInterval({ mean: 21.5, low: 0, high: 256.6, n: 2, clipped: true }, false, 1).bounds).toBe('[0.0, 256.6]*');
  });

  it('cuts sweep point intervals', () => {
    const data = buildSweepReportData({
      title: '',
      generated: '',
      parameters: ['p'],
      points: [{ index: 0, values: { p: 1 } }, { index: 1, values: { p: 2 } }],
      rows: [
        { point: 0, summary: { impulse_share: 0.02 } },
        { point: 0, summary: { impulse_share: 0.3 } },
        { point: 1, summary: { impulse_share: 0.5 } },
        { point: 1, summary: { impulse_share: 0.52 } },
      ],
      metrics: [metric('impulse_share')],
    });
    const [low, high] = data.metrics[0].points;
    expect(low.value.low).toBe(0);
    expect(low.value.clipped).toBe(true);
    expect(high.value.clipped).toBeUndefined();
  });
});
