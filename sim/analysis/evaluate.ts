import type { RunSummary } from '../metrics.js';
import { METRICS } from '../metrics.js';
import type { CompletedRun } from '../experiment/runPlan.js';
import { planSweep } from '../experiment/sweepPlan.js';
import { executeRuns } from '../experiment/workerPool.js';
import { rangesDesign, type ParamRange } from './paramRanges.js';

/** A parameter point and what the model gave there. */
export interface PointEvaluation {
  /** Parameter path to value. */
  readonly values: Readonly<Record<string, number>>;
  /** The point's runs, by replication. */
  readonly runs: readonly CompletedRun[];
  /** Every summary metric's mean over the replications (NaN when any replication has none). */
  readonly mean: RunSummary;
}

/** What every evaluation shares. */
export interface EvaluatorOptions {
  readonly scenarioFile: string;
  /** `--set` overrides applied before each point's values. */
  readonly overrides: readonly string[];
  readonly ranges: readonly ParamRange[];
  /** Replications per point; replication r uses seed run.seed + r at every point (common random numbers). */
  readonly replications: number;
  readonly workers: number;
}

/**
 * Evaluates parameter points through the run pool, summary only, and remembers every point it has seen: asking
 * again for a point (an optimizer revisiting a vertex, a Morris grid point shared by two trajectories) costs nothing,
 * and since runs are pure functions of scenario and seed the answer would be the same anyway.
 */
export class PointEvaluator {
  private readonly cache = new Map<string, PointEvaluation>();
  /** Every distinct point evaluated, in the order first asked for. */
  readonly evaluated: PointEvaluation[] = [];

  constructor(private readonly options: EvaluatorOptions) {}

  /**
   * Runs the points not seen before (all in one parallel batch) and returns every point's evaluation in order.
   * `onRunComplete` is called in the parent as each run finishes.
   */
  async evaluate(points: readonly Readonly<Record<string, number>>[], onRunComplete?: () => void): Promise<PointEvaluation[]> {
    const { ranges, replications } = this.options;
    const fresh = new Map<string, Record<string, number>>();
    for (const point of points) {
      const key = this.key(point);
      if (!this.cache.has(key) && !fresh.has(key)) fresh.set(key, { ...point });
    }
    if (fresh.size > 0) {
      const batch = [...fresh.values()];
      const plan = planSweep({ scenarioFile: this.options.scenarioFile, overrides: this.options.overrides, design: rangesDesign(ranges, batch), replications, summaryOnly: true, out: '.' });
      const completed = await executeRuns(plan.runs, { workers: this.options.workers, onComplete: onRunComplete });
      batch.forEach((values, index) => {
        const runs = completed.filter((done) => done.run.point === index);
        const evaluation: PointEvaluation = { values, runs, mean: meanSummary(runs.map((run) => run.summary)) };
        this.cache.set(this.key(values), evaluation);
        this.evaluated.push(evaluation);
      });
    }
    return points.map((point) => this.cache.get(this.key(point))!);
  }

  private key(point: Readonly<Record<string, number>>): string {
    return JSON.stringify(this.options.ranges.map((range) => point[range.path]));
  }
}

/** The mean of every metric over runs; a metric missing (NaN) in any run is NaN. */
export function meanSummary(summaries: readonly RunSummary[]): RunSummary {
  return Object.fromEntries(METRICS.map(({ name }) => [name, summaries.reduce((sum, summary) => sum + (summary[name] ?? Number.NaN), 0) / summaries.length]));
}
