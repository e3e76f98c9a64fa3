import { existsSync } from 'node:fs';
import path from 'node:path';
import { meanInterval, type Interval } from '../experiment/statistics.js';
import { createProgress } from '../experiment/progress.js';
import type { PlannedRun } from '../experiment/runPlan.js';
import { executeRuns, packageRoot } from '../experiment/workerPool.js';
import type { RunSummary } from '../metrics.js';
import { replicationSeed } from '../run.js';
import { loadScenario } from '../scenario/load.js';
import { FACTS, type ArmSpec, type Bound, type Fact } from './facts.js';

/**
 * The suite's sizes: `--fast` fits in the test suite, the full suite runs the shipped scenarios as they are. A fast
 * run's consumers are a sample of the scenario's full market (population.marketSize), so the crowd counters and stock
 * they meet are the full scenario's.
 */
export const FAST = { population: 2000, days: 60, replications: 5 } as const;
export const FULL_REPLICATIONS = 5;

export interface ValidateOptions {
  readonly replications?: number;
  readonly fast?: boolean;
  readonly workers: number;
  readonly quiet?: boolean;
  /** Folder of the shipped scenarios (default: the package's scenarios/). */
  readonly scenarios?: string;
  /** Only these facts (by id); all by default. */
  readonly only?: readonly number[];
  /** `path=value` overrides applied to every arm (to see which facts hold under other parameters). */
  readonly overrides?: readonly string[];
}

/** One check's outcome. */
export interface CheckResult {
  readonly fact: number;
  readonly title: string;
  readonly what: string;
  readonly effect: Interval;
  readonly bound: Bound;
  readonly pass: boolean;
}

export interface ValidationResult {
  readonly replications: number;
  readonly fast: boolean;
  readonly population: number | null;
  readonly days: number | null;
  readonly checks: readonly CheckResult[];
  /** Checks that could not run (a scenario they need is missing), with the reason. */
  readonly skipped: readonly { fact: number; title: string; what: string; reason: string }[];
  readonly wallSeconds: number;
}

/**
 * Runs the stylized-facts suite: every arm the chosen facts need, once per replication, summary only, on worker
 * processes; replication r runs with seed (default seed + r) in every arm (common random numbers). Then each check's
 * per-replication effect gets a mean and 95% t interval, judged against its bound.
 */
export async function validate(options: ValidateOptions): Promise<ValidationResult> {
  const started = process.hrtime.bigint();
  const fast = options.fast ?? false;
  const replications = options.replications ?? (fast ? FAST.replications : FULL_REPLICATIONS);
  if (!Number.isInteger(replications) || replications < 2) throw new RangeError(`--replications: expected an integer >= 2, got ${replications}`);
  const folder = options.scenarios ?? path.join(packageRoot(), 'scenarios');
  const facts = FACTS.filter((fact) => options.only === undefined || options.only.includes(fact.id));
  const skipped: { fact: number; title: string; what: string; reason: string }[] = [];
  // A fact keeps the arms whose scenario files exist; a check that reads a missing arm is reported as skipped.
  const usable = facts.map((fact): Fact => ({
    ...fact,
    arms: Object.fromEntries(Object.entries(fact.arms).filter(([, arm]) => existsSync(path.join(folder, arm.file)))),
  }));

  const arms = uniqueArms(usable);
  const fastSizing = fast ? [`population.size=${FAST.population}`, `run.days=${FAST.days}`] : [];
  const sizing = [...fastSizing, ...(options.overrides ?? [])];
  const base = loadScenario(path.join(folder, 'default.yaml'), { overrides: sizing }).scenario.run.seed;
  const runs: PlannedRun[] = [];
  arms.forEach((arm, point) => {
    const file = path.join(folder, arm.spec.file);
    const armSet = arm.spec.set ?? [];
    // The market goes before the user's overrides, so that an explicit --set population.marketSize wins.
    const market = fast ? [fullMarketOf(file, armSet)] : [];
    const loaded = loadScenario(file, { overrides: [...fastSizing, ...market, ...(options.overrides ?? []), ...armSet] });
    for (let replication = 0; replication < replications; replication++) {
      const seed = replicationSeed(base, replication);
      runs.push({
        runId: `${arm.key}-rep-${replication}`,
        point,
        replication,
        seed,
        scenario: { ...loaded.scenario, run: { ...loaded.scenario.run, seed } },
        folder: null,
        provenance: { files: loaded.files, overrides: loaded.overrides },
      });
    }
  });

  const progress = createProgress({ total: runs.length, initial: 0, quiet: options.quiet ?? false, label: 'validate' });
  let done = 0;
  const completed = await executeRuns(runs, { workers: options.workers, onComplete: () => progress.update(++done) });
  progress.stop();

  const summaries = new Map<string, RunSummary[]>();
  for (const run of completed) {
    const key = arms[run.run.point].key;
    const list = summaries.get(key) ?? [];
    list[run.run.replication] = run.summary;
    summaries.set(key, list);
  }
  const checks: CheckResult[] = [];
  for (const fact of usable) {
    const declared = FACTS.find((f) => f.id === fact.id)!.arms;
    const metric = (arm: string, name: string): number[] => {
      const spec = fact.arms[arm];
      if (spec === undefined && declared[arm] !== undefined) throw new MissingArm(declared[arm].file);
      if (spec === undefined) throw new Error(`fact ${fact.id} reads arm "${arm}", which it does not declare`);
      const values = summaries.get(armKey(spec))!.map((summary) => summary[name]);
      if (values.some((v) => v === undefined)) throw new Error(`fact ${fact.id} reads unknown metric "${name}"`);
      return values;
    };
    for (const check of fact.checks) {
      let values: number[];
      try {
        values = check.effect(metric);
      } catch (error) {
        if (!(error instanceof MissingArm)) throw error;
        skipped.push({ fact: fact.id, title: fact.title, what: check.what, reason: `scenarios/${error.file} is missing` });
        continue;
      }
      const effect = meanInterval(values);
      checks.push({ fact: fact.id, title: fact.title, what: check.what, effect, bound: check.bound, pass: passes(effect, check.bound) });
    }
  }
  return {
    replications,
    fast,
    population: fast ? FAST.population : null,
    days: fast ? FAST.days : null,
    checks,
    skipped,
    wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** Whether an effect meets its bound: a range by its mean, a direction by its whole interval. */
export function passes(effect: Interval, bound: Bound): boolean {
  if (!Number.isFinite(effect.mean)) return false;
  switch (bound.kind) {
    case 'range':
      return effect.mean >= bound.min && effect.mean <= bound.max;
    case 'above':
      return Number.isFinite(effect.low) && effect.low > bound.min;
    case 'below':
      return Number.isFinite(effect.high) && effect.high < bound.max;
  }
}

/** The bound as text: "in [a, b]", "> a (95% CI)", "< b (95% CI)". */
export function describeBound(bound: Bound): string {
  switch (bound.kind) {
    case 'range':
      return `in [${bound.min}, ${bound.max}]`;
    case 'above':
      return `CI > ${bound.min}`;
    case 'below':
      return `CI < ${bound.max}`;
  }
}

/** A check needs a scenario that is not shipped (yet). */
class MissingArm extends Error {
  constructor(readonly file: string) {
    super(`missing scenario ${file}`);
  }
}

interface PlannedArm {
  readonly key: string;
  readonly spec: ArmSpec;
}

/** A name for an arm that is the same wherever a fact declares it: its file and overrides. */
function armKey(spec: ArmSpec): string {
  return [spec.file.replace(/\.ya?ml$/, ''), ...(spec.set ?? [])].join(' ');
}

/** Every distinct arm of the facts, in first-use order: facts that share an arm share its runs. */
function uniqueArms(facts: readonly Fact[]): PlannedArm[] {
  const arms = new Map<string, PlannedArm>();
  for (const fact of facts) {
    for (const spec of Object.values(fact.arms)) {
      const key = armKey(spec);
      if (!arms.has(key)) arms.set(key, { key, spec });
    }
  }
  return [...arms.values()];
}

/** For `--fast`: the override that keeps the arm's full market (as its file and arm settings have it) behind the sample. */
function fullMarketOf(file: string, armSet: readonly string[]): string {
  const { size, marketSize } = loadScenario(file, { overrides: armSet }).scenario.population;
  return `population.marketSize=${Math.max(FAST.population, marketSize ?? size)}`;
}
