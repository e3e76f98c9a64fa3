import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MetricDefinition } from '../metrics.js';
import { OutputError } from '../output/runFolder.js';
import { checkReportDestination, PendingReport } from '../output/reportFile.js';
import { VERSION } from '../version.js';
import { expandBySegment, resolveCompareMetrics } from './compareMetrics.js';
import { splitSegmentMetricKey } from '../measures/segmentOutcomes.js';
import { formatSweepResults } from './sweepTable.js';
import type { Design } from './design.js';
import { Journal, readJournal, type JournalEntry } from './journal.js';
import { createProgress } from './progress.js';
import { writeFileAtomically, writeRunsRows, type RunsRow } from './runsTable.js';
import { buildSweepReportData } from './sweepReportData.js';
import { planRunIds, planSweep, shardRuns, type Shard, type SweepPlan, type SweepPoint } from './sweepPlan.js';
import { executeRuns } from './workerPool.js';
import { refuseRunsThatDoNotFitTogether, workersAndThreads } from './concurrentMemory.js';

/** File names inside a sweep folder. */
export const SWEEP_FILES = { plan: 'sweep.json', journal: 'completed.jsonl', runs: 'runs.arrow', runFolders: 'runs' } as const;

/** Options of {@link runSweep}. */
export interface SweepOptions {
  readonly scenarioFile: string;
  readonly design: Design;
  readonly overrides?: readonly string[];
  readonly replications?: number;
  /** Parallel workers (default: the number of cores, divided by `threads`). */
  readonly workers?: number;
  /** Threads each run is simulated on (default 1); workers x threads may not exceed the cores. Not part of the plan. */
  readonly threads?: number;
  /** Output folder (default: a new output/<name>/sweep-NNN). */
  readonly out?: string;
  /** Root of automatic output folders (default "output"). */
  readonly outputRoot?: string;
  readonly overwrite?: boolean;
  readonly resume?: boolean;
  readonly summaryOnly?: boolean;
  readonly shard?: Shard | null;
  readonly quiet?: boolean;
  /** Also write a self-contained HTML report to this file once the sweep is complete (refused when it exists). */
  readonly report?: string;
  /** Metrics of the result table and the report (default: DEFAULT_COMPARE_METRICS). */
  readonly metrics?: readonly string[];
  /** `segment`: each metric that is measured per segment, once per segment (`impulse_share@impulsive`). */
  readonly by?: 'segment';
  /** Markets the replications share, round-robin (replication r in world r mod worlds); default one per replication. */
  readonly worlds?: number;
}

/** The outcome of a sweep. */
export interface SweepResult {
  readonly folder: string;
  readonly plan: SweepPlan;
  /** Runs of this sweep (or shard). */
  readonly total: number;
  /** Runs done by this invocation (the rest were complete already). */
  readonly ranNow: number;
  readonly wallSeconds: number;
  /** The report written, when asked for. */
  readonly report: string | null;
  /**
   * Every point's mean, 95% t interval and n of each metric (and, with `worlds`, the spread between and within
   * markets), as text; null for a shard, which holds only part of the runs.
   */
  readonly table: string | null;
}

/** sweep.json: the plan as written to disk; resume and merge compare it. */
export interface SweepManifest {
  readonly mallsim_version: string;
  readonly scenario: string;
  readonly files: readonly string[];
  readonly overrides: readonly string[];
  readonly design: SweepPlan['design'];
  readonly parameters: readonly string[];
  readonly points: readonly SweepPoint[];
  readonly replications: number;
  readonly summaryOnly: boolean;
  /** Markets the replications share (`--worlds`); null or absent (sweeps written before it was recorded) when none. */
  readonly worlds?: number | null;
  readonly runs: number;
  readonly fingerprint: string;
  readonly shard: Shard | null;
}

/**
 * Runs a sweep: every design point times every replication (or one shard of them), in parallel, each run committed
 * by renaming its folder into place and then appending its summary to the journal. runs.arrow is rebuilt from the
 * journal in plan order at the end, so it is the same bytes whatever the worker count, the order runs finished in,
 * or how many times the sweep was interrupted and resumed.
 * @throws ScenarioError or RangeError for bad input and OutputError for a destination that would be overwritten or
 *   a resume whose plan differs, all before any run starts.
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const started = process.hrtime.bigint();
  const shard = options.shard ?? null;
  const { workers, threads } = workersAndThreads(options.workers, options.threads, os.availableParallelism());
  if (options.resume && options.out === undefined) throw new RangeError('--resume: name the sweep folder to resume with --out');
  if (options.resume && options.overwrite) throw new RangeError('--resume and --overwrite contradict each other: choose one');
  const metrics = checkMetricOptions(options, shard);
  // The plan is computed against the final folder name; an automatic folder is claimed only once the plan is valid.
  const planFor = (out: string): SweepPlan =>
    planSweep({
      scenarioFile: options.scenarioFile,
      overrides: options.overrides ?? [],
      design: options.design,
      replications: options.replications ?? 1,
      summaryOnly: options.summaryOnly ?? false,
      out,
      worlds: options.worlds ?? null,
    });
  let out: string;
  let plan: SweepPlan;
  let replaced: string | null = null;
  // Runs that fit one at a time may not fit side by side: refused before any folder is touched.
  const refuseUnlessTheyFit = (planned: SweepPlan): void => refuseRunsThatDoNotFitTogether(shardRuns(planned.runs, shard).map((run) => run.scenario), workers, undefined, threads);
  if (options.out !== undefined) {
    out = path.resolve(options.out);
    plan = planFor(out);
    refuseUnlessTheyFit(plan);
    replaced = prepareExplicitFolder(options.out, plan, shard, options);
  } else {
    const probe = planFor(path.resolve('.'));
    refuseUnlessTheyFit(probe);
    out = claimSweepFolder(path.resolve(options.outputRoot ?? 'output', probe.scenarioName));
    plan = planFor(out);
  }
  if (!existsSync(path.join(out, SWEEP_FILES.plan))) writeFileAtomically(path.join(out, SWEEP_FILES.plan), Buffer.from(`${JSON.stringify(sweepManifest(plan, shard), null, 2)}\n`));

  const mine = shardRuns(plan.runs, shard);
  const journalFile = path.join(out, SWEEP_FILES.journal);
  removeLeftovers(out);
  const committed = readJournal(journalFile, { repair: true, daily: false });
  const isComplete = (run: (typeof mine)[number]): boolean => committed.has(run.runId) && (run.folder === null || existsSync(run.folder));
  const pending = mine.filter((run) => !isComplete(run));
  // A folder renamed into place by a sweep killed before its journal line was written is not a complete run.
  for (const run of pending) if (run.folder !== null) rmSync(run.folder, { recursive: true, force: true });

  const progress = createProgress({ total: mine.length, initial: mine.length - pending.length, quiet: options.quiet ?? false });
  const journal = new Journal(journalFile);
  let done = mine.length - pending.length;
  try {
    await executeRuns(pending, {
      workers,
      threads,
      tempRoot: out,
      collect: false,
      onComplete: (completed) => {
        journal.append(completed);
        progress.update(++done);
      },
    });
  } finally {
    journal.close();
    progress.stop();
  }
  // Values and summaries are taken from the files, not from memory, exactly as merge does: the same bytes either way.
  const recorded = readSweepManifest(out);
  const rows = rowsFromJournal(recorded.points, mine, readJournal(journalFile, { daily: false }));
  writeRunsRows(path.join(out, SWEEP_FILES.runs), recorded.parameters, rows);
  if (replaced !== null) rmSync(replaced, { recursive: true, force: true });
  const shown = options.by === 'segment' ? expandBySegment(metrics, segmentsOfSummary(rows[0]?.summary ?? {})) : metrics;
  // The report covers every run of the folder, those of earlier invocations included (with --resume).
  if (options.report !== undefined) await writeSweepReport(options.report, recorded, rows, shown);
  const table = shard === null ? formatSweepResults(recorded, rows, shown, recorded.worlds ?? null) : null;
  return { folder: out, plan, total: mine.length, ranNow: pending.length, wallSeconds: Number(process.hrtime.bigint() - started) / 1e9, report: options.report ?? null, table };
}

/** The segment names of a summary's `metric@segment` keys, in order. */
function segmentsOfSummary(summary: Readonly<Record<string, number>>): string[] {
  return [...new Set(Object.keys(summary).map((key) => splitSegmentMetricKey(key).segment).filter((segment): segment is string => segment !== null))];
}

/**
 * Checks --report, --metrics and --by before anything is written: the report needs the whole sweep (not a shard), its
 * file must not exist, the metrics must be known, and with --by segment one of them must be measured per segment.
 * @returns the metrics of the table and the report.
 */
function checkMetricOptions(options: SweepOptions, shard: Shard | null): MetricDefinition[] {
  const metrics = resolveCompareMetrics(options.metrics, 'sweep');
  // The segment names are known only from the runs; the check that some metric has a segment version is not.
  if (options.by === 'segment') expandBySegment(metrics, ['any']);
  if (options.report === undefined) return metrics;
  if (shard !== null) throw new RangeError(`--report: a shard holds only part of the sweep; pass --report ${options.report} to mallsim merge, which writes the report of the whole sweep`);
  checkReportDestination(options.report);
  return metrics;
}

/** The report page of a complete sweep: every metric against the swept parameter, 95% t intervals across replications. */
export async function sweepReportHtml(manifest: SweepManifest, rows: readonly RunsRow[], metrics: readonly MetricDefinition[]): Promise<string> {
  const data = buildSweepReportData({
    title: `mallsim sweep: ${manifest.scenario}`,
    // What made the results, not when, so that the same sweep gives the same page.
    generated: `mallsim ${VERSION}, ${manifest.points.length} points x ${manifest.replications} replications; replication r uses seed run.seed + r at every point`,
    parameters: manifest.parameters,
    points: manifest.points,
    rows,
    metrics,
  });
  // Loaded only when asked for: the chart libraries take about a second to load.
  const { renderSweepReport } = await import('../report/sweepReport.js');
  return renderSweepReport(data);
}

/**
 * Renders the report of a complete sweep and writes it to `file`: beside it first, then renamed into place, never
 * replacing a file.
 * @throws OutputError when `file` appeared meanwhile.
 */
export async function writeSweepReport(file: string, manifest: SweepManifest, rows: readonly RunsRow[], metrics: readonly MetricDefinition[]): Promise<void> {
  new PendingReport(file, await sweepReportHtml(manifest, rows, metrics)).commit('sweep');
}

/** The rows of a complete sweep folder in plan order, read from its journal (as runs.arrow holds them). */
export function readSweepRows(folder: string): { manifest: SweepManifest; rows: RunsRow[] } {
  const manifest = readSweepManifest(folder);
  const entries = readJournal(path.join(folder, SWEEP_FILES.journal), { daily: false });
  return { manifest, rows: rowsFromJournal(manifest.points, planRunIds(manifest.points, manifest.replications), entries) };
}

/** The plan as recorded in sweep.json. */
export function sweepManifest(plan: SweepPlan, shard: Shard | null): SweepManifest {
  return {
    mallsim_version: VERSION,
    scenario: plan.scenarioName,
    files: plan.files,
    overrides: plan.overrides,
    design: plan.design,
    parameters: plan.parameters,
    points: plan.points,
    replications: plan.replications,
    summaryOnly: plan.summaryOnly,
    worlds: plan.worlds,
    runs: plan.runs.length,
    fingerprint: plan.fingerprint,
    shard,
  };
}

/** Reads a sweep folder's sweep.json. @throws OutputError when it is not a sweep folder. */
export function readSweepManifest(folder: string): SweepManifest {
  const file = path.join(folder, SWEEP_FILES.plan);
  if (!existsSync(file)) throw new OutputError(`${folder}: not a sweep folder (no ${SWEEP_FILES.plan})`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SweepManifest;
  } catch (error) {
    throw new OutputError(`${file}: cannot be read as JSON (${(error as Error).message})`);
  }
}

/**
 * Writes runs.arrow for `runs` (in the order given) from journal entries.
 * @throws Error naming a run with no journal entry.
 */
export function writeRunsFromJournal(
  file: string,
  parameters: readonly string[],
  points: readonly SweepPoint[],
  runs: readonly { runId: string; point: number }[],
  entries: ReadonlyMap<string, JournalEntry>,
): void {
  writeRunsRows(file, parameters, rowsFromJournal(points, runs, entries));
}

/**
 * The runs.arrow rows of `runs` (in the order given) from journal entries.
 * @throws Error naming a run with no journal entry.
 */
export function rowsFromJournal(points: readonly SweepPoint[], runs: readonly { runId: string; point: number }[], entries: ReadonlyMap<string, JournalEntry>): RunsRow[] {
  return runs.map((run) => {
    const entry = entries.get(run.runId);
    if (!entry) throw new Error(`run ${run.runId} has no committed result`);
    return { runId: entry.runId, point: entry.point, replication: entry.replication, seed: entry.seed, values: points[run.point].values, summary: entry.summary };
  });
}

/**
 * Checks an explicit --out: a new or empty folder is used; a sweep folder is resumed only with --resume and the same
 * plan; with --overwrite the old folder is moved aside (and removed once the new sweep is complete).
 * @returns the moved-aside folder, if any.
 */
function prepareExplicitFolder(out: string, plan: SweepPlan, shard: Shard | null, options: SweepOptions): string | null {
  const absolute = path.resolve(out);
  const entries = existsSync(absolute) ? listFolder(absolute, out) : [];
  if (entries.length === 0) {
    mkdirSync(absolute, { recursive: true });
    return null;
  }
  if (options.resume) {
    checkSamePlan(out, readSweepManifest(absolute), plan, shard);
    return null;
  }
  if (!options.overwrite) throw new OutputError(`${out}: exists and is not empty; choose another --out, pass --resume to continue that sweep, or --overwrite to replace it`);
  const aside = path.join(path.dirname(absolute), `.${path.basename(absolute)}-replaced-${process.pid}`);
  renameSync(absolute, aside);
  mkdirSync(absolute);
  return aside;
}

function checkSamePlan(out: string, recorded: SweepManifest, plan: SweepPlan, shard: Shard | null): void {
  const differences: string[] = [];
  const worldsText = (worlds: number | null): string => (worlds === null ? 'no --worlds' : `--worlds ${worlds}`);
  const recordedWorlds = recorded.worlds ?? null;
  if (recordedWorlds !== plan.worlds) differences.push(`it was started with ${worldsText(recordedWorlds)}, not ${worldsText(plan.worlds)}`);
  else if (recorded.fingerprint !== plan.fingerprint) differences.push('the scenario, design points or replications differ');
  if (recorded.summaryOnly !== plan.summaryOnly) differences.push(`--summary-only was ${recorded.summaryOnly ? 'on' : 'off'}`);
  const shardText = (s: Shard | null): string => (s === null ? 'no --shard' : `--shard ${s.index}/${s.count}`);
  if (shardText(recorded.shard) !== shardText(shard)) differences.push(`it was started with ${shardText(recorded.shard)}, not ${shardText(shard)}`);
  if (differences.length > 0) throw new OutputError(`${out}: cannot resume: the sweep there has a different plan (${differences.join('; ')}); rerun with the same scenario, --set, design, --replications, --worlds and --shard, or choose another --out`);
}

/** Temporary folders and files of an interrupted sweep: never results. */
function removeLeftovers(out: string): void {
  for (const folder of [out, path.join(out, SWEEP_FILES.runFolders)]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) if (name.includes('.tmp-')) rmSync(path.join(folder, name), { recursive: true, force: true });
  }
}

function listFolder(absolute: string, shown: string): string[] {
  try {
    return readdirSync(absolute);
  } catch {
    throw new OutputError(`${shown}: exists and is not a folder`);
  }
}

/** Claims the next free sweep-NNN under `parent`: mkdir refuses a taken name, so two sweeps never share one. */
function claimSweepFolder(parent: string): string {
  mkdirSync(parent, { recursive: true });
  const taken = readdirSync(parent)
    .map((name) => /^sweep-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  for (let next = taken.length > 0 ? Math.max(...taken) + 1 : 1; ; next++) {
    const folder = path.join(parent, `sweep-${String(next).padStart(3, '0')}`);
    try {
      mkdirSync(folder);
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
