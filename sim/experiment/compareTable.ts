import type { ArmMetric, CompareStatistics, MetricComparison } from './compareStatistics.js';

/**
 * The comparison as an aligned text table: a heading, then one block per metric with one row per arm: mean,
 * 95% t interval and n; the paired difference from the baseline with its interval and Holm-adjusted p-value. One
 * interval per number: the t interval, which the docs stand behind. The percentile bootstrap interval of ratio metrics
 * stays in the JSON only: from 3 to 10 replications it covers the mean less often than it claims (its resamples cannot
 * be more spread than the few values observed), while the t interval is exact for normal replication means and robust
 * enough for the sums and averages over thousands of consumers that every metric is.
 */
export function formatCompareTable(statistics: CompareStatistics): string {
  const { baseline, replications, holmFamily, arms } = statistics;
  const percent = Math.round(statistics.level * 100);
  const lines = [
    `${arms.length} arms, baseline ${baseline}, ${replications} replication${replications === 1 ? '' : 's'} per arm with common random numbers`,
    `means with ${percent}% t intervals and n; differences are paired (arm - ${baseline}, replication by replication);`,
    `p (Holm): paired t test, Holm-adjusted over all ${holmFamily} arm x metric comparison${holmFamily === 1 ? '' : 's'} shown`,
  ];
  if (statistics.metrics.some((metric) => metric.arms.some((row) => row.interval.clipped))) lines.push(CLIPPED_NOTE);
  for (const metric of statistics.metrics) lines.push('', ...formatMetricBlock(metric, baseline, percent));
  return `${lines.join('\n')}\n`;
}

function formatMetricBlock(metric: MetricComparison, baseline: string, percent: number): string[] {
  const decimals = decimalsFor(metric);
  const number = (v: number): string => formatNumber(v, decimals);
  const interval = (low: number, high: number, clipped = false): string => intervalText(low, high, number, clipped);
  const header = ['arm', 'mean', `${percent}% CI`, 'n', `diff vs ${baseline}`, `${percent}% CI`, 'p (Holm)'];
  const rows = metric.arms.map((row: ArmMetric) => {
    const cells = [row.arm, number(row.interval.mean), interval(row.interval.low, row.interval.high, row.interval.clipped), `n=${row.interval.n}`];
    const d = row.difference;
    if (d) cells.push(signed(d.mean, number), interval(d.low, d.high), formatP(d.pHolm));
    else cells.push('(baseline)', '', '');
    return cells;
  });
  const title = `${metric.metric}: ${metric.description}`;
  return [title, ...alignColumns([header, ...rows], [false, true, false, false, true, false, true]).map((line) => `  ${line}`)];
}

/** `[low, high]` in a terminal table (`*` after one cut to the metric's range), or `[-]` without an interval. */
export function intervalText(low: number, high: number, number: (value: number) => string, clipped = false): string {
  return Number.isFinite(low) && Number.isFinite(high) ? `[${number(low)}, ${number(high)}]${clipped ? '*' : ''}` : '[-]';
}

/** The footnote of an interval marked `*`: cut to the metric's range. */
export const CLIPPED_NOTE = "*: interval cut at the metric's range (0 for a count, 0-1 for a share); the t interval from few replications reached beyond it";

/** Decimals that show the narrowest interval of a metric to about three significant digits (0 to 6). */
function decimalsFor(metric: MetricComparison): number {
  return decimalsForIntervals(
    metric.arms.flatMap((row) => [row.interval.halfWidth, row.difference?.halfWidth ?? Number.NaN]),
    metric.arms.map((row) => row.interval.mean),
  );
}

/** Decimals that show an interval's half-width to about three significant digits (or a mean's, without intervals). */
export function decimalsForIntervals(halfWidths: readonly number[], means: readonly number[]): number {
  const widths = halfWidths.filter((w) => Number.isFinite(w) && w > 0);
  const sizes = means.map(Math.abs).filter((m) => Number.isFinite(m) && m > 0);
  const scale = widths.length > 0 ? Math.min(...widths) : sizes.length > 0 ? Math.max(...sizes) / 100 : 1;
  return Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(scale))));
}

/** A number with fixed decimals; never prints -0. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : String(value);
  const text = value.toFixed(decimals);
  // "-0.000" reads as a negative effect where there is none.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

function signed(value: number, format: (v: number) => string): string {
  const text = format(value);
  return Number.isFinite(value) && !text.startsWith('-') && Number(text) !== 0 ? `+${text}` : text;
}

/** A p-value to four decimals, with the smallest values shown as a bound rather than as 0. */
function formatP(p: number): string {
  if (!Number.isFinite(p)) return '-';
  return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

/** Pads cells so that columns line up; `rightAligned[k]` right-aligns column k (numbers). */
function alignColumns(rows: readonly string[][], rightAligned: readonly boolean[]): string[] {
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, k) => Math.max(...rows.map((row) => (row[k] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, k) => (rightAligned[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k])))
      .join('  ')
      .trimEnd(),
  );
}
