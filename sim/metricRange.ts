import { METRIC_UNITS } from './metrics.js';
import { SEGMENT_METRICS, splitSegmentMetricKey } from './measures/segmentOutcomes.js';

/** The values a metric can take. */
export interface MetricRange {
  readonly min: number;
  readonly max: number;
}

/** Metrics that may be negative: a welfare in money can be a loss, a trend can fall. Every other metric is >= 0. */
const SIGNED_METRICS: ReadonlySet<string> = new Set(['consumer_welfare', 'welfare_per_consumer', 'category_switch_trend']);

/** The unit of a summary metric or of a segment metric (`impulse_share@impulsive`); undefined when unknown. */
export function metricUnit(name: string): string | undefined {
  const { metric, segment } = splitSegmentMetricKey(name);
  if (segment !== null) return SEGMENT_METRICS.find((m) => m.name === metric)?.unit;
  return METRIC_UNITS[metric];
}

/**
 * The range of a metric, read from its unit where the unit states one ("share, 0 to 1", "fatigue, 0 and up"), else
 * 0 and up for counts, money and rates, and the whole line for the few signed metrics. Unknown names get the whole
 * line: nothing is cut that might be real.
 */
export function metricRange(name: string): MetricRange {
  const { metric } = splitSegmentMetricKey(name);
  const unit = metricUnit(name);
  if (unit === undefined || SIGNED_METRICS.has(metric)) return { min: -Infinity, max: Infinity };
  const bounded = /(-?\d+(?:\.\d+)?) to (-?\d+(?:\.\d+)?)$/.exec(unit);
  if (bounded) return { min: Number(bounded[1]), max: Number(bounded[2]) };
  const from = /(-?\d+(?:\.\d+)?) and up$/.exec(unit);
  return { min: from ? Number(from[1]) : 0, max: Infinity };
}

/**
 * A confidence interval cut to the metric's range. The true value lies in the range, so the cut interval covers it
 * exactly when the t interval did: the same confidence, without a band that says a count may be negative. `clipped`
 * says whether an end was cut, so that tables can mark it.
 */
export function clipToRange<T extends { readonly low: number; readonly high: number }>(interval: T, range: MetricRange): T & { readonly clipped: boolean } {
  const cutLow = interval.low < range.min;
  const cutHigh = interval.high > range.max;
  return { ...interval, low: cutLow ? range.min : interval.low, high: cutHigh ? range.max : interval.high, clipped: cutLow || cutHigh };
}
