import { workersAndThreads } from './concurrentMemory.js';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkReportDestination, PendingReport } from '../output/reportFile.js';
import { prepareRunFolder } from '../output/runFolder.js';
import { replicationSeed } from '../run.js';
import { VERSION } from '../version.js';
import { compareJson } from './compareJson.js';
import { CompareInputError, expandBySegment, resolveCompareMetrics } from './compareMetrics.js';
import { commonSeed, loadArms, planCompareRuns, resolveBaseline, type ArmNaming, type CommonSeed, type CompareArm } from './comparePlan.js';
import { buildCompareReportData } from './compareReportData.js';
import { precisionDecision, type PrecisionOutcome } from './comparePrecision.js';
import { compareStatistics, type CompareStatistics } from './compareStatistics.js';
import type { CompletedRun } from './runPlan.js';
import { writeRunsTable } from './runsTable.js';
import { worldsBreakdown, type WorldsBreakdown } from './worldVariance.js';
import { executeRuns } from './workerPool.js';

/** Options of {@link runCompare}; the CLI flags of `mallsim compare`. */
export interface CompareOptions {
  /** Scenario files, one per arm (at least two). */
  readonly files: readonly string[];
  /** `path=value` overrides applied to every arm. */
  readonly overrides?: readonly string[];
  readonly armNames?: ArmNaming;
  /** Baseline arm name or file (default: the first arm). */
  readonly baseline?: string;
  /** Metric names (default: DEFAULT_COMPARE_METRICS); the first drives `precision`. */
  readonly metrics?: readonly string[];
  /** Replications per arm (default 5; with `precision`, the first round, default 3). */
  readonly replications?: number;
  /** Adaptive replication: relative CI half-width of the first metric to reach in every arm. */
  readonly precision?: number;
  /** Limit of adaptive replication (default 50). */
  readonly maxReplications?: number;
  /** Parallel workers (default: the number of cores, divided by `threads`). */
  readonly workers?: number;
  /** Threads each run is simulated on (default 1); workers x threads may not exceed the cores. */
  readonly threads?: number;
  /** Results folder; refused when it exists and is not empty. Default: a new `<outputRoot>/compare/run-NNN`. */
  readonly out?: string;
  /** Root of automatic results folders (default "output"). */
  readonly outputRoot?: string;
  /** Keep only runs.arrow and compare.json, not each run's tables. */
  readonly summaryOnly?: boolean;
  /** Also write a self-contained HTML report to this file (refused when it exists). */
  readonly report?: string;
  /**
   * Markets the replications share, round-robin (replication r in world r mod worlds): the result then says how much
   * of each metric's spread is the market's and how much behaviour's. Default: one market per replication.
   */
  readonly worlds?: number;
  /** `segment`: compare each metric that is measured per segment once per segment (every arm must have the same segments). */
  readonly by?: 'segment';
  /** Called as each run finishes, with the number done and planned so far (progress). */
  readonly onRunComplete?: (done: number, planned: number, run: CompletedRun) => void;
  /** Called when a round of runs starts (its size and the replications it brings each arm to). */
  readonly onRound?: (round: number, runs: number, replications: number) => void;
}

/** The outcome of a comparison. */
export interface CompareResult {
  /** The committed results folder (runs.arrow, compare.json and, unless summary only, `<arm>/rep-NNN`). */
  readonly folder: string;
  readonly arms: readonly CompareArm[];
  readonly baseline: number;
  readonly seed: CommonSeed;
  readonly statistics: CompareStatistics;
  /** How adaptive replication ended; null without `precision`. */
  readonly precision: PrecisionOutcome | null;
  /** runsByArm[arm][replication] */
  readonly runsByArm: readonly (readonly CompletedRun[])[];
  /** The report written, when asked for. */
  readonly report: string | null;
  /** Variance between and within worlds, with `worlds`; else null. */
  readonly worlds: WorldsBreakdown | null;
}

/** Everything checked before any run starts; bad input throws here, so nothing is written. */
export interface ComparePlan {
  readonly arms: CompareArm[];
  readonly baseline: number;
  readonly seed: CommonSeed;
  readonly metrics: ReturnType<typeof resolveCompareMetrics>;
  readonly replications: number;
  readonly precision: { readonly relativeHalfWidth: number; readonly maxReplications: number } | null;
  readonly workers: number;
  readonly threads: number;
  readonly worlds: number | null;
}

const DEFAULT_REPLICATIONS = 5;
const DEFAULT_PRECISION_START = 3;
const DEFAULT_MAX_REPLICATIONS = 50;

/** Checks the flags, loads the arms and resolves metrics and baseline. Throws CompareInputError or ScenarioError. */
export function planCompare(options: CompareOptions): ComparePlan {
  const precision = options.precision;
  if (precision !== undefined && !(Number.isFinite(precision) && precision > 0)) throw new CompareInputError(`--precision: expected a number > 0 (a relative half-width such as 0.05), got ${precision}`);
  const replications = options.replications ?? (precision !== undefined ? DEFAULT_PRECISION_START : DEFAULT_REPLICATIONS);
  // Two replications are the fewest that give an interval; one would leave every CI and p-value undefined.
  if (!Number.isInteger(replications) || replications < 2) throw new CompareInputError(`--replications: expected an integer >= 2, got ${replications}`);
  const maxReplications = options.maxReplications ?? Math.max(DEFAULT_MAX_REPLICATIONS, replications);
  if (options.maxReplications !== undefined && precision === undefined) throw new CompareInputError('--max-replications: only meaningful with --precision');
  if (!Number.isInteger(maxReplications) || maxReplications < replications) {
    throw new CompareInputError(`--max-replications: expected an integer >= --replications (${replications}), got ${maxReplications}`);
  }
  let parallel: { workers: number; threads: number };
  try {
    parallel = workersAndThreads(options.workers, options.threads, os.availableParallelism());
  } catch (error) {
    throw new CompareInputError((error as Error).message);
  }
  const { workers, threads } = parallel;
  const chosen = resolveCompareMetrics(options.metrics);
  const arms = loadArms(options.files, options.overrides ?? [], options.armNames ?? 'scenario');
  const metrics = options.by === 'segment' ? expandBySegment(chosen, commonSegments(arms)) : chosen;
  const baseline = resolveBaseline(arms, options.baseline);
  const seed = commonSeed(arms);
  const worlds = options.worlds ?? null;
  if (worlds !== null && !(Number.isInteger(worlds) && worlds >= 1 && worlds < replications)) {
    throw new CompareInputError(`--worlds: expected an integer from 1 to --replications - 1 (${replications - 1}), so that some world has two replications; got ${worlds}`);
  }
  if (options.report !== undefined) checkReportDestination(options.report);
  return { arms, baseline, seed, metrics, replications, precision: precision === undefined ? null : { relativeHalfWidth: precision, maxReplications }, workers, threads, worlds };
}

/** The segment names every arm shares, in order; refuses arms whose populations are split differently. */
function commonSegments(arms: readonly CompareArm[]): string[] {
  const names = (arm: CompareArm) => arm.scenario.population.segments.map((segment) => segment.name);
  const first = names(arms[0]);
  const other = arms.find((arm) => names(arm).join('\u0000') !== first.join('\u0000'));
  if (other) {
    throw new CompareInputError(`--by segment: arms ${arms[0].name} (${first.join(', ')}) and ${other.name} (${names(other).join(', ')}) have different segments; every arm needs the same ones`);
  }
  return first;
}

/**
 * Runs a comparison: every arm for the same replications (replication r with seed base + r in every arm: common
 * random numbers), in rounds when `precision` asks for adaptive replication, on a pool of workers. Writes runs.arrow
 * (one row per run, ordered by replication then arm, column `arm`) and compare.json (the statistics) into a temporary
 * folder that is renamed into place only when everything, the report included, is written; on failure it is removed.
 */
export async function runCompare(options: CompareOptions, plan: ComparePlan = planCompare(options)): Promise<CompareResult> {
  const folder = prepareRunFolder({ out: options.out, root: options.outputRoot ?? 'output', scenarioName: 'compare' });
  let report: PendingReport | null = null;
  try {
    const { completed, replications, precision } = await runRounds(plan, options, folder.temp);
    // Replication-major order: the same rows in the same order whichever run finished first.
    const ordered = [...completed].sort((a, b) => a.run.replication - b.run.replication || a.run.point - b.run.point);
    const rows = ordered.map((done) => ({ run: done.run, values: { arm: plan.arms[done.run.point].name }, summary: done.summary }));
    writeRunsTable(path.join(folder.temp, 'runs.arrow'), ['arm'], rows);
    const observed = observations(plan, ordered);
    const statistics = compareStatistics(observed, plan.metrics);
    const worlds = plan.worlds === null ? null : worldsBreakdown(observed.arms, observed.summaries, plan.metrics.map((m) => m.name), plan.worlds);
    const json = compareJson(statistics, { arms: plan.arms, seed: { base: plan.seed.seed, agreed: plan.seed.agreed }, precision, worlds });
    writeFileSync(path.join(folder.temp, 'compare.json'), `${JSON.stringify(json, null, 2)}\n`);
    const runsByArm = plan.arms.map((_, a) => ordered.filter((done) => done.run.point === a));
    if (options.report !== undefined) {
      const names = plan.arms.map((arm) => arm.name);
      const data = buildCompareReportData({ title: compareReportTitle(names, plan.baseline), generated: compareProvenance(plan.seed.seed, replications), statistics, baseline: plan.baseline, runsByArm });
      // Loaded only when asked for: the chart libraries take about a second to load.
      const { renderCompareReport } = await import('../report/compareReport.js');
      report = new PendingReport(options.report, await renderCompareReport(data));
    }
    const final = folder.commit();
    if (report !== null) {
      const pending = report;
      report = null;
      pending.commit('comparison');
    }
    return { folder: final, arms: plan.arms, baseline: plan.baseline, seed: plan.seed, statistics, precision, runsByArm, report: options.report ?? null, worlds };
  } catch (error) {
    folder.discard();
    report?.discard();
    throw error;
  }
}

/**
 * Runs the planned replications of every arm; with a precision target, keeps adding rounds (replications
 * [n, next) of every arm, so pairs stay whole) until `precisionDecision` stops.
 */
async function runRounds(plan: ComparePlan, options: CompareOptions, temp: string): Promise<{ completed: CompletedRun[]; replications: number; precision: PrecisionOutcome | null }> {
  const runsFolder = options.summaryOnly ? null : temp;
  const completed: CompletedRun[] = [];
  let replications = 0;
  let target = plan.replications;
  for (let round = 1; ; round++) {
    const runs = planCompareRuns(plan.arms, { baseSeed: plan.seed.seed, from: replications, to: target, runsFolder, worlds: plan.worlds });
    options.onRound?.(round, runs.length, target);
    const planned = completed.length + runs.length;
    let done = completed.length;
    const onComplete = (run: CompletedRun): void => options.onRunComplete?.(++done, planned, run);
    completed.push(...(await executeRuns(runs, { workers: plan.workers, threads: plan.threads, tempRoot: temp, onComplete })));
    replications = target;
    if (plan.precision === null) return { completed, replications, precision: null };
    const watched = compareStatistics(observations(plan, completed), plan.metrics.slice(0, 1)).metrics[0];
    const decision = precisionDecision(watched.arms.map((row) => row.interval), replications, plan.precision);
    if (decision.kind === 'continue') {
      target = decision.next;
      continue;
    }
    const precision: PrecisionOutcome = {
      metric: watched.metric,
      target: plan.precision.relativeHalfWidth,
      maxReplications: plan.precision.maxReplications,
      outcome: decision.kind,
      worstRelativeHalfWidth: Number.isFinite(decision.worst) ? decision.worst : null,
      replications,
      rounds: round,
    };
    return { completed, replications, precision };
  }
}

/** The compare report's title. */
export function compareReportTitle(arms: readonly string[], baseline: number): string {
  const others = arms.filter((_, a) => a !== baseline);
  return `mallsim compare: ${others.join(', ')} against ${arms[baseline]}`;
}

/** The report's "generated" line: what made it, not when, so that the same comparison gives the same page. */
export function compareProvenance(baseSeed: number, replications: number): string {
  const last = replicationSeed(baseSeed, replications - 1);
  return `mallsim ${VERSION}, ${replications} replications per arm, seeds ${baseSeed}-${last} shared by every arm`;
}

/** Each arm's summaries in replication order. */
function observations(plan: ComparePlan, completed: readonly CompletedRun[]) {
  const summaries = plan.arms.map((_, a) =>
    completed
      .filter((done) => done.run.point === a)
      .sort((x, y) => x.run.replication - y.run.replication)
      .map((done) => done.summary),
  );
  return { arms: plan.arms.map((arm) => arm.name), baseline: plan.baseline, summaries };
}

