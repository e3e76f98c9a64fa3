import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { clipToRange, metricRange, metricUnit } from '../metricRange.js';
import { METRICS } from '../metrics.js';
import { intervalValue } from '../experiment/compareReportData.js';
import { meanInterval } from '../experiment/statistics.js';
import { SEGMENT_METRICS } from '../measures/segmentOutcomes.js';
import { FUNNEL_STAGES, funnelOf, PATH_STATES, PATH_TRANSITIONS } from '../measures/shoppingPaths.js';
import type { ConsumerDistribution, RunDailyChart, RunDailyValue, RunReportData } from '../report/reportData.js';
import { formatNumber } from '../report/format.js';
import { VERSION } from '../version.js';
import { OutputError } from './runFolder.js';

/** What the report reads of a run's manifest.json. */
interface RunManifest {
  scenario: string;
  seed: number;
  replication: number;
  summary: Record<string, number | null>;
  resolvedScenario: {
    population: { size: number };
    run: { days: number };
    catalog: { items: number };
    platform: { policy: string; objective: string };
  };
}

/** One replication's folder and what was read from it. */
interface RunFiles {
  folder: string;
  label: string;
  manifest: RunManifest;
  table: (name: string) => Table;
}

/** The tables a run report needs; a folder without them is not a finished run. */
const NEEDED = ['manifest.json', 'days.arrow', 'hours.arrow', 'consumers.arrow', 'purchases.arrow', 'segments.arrow', 'paths.arrow'];

/**
 * The replication folders of a `mallsim run` result: the folder itself when it holds a run, else its `rep-NNN`
 * subfolders in order. Refuses a folder that is neither, or a run with a table missing, naming what is missing.
 */
export function runFoldersOf(folder: string): string[] {
  if (existsSync(path.join(folder, 'manifest.json'))) return [checkRunFolder(folder)];
  const replications = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => /^rep-\d+$/.test(name))
        .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))
        .map((name) => path.join(folder, name))
    : [];
  if (replications.length === 0) throw new OutputError(`${folder}: not a run folder (no manifest.json and no rep-NNN subfolders); pass the folder "mallsim run" printed`);
  return replications.map(checkRunFolder);
}

function checkRunFolder(folder: string): string {
  const missing = NEEDED.filter((name) => !existsSync(path.join(folder, name)));
  if (missing.length > 0) throw new OutputError(`${folder}: not a finished run (missing ${missing.join(', ')})`);
  return folder;
}

function openRun(folder: string): RunFiles {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as RunManifest;
  const cache = new Map<string, Table>();
  const table = (name: string): Table => {
    let loaded = cache.get(name);
    if (!loaded) {
      loaded = tableFromIPC(readFileSync(path.join(folder, `${name}.arrow`)));
      cache.set(name, loaded);
    }
    return loaded;
  };
  return { folder, label: `seed ${manifest.seed}`, manifest, table };
}

function numbers(table: Table, name: string, file: string): number[] {
  const vector = table.getChild(name);
  if (!vector) throw new OutputError(`${file}: no column ${name}`);
  return Array.from(vector.toArray() as ArrayLike<number | bigint | boolean>, Number);
}

function strings(table: Table, name: string, file: string): string[] {
  const vector = table.getChild(name);
  if (!vector) throw new OutputError(`${file}: no column ${name}`);
  return Array.from({ length: table.numRows }, (_, k) => String(vector.get(k)));
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
const mean = (values: readonly number[]): number => {
  const finite = values.filter(Number.isFinite);
  return finite.length > 0 ? finite.reduce((a, b) => a + b, 0) / finite.length : Number.NaN;
};

/** A daily quantity per replication, or (`meanOver`) one series per named column, averaged over replications. */
function dailyCharts(runs: readonly RunFiles[]): RunDailyChart[] {
  const day = (run: RunFiles, name: string) => numbers(run.table('days'), name, path.join(run.folder, 'days.arrow'));
  const labels = runs.map((run) => run.label);
  const perReplication = (name: string, heading: string, quantity: string, caption: string, value: (run: RunFiles) => number[]): RunDailyChart => ({
    name,
    heading,
    quantity,
    caption,
    series: labels,
    layout: 'lines',
    points: runs.flatMap((run) => value(run).map((v, d): RunDailyValue => ({ series: run.label, day: d, value: v }))),
  });
  const averaged = (name: string, heading: string, quantity: string, caption: string, columns: readonly (readonly [string, string])[], layout: RunDailyChart['layout']): RunDailyChart => ({
    name,
    heading,
    quantity,
    caption: runs.length > 1 ? `${caption} Mean over the ${runs.length} replications.` : caption,
    series: columns.map(([, label]) => label),
    layout,
    points: columns.flatMap(([column, label]) => {
      const values = runs.map((run) => day(run, column));
      return values[0].map((_, d): RunDailyValue => ({ series: label, day: d, value: mean(values.map((v) => v[d])) }));
    }),
  });
  return [
    averaged('purchases', 'Purchases by day', 'purchases', 'Purchases each day by kind: planned (meets a need), impulse (bought at once) and from the cooling-off cart.', [['planned_purchases', 'planned'], ['impulse_purchases', 'impulse'], ['cart_purchases', 'cart']], 'stacked'),
    perReplication('impulse_share', 'Impulse share of purchases', 'impulse share', 'Impulse purchases over all purchases each day (no point on a day without purchases).', (run) => {
      const impulse = day(run, 'impulse_purchases');
      return day(run, 'purchases').map((n, d) => ratio(impulse[d], n));
    }),
    averaged('path', 'Active users by day', 'consumers', 'Consumers who opened the app, and those who watched at least one item, each day.', [['active_users', 'active'], ['viewers', 'watched']], 'lines'),
    averaged('path-decisions', 'Urges, carts and purchases by day', 'consumers', 'Active users who felt an urge to buy on impulse, put an item in the cooling-off cart, and bought in a session, each day.', [['tempted', 'tempted'], ['carters', 'carted'], ['buyers', 'bought']], 'lines'),
    perReplication('mean_trust', 'Trust by day', 'mean trust', 'Mean trust in the platform of consumers not churned, 0 to 1.', (run) => day(run, 'mean_trust')),
    perReplication('mean_self_control', 'Self-control by day', 'mean self-control', 'Mean self-control strength of the day\'s active users at the end of their sessions, 0 to 1.', (run) => day(run, 'mean_self_control')),
    perReplication('mean_fatigue', 'Fatigue by day', 'mean fatigue', 'Mean fatigue of consumers not churned.', (run) => day(run, 'mean_fatigue')),
    perReplication('mean_budget', 'Budget balance by day', 'mean balance', 'Mean shopping balance per consumer at the end of each day (income arrives on paydays).', (run) => day(run, 'mean_budget')),
    perReplication('regret_rate', 'Regret by day', 'regret rate', 'Regretted over evaluated purchases among the purchases delivered and judged each day.', (run) => {
      const regrets = day(run, 'regrets');
      return day(run, 'evaluated').map((n, d) => ratio(regrets[d], n));
    }),
    perReplication('return_rate', 'Returns by day', 'return rate', 'Purchases judged each day that are (or will be) sent back, over those judged.', (run) => {
      const kept = day(run, 'kept');
      return day(run, 'evaluated').map((n, d) => ratio(n - kept[d], n));
    }),
    perReplication('gmv', 'GMV by day', 'money spent', 'Gross merchandise value: money spent each day.', (run) => day(run, 'gmv')),
    perReplication('churned', 'Churn', 'churned consumers', 'Consumers who have left the platform, by day.', (run) => day(run, 'churned')),
    perReplication('sales_gini', 'Sales concentration by day', 'Gini of sales', 'Gini coefficient of items\' cumulative sales (0: every item sells alike; 1: one item takes all).', (run) => day(run, 'sales_gini')),
  ];
}

/** Each run's transition counts over all its days, indexed [from * states + to]. */
function transitionTotals(runs: readonly RunFiles[]): Float64Array[] {
  const states = new Map<string, number>(PATH_STATES.map((state, k) => [state, k]));
  return runs.map((run) => {
    const file = path.join(run.folder, 'paths.arrow');
    const table = run.table('paths');
    const from = strings(table, 'from', file);
    const to = strings(table, 'to', file);
    const count = numbers(table, 'count', file);
    const totals = new Float64Array(PATH_STATES.length * PATH_STATES.length);
    count.forEach((n, k) => {
      totals[states.get(from[k])! * PATH_STATES.length + states.get(to[k])!] += n;
    });
    return totals;
  });
}

function funnel(totals: readonly Float64Array[]): RunReportData['funnel'] {
  const perRun = totals.map((t) => funnelOf((a, b) => t[a * PATH_STATES.length + b]));
  return FUNNEL_STAGES.map((stage) => ({ stage, count: mean(perRun.map((f) => f[stage])) }));
}

/** The transitions of the Markov chain over the run, mean over replications, with their shares out of each state. */
function transitions(totals: readonly Float64Array[]): RunReportData['transitions'] {
  const states = PATH_STATES.length;
  const meanCount = (from: number, to: number) => mean(totals.map((t) => t[from * states + to]));
  const leaving = (from: number) => PATH_TRANSITIONS.filter(([a]) => a === from).reduce((sum, [a, b]) => sum + meanCount(a, b), 0);
  return PATH_TRANSITIONS.map(([from, to]) => ({ from: PATH_STATES[from], to: PATH_STATES[to], count: meanCount(from, to), share: ratio(meanCount(from, to), leaving(from)) }));
}

function hours(runs: readonly RunFiles[]): RunReportData['hours'] {
  const sums = Array.from({ length: 24 }, (_, hour) => ({ hour, sessions: 0, purchases: 0, impulsePurchases: 0 }));
  let days = 0;
  for (const run of runs) {
    const file = path.join(run.folder, 'hours.arrow');
    const table = run.table('hours');
    const hour = numbers(table, 'hour', file);
    const sessions = numbers(table, 'sessions', file);
    const purchases = numbers(table, 'purchases', file);
    const impulse = numbers(table, 'impulse_purchases', file);
    hour.forEach((h, k) => {
      sums[h].sessions += sessions[k];
      sums[h].purchases += purchases[k];
      sums[h].impulsePurchases += impulse[k];
    });
    days += run.manifest.resolvedScenario.run.days;
  }
  return sums.map((s) => ({ hour: s.hour, sessions: s.sessions / days, purchases: s.purchases / days, impulsePurchases: s.impulsePurchases / days }));
}

/** The q-quantile of sorted values: the value at rank q(n - 1), rounded down. */
const quantile = (sorted: readonly number[], q: number): number => (sorted.length === 0 ? Number.NaN : sorted[Math.floor(q * (sorted.length - 1))]);

/** The smallest of 1, 2 or 5 times a power of ten that is at least `step`: bins that read as round numbers. */
export function niceStep(step: number): number {
  if (!(step > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(step));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= step * (1 - 1e-12)) return factor * power;
  return 10 * power;
}

/** At most this many bars: enough to see a distribution's shape, few enough to label. */
const MAX_BINS = 20;

/**
 * A histogram of per-consumer values: one bar per whole number when the values are counts below MAX_BINS, else at
 * most MAX_BINS bars of a round width up to the 99th percentile with the rest in the last bar (so a few heavy buyers
 * do not squeeze everyone else into one bar).
 */
export function histogram(values: readonly number[], integer: boolean): ConsumerDistribution['bins'] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  // Counts that fit in MAX_BINS whole-number bars are all shown; otherwise the top 1% share the last bar.
  const top = integer && sorted[n - 1] < MAX_BINS ? sorted[n - 1] : quantile(sorted, 0.99) || sorted[n - 1];
  const width = integer ? Math.max(1, niceStep((top + 1) / MAX_BINS)) : top > 0 ? niceStep(top / MAX_BINS) : 1;
  const bins = Math.max(1, Math.min(MAX_BINS, Math.floor(top / width) + 1));
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(bins - 1, Math.max(0, Math.floor(v / width)))]++;
  return counts.map((count, b) => ({ low: b * width, high: b === bins - 1 ? Math.max(sorted[n - 1], (b + 1) * width) : (b + 1) * width, share: count / n }));
}

function distributions(runs: readonly RunFiles[]): ConsumerDistribution[] {
  const pooled = (column: string) => runs.flatMap((run) => numbers(run.table('consumers'), column, path.join(run.folder, 'consumers.arrow')));
  const describe = (name: string, heading: string, unit: string, values: number[], integer: boolean): ConsumerDistribution => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      name,
      heading,
      unit,
      integer,
      bins: histogram(values, integer),
      mean: mean(values),
      median: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      zeroShare: values.filter((v) => v === 0).length / Math.max(1, values.length),
      consumers: values.length,
    };
  };
  const purchases = pooled('purchases');
  const regrets = pooled('regrets');
  const spend = pooled('spend');
  const impulse = pooled('impulse_purchases');
  return [
    describe('purchases', 'Purchases per consumer', 'purchases in the run', purchases, true),
    describe('impulse_purchases', 'Impulse purchases per consumer', 'impulse purchases in the run', impulse, true),
    describe('regrets', 'Regretted purchases per consumer', 'purchases regretted in the run', regrets, true),
    describe('spend', 'Spend per consumer', 'money spent in the run', spend, false),
  ];
}

/** Outcomes shown per segment (a subset of SEGMENT_METRICS: those a reader compares across groups). */
const SEGMENT_CHARTS = ['purchases_per_consumer', 'impulse_share', 'regret_rate', 'spend_per_consumer', 'welfare_per_consumer', 'over_budget_share'];

function segmentMetrics(runs: readonly RunFiles[], segments: readonly string[]): RunReportData['segmentMetrics'] {
  return SEGMENT_CHARTS.map((name) => {
    const definition = SEGMENT_METRICS.find((m) => m.name === name)!;
    const values = segments.map((segment) => {
      const key = `${name}@${segment}`;
      const interval = clipToRange(meanInterval(runs.map((run) => run.manifest.summary[key] ?? Number.NaN)), metricRange(key));
      return { segment, value: intervalValue(interval) };
    });
    return { name, description: definition.description, values };
  });
}

/** Purchases per item of one replication, every item of the catalog included (those never bought count 0). */
function itemSales(run: RunFiles): { purchases: Float64Array; gmv: Float64Array; category: Int32Array } {
  const file = path.join(run.folder, 'purchases.arrow');
  const table = run.table('purchases');
  const items = run.manifest.resolvedScenario.catalog.items;
  const purchases = new Float64Array(items);
  const gmv = new Float64Array(items);
  const category = new Int32Array(items).fill(-1);
  const item = numbers(table, 'item_id', file);
  const price = numbers(table, 'price', file);
  const categories = numbers(table, 'category', file);
  item.forEach((id, k) => {
    purchases[id]++;
    gmv[id] += price[k];
    category[id] = categories[k];
  });
  return { purchases, gmv, category };
}

/** Points of the concentration curve: the best sellers' share of purchases at 0%, 1%, 2%, ... 100% of items. */
const CURVE_POINTS = 101;

function concentration(runs: readonly RunFiles[]): Pick<RunReportData, 'concentration' | 'topShares' | 'topItems'> {
  const curves: RunReportData['concentration'] = [];
  const top1: number[] = [];
  const top10: number[] = [];
  let topItems: RunReportData['topItems'] = [];
  runs.forEach((run, r) => {
    const sales = itemSales(run);
    const sorted = Float64Array.from(sales.purchases).sort().reverse();
    const total = sorted.reduce((a, b) => a + b, 0);
    const cumulative = new Float64Array(sorted.length + 1);
    for (let k = 0; k < sorted.length; k++) cumulative[k + 1] = cumulative[k] + sorted[k];
    const shareAt = (itemShare: number) => ratio(cumulative[Math.round(itemShare * sorted.length)], total);
    for (let p = 0; p < CURVE_POINTS; p++) curves.push({ series: run.label, itemShare: p / (CURVE_POINTS - 1), purchaseShare: shareAt(p / (CURVE_POINTS - 1)) });
    top1.push(ratio(cumulative[Math.max(1, Math.round(sorted.length * 0.01))], total));
    top10.push(ratio(cumulative[Math.max(1, Math.round(sorted.length * 0.1))], total));
    if (r === 0) {
      const order = Array.from(sales.purchases.keys()).filter((id) => sales.purchases[id] > 0);
      // Ties broken by item id, so the same run always lists the same items.
      order.sort((a, b) => sales.purchases[b] - sales.purchases[a] || a - b);
      topItems = order.slice(0, TOP_ITEMS).map((id) => ({ item: id, category: sales.category[id], purchases: sales.purchases[id], gmv: sales.gmv[id] }));
    }
  });
  return { concentration: curves, topShares: { top1: mean(top1), top10: mean(top10) }, topItems };
}

const TOP_ITEMS = 20;

function summary(runs: readonly RunFiles[]): RunReportData['summary'] {
  return METRICS.map((metric) => {
    const interval = clipToRange(meanInterval(runs.map((run) => run.manifest.summary[metric.name] ?? Number.NaN)), metricRange(metric.name));
    return { name: metric.name, description: metric.description, unit: metricUnit(metric.name) ?? '', value: intervalValue(interval) };
  });
}

/**
 * Reads a finished `mallsim run` folder (one run, or the rep-NNN folders of several replications) into the run
 * report's data: daily series, the funnel, the hour-of-day profile, per-consumer distributions, per-segment outcomes,
 * the best sellers and the concentration of sales, and the summary with intervals over replications.
 */
export function readRunReportData(folder: string): RunReportData {
  const runs = runFoldersOf(folder).map(openRun);
  const first = runs[0].manifest;
  const scenario = first.resolvedScenario;
  const segments = strings(runs[0].table('segments'), 'segment', path.join(runs[0].folder, 'segments.arrow'));
  const seeds = runs.map((run) => run.manifest.seed);
  const paths = transitionTotals(runs);
  const seedText = seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]}-${seeds[seeds.length - 1]}`;
  return {
    title: `mallsim run: ${first.scenario}`,
    generated: `mallsim ${VERSION}, scenario ${first.scenario}, ${seedText}`,
    facts: [
      { label: 'Scenario', value: first.scenario },
      { label: 'Size', value: `${formatNumber(scenario.population.size)} consumers x ${scenario.run.days} days, ${formatNumber(scenario.catalog.items)} items` },
      { label: 'Platform', value: `${scenario.platform.policy} recommender, ${scenario.platform.objective} objective` },
      { label: 'Replications', value: `${runs.length} (${seedText})` },
    ],
    replications: runs.map((run) => run.label),
    daily: dailyCharts(runs),
    funnel: funnel(paths),
    transitions: transitions(paths),
    hours: hours(runs),
    distributions: distributions(runs),
    segments,
    segmentMetrics: segmentMetrics(runs, segments),
    ...concentration(runs),
    summary: summary(runs),
  };
}
