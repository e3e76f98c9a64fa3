import { sweepMetricSpec, sweepSegmentSpec, type SegmentSweepPoint } from './charts.js';
import { splitSegmentMetricKey } from '../measures/segmentOutcomes.js';
import { CLIPPED_CAPTION, formatCountRange, formatInterval, formatNumber, sharedDecimals } from './format.js';
import { type Figure, idSafe, renderFigure, renderPage, renderTable, type TableRow } from './html.js';
import { renderVegaLiteSvg } from './renderSvg.js';
import type { SweepReportData } from './reportData.js';

/** Numeric points left to right; text points in the order given. */
function orderedPoints(points: SweepReportData['metrics'][number]['points']): SweepReportData['metrics'][number]['points'] {
  if (!points.every((point) => typeof point.x === 'number')) return points;
  return [...points].sort((a, b) => (a.x as number) - (b.x as number));
}

async function sweepFigures(data: SweepReportData): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [k, metric] of data.metrics.entries()) {
    // Per-segment metrics (sweep --by segment) are drawn together, one chart per metric.
    if (splitSegmentMetricKey(metric.name).segment !== null) continue;
    const points = orderedPoints(metric.points);
    const counts = formatCountRange(points.map((point) => point.value.n));
    figures.push({
      name: `sweep-${metric.name}`,
      heading: `${metric.name} against ${data.parameter}`,
      caption: `${metric.name}: ${metric.description}. Mean over replications with its 95% confidence interval; n = ${counts} per point.`,
      svg: await renderVegaLiteSvg(sweepMetricSpec(data.parameter, metric.name, points), `s${k}-${idSafe(metric.name)}`),
    });
  }
  return figures;
}

/** One chart per metric measured per segment (sweep --by segment): a line per segment against the parameter. */
async function segmentFigures(data: SweepReportData): Promise<Figure[]> {
  const byMetric = new Map<string, { segments: string[]; points: SegmentSweepPoint[]; description: string; counts: number[] }>();
  for (const metric of data.metrics) {
    const { metric: base, segment } = splitSegmentMetricKey(metric.name);
    if (segment === null) continue;
    const entry = byMetric.get(base) ?? { segments: [], points: [], description: metric.description.replace(/, segment [^,]*$/, ''), counts: [] };
    entry.segments.push(segment);
    for (const point of orderedPoints(metric.points)) {
      entry.points.push({ segment, x: point.x, value: point.value });
      entry.counts.push(point.value.n);
    }
    byMetric.set(base, entry);
  }
  const figures: Figure[] = [];
  for (const [base, { segments, points, description, counts }] of byMetric) {
    figures.push({
      name: `sweep-segments-${base}`,
      heading: `${base} by segment against ${data.parameter}`,
      caption: `${base}: ${description}, in each population segment. Mean over replications with its 95% confidence interval; n = ${formatCountRange(counts)} per point.`,
      svg: await renderVegaLiteSvg(sweepSegmentSpec(data.parameter, base, segments, points), `ss-${idSafe(base)}`),
    });
  }
  return figures;
}

const numericParameter = (data: SweepReportData): boolean => data.metrics.every((metric) => metric.points.every((point) => typeof point.x === 'number'));

function tableRows(data: SweepReportData): TableRow[] {
  return data.metrics.flatMap((metric): TableRow[] => {
    const decimals = sharedDecimals(metric.points.map((point) => point.value));
    return [
      { group: metric.name, note: `— ${metric.description}` },
      ...orderedPoints(metric.points).map((point) => {
        const text = formatInterval(point.value, false, decimals);
        return {
          cells: [
            { text: typeof point.x === 'number' ? formatNumber(point.x) : point.x, className: typeof point.x === 'number' ? 'num' : undefined },
            { text: text.mean, className: 'num' },
            { text: text.bounds, className: 'num' },
            { text: String(point.value.n), className: 'num' },
          ],
        };
      }),
    ];
  });
}

/**
 * Writes the sweep report: one self-contained HTML page with, for each metric, a chart of the metric against the
 * swept parameter (95% CI band and whiskers across replications) and a table. The same data always gives the same
 * bytes.
 */
export async function renderSweepReport(data: SweepReportData): Promise<string> {
  const figures = await sweepFigures(data);
  const bySegment = await segmentFigures(data);
  const xValues = new Set(data.metrics.flatMap((metric) => metric.points.map((point) => String(point.x))));
  const counts = data.metrics.flatMap((metric) => metric.points.map((point) => point.value.n));
  const anyClipped = data.metrics.some((metric) => metric.points.some((point) => point.value.clipped));
  return renderPage({
    title: data.title,
    facts: [
      { label: 'Swept parameter', value: data.parameter },
      { label: 'Values', value: `${xValues.size}` },
      { label: 'Replications', value: `${formatCountRange(counts)} per value (replication r uses the same seeds at every value)` },
      { label: 'Generated', value: data.generated },
    ],
    sections: [
      { id: 'charts', heading: `Metrics against ${data.parameter}`, body: figures.map(renderFigure).join('\n'), layout: 'grid' },
      ...(bySegment.length > 0
        ? [{ id: 'segments', heading: 'Outcomes by segment', intro: 'Who carries each outcome, and how the swept parameter moves it in each segment (sweep --by segment).', body: bySegment.map(renderFigure).join('\n'), layout: 'grid' as const }]
        : []),
      {
        id: 'table',
        heading: 'Table',
        body: renderTable({
          caption: `Mean over replications and its 95% confidence interval at each value of the swept parameter.${anyClipped ? ` ${CLIPPED_CAPTION}` : ''}`,
          head: [{ text: data.parameter, className: numericParameter(data) ? 'num' : undefined }, { text: 'Mean', className: 'num' }, { text: '95% CI', className: 'num' }, { text: 'n', className: 'num' }],
          rows: tableRows(data),
        }),
      },
    ],
  });
}
