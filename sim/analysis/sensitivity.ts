import { METRICS } from '../metrics.js';
import { replicationSeed } from '../run.js';
import { namedStream } from '../rng.js';
import { suggestion } from '../scenario/didYouMean.js';
import type { SensitivityReportData } from '../report/reportData.js';
import { loadScenario } from '../scenario/load.js';
import { VERSION } from '../version.js';
import { positiveInteger } from './checks.js';
import { PointEvaluator, type PointEvaluation } from './evaluate.js';
import { morrisDesign, morrisIndices } from './morris.js';
import { checkParamRanges, valuesAt, type ParamRange } from './paramRanges.js';
import type { PhaseProgress } from './progress.js';
import { sobolDesign, sobolIndices } from './sobol.js';

/** The global sensitivity methods. */
export const SENSITIVITY_METHODS = ['morris', 'sobol'] as const;
export type SensitivityMethod = (typeof SENSITIVITY_METHODS)[number];

/** Metrics analysed when none are named: the survey's two headline outcomes. */
export const DEFAULT_SENSITIVITY_METRICS = ['impulse_share', 'regret_buyer_share'] as const;

/** Options of {@link analyseSensitivity}. */
export interface SensitivityOptions {
  readonly scenarioFile: string;
  readonly overrides?: readonly string[];
  readonly ranges: readonly ParamRange[];
  readonly method: SensitivityMethod;
  /** Summary metrics to analyse (default {@link DEFAULT_SENSITIVITY_METRICS}). */
  readonly metrics?: readonly string[];
  /** Sobol: base samples N; the model runs N (k + 2) points (default 64). */
  readonly samples?: number;
  /** Morris: trajectories r; the model runs r (k + 1) points (default 10). */
  readonly trajectories?: number;
  /** Morris: grid levels p, even (default 4). */
  readonly levels?: number;
  /** Runs per point, averaged; replication r uses seed run.seed + r at every point (default 1). */
  readonly replications?: number;
  /** Sobol: bootstrap resamples for the intervals (default 1000). */
  readonly resamples?: number;
  readonly workers?: number;
  /** Progress of the runs. */
  readonly progress?: (runs: number) => PhaseProgress;
}

/** One parameter's indices for one metric. Morris fills mu*, mu and sigma; Sobol fills S1 and ST with intervals. */
export interface SensitivityRow {
  readonly metric: string;
  readonly parameter: string;
  /** 1 = most influential on this metric (by mu* for Morris, ST for Sobol). */
  readonly rank: number;
  readonly muStar: number;
  readonly mu: number;
  readonly sigma: number;
  readonly s1: number;
  readonly s1Low: number;
  readonly s1High: number;
  readonly st: number;
  readonly stLow: number;
  readonly stHigh: number;
}

/** The outcome of a sensitivity analysis. */
export interface SensitivityResult {
  readonly method: SensitivityMethod;
  readonly metrics: readonly string[];
  readonly ranges: readonly ParamRange[];
  /** Rows metric by metric (in the order asked), ranked within a metric. */
  readonly rows: readonly SensitivityRow[];
  /** Design points whose model output was not a number, per metric (left out of the indices). */
  readonly undefinedOutputs: Readonly<Record<string, number>>;
  /** Distinct points run, in design order (a Morris grid point shared by trajectories runs once). */
  readonly evaluations: readonly PointEvaluation[];
  /** Points of the design (with repeats). */
  readonly designPoints: number;
  readonly seeds: readonly number[];
  readonly designSeed: number;
  readonly wallSeconds: number;
}

/**
 * Checks metric names against the summary metrics.
 * @throws RangeError naming the flag, with a did-you-mean.
 */
export function checkMetricNames(metrics: readonly string[], flag = '--metrics'): void {
  const names = METRICS.map((m) => m.name);
  if (metrics.length === 0) throw new RangeError(`${flag}: expected at least one metric`);
  for (const metric of metrics) {
    if (!names.includes(metric)) throw new RangeError(`${flag}: unknown metric "${metric}"${suggestion(metric, names)}; expected summary metrics such as ${DEFAULT_SENSITIVITY_METRICS.join(', ')}`);
  }
}

/**
 * Global sensitivity of summary metrics to parameters varied over their ranges: Morris elementary effects (screening:
 * which parameters matter, and whether through interactions) or Sobol variance-based indices (how much of a metric's
 * variance each parameter explains alone and with its interactions). Every point runs with the same seeds (common
 * random numbers), so the indices measure the parameters' effects rather than run-to-run noise. The design is drawn
 * from streams seeded by the scenario's run.seed.
 * @throws ScenarioError or RangeError for bad input, before any run.
 */
export async function analyseSensitivity(options: SensitivityOptions): Promise<SensitivityResult> {
  const started = process.hrtime.bigint();
  const { ranges, method } = options;
  const overrides = options.overrides ?? [];
  const metrics = options.metrics ?? [...DEFAULT_SENSITIVITY_METRICS];
  checkMetricNames(metrics);
  const replications = positiveInteger(options.replications ?? 1, '--replications');
  const workers = positiveInteger(options.workers ?? 1, '--workers');
  checkParamRanges(options.scenarioFile, overrides, ranges);
  const seed = loadScenario(options.scenarioFile, { overrides }).scenario.run.seed;
  const k = ranges.length;

  const morris = method === 'morris' ? morrisDesign(k, options.trajectories ?? 10, options.levels ?? 4, namedStream(seed, 'analysis/morris')) : undefined;
  const sobol = method === 'sobol' ? sobolDesign(k, options.samples ?? 64, namedStream(seed, 'analysis/sobol')) : undefined;
  const unitPoints = (morris ?? sobol)!.points;
  const points = unitPoints.map((unit) => valuesAt(ranges, unit));
  const distinct = new Set(points.map((point) => JSON.stringify(ranges.map((range) => point[range.path])))).size;

  const evaluator = new PointEvaluator({ scenarioFile: options.scenarioFile, overrides, ranges, replications, workers });
  const progress = options.progress?.(distinct * replications);
  let outputs: PointEvaluation[];
  try {
    outputs = await evaluator.evaluate(points, () => progress?.tick());
  } finally {
    progress?.stop();
  }

  const rows: SensitivityRow[] = [];
  const undefinedOutputs: Record<string, number> = {};
  for (const metric of metrics) {
    const y = outputs.map((evaluation) => evaluation.mean[metric]);
    undefinedOutputs[metric] = y.filter((v) => !Number.isFinite(v)).length;
    const perParameter = morris
      ? morrisIndices(morris, y).map((m) => ({ ...blank, muStar: m.muStar, mu: m.mu, sigma: m.sigma }))
      : sobolIndices(sobol!, y, namedStream(seed, `analysis/sobol-bootstrap/${metric}`), { resamples: options.resamples }).map((s) => ({
          ...blank,
          s1: s.first.value,
          s1Low: s.first.low,
          s1High: s.first.high,
          st: s.total.value,
          stLow: s.total.low,
          stHigh: s.total.high,
        }));
    const key = (row: (typeof perParameter)[number]): number => (morris ? row.muStar : row.st);
    const order = perParameter.map((_, i) => i).sort((a, b) => descending(key(perParameter[a]), key(perParameter[b])) || a - b);
    order.forEach((i, position) => rows.push({ metric, parameter: ranges[i].path, rank: position + 1, ...perParameter[i] }));
  }
  return {
    method,
    metrics,
    ranges,
    rows,
    undefinedOutputs,
    evaluations: evaluator.evaluated,
    designPoints: points.length,
    seeds: Array.from({ length: replications }, (_, r) => replicationSeed(seed, r)),
    designSeed: seed,
    wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/**
 * The report's data from a finished analysis: every metric's rows with their descriptions, the ranges and the design.
 * Its "generated" line says what made the results (version, design, seeds), not when, so the same analysis gives the
 * same page.
 */
export function sensitivityReportData(result: SensitivityResult, scenarioFile: string, scenarioName: string): SensitivityReportData {
  const describe = new Map(METRICS.map((m) => [m.name, m.description]));
  const seeds = result.seeds.length === 1 ? `seed ${result.seeds[0]}` : `seeds ${result.seeds[0]}-${result.seeds[result.seeds.length - 1]}`;
  return {
    title: `mallsim sensitivity: ${scenarioName} (${result.method})`,
    generated: `mallsim ${VERSION}, design seed ${result.designSeed}, ${seeds} at every point`,
    scenario: scenarioFile,
    method: result.method,
    ranges: result.ranges.map(({ path, lo, hi }) => ({ path, lo, hi })),
    designPoints: result.designPoints,
    distinctPoints: result.evaluations.length,
    replications: result.seeds.length,
    metrics: result.metrics.map((metric) => ({
      name: metric,
      description: describe.get(metric) ?? '',
      undefinedOutputs: result.undefinedOutputs[metric] ?? 0,
      parameters: result.rows
        .filter((row) => row.metric === metric)
        .map((row) => ({
          parameter: row.parameter,
          rank: row.rank,
          muStar: row.muStar,
          mu: row.mu,
          sigma: row.sigma,
          s1: { value: row.s1, low: row.s1Low, high: row.s1High },
          st: { value: row.st, low: row.stLow, high: row.stHigh },
        })),
    })),
  };
}

const blank = { muStar: Number.NaN, mu: Number.NaN, sigma: Number.NaN, s1: Number.NaN, s1Low: Number.NaN, s1High: Number.NaN, st: Number.NaN, stLow: Number.NaN, stHigh: Number.NaN };

/** Larger first, NaN last. */
function descending(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) === Number.isNaN(b) ? 0 : Number.isNaN(a) ? 1 : -1;
  return b - a;
}
