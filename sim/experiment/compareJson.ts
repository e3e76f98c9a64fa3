import type { BootstrapInterval } from './bootstrap.js';
import type { CompareStatistics } from './compareStatistics.js';
import type { PrecisionOutcome } from './comparePrecision.js';
import type { Interval } from './statistics.js';
import type { WorldsBreakdown } from './worldVariance.js';

/** A number for JSON: non-finite values (a ratio without denominator, an interval from one replication) become null. */
type JsonNumber = number | null;

const finite = (value: number): JsonNumber => (Number.isFinite(value) ? value : null);

function interval(value: Interval): { mean: JsonNumber; low: JsonNumber; high: JsonNumber; halfWidth: JsonNumber; n: number; clipped?: true } {
  const written = { mean: finite(value.mean), low: finite(value.low), high: finite(value.high), halfWidth: finite(value.halfWidth), n: value.n };
  // halfWidth stays the t interval's; low and high are cut to the metric's range where `clipped` says so.
  return value.clipped ? { ...written, clipped: true } : written;
}

function bootstrap(value: BootstrapInterval | undefined): { low: JsonNumber; high: JsonNumber; n: number; resamples: number } | null {
  return value ? { low: finite(value.low), high: finite(value.high), n: value.n, resamples: value.resamples } : null;
}

/** What `--json` prints and compare.json holds, besides the statistics. */
export interface CompareJsonContext {
  /** The results folder; left out of compare.json, which is written before the folder has its final name. */
  readonly folder?: string;
  readonly arms: readonly { readonly name: string; readonly file: string }[];
  readonly seed: { readonly base: number; readonly agreed: boolean };
  readonly precision: PrecisionOutcome | null;
  /** Variance between and within worlds (compare --worlds), or null. */
  readonly worlds?: WorldsBreakdown | null;
}

/**
 * The comparison as plain JSON for machines: the same numbers as the terminal table (non-finite as null), one entry
 * per metric and arm, `difference` null for the baseline, `bootstrap` null for metrics that are not ratios.
 */
export function compareJson(statistics: CompareStatistics, context: CompareJsonContext): unknown {
  return {
    ...(context.folder !== undefined ? { folder: context.folder } : {}),
    baseline: statistics.baseline,
    arms: context.arms.map((arm) => ({ name: arm.name, file: arm.file })),
    replications: statistics.replications,
    seeds: { base: context.seed.base, agreed: context.seed.agreed, rule: 'replication r uses seed base + r in every arm' },
    precision: context.precision,
    worlds:
      context.worlds == null
        ? null
        : {
            count: context.worlds.worlds,
            rule: 'replication r uses catalog and population seed base + (r mod count) in every arm',
            metrics: context.worlds.metrics.map(({ metric, arms }) => ({
              metric,
              arms: arms.map((row) => ({ arm: row.arm, n: row.n, worlds: row.worlds, betweenSd: finite(row.betweenSd), withinSd: finite(row.withinSd), worldShare: finite(row.worldShare) })),
            })),
          },
    level: statistics.level,
    interval: 't',
    holmFamily: statistics.holmFamily,
    metrics: statistics.metrics.map((metric) => ({
      metric: metric.metric,
      description: metric.description,
      ratio: metric.ratio,
      arms: metric.arms.map((row) => ({
        arm: row.arm,
        ...interval(row.interval),
        bootstrap: bootstrap(row.bootstrap),
        difference: row.difference
          ? { ...interval(row.difference), p: finite(row.difference.p), pHolm: finite(row.difference.pHolm), bootstrap: bootstrap(row.difference.bootstrap) }
          : null,
      })),
    })),
  };
}
