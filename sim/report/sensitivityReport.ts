import { morrisBarsSpec, sobolBarsSpec } from './charts.js';
import { formatFixed, formatNumber, MISSING } from './format.js';
import { type Figure, idSafe, renderFigure, renderPage, renderTable, type TableCell, type TableRow } from './html.js';
import { renderVegaLiteSvg } from './renderSvg.js';
import type { IndexEstimate, SensitivityMetric, SensitivityParameter, SensitivityReportData } from './reportData.js';

/** A metric's parameters in rank order (ties by name), so the drawing does not depend on the order supplied. */
function ranked(metric: SensitivityMetric): SensitivityParameter[] {
  return [...metric.parameters].sort((a, b) => a.rank - b.rank || (a.parameter < b.parameter ? -1 : a.parameter > b.parameter ? 1 : 0));
}

/** Refuses data the page could not show faithfully: a metric twice (two charts would share one name). */
function checkSensitivityData(data: SensitivityReportData): void {
  const seen = new Set<string>();
  for (const metric of data.metrics) {
    if (seen.has(metric.name)) throw new RangeError(`sensitivity report: metric "${metric.name}" appears twice`);
    seen.add(metric.name);
  }
}

function missingNote(metric: SensitivityMetric, data: SensitivityReportData): string {
  return metric.undefinedOutputs > 0 ? ` ${metric.undefinedOutputs} of ${data.distinctPoints} points gave no value and are left out.` : '';
}

const MORRIS_CAPTION =
  'Bars: μ*, the mean absolute elementary effect (importance); ticks: σ, the standard deviation of the effects ' +
  '(interactions or non-linearity); both in metric units per full parameter range. Ranked by μ*.';

const SOBOL_CAPTION =
  'S1: share of the variance the parameter explains alone; ST: with all its interactions (ST well above S1: ' +
  'interactions). Whiskers: 95% bootstrap confidence intervals. Ranked by ST.';

async function sensitivityFigures(data: SensitivityReportData): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [k, metric] of data.metrics.entries()) {
    const parameters = ranked(metric);
    const spec = data.method === 'morris' ? morrisBarsSpec(parameters) : sobolBarsSpec(parameters);
    figures.push({
      name: `sensitivity-${metric.name}`,
      heading: metric.name,
      caption: `${metric.name}: ${metric.description}. ${data.method === 'morris' ? MORRIS_CAPTION : SOBOL_CAPTION}${missingNote(metric, data)}`,
      svg: await renderVegaLiteSvg(spec, `g${k}-${idSafe(metric.name)}`),
      // The whole row: parameter paths are long and must be read in full.
      className: 'wide',
    });
  }
  return figures;
}

const num = (text: string): TableCell => ({ text, className: 'num' });

/** Sobol indices are shares of variance: three decimals for every value and bound, so the columns line up. */
const SOBOL_DECIMALS = 3;

const formatIndex = (value: number): string => formatFixed(value, SOBOL_DECIMALS);

function formatEstimateBounds(estimate: IndexEstimate): string {
  return Number.isFinite(estimate.low) && Number.isFinite(estimate.high) ? `[${formatIndex(estimate.low)}, ${formatIndex(estimate.high)}]` : MISSING;
}

function rangeText(data: SensitivityReportData, parameter: string): string {
  const range = data.ranges.find((r) => r.path === parameter);
  return range ? `${formatNumber(range.lo)} .. ${formatNumber(range.hi)}` : MISSING;
}

function tableRows(data: SensitivityReportData): TableRow[] {
  return data.metrics.flatMap((metric): TableRow[] => [
    { group: metric.name, note: `— ${metric.description}` },
    ...ranked(metric).map((row) => {
      const indices =
        data.method === 'morris'
          ? [num(formatNumber(row.muStar)), num(formatNumber(row.mu)), num(formatNumber(row.sigma))]
          : [num(formatIndex(row.s1.value)), num(formatEstimateBounds(row.s1)), num(formatIndex(row.st.value)), num(formatEstimateBounds(row.st))];
      return { cells: [num(String(row.rank)), row.parameter, num(rangeText(data, row.parameter)), ...indices] };
    }),
  ]);
}

function tableHead(data: SensitivityReportData): (TableCell | string)[] {
  const indices = data.method === 'morris' ? ['μ*', 'μ', 'σ'] : ['S1', 'S1 95% CI', 'ST', 'ST 95% CI'];
  return [num('Rank'), 'Parameter', num('Range'), ...indices.map(num)];
}

/**
 * Writes the sensitivity report: one self-contained HTML page with, for each metric, a horizontal bar chart of the
 * parameters ranked by importance (Morris: μ* bars with σ ticks; Sobol: S1 and ST bars with 95% bootstrap CI
 * whiskers) and the ranked table. The same data always gives the same bytes.
 */
export async function renderSensitivityReport(data: SensitivityReportData): Promise<string> {
  checkSensitivityData(data);
  const figures = await sensitivityFigures(data);
  const morris = data.method === 'morris';
  return renderPage({
    title: data.title,
    facts: [
      { label: 'Scenario', value: data.scenario },
      { label: 'Method', value: morris ? 'Morris elementary effects (screening)' : 'Sobol first- and total-order indices' },
      { label: 'Parameters', value: data.ranges.map((range) => `${range.path} ${formatNumber(range.lo)} .. ${formatNumber(range.hi)}`).join('; ') },
      { label: 'Design', value: `${data.designPoints} points (${data.distinctPoints} distinct) x ${data.replications} replication(s), the same seeds at every point` },
      { label: 'Generated', value: data.generated },
    ],
    sections: [
      {
        id: 'charts',
        heading: 'Parameters ranked by influence',
        intro: morris
          ? 'Each metric\'s parameters, most influential first, by μ*. A parameter with σ close to or above μ* acts through interactions or non-linearly.'
          : 'Each metric\'s parameters, most influential first, by the total-order index ST. Indices are shares of the metric\'s variance over the ranges given.',
        body: figures.map(renderFigure).join('\n'),
        layout: 'grid',
      },
      {
        id: 'table',
        heading: 'Table',
        body: renderTable({
          caption: morris
            ? 'Morris measures per metric, ranked by μ*: μ* mean absolute elementary effect, μ mean (signed) effect, σ standard deviation of the effects, in metric units per full parameter range.'
            : 'Sobol indices per metric, ranked by ST: first-order S1 and total-order ST with 95% bootstrap confidence intervals.',
          head: tableHead(data),
          rows: tableRows(data),
        }),
      },
    ],
  });
}
