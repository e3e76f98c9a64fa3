import { dailySeriesSpec, segmentBarsSpec } from './charts.js';
import { CLIPPED_CAPTION, formatFixed, formatInterval, formatNumber, MISSING } from './format.js';
import { escapeHtml, type Figure, idSafe, renderFigure, renderPage, renderTable, type TableRow } from './html.js';
import { renderVegaLiteSvg } from './renderSvg.js';
import type { RunReportData } from './reportData.js';
import { funnelSpec, histogramSpec, hourBarsSpec, stackedDailySpec, topItemsSpec } from './runCharts.js';

const percent = (share: number): string => `${formatFixed(100 * share, 1)}%`;

/** Series that are shares drawn with % labels. */
const SHARE_CHARTS = new Set(['impulse_share', 'regret_rate', 'return_rate']);

async function dailyFigures(data: RunReportData): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const chart of data.daily) {
    const spec =
      chart.layout === 'stacked'
        ? stackedDailySpec(chart.quantity, chart.series, chart.points)
        : dailySeriesSpec(chart.quantity, chart.series, chart.points.map((p) => ({ arm: p.series, day: p.day, value: p.value })), undefined, { percent: SHARE_CHARTS.has(chart.name) });
    figures.push({ name: `daily-${chart.name}`, heading: chart.heading, caption: chart.caption, svg: await renderVegaLiteSvg(spec, `d-${idSafe(chart.name)}`) });
  }
  return figures;
}

async function pathFigures(data: RunReportData): Promise<Figure[]> {
  const stages = data.funnel.map((s) => s.stage).join(', ');
  const perDay = data.replications.length > 1 ? 'per day, mean over the run and the replications' : 'per day, mean over the run';
  return [
    {
      name: 'funnel',
      heading: 'The shopping funnel',
      caption: `Items over the whole run at each stage (${stages}), each a subset of the one before (output/README.md, "The shopping funnel")${data.replications.length > 1 ? ', mean over replications' : ''}.`,
      svg: await renderVegaLiteSvg(funnelSpec(data.funnel), 'funnel'),
    },
    {
      name: 'hours-sessions',
      heading: 'Sessions by hour of the day',
      caption: `App sessions opened in each hour, ${perDay}.`,
      svg: await renderVegaLiteSvg(hourBarsSpec('sessions', ['sessions'], data.hours.map((h) => ({ hour: h.hour, series: 'sessions', value: h.sessions }))), 'hours-sessions'),
    },
    {
      name: 'hours-purchases',
      heading: 'Purchases by hour of the day',
      caption: `Purchases made in sessions in each hour, impulse and other, ${perDay} (cart purchases come after the last hour and are left out).`,
      svg: await renderVegaLiteSvg(
        hourBarsSpec(
          'purchases',
          ['impulse', 'other'],
          data.hours.flatMap((h) => [
            { hour: h.hour, series: 'impulse', value: h.impulsePurchases },
            { hour: h.hour, series: 'other', value: h.purchases - h.impulsePurchases },
          ]),
        ),
        'hours-purchases',
      ),
    },
  ];
}

async function distributionFigures(data: RunReportData): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const distribution of data.distributions) {
    const pooled = data.replications.length > 1 ? `, pooled over ${data.replications.length} replications` : '';
    figures.push({
      name: `consumers-${distribution.name}`,
      heading: distribution.heading,
      caption:
        `Share of ${formatNumber(distribution.consumers)} consumers by ${distribution.unit}${pooled}. ` +
        `Mean ${formatNumber(distribution.mean)}, median ${formatNumber(distribution.median)}, 90th percentile ${formatNumber(distribution.p90)}; ${percent(distribution.zeroShare)} have none. ` +
        'The last bar holds everything from its start up.',
      svg: await renderVegaLiteSvg(histogramSpec(distribution), `h-${idSafe(distribution.name)}`),
    });
  }
  return figures;
}

async function segmentFigures(data: RunReportData): Promise<Figure[]> {
  const series = data.replications.length > 1 ? `mean of ${data.replications.length} replications` : 'this run';
  const figures: Figure[] = [];
  for (const metric of data.segmentMetrics) {
    const bars = metric.values.map(({ segment, value }) => ({ segment, arm: series, value }));
    figures.push({
      name: `segments-${metric.name}`,
      heading: `${metric.name} by segment`,
      caption: `${metric.name}: ${metric.description}, in each population segment${data.replications.length > 1 ? '; whiskers: 95% confidence interval over replications' : ''}.`,
      svg: await renderVegaLiteSvg(segmentBarsSpec(data.segments, [series], bars), `s-${idSafe(metric.name)}`),
    });
  }
  return figures;
}

async function salesFigures(data: RunReportData): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (data.topItems.length > 0) {
    figures.push({
      name: 'top-items',
      heading: `The ${data.topItems.length} best-selling items`,
      caption: `Purchases and GMV of the most bought items${data.replications.length > 1 ? ` in the first replication (${data.replications[0]}; each replication draws its own market unless catalog.seed is set)` : ''}.`,
      svg: await renderVegaLiteSvg(topItemsSpec(data.topItems), 'top-items'),
    });
  }
  figures.push({
    name: 'concentration',
    heading: 'Concentration of sales',
    caption:
      `Share of all purchases taken by the best-selling items, against the share of the catalog they make up (best sellers first). ` +
      `The top 1% of items take ${percent(data.topShares.top1)} of purchases, the top 10% take ${percent(data.topShares.top10)}${data.replications.length > 1 ? ' (mean over replications)' : ''}. The steeper the curve, the fewer items take the sales.`,
    svg: await renderVegaLiteSvg(
      dailySeriesSpec(
        'share of purchases',
        data.replications,
        data.concentration.map((p) => ({ arm: p.series, day: p.itemShare, value: p.purchaseShare })),
        { title: 'share of items, best sellers first', integer: false, percent: true },
        { percent: true, zero: true },
      ),
      'concentration',
    ),
  });
  return figures;
}

function summaryRows(data: RunReportData): TableRow[] {
  return data.summary.map((metric) => {
    const text = formatInterval(metric.value);
    return {
      cells: [
        metric.name,
        { text: text.mean, className: 'num' },
        { text: text.bounds, className: 'num' },
        { text: String(metric.value.n), className: 'num' },
        metric.unit,
        metric.description,
      ],
    };
  });
}

/**
 * Writes the report of one run (or of the replications of one `mallsim run`): one self-contained HTML page, inline
 * SVG and style, no script, nothing fetched. The day-by-day story, the shopping funnel and the hours, how purchases,
 * regret and spend spread across consumers and segments, what sells, and every summary metric. The same data always
 * gives the same bytes.
 */
export async function renderRunReport(data: RunReportData): Promise<string> {
  const daily = await dailyFigures(data);
  const paths = await pathFigures(data);
  const consumers = await distributionFigures(data);
  const segments = data.segments.length > 1 ? await segmentFigures(data) : [];
  const sales = await salesFigures(data);
  const several = data.replications.length > 1;
  const clipped = data.summary.some((metric) => metric.value.clipped);
  return renderPage({
    title: data.title,
    facts: [...data.facts, { label: 'Generated', value: data.generated }],
    sections: [
      {
        id: 'daily',
        heading: 'Day by day',
        intro: several ? 'One line per replication where the quantity is its own; parts of a whole and the shopping path are averaged over replications.' : undefined,
        body: daily.map(renderFigure).join('\n'),
        layout: 'grid',
      },
      { id: 'path', heading: 'The shopping path', body: paths.map(renderFigure).join('\n'), layout: 'grid' },
      {
        id: 'transitions',
        heading: 'Shopping-path transitions',
        intro: 'The shopping path as a Markov chain over what happens to an item shown (paths.arrow): how often each step was taken over the run, and its share of the steps out of the same state.',
        body: renderTable({
          caption: `Transitions over the run${several ? `, mean of ${data.replications.length} replications` : ''}; share: of all transitions out of the "from" state (the chain's transition probability).`,
          head: ['From', 'To', { text: 'Count', className: 'num' }, { text: 'Share', className: 'num' }],
          rows: data.transitions.map((t) => ({ cells: [t.from, t.to, { text: formatNumber(t.count), className: 'num' }, { text: Number.isFinite(t.share) ? percent(t.share) : MISSING, className: 'num' }] })),
        }),
      },
      { id: 'consumers', heading: 'Across consumers', intro: 'How purchases, regret and spend are spread over the population: a mean can hide a few heavy buyers.', body: consumers.map(renderFigure).join('\n'), layout: 'grid' },
      data.segments.length > 1
        ? { id: 'segments', heading: 'By segment', intro: 'Who carries each outcome (segments.arrow).', body: segments.map(renderFigure).join('\n'), layout: 'grid' }
        : { id: 'segments', heading: 'By segment', body: `<p class="intro">The population is one segment (${escapeHtml(data.segments[0] ?? '')}): population.segments splits it.</p>` },
      { id: 'sales', heading: 'What sells', body: sales.map(renderFigure).join('\n'), layout: 'grid' },
      {
        id: 'summary',
        heading: 'Summary',
        body: renderTable({
          caption: `Every summary metric of the run${several ? `: mean over ${data.replications.length} replications with its 95% t interval` : ''} (mallsim --explain METRIC).${clipped ? ` ${CLIPPED_CAPTION}` : ''}`,
          head: ['Metric', { text: 'Value', className: 'num' }, { text: '95% CI', className: 'num' }, { text: 'n', className: 'num' }, 'Unit', 'Meaning'],
          rows: summaryRows(data),
        }),
      },
    ],
  });
}
