import { METRIC_UNITS, METRICS } from '../metrics.js';
import { SEGMENT_METRICS, splitSegmentMetricKey } from '../measures/segmentOutcomes.js';
import { suggestion } from '../scenario/didYouMean.js';

/**
 * `mallsim --explain METRIC`: what a summary metric (or a segment metric, `impulse_share@impulsive`) means and its
 * unit, from the definitions that output/README.md is generated from. Unknown names get a did-you-mean.
 */
export function explainMetric(name: string): string {
  const { metric, segment } = splitSegmentMetricKey(name);
  if (segment !== null) {
    const definition = SEGMENT_METRICS.find((m) => m.name === metric);
    if (!definition) throw new RangeError(`--explain: "${metric}" is not measured per segment${suggestion(metric, SEGMENT_METRICS.map((m) => m.name))}; per-segment metrics: ${SEGMENT_METRICS.map((m) => m.name).join(', ')}`);
    return `${name}: ${definition.description}, among the consumers of segment "${segment}" (segments.arrow; runs.arrow column ${name})\nunit: ${definition.unit}\n`;
  }
  const definition = METRICS.find((m) => m.name === metric);
  if (!definition) throw new RangeError(`--explain: unknown metric "${name}"${suggestion(name, METRICS.map((m) => m.name))}; output/README.md lists every metric`);
  return `${name}: ${definition.description}\nunit: ${METRIC_UNITS[name]}\n`;
}

