import { METRICS, type MetricDefinition } from '../metrics.js';
import { suggestion } from '../scenario/didYouMean.js';
import { SEGMENT_METRICS, segmentMetricKey, splitSegmentMetricKey } from '../measures/segmentOutcomes.js';

/**
 * Bad input to `mallsim compare` (an unknown metric, arm or baseline, a bad flag value). A RangeError, so the CLI
 * reports it with exit code 2 like any other bad flag.
 */
export class CompareInputError extends RangeError {
  override readonly name = 'CompareInputError';
}

/**
 * Metrics compared when `--metrics` is not given: buying, impulse buying, regret and returns, what the platform earns,
 * what consumers gain, and what the platform keeps (trust, churn). The first one drives `--precision`.
 */
export const DEFAULT_COMPARE_METRICS: readonly string[] = [
  'purchases_per_active_day',
  'impulse_share',
  'impulse_origin_share',
  'regret_buyer_share',
  'return_rate',
  'gmv',
  'net_revenue',
  'consumer_welfare',
  'trust_end',
  'churn_share',
];

const metricByName = new Map(METRICS.map((m) => [m.name, m]));

/**
 * The metrics to compare, in the order given; refuses an unknown or repeated name with a did-you-mean hint.
 * `list` is the text of `--metrics` split on commas (undefined or empty: the defaults).
 */
export function resolveCompareMetrics(list: readonly string[] | undefined, command = 'compare'): MetricDefinition[] {
  const names = (list ?? []).flatMap((item) => item.split(',')).map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) return DEFAULT_COMPARE_METRICS.map((name) => metricByName.get(name)!);
  const seen = new Set<string>();
  return names.map((name) => {
    const metric = metricByName.get(name);
    if (!metric) {
      throw new CompareInputError(`--metrics: unknown metric "${name}"${suggestion(name, [...metricByName.keys()])}; "mallsim ${command} --help" lists them`);
    }
    if (seen.has(name)) throw new CompareInputError(`--metrics: "${name}" is named twice`);
    seen.add(name);
    return metric;
  });
}

/**
 * Whether a metric is a ratio of two counts (a share, a rate, a per-something), judged from its name and description:
 * names ending in _rate or _share, containing _per_, or "conversion"; descriptions with the word "over", "per" or
 * "share". Such metrics also get a percentile bootstrap interval, since a ratio's sampling distribution across
 * replications can be skewed.
 */
export function isRatioMetric(metric: MetricDefinition): boolean {
  const { description } = metric;
  const name = splitSegmentMetricKey(metric.name).metric;
  if (/(_rate|_share)$/.test(name) || name.includes('_per_') || name.includes('conversion')) return true;
  return /\b(over|per|share)\b/.test(description);
}

/**
 * `--by segment`: each metric that is also measured per segment (SEGMENT_METRICS) becomes one metric per segment,
 * `impulse_share@impulsive`, in the segments' order; the others stay whole-population. Refuses a list in which no
 * metric has a per-segment version.
 */
export function expandBySegment(metrics: readonly MetricDefinition[], segments: readonly string[]): MetricDefinition[] {
  const perSegment = new Map(SEGMENT_METRICS.map((metric) => [metric.name, metric]));
  if (!metrics.some((metric) => perSegment.has(metric.name))) {
    throw new CompareInputError(
      `--by segment: none of the metrics (${metrics.map((m) => m.name).join(', ')}) is measured per segment; per-segment metrics: ${SEGMENT_METRICS.map((m) => m.name).join(', ')}`,
    );
  }
  return metrics.flatMap((metric) => {
    const segmentMetric = perSegment.get(metric.name);
    if (!segmentMetric) return [metric];
    return segments.map((segment) => ({ name: segmentMetricKey(metric.name, segment), description: `${segmentMetric.description}, segment ${segment}` }));
  });
}
