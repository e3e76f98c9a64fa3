import type { RunSummary } from '../metrics.js';
import { latinHypercubePoints } from '../experiment/design.js';
import { replicationSeed } from '../run.js';
import { loadScenario } from '../scenario/load.js';
import { positiveInteger } from './checks.js';
import { PointEvaluator, type PointEvaluation } from './evaluate.js';
import { nelderMeadSearch, type NelderMeadResult } from './nelderMead.js';
import { checkParamRanges, unitOf, valuesAt, type ParamRange } from './paramRanges.js';
import type { PhaseProgress } from './progress.js';
import type { MetricTarget } from './targets.js';

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  readonly scenarioFile: string;
  /** `--set` overrides (run.seed among them when a seed was given). */
  readonly overrides?: readonly string[];
  readonly ranges: readonly ParamRange[];
  readonly targets: readonly MetricTarget[];
  /** Replications per candidate point (default 2): replication r uses seed run.seed + r at every point. */
  readonly replications?: number;
  /** Latin-hypercube screening points (default 10 per parameter). */
  readonly screen?: number;
  /** Best screening points that start a Nelder-Mead search (default 3). */
  readonly starts?: number;
  /** Candidate points evaluated by the Nelder-Mead searches together (default 30 per parameter). */
  readonly maxEvaluations?: number;
  /** Searches stop when their simplex is this small, as a share of each range (default 0.002). */
  readonly tolerance?: number;
  readonly workers?: number;
  /** Progress of a phase that plans `runs` runs (an upper bound for the searches). */
  readonly progress?: (phase: CalibrationPhase, runs: number) => PhaseProgress;
}

/** Where a candidate point came from. */
export type CalibrationPhase = 'screening' | 'nelder-mead';

/** A candidate point and how far its simulated metrics are from the targets. */
export interface CalibrationPoint {
  readonly phase: CalibrationPhase;
  /** Parameter path to value. */
  readonly values: Readonly<Record<string, number>>;
  readonly distance: number;
  /** Mean over the replications of every summary metric. */
  readonly simulated: RunSummary;
}

/** The outcome of a calibration. */
export interface CalibrationResult {
  /** Every distinct point evaluated, nearest first (ties in the order they were evaluated). */
  readonly points: readonly CalibrationPoint[];
  readonly best: CalibrationPoint;
  /** Where each Nelder-Mead search stopped, in the order of their starting points. */
  readonly searches: readonly NelderMeadResult[];
  /** The seeds every point was run with (common random numbers). */
  readonly seeds: readonly number[];
  readonly runs: number;
  readonly wallSeconds: number;
}

/**
 * Fits parameters so that the model's summary metrics match targets. The objective is the weighted sum of squared
 * relative errors of the metrics' means over `replications` runs, every candidate point run with the same seeds
 * (common random numbers), so that two points differ by their parameters, not by luck, and the objective is a
 * deterministic function the optimizer can compare. A Latin hypercube over the ranges screens the space; Nelder-Mead
 * searches (bounded by clamping into the ranges) then start from the best few screening points, in lockstep so that
 * each round's candidates run in parallel.
 * @throws ScenarioError for a bad scenario or range, RangeError for bad options, all before any run.
 */
export async function calibrate(options: CalibrateOptions): Promise<CalibrationResult> {
  const started = process.hrtime.bigint();
  const { ranges, targets } = options;
  const k = ranges.length;
  const overrides = options.overrides ?? [];
  const replications = positiveInteger(options.replications ?? 2, '--replications');
  const screen = positiveInteger(options.screen ?? 10 * k, '--screen');
  const starts = Math.min(positiveInteger(options.starts ?? 3, 'starts'), screen);
  const maxEvaluations = positiveInteger(options.maxEvaluations ?? 30 * k, '--max-evaluations');
  const workers = positiveInteger(options.workers ?? 1, '--workers');
  if (targets.length === 0) throw new RangeError('calibrate: expected at least one target');
  checkParamRanges(options.scenarioFile, overrides, ranges);
  const seed = loadScenario(options.scenarioFile, { overrides }).scenario.run.seed;
  const evaluator = new PointEvaluator({ scenarioFile: options.scenarioFile, overrides, ranges, replications, workers });
  const distanceOf = (evaluation: PointEvaluation): number => calibrationDistance(targets, evaluation.mean);

  const screening = latinHypercubePoints(
    ranges.map((range) => ({ path: range.path, min: range.lo, max: range.hi, integer: false })),
    screen,
    seed,
  ) as Record<string, number>[];
  const screened = await inPhase(options, 'screening', screen * replications, (tick) => evaluator.evaluate(screening, tick));
  const screenedCount = evaluator.evaluated.length;
  const startPoints = screened
    .map((evaluation, index) => ({ index, distance: distanceOf(evaluation) }))
    .sort((a, b) => compareDistance(a.distance, b.distance) || a.index - b.index)
    .slice(0, starts)
    .map(({ index }) => unitOf(ranges, screened[index].values));

  const budget = Math.max(k + 2, Math.floor(maxEvaluations / startPoints.length));
  const searches = startPoints.map((start) =>
    nelderMeadSearch(start, { initialStep: 0.1, tolerance: options.tolerance ?? 0.002, valueTolerance: 1e-9, maxEvaluations: budget }),
  );
  const outcomes = await inPhase(options, 'nelder-mead', budget * startPoints.length * replications, (tick) => runSearches(searches, async (unitPoints) => {
    const evaluations = await evaluator.evaluate(unitPoints.map((unit) => valuesAt(ranges, unit)), tick);
    return evaluations.map(distanceOf);
  }));

  const points = evaluator.evaluated
    .map((evaluation, index) => ({ index, point: { phase: index < screenedCount ? 'screening' : 'nelder-mead', values: evaluation.values, distance: distanceOf(evaluation), simulated: evaluation.mean } as CalibrationPoint }))
    .sort((a, b) => compareDistance(a.point.distance, b.point.distance) || a.index - b.index)
    .map(({ point }) => point);
  return {
    points,
    best: points[0],
    searches: outcomes,
    seeds: Array.from({ length: replications }, (_, r) => replicationSeed(seed, r)),
    runs: evaluator.evaluated.length * replications,
    wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/**
 * The calibration distance: sum over targets of weight x ((simulated - target) / |target|)^2, a squared relative
 * error, so that metrics of different units (a share, a count of purchases) weigh alike; a target of 0 uses the
 * absolute error. A metric the model left undefined (NaN: say, a share of buyers when nobody bought) makes the
 * distance infinite.
 */
export function calibrationDistance(targets: readonly MetricTarget[], simulated: RunSummary): number {
  let distance = 0;
  for (const { metric, value, weight } of targets) {
    const got = simulated[metric];
    if (!Number.isFinite(got)) return Number.POSITIVE_INFINITY;
    const scale = value !== 0 ? Math.abs(value) : 1;
    distance += weight * ((got - value) / scale) ** 2;
  }
  return distance;
}

/**
 * Runs several ask-and-tell searches in lockstep: each round gathers the points every unfinished search asks for,
 * evaluates them in one batch and hands each search its values.
 */
async function runSearches(searches: Generator<number[][], NelderMeadResult, number[]>[], evaluate: (points: number[][]) => Promise<number[]>): Promise<NelderMeadResult[]> {
  const results: (NelderMeadResult | undefined)[] = new Array(searches.length);
  let asked = searches.map((search) => search.next());
  for (;;) {
    asked.forEach((step, s) => {
      if (step.done) results[s] = step.value;
    });
    const pending = asked.map((step, s) => ({ step, s })).filter(({ step }) => !step.done);
    if (pending.length === 0) return results as NelderMeadResult[];
    const batch = pending.flatMap(({ step }) => step.value as number[][]);
    const values = await evaluate(batch);
    let offset = 0;
    const next = [...asked];
    for (const { step, s } of pending) {
      const count = (step.value as number[][]).length;
      next[s] = searches[s].next(values.slice(offset, offset + count));
      offset += count;
    }
    asked = next;
  }
}

async function inPhase<T>(options: CalibrateOptions, phase: CalibrationPhase, runs: number, work: (tick: () => void) => Promise<T>): Promise<T> {
  const progress = options.progress?.(phase, runs);
  try {
    return await work(() => progress?.tick());
  } finally {
    progress?.stop();
  }
}

function compareDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) === Number.isNaN(b) ? 0 : Number.isNaN(a) ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
