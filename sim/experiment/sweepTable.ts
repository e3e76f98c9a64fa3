import { formatTextTable } from '../analysis/textTable.js';
import type { MetricDefinition } from '../metrics.js';
import type { SweepManifest } from './sweep.js';
import { CLIPPED_NOTE, decimalsForIntervals, formatNumber, intervalText } from './compareTable.js';
import { buildSweepReportData } from './sweepReportData.js';
import type { RunsRow } from './runsTable.js';
import { worldsBreakdown } from './worldVariance.js';
import { formatWorldsTable } from './worldsTable.js';

/**
 * A finished sweep's results as text: for each metric, every point's mean over its replications with the 95% t
 * interval and n (the same numbers as the report), and with `worlds` the spread between and within markets.
 */
export function formatSweepResults(manifest: SweepManifest, rows: readonly RunsRow[], metrics: readonly MetricDefinition[], worlds: number | null): string {
  const data = buildSweepReportData({ title: '', generated: '', parameters: manifest.parameters, points: manifest.points, rows, metrics });
  const smallest = Math.min(...data.metrics.flatMap((metric) => metric.points.map((point) => point.value.n)));
  const lines = [`${manifest.points.length} points x ${manifest.replications} replications; mean over each point's replications with its 95% t interval and n`];
  if (smallest < 3) {
    lines.push(`n = ${smallest} at some points: a t interval from so few replications is very wide (t = 12.7 at n = 2) (cut at the metric's range where it reaches beyond, marked *); run more replications to read the intervals`);
  }
  if (data.metrics.some((metric) => metric.points.some((p) => p.value.clipped))) lines.push(CLIPPED_NOTE);
  for (const metric of data.metrics) {
    const decimals = decimalsForIntervals(
      metric.points.map((p) => (p.value.high - p.value.low) / 2),
      metric.points.map((p) => p.value.mean),
    );
    const number = (v: number) => formatNumber(v, decimals);
    const table = metric.points.map((p) => [
      String(p.x),
      number(p.value.mean),
      intervalText(p.value.low, p.value.high, number, p.value.clipped),
      `n=${p.value.n}`,
    ]);
    lines.push('', `${metric.name}: ${metric.description}`, formatTextTable([data.parameter, 'mean', '95% CI', 'n'], table).replace(/^/gm, '  '));
  }
  if (worlds !== null) {
    const byPoint = manifest.points.map((point) => rows.filter((row) => row.point === point.index).sort((a, b) => a.replication - b.replication));
    const labels = data.metrics[0]?.points.map((p) => `${data.parameter} ${p.x}`) ?? [];
    const breakdown = worldsBreakdown(labels, byPoint.map((runs) => runs.map((row) => row.summary)), metrics.map((m) => m.name), worlds);
    const baseSeed = byPoint[0]?.[0]?.seed ?? 0;
    lines.push(formatWorldsTable(breakdown, baseSeed, 'point'));
  }
  return `${lines.join('\n')}\n`;
}
