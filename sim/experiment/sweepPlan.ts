import { createHash } from 'node:crypto';
import path from 'node:path';
import { applyOverrides, readScenarioSource, ScenarioError, validateScenarioSource, type Diagnostic } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import type { Design } from './design.js';
import type { PlannedRun } from './runPlan.js';
import { replicationScenario } from './replicationScenario.js';

/** One slice of a plan: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A design point as resolved against the scenario. */
export interface SweepPoint {
  readonly index: number;
  /** Short hex hash of the point's overrides (canonical JSON): the first part of its runs' ids. */
  readonly id: string;
  /** The overrides as declared by the design. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** Every design parameter's value in the resolved scenario (what runs.arrow holds). */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Everything that defines a sweep; two sweeps with the same fingerprint produce the same runs. */
export interface SweepPlan {
  readonly scenarioName: string;
  readonly files: readonly string[];
  /** `--set` overrides, applied before each point's own. */
  readonly overrides: readonly string[];
  readonly design: { readonly kind: Design['kind']; readonly source: string; readonly declared: unknown };
  readonly parameters: readonly string[];
  readonly points: readonly SweepPoint[];
  readonly replications: number;
  readonly summaryOnly: boolean;
  /** Markets the replications share (`--worlds`), or null when each replication draws its own. */
  readonly worlds: number | null;
  /** Hash of the resolved scenario of every point, the replications and the worlds: equal plans, equal runs. */
  readonly fingerprint: string;
  /** Every run of the whole plan, in plan order (point by point, replications within a point). */
  readonly runs: readonly PlannedRun[];
}

/** What {@link planSweep} needs. */
export interface SweepPlanInput {
  readonly scenarioFile: string;
  readonly overrides: readonly string[];
  readonly design: Design;
  readonly replications: number;
  readonly summaryOnly: boolean;
  /** The sweep's output folder: run folders go to `<out>/runs/<run id>`. */
  readonly out: string;
  /** Markets the replications share, round-robin (replication r in world r mod worlds); default one per replication. */
  readonly worlds?: number | null;
}

/**
 * Resolves every design point through the scenario loader (so an unknown path or a bad value is reported against the
 * design file or --grid flag that supplied it) and lists the runs. Replication r of every point uses seed
 * `run.seed + r` (common random numbers across points).
 * @throws ScenarioError for a bad scenario, a bad point or two identical points; RangeError for bad replications.
 */
export function planSweep(input: SweepPlanInput): SweepPlan {
  const { design, replications } = input;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`--replications: expected an integer >= 1, got ${replications}`);
  const worlds = input.worlds ?? null;
  if (worlds !== null && !(Number.isInteger(worlds) && worlds >= 1 && worlds < replications)) {
    throw new RangeError(`--worlds: expected an integer from 1 to --replications - 1 (${replications - 1}), so that some world has two replications; got ${worlds}`);
  }
  const base = applyOverrides(readScenarioSource(input.scenarioFile), input.overrides);
  validateScenarioSource(base);
  const seen = new Map<string, number>();
  const resolved: { point: SweepPoint; scenario: Scenario; overrideTexts: string[] }[] = design.points.map((overrides, index) => {
    const overrideTexts = Object.entries(overrides).map(([parameter, value]) => `${parameter}=${JSON.stringify(value)}`);
    const scenario = resolvePoint(design, index, base, overrideTexts);
    const id = shortHash(canonicalJson(overrides));
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new ScenarioError([{ ...design.locate(design.parameters[0], index), path: '', message: `design points ${earlier} and ${index} are identical (${canonicalJson(overrides)}); each point must differ` }]);
    }
    seen.set(id, index);
    const values = Object.fromEntries(design.parameters.map((parameter) => [parameter, valueAt(scenario, parameter)]));
    return { point: { index, id, overrides, values }, scenario, overrideTexts };
  });
  const runs: PlannedRun[] = resolved.flatMap(({ point, scenario, overrideTexts }) =>
    Array.from({ length: replications }, (_, replication) => {
      const replicated = replicationScenario(scenario, scenario.run.seed, replication, worlds);
      const runId = sweepRunId(point.id, replication, replications);
      return {
        runId,
        point: point.index,
        replication,
        seed: replicated.seed,
        scenario: replicated.scenario,
        folder: input.summaryOnly ? null : path.join(input.out, 'runs', runId),
        provenance: { files: base.files, overrides: [...input.overrides, ...overrideTexts, ...replicated.overrides.slice(1)] },
      };
    }),
  );
  // --worlds changes every replication's market, so it is part of the plan; a sweep without it keeps the fingerprint
  // it had before worlds existed, so that such a sweep can still be resumed.
  const defining = { parameters: design.parameters, replications, points: resolved.map(({ point, scenario }) => ({ id: point.id, scenario })) };
  const fingerprint = shortHash(canonicalJson(worlds === null ? defining : { ...defining, worlds }), 64);
  return {
    scenarioName: resolved[0]?.scenario.name ?? '',
    files: base.files,
    overrides: input.overrides,
    design: { kind: design.kind, source: design.source, declared: design.declared },
    parameters: design.parameters,
    points: resolved.map(({ point }) => point),
    replications,
    summaryOnly: input.summaryOnly,
    worlds,
    fingerprint,
    runs,
  };
}

/** A sweep run's id: the point's hash and the replication, `3f2a9c01d4-rep-002` (also its folder's name). */
export function sweepRunId(pointId: string, replication: number, replications: number): string {
  return `${pointId}-rep-${String(replication).padStart(Math.max(3, String(replications - 1).length), '0')}`;
}

/** The run ids of a plan in plan order (point by point, replications within a point). */
export function planRunIds(points: readonly Pick<SweepPoint, 'id' | 'index'>[], replications: number): { runId: string; point: number; replication: number }[] {
  return points.flatMap((point) => Array.from({ length: replications }, (_, replication) => ({ runId: sweepRunId(point.id, replication, replications), point: point.index, replication })));
}

/** The runs of one shard: every count-th run of the plan, starting at run index - 1 (round-robin over plan order). */
export function shardRuns<T>(runs: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...runs];
  return runs.filter((_, k) => k % shard.count === shard.index - 1);
}

/**
 * Parses `i/n` (1 <= i <= n).
 * @throws RangeError naming --shard.
 */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || index < 1 || index > count) throw new RangeError(`--shard ${text}: expected i/n with 1 <= i <= n, e.g. --shard 2/4`);
  return { index, count };
}

function resolvePoint(design: Design, index: number, base: ReturnType<typeof readScenarioSource>, overrideTexts: readonly string[]): Scenario {
  const own = new Map(overrideTexts.map((text) => [`--set ${text}`, text.slice(0, text.indexOf('='))]));
  try {
    return validateScenarioSource(applyOverrides(base, overrideTexts));
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // Problems caused by a point's own values are reported where the design wrote them.
    const pointLabel = design.points.length > 1 ? ` (design point ${index}: ${canonicalJson(design.points[index])})` : '';
    const diagnostics: Diagnostic[] = error.diagnostics.map((d) => {
      const parameter = own.get(d.file);
      return parameter === undefined ? d : { ...d, ...design.locate(parameter, index), message: `${d.message}${pointLabel}` };
    });
    throw new ScenarioError(diagnostics);
  }
}

/** The value at a dotted path of a resolved scenario (numeric segments index lists). */
function valueAt(scenario: Scenario, dotted: string): unknown {
  let node: unknown = scenario;
  for (const segment of dotted.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function shortHash(text: string, length = 10): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
