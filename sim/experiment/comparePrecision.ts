import { relativeHalfWidth } from './compareStatistics.js';
import type { Interval } from './statistics.js';

/** The `--precision` target: the relative CI half-width to reach, and the most replications to spend on it. */
export interface PrecisionTarget {
  /** Relative half-width (halfWidth / |mean|) to get below, in every arm. */
  readonly relativeHalfWidth: number;
  readonly maxReplications: number;
}

/** What adaptive replication decides after a round. */
export type PrecisionDecision =
  | { readonly kind: 'reached'; readonly worst: number }
  | { readonly kind: 'limit'; readonly worst: number }
  | { readonly kind: 'continue'; readonly worst: number; readonly next: number };

/**
 * After a round with `replications` per arm, given each arm's interval of the first metric: stop when every arm's
 * relative half-width is below the target ("reached") or the replication limit is spent ("limit"); otherwise the
 * replication count of the next round. The next count comes from the usual sample-size rule (the half-width shrinks
 * as 1 / sqrt(n)): n * (worst / target)^2, at least one more and at most double, since a variance estimated from a
 * few replications is itself noisy. It depends only on the results, never on the worker count, so the final n is
 * reproducible. An arm with no interval (NaN) or a zero mean with a non-zero width (Infinity) counts as not reached.
 */
export function precisionDecision(intervals: readonly Interval[], replications: number, target: PrecisionTarget): PrecisionDecision {
  const relatives = intervals.map(relativeHalfWidth);
  const worst = relatives.reduce((a, b) => (Number.isNaN(b) || b > a ? (Number.isNaN(b) ? Number.POSITIVE_INFINITY : b) : a), 0);
  if (worst < target.relativeHalfWidth) return { kind: 'reached', worst };
  if (replications >= target.maxReplications) return { kind: 'limit', worst };
  const estimate = Number.isFinite(worst) ? Math.ceil(replications * (worst / target.relativeHalfWidth) ** 2) : 2 * replications;
  const next = Math.min(target.maxReplications, 2 * replications, Math.max(replications + 1, estimate));
  return { kind: 'continue', worst, next };
}

/** How adaptive replication ended, for the terminal and JSON. */
export interface PrecisionOutcome {
  /** The metric whose interval was watched (the first compared metric). */
  readonly metric: string;
  readonly target: number;
  readonly maxReplications: number;
  /** "reached": every arm below the target; "limit": --max-replications spent first. */
  readonly outcome: 'reached' | 'limit';
  /** The largest relative half-width over arms at the end (null when some arm had no finite one). */
  readonly worstRelativeHalfWidth: number | null;
  readonly replications: number;
  readonly rounds: number;
}

/** One line saying how adaptive replication ended. */
export function describePrecision(outcome: PrecisionOutcome): string {
  const worst = outcome.worstRelativeHalfWidth === null ? 'undefined' : outcome.worstRelativeHalfWidth.toFixed(4);
  return outcome.outcome === 'reached'
    ? `precision reached: relative CI half-width of ${outcome.metric} is ${worst} (< ${outcome.target}) in every arm after ${outcome.replications} replications (${outcome.rounds} rounds)`
    : `precision NOT reached: --max-replications ${outcome.maxReplications} spent; the relative CI half-width of ${outcome.metric} is still ${worst} (target ${outcome.target}) after ${outcome.replications} replications (${outcome.rounds} rounds)`;
}
