import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { OutputError } from '../output/runFolder.js';
import type { RunSummary } from '../metrics.js';
import { compareProvenance, compareReportTitle } from './compare.js';
import { buildCompareReportData } from './compareReportData.js';
import { compareStatistics } from './compareStatistics.js';
import { readDailySeries } from './runJob.js';
import type { DailySeries } from './runPlan.js';

/** What the report reads of compare.json. */
interface CompareFile {
  baseline: string;
  arms: { name: string }[];
  replications: number;
  seeds: { base: number };
  metrics: { metric: string; description: string }[];
}

/** Columns of runs.arrow that describe a run rather than measure it. */
const RUN_COLUMNS = new Set(['run_id', 'point', 'replication', 'seed', 'arm']);

const NO_DAYS: DailySeries = { impulse_share: [], mean_trust: [], gmv: [], purchases: [] };

/**
 * The report of a finished `mallsim compare` folder, drawn after the fact from what it recorded: the statistics are
 * recomputed from runs.arrow (the same numbers compare printed and wrote), the daily series read from each kept run's
 * days.arrow (none after --summary-only).
 */
export async function renderCompareFolderReport(folder: string): Promise<string> {
  const jsonFile = path.join(folder, 'compare.json');
  const runsFile = path.join(folder, 'runs.arrow');
  if (!existsSync(runsFile)) throw new OutputError(`${folder}: compare.json without runs.arrow; not a finished comparison`);
  const recorded = JSON.parse(readFileSync(jsonFile, 'utf8')) as CompareFile;
  const arms = recorded.arms.map((arm) => arm.name);
  const baseline = arms.indexOf(recorded.baseline);
  if (baseline < 0) throw new OutputError(`${jsonFile}: baseline "${recorded.baseline}" is not one of the arms (${arms.join(', ')})`);
  const table = tableFromIPC(readFileSync(runsFile));
  const armColumn = table.getChild('arm');
  const replicationColumn = table.getChild('replication');
  if (!armColumn || !replicationColumn) throw new OutputError(`${runsFile}: no arm or replication column; not the runs of a comparison`);
  const metricColumns = table.schema.fields.map((field) => field.name).filter((name) => !RUN_COLUMNS.has(name));
  const runsByArm = arms.map(() => [] as { replication: number; summary: RunSummary; daily: DailySeries }[]);
  for (let row = 0; row < table.numRows; row++) {
    const a = arms.indexOf(String(armColumn.get(row)));
    if (a < 0) throw new OutputError(`${runsFile}: row ${row} names arm "${String(armColumn.get(row))}", which compare.json does not list`);
    const replication = Number(replicationColumn.get(row));
    const summary: RunSummary = {};
    for (const name of metricColumns) summary[name] = Number(table.getChild(name)?.get(row) ?? Number.NaN);
    const days = path.join(folder, arms[a], `rep-${String(replication).padStart(3, '0')}`, 'days.arrow');
    runsByArm[a].push({ replication, summary, daily: existsSync(days) ? readDailySeries(days) : NO_DAYS });
  }
  for (const runs of runsByArm) runs.sort((x, y) => x.replication - y.replication);
  const metrics = recorded.metrics.map((m) => ({ name: m.metric, description: m.description }));
  const statistics = compareStatistics({ arms, baseline, summaries: runsByArm.map((runs) => runs.map((run) => run.summary)) }, metrics);
  const data = buildCompareReportData({
    title: compareReportTitle(arms, baseline),
    generated: compareProvenance(recorded.seeds.base, recorded.replications),
    statistics,
    baseline,
    runsByArm,
  });
  const { renderCompareReport } = await import('../report/compareReport.js');
  return renderCompareReport(data);
}
