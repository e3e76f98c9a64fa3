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
 * they meet are the full scenario's; a fact may ask for another sample, the whole market or more replications
 * (Fact.fastPopulation, fastReplications, fullSuiteReplications).
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
  /** Consumers in each of the check's runs. */
  readonly consumers: number;
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

  const explicit = options.replications;
  const sizeOf = (fact: Fact): FactSizing => factSizing(fact, fast, explicit);
  const arms = uniqueArms(usable, sizeOf);
  const userOverrides = options.overrides ?? [];
  const base = loadScenario(path.join(folder, 'default.yaml'), { overrides: userOverrides }).scenario.run.seed;
  const runs: PlannedRun[] = [];
  const consumersOfArm = new Map<string, number>();
  arms.forEach((arm, point) => {
    const file = path.join(folder, arm.spec.file);
    const armSet = arm.spec.set ?? [];
    // A sample keeps the arm's full market behind it; the market goes before the user's overrides, so that an
    // explicit --set population.marketSize wins.
    const sample = arm.sample === null ? [] : [`population.size=${arm.sample}`, fullMarketOf(file, armSet, arm.sample)];
    const sizing = fast ? [`run.days=${FAST.days}`, ...sample] : [];
    const loaded = loadScenario(file, { overrides: [...sizing, ...userOverrides, ...armSet] });
    consumersOfArm.set(arm.key, loaded.scenario.population.size);
    for (let replication = 0; replication < arm.replications; replication++) {
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
      const sizing = sizeOf(fact);
      const values = summaries.get(armKey(spec, sizing.sample))!.slice(0, sizing.replications).map((summary) => summary[name]);
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
      const consumers = consumersOfArm.get(armKey(Object.values(fact.arms)[0], sizeOf(fact).sample))!;
      checks.push({ fact: fact.id, title: fact.title, what: check.what, consumers, effect, bound: check.bound, pass: passes(effect, check.bound) });
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

/** How big a fact's runs are: consumers sampled from each arm's market (null: the whole market) and replications. */
export interface FactSizing {
  readonly sample: number | null;
  readonly replications: number;
}

/**
 * A fact's sizing. The full suite runs every arm's whole market, with the fact's own larger number of replications
 * when none were asked for. `--fast` samples the fast suite's consumers from each market, or the fact's own number, or
 * the whole market for a fact that needs it, with the fast suite's or the fact's own replications. An explicit
 * `--replications` gives every fact that number.
 */
export function factSizing(fact: Pick<Fact, 'fullSuiteReplications' | 'fastPopulation' | 'fastReplications'>, fast: boolean, explicitReplications?: number): FactSizing {
  if (!fast) return { sample: null, replications: explicitReplications ?? Math.max(FULL_REPLICATIONS, fact.fullSuiteReplications ?? 0) };
  const population = fact.fastPopulation ?? FAST.population;
  return { sample: population === 'market' ? null : population, replications: explicitReplications ?? fact.fastReplications ?? FAST.replications };
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
  /** Consumers sampled from the arm's market, or null for the whole market. */
  readonly sample: number | null;
  /** The most replications any fact using the arm needs; a fact reads the first of them (replication r, seed r). */
  replications: number;
}

/** A name for an arm that is the same wherever a fact declares it at the same size: its file, overrides and sample. */
function armKey(spec: ArmSpec, sample: number | null): string {
  return [spec.file.replace(/\.ya?ml$/, ''), ...(spec.set ?? []), ...(sample === null ? [] : [`@${sample}`])].join(' ');
}

/** Every distinct arm of the facts at its size, in first-use order: facts that share an arm and a size share its runs. */
export function uniqueArms(facts: readonly Fact[], sizeOf: (fact: Fact) => FactSizing): PlannedArm[] {
  const arms = new Map<string, PlannedArm>();
  for (const fact of facts) {
    const { sample, replications } = sizeOf(fact);
    for (const spec of Object.values(fact.arms)) {
      const key = armKey(spec, sample);
      const arm = arms.get(key) ?? { key, spec, sample, replications: 0 };
      arm.replications = Math.max(arm.replications, replications);
      arms.set(key, arm);
    }
  }
  return [...arms.values()];
}

/** For `--fast`: the override that keeps the arm's full market (as its file and arm settings have it) behind a sample. */
function fullMarketOf(file: string, armSet: readonly string[], sample: number): string {
  const { size, marketSize } = loadScenario(file, { overrides: armSet }).scenario.population;
  return `population.marketSize=${Math.max(sample, marketSize ?? size)}`;
}
