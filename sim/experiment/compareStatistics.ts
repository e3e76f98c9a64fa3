import type { MetricDefinition } from '../metrics.js';
import { percentileBootstrap, type BootstrapInterval } from './bootstrap.js';
import { isRatioMetric } from './compareMetrics.js';
import { clipToRange, metricRange } from '../metricRange.js';
import { holmAdjust, meanInterval, pairedDifference, type Interval, type PairedDifference } from './statistics.js';

/** Confidence level of every interval in a comparison. */
export const COMPARE_LEVEL = 0.95;

/** An arm's difference from the baseline on one metric. */
export interface ArmDifference extends PairedDifference {
  /** Holm-adjusted p-value over every arm x metric comparison in the table (NaN when p is NaN). */
  readonly pHolm: number;
  /** Percentile bootstrap interval of the mean paired difference (ratio metrics only). */
  readonly bootstrap?: BootstrapInterval;
}

/** One arm on one metric. */
export interface ArmMetric {
  readonly arm: string;
  /** Mean and t interval across replications (the interval that is printed). */
  readonly interval: Interval;
  /** Percentile bootstrap interval across replications (ratio metrics only). */
  readonly bootstrap?: BootstrapInterval;
  /** Against the baseline; absent for the baseline itself. */
  readonly difference?: ArmDifference;
}

/** One metric across every arm. */
export interface MetricComparison {
  readonly metric: string;
  readonly description: string;
  /** A share, rate or per-something metric (gets bootstrap intervals as well). */
  readonly ratio: boolean;
  readonly arms: readonly ArmMetric[];
}

/** Everything a comparison concludes: per metric and arm, means with intervals and differences from the baseline. */
export interface CompareStatistics {
  readonly level: number;
  readonly baseline: string;
  readonly arms: readonly string[];
  /** Replications per arm (the same in every arm: replication r is paired across arms). */
  readonly replications: number;
  /** Number of comparisons in the Holm family (arms other than the baseline x metrics with a p-value). */
  readonly holmFamily: number;
  readonly metrics: readonly MetricComparison[];
}

/** Input to `compareStatistics`: arm names, which one is the baseline, and each arm's summaries by replication. */
export interface CompareObservations {
  readonly arms: readonly string[];
  readonly baseline: number;
  /** summaries[arm][replication]: a run's summary metrics. Every arm has the same replications in the same order. */
  readonly summaries: readonly (readonly Record<string, number>[])[];
}

/**
 * Means with t intervals per arm and metric, paired differences (arm - baseline, replication by replication, which
 * is what common random numbers make precise) with t intervals and Holm-adjusted p-values, and for ratio metrics
 * percentile bootstrap intervals beside them. The bootstrap generator is seeded from the metric and arm names, so the
 * same results give the same intervals whatever else is in the table.
 */
export function compareStatistics(observations: CompareObservations, metrics: readonly MetricDefinition[]): CompareStatistics {
  const { arms, baseline, summaries } = observations;
  if (summaries.length !== arms.length) throw new RangeError(`expected summaries for ${arms.length} arms, got ${summaries.length}`);
  if (!(baseline >= 0 && baseline < arms.length)) throw new RangeError(`baseline index ${baseline} out of range`);
  const replications = summaries[baseline].length;
  summaries.forEach((runs, a) => {
    if (runs.length !== replications) throw new RangeError(`arm "${arms[a]}" has ${runs.length} replications, the baseline ${replications}`);
  });
  const column = (a: number, metric: string): number[] => summaries[a].map((summary) => summary[metric] ?? Number.NaN);
  const unadjusted = metrics.map((metric) => {
    const ratio = isRatioMetric(metric);
    const range = metricRange(metric.name);
    const base = column(baseline, metric.name);
    const rows = arms.map((arm, a): UnadjustedRow => {
      const values = column(a, metric.name);
      const interval = clipToRange(meanInterval(values, COMPARE_LEVEL), range);
      const bootstrap = ratio ? percentileBootstrap(values, { level: COMPARE_LEVEL, seed: `mallsim/compare/${metric.name}/${arm}` }) : undefined;
      if (a === baseline) return { arm, interval, bootstrap };
      const paired = pairedDifference(values, base, COMPARE_LEVEL);
      const differences = values.map((v, k) => v - base[k]);
      const pairedBootstrap = ratio
        ? percentileBootstrap(differences, { level: COMPARE_LEVEL, seed: `mallsim/compare/${metric.name}/${arm}-minus-${arms[baseline]}` })
        : undefined;
      return { arm, interval, bootstrap, paired, pairedBootstrap };
    });
    return { metric, ratio, rows };
  });
  const pValues = unadjusted.flatMap(({ rows }) => rows.flatMap((row) => (row.paired && Number.isFinite(row.paired.p) ? [row.paired.p] : [])));
  const adjusted = holmAdjust(pValues);
  let next = 0;
  const metricsOut = unadjusted.map(({ metric, ratio, rows }) => ({
    metric: metric.name,
    description: metric.description,
    ratio,
    arms: rows.map((row): ArmMetric => {
      const base = { arm: row.arm, interval: row.interval, ...(row.bootstrap ? { bootstrap: row.bootstrap } : {}) };
      if (!row.paired) return base;
      // Same traversal order as pValues above, so the k-th finite p gets the k-th adjusted value.
      const pHolm = Number.isFinite(row.paired.p) ? adjusted[next++] : Number.NaN;
      const difference: ArmDifference = { ...row.paired, pHolm, ...(row.pairedBootstrap ? { bootstrap: row.pairedBootstrap } : {}) };
      return { ...base, difference };
    }),
  }));
  return { level: COMPARE_LEVEL, baseline: arms[baseline], arms: [...arms], replications, holmFamily: pValues.length, metrics: metricsOut };
}

interface UnadjustedRow {
  readonly arm: string;
  readonly interval: Interval;
  readonly bootstrap?: BootstrapInterval;
  readonly paired?: PairedDifference;
  readonly pairedBootstrap?: BootstrapInterval;
}

/**
 * Half-width of an interval relative to its mean, the stopping rule of `--precision`: 0 when the interval has no
 * width (all replications equal), Infinity when the mean is 0 but the interval is not, NaN when there is no interval.
 */
export function relativeHalfWidth(interval: Interval): number {
  if (!Number.isFinite(interval.halfWidth)) return Number.NaN;
  if (interval.halfWidth === 0) return 0;
  return interval.mean === 0 ? Number.POSITIVE_INFINITY : interval.halfWidth / Math.abs(interval.mean);
}
