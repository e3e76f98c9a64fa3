import { dailySeriesSpec, differenceForestSpec, frontierSpec, metricBarsSpec, segmentBarsSpec, type DailyValue, type SegmentBar } from './charts.js';
import { CLIPPED_CAPTION, formatCountRange, formatInterval, formatP, MISSING, sharedDecimals } from './format.js';
import { efficientArms } from './frontier.js';
import { type Figure, idSafe, renderFigure, renderPage, renderTable, type TableRow } from './html.js';
import { renderVegaLiteSvg } from './renderSvg.js';
import type { CompareReportData, DailyPoint, IntervalValue } from './reportData.js';
import { splitSegmentMetricKey } from '../measures/segmentOutcomes.js';

/** The daily quantities drawn as time series, with their axis titles and captions. */
const DAILY_SERIES: readonly { field: 'impulse_share' | 'mean_trust' | 'gmv'; heading: string; caption: string }[] = [
  { field: 'impulse_share', heading: 'Impulse share of purchases by day', caption: 'Impulse purchases over all purchases each day, mean over replications.' },
  { field: 'mean_trust', heading: 'Trust by day', caption: 'Mean trust in the platform of consumers not churned, [0, 1], mean over replications.' },
  { field: 'gmv', heading: 'GMV by day', caption: 'Money spent each day (gross merchandise value), mean over replications.' },
];

const MISSING_INTERVAL: IntervalValue = { mean: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 };

/** Refuses data the page could not show faithfully: duplicate arms or a baseline that is not an arm. */
function checkCompareData(data: CompareReportData): void {
  const seen = new Set<string>();
  for (const arm of data.arms) {
    if (seen.has(arm)) throw new RangeError(`compare report: arm "${arm}" appears twice in arms`);
    seen.add(arm);
  }
  if (!seen.has(data.baseline)) throw new RangeError(`compare report: baseline "${data.baseline}" is not one of the arms (${data.arms.join(', ')})`);
}

async function metricFigures(data: CompareReportData): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [k, metric] of data.metrics.entries()) {
    // Per-segment metrics are drawn together, one chart per metric, in the segments section.
    if (splitSegmentMetricKey(metric.name).segment !== null) continue;
    const bars = data.arms.map((arm) => ({ arm, value: metric.perArm[arm] ?? MISSING_INTERVAL }));
    figures.push({
      name: `metric-${metric.name}`,
      heading: metric.name,
      caption: `${metric.name}: ${metric.description}. Bars: mean per arm; whiskers: 95% confidence interval; n: replications.`,
      svg: await renderVegaLiteSvg(metricBarsSpec(data.arms, bars), `m${k}-${idSafe(metric.name)}`),
    });
  }
  return figures;
}

/** One forest plot per metric: every arm's paired difference from the baseline with its 95% CI. */
async function differenceFigures(data: CompareReportData): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [k, metric] of data.metrics.entries()) {
    if (splitSegmentMetricKey(metric.name).segment !== null) continue;
    const differences = data.arms.filter((arm) => arm !== data.baseline && metric.diffVsBaseline[arm] !== undefined).map((arm) => ({ arm, value: metric.diffVsBaseline[arm], pHolm: metric.diffVsBaseline[arm].pHolm }));
    if (differences.length === 0) continue;
    figures.push({
      name: `difference-${metric.name}`,
      heading: `${metric.name}: difference from ${data.baseline}`,
      caption:
        `${metric.name}: ${metric.description}. Each arm minus ${data.baseline}, replication by replication (common random numbers): ` +
        'mean paired difference with its 95% confidence interval; filled point: Holm p < 0.05; dashed line: no difference.',
      svg: await renderVegaLiteSvg(differenceForestSpec(data.arms, data.baseline, differences), `f${k}-${idSafe(metric.name)}`),
    });
  }
  return figures;
}

/** One chart per metric compared by segment (compare --by segment): segments down, arms side by side. */
async function segmentFigures(data: CompareReportData): Promise<Figure[]> {
  const byMetric = new Map<string, { segments: string[]; bars: SegmentBar[]; description: string }>();
  for (const metric of data.metrics) {
    const { metric: base, segment } = splitSegmentMetricKey(metric.name);
    if (segment === null) continue;
    const entry = byMetric.get(base) ?? { segments: [], bars: [], description: metric.description.replace(/, segment [^,]*$/, '') };
    entry.segments.push(segment);
    for (const arm of data.arms) entry.bars.push({ segment, arm, value: metric.perArm[arm] ?? MISSING_INTERVAL });
    byMetric.set(base, entry);
  }
  const figures: Figure[] = [];
  for (const [base, { segments, bars, description }] of byMetric) {
    figures.push({
      name: `segments-${base}`,
      heading: `${base} by segment`,
      caption: `${base}: ${description}, in each population segment. Bars: mean per arm; whiskers: 95% confidence interval.`,
      svg: await renderVegaLiteSvg(segmentBarsSpec(segments, data.arms, bars), `s-${idSafe(base)}`),
    });
  }
  return figures;
}

/** Daily points in arm order then day order, so the drawn SVG does not depend on the order the caller supplied. */
function orderedDaily(data: CompareReportData): DailyPoint[] {
  const rank = new Map(data.arms.map((arm, k) => [arm, k]));
  return data.daily
    .filter((point) => rank.has(point.arm))
    .sort((a, b) => (rank.get(a.arm) ?? 0) - (rank.get(b.arm) ?? 0) || a.day - b.day);
}

async function dailyFigures(data: CompareReportData): Promise<Figure[]> {
  const daily = orderedDaily(data);
  if (daily.length === 0) return [];
  const figures: Figure[] = [];
  for (const series of DAILY_SERIES) {
    const points: DailyValue[] = daily.map((point) => ({ arm: point.arm, day: point.day, value: point[series.field] }));
    figures.push({
      name: `daily-${series.field}`,
      heading: series.heading,
      caption: series.caption,
      svg: await renderVegaLiteSvg(dailySeriesSpec(series.field, data.arms, points), `d-${series.field}`),
    });
  }
  return figures;
}

async function frontierFigure(data: CompareReportData): Promise<Figure | undefined> {
  const rank = new Map(data.arms.map((arm, k) => [arm, k]));
  const points = data.frontier.filter((point) => rank.has(point.arm)).sort((a, b) => (rank.get(a.arm) ?? 0) - (rank.get(b.arm) ?? 0));
  if (points.length === 0) return undefined;
  const efficient = efficientArms(points);
  const onFrontier = data.arms.filter((arm) => efficient.has(arm));
  return {
    name: 'frontier',
    heading: 'Net revenue versus consumer welfare',
    caption:
      'Each arm at its mean net revenue (GMV minus refunds) and mean consumer welfare, with 95% confidence intervals in both directions. ' +
      `The dashed line joins the arms that no other arm beats on both: ${onFrontier.join(', ') || MISSING}.`,
    svg: await renderVegaLiteSvg(frontierSpec(data.arms, points.map((point) => ({ ...point, efficient: efficient.has(point.arm) }))), 'frontier'),
    className: 'wide',
  };
}

function tableRows(data: CompareReportData): TableRow[] {
  const rows: TableRow[] = [];
  for (const metric of data.metrics) {
    rows.push({ group: metric.name, note: `— ${metric.description}` });
    const armDecimals = sharedDecimals(data.arms.map((arm) => metric.perArm[arm] ?? MISSING_INTERVAL));
    const differenceDecimals = sharedDecimals(Object.values(metric.diffVsBaseline));
    for (const arm of data.arms) {
      const value = metric.perArm[arm] ?? MISSING_INTERVAL;
      const difference = metric.diffVsBaseline[arm];
      const isBaseline = arm === data.baseline;
      const significant = difference !== undefined && difference.pHolm < 0.05;
      const armText = formatInterval(value, false, armDecimals);
      const differenceText = difference && !isBaseline ? formatInterval(difference, true, differenceDecimals) : undefined;
      rows.push({
        className: isBaseline ? 'baseline' : undefined,
        cells: [
          arm,
          { text: armText.mean, className: 'num' },
          { text: armText.bounds, className: 'num' },
          { text: String(value.n), className: 'num' },
          { text: isBaseline ? 'baseline' : (differenceText?.mean ?? MISSING), className: significant ? 'num significant' : 'num' },
          { text: differenceText?.bounds ?? MISSING, className: 'num' },
          { text: differenceText && difference ? formatP(difference.pHolm) : MISSING, className: 'num' },
        ],
      });
    }
  }
  return rows;
}

const anyClipped = (data: CompareReportData): boolean => data.metrics.some((metric) => Object.values(metric.perArm).some((value) => value.clipped));

function replicationCounts(data: CompareReportData): number[] {
  return data.metrics.flatMap((metric) => data.arms.map((arm) => metric.perArm[arm]?.n ?? 0));
}

/**
 * Writes the comparison report: one self-contained HTML page (inline SVG charts and style, no script, nothing
 * fetched) with a forest plot of paired differences per metric, the revenue-welfare frontier, a bar chart per metric,
 * daily time series per arm and the full table.
 * The same data always gives the same bytes.
 */
export async function renderCompareReport(data: CompareReportData): Promise<string> {
  checkCompareData(data);
  const differences = await differenceFigures(data);
  const frontier = await frontierFigure(data);
  const metrics = await metricFigures(data);
  const bySegment = await segmentFigures(data);
  const daily = await dailyFigures(data);
  const table = renderTable({
    caption: `Mean and 95% confidence interval per arm; paired difference against ${data.baseline} under common random numbers, its 95% confidence interval and Holm-adjusted p-value (bold: p < 0.05).${anyClipped(data) ? ` ${CLIPPED_CAPTION}` : ''}`,
    head: ['Arm', { text: 'Mean', className: 'num' }, { text: '95% CI', className: 'num' }, { text: 'n', className: 'num' }, { text: 'Δ vs baseline', className: 'num' }, { text: '95% CI of Δ', className: 'num' }, { text: 'Holm p', className: 'num' }],
    rows: tableRows(data),
  });
  return renderPage({
    title: data.title,
    facts: [
      { label: 'Baseline', value: data.baseline },
      { label: 'Arms', value: data.arms.join(', ') },
      { label: 'Replications', value: `${formatCountRange(replicationCounts(data))} per arm (replication r uses the same seeds in every arm)` },
      { label: 'Generated', value: data.generated },
    ],
    sections: [
      ...(differences.length > 0
        ? [
            {
              id: 'differences',
              heading: `Differences from ${data.baseline}`,
              intro:
                `What each arm changes, measured pair by pair: replication r of every arm ran with the same seeds as replication r of ${data.baseline}, ` +
                "so the paired interval is much narrower than the arms' own intervals (below) suggest. An interval clear of the dashed line is a change.",
              body: differences.map(renderFigure).join('\n'),
              layout: 'grid' as const,
            },
          ]
        : []),
      {
        id: 'frontier',
        heading: 'Revenue and consumer welfare',
        intro: 'What each arm earns the platform against what it leaves consumers.',
        body: frontier ? renderFigure(frontier) : '<p class="intro">No revenue and welfare values were supplied.</p>',
      },
      ...(metrics.length > 0 ? [{ id: 'metrics', heading: 'Metrics by arm', intro: "Each arm's own mean and 95% interval across replications: how large each outcome is. Whether two arms differ is read above, from the paired differences.", body: metrics.map(renderFigure).join('\n'), layout: 'grid' as const }] : []),
      ...(bySegment.length > 0
        ? [{ id: 'segments', heading: 'Outcomes by segment', intro: 'Who carries each outcome, and how each arm moves it in each segment (compare --by segment).', body: bySegment.map(renderFigure).join('\n'), layout: 'grid' as const }]
        : []),
      {
        id: 'daily',
        heading: 'Day by day',
        body: daily.length > 0 ? daily.map(renderFigure).join('\n') : '<p class="intro">No daily values were supplied.</p>',
        layout: 'grid',
      },
      { id: 'table', heading: 'Table', body: table },
    ],
  });
}
