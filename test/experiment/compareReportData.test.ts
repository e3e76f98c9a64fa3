import { describe, expect, it } from 'vitest';
import { METRICS } from '../../sim/metrics.js';
import { buildCompareReportData, dailyPoints } from '../../sim/experiment/compareReportData.js';
import { compareStatistics } from '../../sim/experiment/compareStatistics.js';
import type { CompletedRun, DailySeries } from '../../sim/experiment/runPlan.js';

const series = (impulse: number[], trust: number[], gmv: number[]): DailySeries => ({ impulse_share: impulse, mean_trust: trust, gmv, purchases: gmv.map(() => 1) });

describe('compare report data', () => {
  it('averages each daily series over replications, leaving out days without a value', () => {
    const points = dailyPoints('a', [series([0.2, Number.NaN], [0.5, 0.6], [10, 20]), series([0.4, 0.3], [0.7, 0.8], [30, 40])]);
    expect(points).toEqual([
      { arm: 'a', day: 0, impulse_share: expect.closeTo(0.3, 12), mean_trust: expect.closeTo(0.6, 12), gmv: 20 },
      { arm: 'a', day: 1, impulse_share: 0.3, mean_trust: expect.closeTo(0.7, 12), gmv: 30 },
    ]);
  });

  it('carries the table numbers and adds the revenue-welfare frontier even when those metrics were not compared', () => {
    const summary = (gmv: number, net: number, welfare: number) => ({ gmv, net_revenue: net, consumer_welfare: welfare });
    const summaries = [
      [summary(10, 9, 3), summary(12, 11, 4), summary(14, 13, 5)],
      [summary(8, 8, 5), summary(9, 9, 5), summary(13, 12, 8)],
    ];
    const statistics = compareStatistics({ arms: ['base', 'nudge'], baseline: 0, summaries }, [METRICS.find((m) => m.name === 'gmv')!]);
    const runsByArm = summaries.map((runs) => runs.map((s) => ({ summary: s, daily: series([0.5], [0.5], [s.gmv]) }) as unknown as CompletedRun));
    const data = buildCompareReportData({ title: 't', generated: 'g', statistics, baseline: 0, runsByArm });
    expect(data.arms).toEqual(['base', 'nudge']);
    expect(data.metrics.map((m) => m.name)).toEqual(['gmv']);
    expect(data.metrics[0].perArm.base).toMatchObject({ mean: 12, n: 3 });
    // nudge - base = -2, -3, -1
    expect(data.metrics[0].diffVsBaseline.nudge).toMatchObject({ mean: -2, n: 3 });
    expect(data.metrics[0].diffVsBaseline.base).toBeUndefined();
    expect(data.frontier.map((f) => [f.arm, f.revenue.mean, f.welfare.mean])).toEqual([
      ['base', 11, 4],
      ['nudge', expect.closeTo(29 / 3, 12), 6],
    ]);
    expect(data.daily.filter((p) => p.arm === 'nudge')).toEqual([{ arm: 'nudge', day: 0, impulse_share: 0.5, mean_trust: 0.5, gmv: 10 }]);
  });
});
