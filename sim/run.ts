import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCatalog, marketScaleOf } from './catalog.js';
import { simulateDay } from './day.js';
import { summarizeRun, type RunSummary } from './metrics.js';
import { writeConsumersTable } from './output/consumersTable.js';
import { writeSegmentsTable } from './output/segmentsTable.js';
import { segmentOutcomes } from './measures/segmentOutcomes.js';
import { prepareRunFolder } from './output/runFolder.js';
import { RunTables } from './output/runTables.js';
import { Platform } from './platform/platform.js';
import { createPopulation } from './population.js';
import type { Scenario } from './scenario/schema.js';
import { VERSION } from './version.js';
import { World } from './world.js';
import { worldSeedsOf } from './worldSeeds.js';
import { syncEnd } from './parallel/replicaSync.js';
import { Ownership } from './parallel/ownership.js';
import { startReplicas, usableThreads, type ReplicaGroup } from './parallel/replicas.js';

/** What produced a run, kept in its manifest so that it can be replayed. */
export interface RunProvenance {
  /** Scenario files read, the root first then what it extends. */
  readonly files?: readonly string[];
  /** `path=value` overrides applied. */
  readonly overrides?: readonly string[];
}

export interface SimulateOptions extends RunProvenance {
  /** Also write exposures.arrow (one row per item shown; large). */
  readonly exposures?: boolean;
  /** Replication index, recorded in the manifest. */
  readonly replication?: number;
  /**
   * Processes each hour's consumers from the highest id down instead of up: for checking that the order within an
   * hour changes no consumer's outcome.
   */
  readonly descendingWithinHour?: boolean;
  /** Called after each simulated day (progress reporting, and tests that inspect the world). */
  readonly onDay?: (day: number, world: World) => void;
  /**
   * Threads to simulate the run on (default 1): consumers are split among replicas of the world, one per thread,
   * that meet at every hour's end; the tables are byte-identical for any number. At most one per block of 1,024
   * consumers is used. With several, `onDay` sees the leader's world, whose other consumers' state is current only
   * at the run's end.
   */
  readonly threads?: number;
}

/** The outcome of one simulated run. */
export interface RunResult {
  readonly folder: string;
  readonly seed: number;
  readonly replication: number;
  readonly summary: RunSummary;
  readonly rowCounts: Record<string, number>;
  readonly wallSeconds: number;
  /** Threads the run was simulated on (its tables do not depend on it). */
  readonly threads: number;
}

/**
 * Simulates one run of a resolved scenario into `folder` (which must exist): the Arrow tables, written as the run
 * goes, and manifest.json. On failure the partly written tables are removed and the error rethrown.
 */
export function simulate(scenario: Scenario, folder: string, options: SimulateOptions = {}): RunResult {
  const started = process.hrtime.bigint();
  const threads = usableThreads(scenario, options.threads ?? 1);
  if (threads > 1 && options.descendingWithinHour) throw new RangeError('descendingWithinHour: only with one thread');
  // Started first: each thread builds its world while this one builds the leader's.
  const replicas = threads > 1 ? startReplicas(scenario, threads, options.exposures ?? false) : null;
  try {
    return simulateAsLeader(scenario, folder, options, replicas, started);
  } finally {
    replicas?.stop();
  }
}

function simulateAsLeader(scenario: Scenario, folder: string, options: SimulateOptions, replicas: ReplicaGroup | null, started: bigint): RunResult {
  const catalog = createCatalog(scenario.catalog, worldSeedsOf(scenario).catalog, marketScaleOf(scenario.population));
  const owned = new Ownership(scenario.population.size, 0, replicas === null ? 1 : replicas.hub.replicas);
  const population = createPopulation(scenario, catalog, replicas === null ? null : (i) => owned.owns(i));
  const platform = new Platform(scenario, catalog, population);
  const metadata = { mallsim_version: VERSION, scenario: scenario.name, seed: String(scenario.run.seed) };
  const tables = new RunTables(folder, population.segmentNames, scenario.run.batchRows, options.exposures ?? false, metadata);
  try {
    const world = new World(scenario, catalog, population, platform, tables, replicas?.hub);
    world.descendingWithinHour = options.descendingWithinHour ?? false;
    simulateDays(world, options.onDay);
    writeConsumersTable(world);
    // Computed once: segments.arrow and the summary's metric@segment entries hold the same values.
    const segments = segmentOutcomes(population);
    writeSegmentsTable(world, segments);
    const rowCounts = tables.close();
    const summary = summarizeRun(world, segments);
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const result: RunResult = { folder, seed: scenario.run.seed, replication: options.replication ?? 0, summary, rowCounts, wallSeconds, threads: world.replica.replicas };
    writeManifest(folder, scenario, result, options);
    return result;
  } catch (error) {
    replicas?.hub.abort();
    tables.abort();
    throw error;
  }
}

/** Every day of the run on this replica, then the leader gathers the consumers' final state. */
export function simulateDays(world: World, onDay?: (day: number, world: World) => void): void {
  for (let day = 0; day < world.scenario.run.days; day++) {
    world.day = day;
    simulateDay(world);
    onDay?.(day, world);
  }
  syncEnd(world);
}

function writeManifest(folder: string, scenario: Scenario, result: RunResult, options: SimulateOptions): void {
  const manifest = {
    software: { name: 'mallsim', version: VERSION, node: process.version },
    scenario: scenario.name,
    seed: result.seed,
    worldSeeds: worldSeedsOf(scenario),
    replication: result.replication,
    files: options.files ?? [],
    overrides: options.overrides ?? [],
    rowCounts: result.rowCounts,
    wallSeconds: result.wallSeconds,
    threads: result.threads,
    summary: Object.fromEntries(Object.entries(result.summary).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
    resolvedScenario: scenario,
  };
  writeFileSync(path.join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

export interface RunScenarioOptions extends SimulateOptions {
  /** Replications; replication r runs with seed run.seed + r. */
  readonly replications?: number;
  /** Destination folder; refused when not empty unless `overwrite`. */
  readonly out?: string;
  readonly overwrite?: boolean;
  /** Root of automatic output folders (default "output"). */
  readonly outputRoot?: string;
  /** Called after each day of each replication. */
  readonly onProgress?: (replication: number, day: number) => void;
}

/** The outcome of `runScenario`: the folder it committed and one result per replication. */
export interface RunScenarioResult {
  readonly folder: string;
  readonly runs: readonly RunResult[];
}

/** Seed of replication r: the base seed plus r, so any replication can be rerun alone with --seed. */
export function replicationSeed(baseSeed: number, replication: number): number {
  return (baseSeed + replication) >>> 0;
}

/**
 * Runs a scenario (one or more replications) into a new folder, committed by one rename only when every
 * replication has finished. With several replications each gets a rep-NNN subfolder.
 */
export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): RunScenarioResult {
  const replications = options.replications ?? 1;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications: expected an integer >= 1, got ${replications}`);
  const folder = prepareRunFolder({
    out: options.out,
    overwrite: options.overwrite,
    root: options.outputRoot ?? 'output',
    scenarioName: scenario.name,
  });
  try {
    const runs: RunResult[] = [];
    for (let r = 0; r < replications; r++) {
      const seeded: Scenario = { ...scenario, run: { ...scenario.run, seed: replicationSeed(scenario.run.seed, r) } };
      const runFolder = replications === 1 ? folder.temp : path.join(folder.temp, `rep-${String(r).padStart(3, '0')}`);
      mkdirSync(runFolder, { recursive: true });
      runs.push(simulate(seeded, runFolder, { ...options, replication: r, onDay: (day) => options.onProgress?.(r, day) }));
    }
    const final = folder.commit();
    return { folder: final, runs: runs.map((run) => ({ ...run, folder: path.join(final, path.relative(folder.temp, run.folder)) })) };
  } catch (error) {
    folder.discard();
    throw error;
  }
}
