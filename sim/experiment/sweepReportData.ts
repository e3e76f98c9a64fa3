import type { MetricDefinition, RunSummary } from '../metrics.js';
import type { SweepMetric, SweepReportData } from '../report/reportData.js';
import { clipToRange, metricRange } from '../metricRange.js';
import { intervalValue } from './compareReportData.js';
import { meanInterval } from './statistics.js';

/** What the sweep report is drawn from: the design points and one row per completed run. */
export interface SweepReportInput {
  readonly title: string;
  /** Shown as the report's "generated" line (the report reads no clock). */
  readonly generated: string;
  /** The design's parameters (scenario paths), in declaration order. */
  readonly parameters: readonly string[];
  /** The design points in plan order, with every parameter's resolved value. */
  readonly points: readonly { readonly index: number; readonly values: Readonly<Record<string, unknown>> }[];
  /** One row per run (any order): its design point and its summary. */
  readonly rows: readonly { readonly point: number; readonly summary: RunSummary }[];
  /** Metrics in display order. */
  readonly metrics: readonly MetricDefinition[];
}

/**
 * The sweep report's data: for every metric and design point, the mean over the point's replications with its 95% t
 * interval and n. The x axis is the one parameter that varies across the points (numeric when all its values are
 * numbers), or, when several vary, a label per point such as `feedLength=30, pushesPerDay=4` in plan order.
 */
export function buildSweepReportData(input: SweepReportInput): SweepReportData {
  const varying = varyingParameters(input.parameters, input.points);
  const xOf = pointLabeller(varying, input.points);
  const summaries = input.points.map((point) => input.rows.filter((row) => row.point === point.index).map((row) => row.summary));
  const metrics: SweepMetric[] = input.metrics.map((metric) => {
    const range = metricRange(metric.name);
    const points = input.points.map((point, k) => {
      const interval = clipToRange(meanInterval(summaries[k].map((summary) => summary[metric.name] ?? Number.NaN)), range);
      return { x: xOf(point.values), value: intervalValue(interval) };
    });
    return { name: metric.name, description: metric.description, points };
  });
  return { title: input.title, generated: input.generated, parameter: varying.join(' × '), metrics };
}

/**
 * The parameters whose resolved value differs between points; a design with a single point (nothing varies) is shown
 * against all its parameters.
 */
export function varyingParameters(parameters: readonly string[], points: SweepReportInput['points']): string[] {
  const varying = parameters.filter((parameter) => new Set(points.map((point) => valueText(point.values[parameter]))).size > 1);
  return varying.length > 0 ? varying : [...parameters];
}

/** The x value of a point: the parameter's own value when one varies, else `name=value, ...` with short names. */
function pointLabeller(varying: readonly string[], points: SweepReportInput['points']): (values: Readonly<Record<string, unknown>>) => number | string {
  if (varying.length === 1) {
    const [parameter] = varying;
    const numeric = points.every((point) => typeof point.values[parameter] === 'number');
    return (values) => (numeric ? (values[parameter] as number) : valueText(values[parameter]));
  }
  const names = shortNames(varying);
  return (values) => varying.map((parameter, k) => `${names[k]}=${valueText(values[parameter])}`).join(', ');
}

/** Each path's last segment, or the whole path where two last segments would read alike. */
function shortNames(paths: readonly string[]): string[] {
  const last = paths.map((p) => p.slice(p.lastIndexOf('.') + 1));
  return paths.map((p, k) => (last.filter((name) => name === last[k]).length > 1 ? p : last[k]));
}

/** A value as written in a label: strings as they are, anything else as JSON. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined ? 'null' : JSON.stringify(value);
}
