import type { CompareMetric, CompareReportData, DailyPoint, FrontierPoint, IntervalValue } from '../report/reportData.js';
import { compareStatistics, type CompareStatistics } from './compareStatistics.js';
import { METRICS } from '../metrics.js';
import type { CompletedRun, DailySeries } from './runPlan.js';
import type { Interval } from './statistics.js';

/** What the report is drawn from: the statistics, and every arm's completed runs (replication order). */
export interface CompareReportInput {
  readonly title: string;
  /** Shown as the report's "generated" line (the report reads no clock). */
  readonly generated: string;
  readonly statistics: CompareStatistics;
  readonly baseline: number;
  /** runsByArm[arm][replication]: each run's summary and day series (empty series when the runs were not kept). */
  readonly runsByArm: readonly (readonly Pick<CompletedRun, 'summary' | 'daily'>[])[];
}

/** An interval as the reports take it: mean, ends, n, and `clipped` only where an end was cut. */
export const intervalValue = (interval: Pick<Interval, 'mean' | 'low' | 'high' | 'n' | 'clipped'>): IntervalValue => ({ mean: interval.mean, low: interval.low, high: interval.high, n: interval.n, ...(interval.clipped ? { clipped: true } : {}) });

/**
 * The report's data: per metric each arm's mean and t interval and its paired difference from the baseline (the same
 * numbers as the table), each arm's daily impulse share, trust and GMV averaged over replications, and each arm's net
 * revenue against consumer welfare with their intervals (computed here when the compared metrics leave them out).
 */
export function buildCompareReportData(input: CompareReportInput): CompareReportData {
  const { statistics, runsByArm } = input;
  const arms = [...statistics.arms];
  const metrics: CompareMetric[] = statistics.metrics.map((metric) => ({
    name: metric.metric,
    description: metric.description,
    perArm: Object.fromEntries(metric.arms.map((row) => [row.arm, intervalValue(row.interval)])),
    diffVsBaseline: Object.fromEntries(
      metric.arms.flatMap((row) => (row.difference ? [[row.arm, { ...intervalValue(row.difference), pHolm: row.difference.pHolm }]] : [])),
    ),
  }));
  const daily: DailyPoint[] = arms.flatMap((arm, a) => dailyPoints(arm, runsByArm[a].map((run) => run.daily)));
  return { title: input.title, generated: input.generated, baseline: statistics.baseline, arms, metrics, daily, frontier: frontier(input) };
}

/** Net revenue against consumer welfare per arm, taken from the statistics or computed from the runs. */
function frontier(input: CompareReportInput): FrontierPoint[] {
  const { statistics, runsByArm, baseline } = input;
  const wanted = ['net_revenue', 'consumer_welfare'];
  const missing = METRICS.filter((m) => wanted.includes(m.name) && !statistics.metrics.some((s) => s.metric === m.name));
  const extra = missing.length > 0 ? compareStatistics({ arms: statistics.arms, baseline, summaries: runsByArm.map((runs) => runs.map((run) => run.summary)) }, missing) : undefined;
  const find = (name: string) => statistics.metrics.find((m) => m.metric === name) ?? extra?.metrics.find((m) => m.metric === name);
  const revenue = find('net_revenue')!;
  const welfare = find('consumer_welfare')!;
  return statistics.arms.map((arm, a) => ({ arm, revenue: intervalValue(revenue.arms[a].interval), welfare: intervalValue(welfare.arms[a].interval) }));
}

/** One point per day: the mean over replications of each series, days without a value (NaN) left out of the mean. */
export function dailyPoints(arm: string, series: readonly DailySeries[]): DailyPoint[] {
  const days = Math.max(0, ...series.map((s) => s.gmv.length));
  const mean = (pick: (s: DailySeries) => number[], day: number): number => {
    const values = series.map((s) => pick(s)[day]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    return values.length === 0 ? Number.NaN : values.reduce((x, y) => x + y, 0) / values.length;
  };
  return Array.from({ length: days }, (_, day) => ({
    arm,
    day,
    impulse_share: mean((s) => s.impulse_share, day),
    mean_trust: mean((s) => s.mean_trust, day),
    gmv: mean((s) => s.gmv, day),
  }));
}
