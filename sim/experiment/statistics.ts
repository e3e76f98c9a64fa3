import { tCdf, tQuantile } from './tDistribution.js';

/** A mean with its confidence interval and the number of values behind it. */
export interface Interval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  /** Half the interval's width. */
  readonly halfWidth: number;
  readonly n: number;
  /** Whether an end was cut to the metric's range (`clipToRange`); `halfWidth` stays the t interval's. */
  readonly clipped?: boolean;
}

/**
 * Mean and two-sided confidence interval from the t distribution (replications are few, so not the normal).
 * NaN values (a ratio with no denominator in some run) are left out and not counted in n.
 */
export function meanInterval(values: readonly number[], level = 0.95): Interval {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN, halfWidth: Number.NaN, n };
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, low: Number.NaN, high: Number.NaN, halfWidth: Number.NaN, n };
  const variance = finite.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1);
  const halfWidth = tQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - halfWidth, high: mean + halfWidth, halfWidth, n };
}

/** A paired comparison of an arm against a baseline under common random numbers. */
export interface PairedDifference extends Interval {
  /** Two-sided p-value of the paired t test (mean difference 0). */
  readonly p: number;
}

/** Mean paired difference (arm - baseline, replication by replication) with its t interval and p-value. */
export function pairedDifference(arm: readonly number[], baseline: readonly number[], level = 0.95): PairedDifference {
  if (arm.length !== baseline.length) throw new RangeError(`paired values need equal lengths, got ${arm.length} and ${baseline.length}`);
  const differences = arm.map((v, k) => v - baseline[k]);
  const interval = meanInterval(differences, level);
  if (interval.n < 2) return { ...interval, p: Number.NaN };
  const standardError = interval.halfWidth / tQuantile(1 - (1 - level) / 2, interval.n - 1);
  const p = standardError === 0 ? (interval.mean === 0 ? 1 : 0) : 2 * (1 - tCdf(Math.abs(interval.mean / standardError), interval.n - 1));
  return { ...interval, p };
}

/**
 * Holm's step-down adjustment of p-values for multiple comparisons (Holm 1979): sort ascending, multiply the k-th
 * smallest by (m - k), keep the sequence non-decreasing, cap at 1. Returned in the input order.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, k) => ({ p, k })).sort((a, b) => a.p - b.p || a.k - b.k);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, k }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[k] = running;
  });
  return adjusted;
}
