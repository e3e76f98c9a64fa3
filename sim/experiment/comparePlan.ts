import path from 'node:path';
import { loadScenario } from '../scenario/load.js';
import { suggestion } from '../scenario/didYouMean.js';
import type { Scenario } from '../scenario/schema.js';
import { CompareInputError } from './compareMetrics.js';
import type { PlannedRun } from './runPlan.js';
import { replicationScenario } from './replicationScenario.js';

/** One arm of a comparison: a scenario file, loaded with the shared overrides. */
export interface CompareArm {
  /** Unique name: the scenario's `name`, or the file stem with `--arm-names stem`. */
  readonly name: string;
  /** The file as the user named it. */
  readonly file: string;
  readonly scenario: Scenario;
  /** Files read (the arm's file first, then what it extends) and overrides applied, for each run's manifest. */
  readonly files: readonly string[];
  readonly overrides: readonly string[];
}

/** Where arm names come from: the scenario's `name` field, or the file name without its extension. */
export type ArmNaming = 'scenario' | 'stem';

/**
 * Loads every arm with the same `--set` overrides (a ScenarioError names the file on any problem) and names them.
 * Refuses fewer than two arms and two arms with the same name, saying how to tell them apart.
 */
export function loadArms(files: readonly string[], overrides: readonly string[], naming: ArmNaming = 'scenario'): CompareArm[] {
  if (files.length < 2) throw new CompareInputError(`compare: expected at least two scenario files (arms), got ${files.length}`);
  const arms = files.map((file): CompareArm => {
    const loaded = loadScenario(file, { overrides });
    const name = naming === 'stem' ? fileStem(file) : loaded.scenario.name;
    return { name, file, scenario: loaded.scenario, files: loaded.files, overrides: loaded.overrides };
  });
  arms.forEach((arm, k) => {
    const first = arms.findIndex((other) => other.name === arm.name);
    if (first === k) return;
    const other = arms[first];
    const hint =
      naming === 'scenario' && fileStem(other.file) !== fileStem(arm.file)
        ? 'give the scenarios different `name`s or pass --arm-names stem to name arms by file'
        : 'each arm must be a different scenario file';
    throw new CompareInputError(`compare: arms ${other.file} and ${arm.file} are both named "${arm.name}"; ${hint}`);
  });
  return arms;
}

function fileStem(file: string): string {
  return path.basename(file).replace(/\.(ya?ml|json)$/i, '');
}

/**
 * The baseline's index: the first arm by default, else the arm whose name is `baseline` or whose file is `baseline`
 * (as typed, or the same path once resolved). An unknown baseline is refused with the arm names and a did-you-mean.
 */
export function resolveBaseline(arms: readonly CompareArm[], baseline: string | undefined): number {
  if (baseline === undefined) return 0;
  const byName = arms.findIndex((arm) => arm.name === baseline);
  if (byName >= 0) return byName;
  const byFile = arms.findIndex((arm) => arm.file === baseline || path.resolve(arm.file) === path.resolve(baseline));
  if (byFile >= 0) return byFile;
  const names = arms.map((arm) => arm.name);
  throw new CompareInputError(
    `--baseline: "${baseline}" is not an arm${suggestion(baseline, names)}; expected one of ${names.map((n) => `"${n}"`).join(', ')} or one of the scenario files`,
  );
}

/** The base seed of a comparison and whether every arm declared it. */
export interface CommonSeed {
  readonly seed: number;
  /** False when arms declare different run.seed values (the first arm's is used for all). */
  readonly agreed: boolean;
}

/**
 * Common random numbers need one seed per replication across arms: replication r runs with seed (s + r) in every arm,
 * where s is the first arm's run.seed. Usually all arms extend the same scenario and agree on s; when they do not,
 * the first arm's seed still wins (an arm's own seed would make its replications unpaired) and `agreed` is false so
 * that the caller can say so.
 */
export function commonSeed(arms: readonly CompareArm[]): CommonSeed {
  const seed = arms[0].scenario.run.seed;
  return { seed, agreed: arms.every((arm) => arm.scenario.run.seed === seed) };
}

/** Options of {@link planCompareRuns}. */
export interface ComparePlanOptions {
  readonly baseSeed: number;
  /** Replications [from, to) to plan; adaptive replication plans one round at a time. */
  readonly from: number;
  readonly to: number;
  /** Folder that holds `<arm>/rep-NNN` run folders, or null for summaries only. */
  readonly runsFolder: string | null;
  /** Markets the replications share (replication r in world r mod worlds), or null for one market per replication. */
  readonly worlds?: number | null;
}

/**
 * The runs of replications [from, to) of every arm, replication by replication (so that a partly finished round
 * holds whole pairs): point = arm index, seed = base seed + replication (and the world's seeds with `worlds`), run id
 * `<arm>-rep-NNN`.
 */
export function planCompareRuns(arms: readonly CompareArm[], options: ComparePlanOptions): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (let replication = options.from; replication < options.to; replication++) {
    arms.forEach((arm, point) => {
      const rep = `rep-${String(replication).padStart(3, '0')}`;
      const { scenario, seed, overrides } = replicationScenario(arm.scenario, options.baseSeed, replication, options.worlds ?? null);
      runs.push({
        runId: `${arm.name}-${rep}`,
        point,
        replication,
        seed,
        scenario,
        folder: options.runsFolder === null ? null : path.join(options.runsFolder, arm.name, rep),
        provenance: { files: arm.files, overrides: [...arm.overrides, ...overrides] },
      });
    });
  }
  return runs;
}
