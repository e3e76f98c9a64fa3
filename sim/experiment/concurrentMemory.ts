import { machineMemoryLimit, type MemoryLimit } from '../scenario/load.js';
import { estimateRunMemory, formatBytes } from '../scenario/resourceEstimate.js';
import { usableThreads } from '../parallel/replicas.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * Refuses to run `workers` runs at once (each on `threads` threads) when together they are estimated not to fit: each
 * worker process holds a whole run (a replica of it per thread), and the parent holds one process's base. Each run alone was already checked when its scenario was
 * validated; this catches a sweep or comparison whose runs fit one at a time but not side by side.
 * @throws RangeError naming --workers, the estimate, the limit and the most workers that fit.
 */
export function refuseRunsThatDoNotFitTogether(scenarios: readonly Scenario[], workers: number, limit: MemoryLimit = machineMemoryLimit(), threads = 1): void {
  if (scenarios.length === 0) return;
  const estimates = scenarios.map((scenario) => estimateRunMemory(scenario));
  // A run on several threads holds a replica of its world per thread, in one process.
  const largest = estimates.map((estimate) => estimate.bytes + (threads - 1) * (estimate.bytes - estimate.baseBytes)).sort((a, b) => b - a);
  const parent = estimates[0]!.baseBytes;
  const together = (count: number): number => parent + largest.slice(0, count).reduce((sum, bytes) => sum + bytes, 0);
  const concurrent = Math.min(workers, scenarios.length);
  if (together(concurrent) <= limit.bytes) return;
  let fitting = concurrent - 1;
  while (fitting > 1 && together(fitting) > limit.bytes) fitting--;
  throw new RangeError(
    `--workers ${workers}: ${concurrent} runs at once need about ${formatBytes(together(concurrent))} by estimate (the largest run ${formatBytes(largest[0]!)}, plus ${formatBytes(parent)} for the parent), more than the limit of ${formatBytes(limit.bytes)} (${limit.source}); use --workers ${Math.max(1, fitting)}`,
  );
}

/** The most replicas of one run (threads) that fit in memory together: each holds the whole world. */
export function replicasThatFit(scenario: Scenario, limit: MemoryLimit = machineMemoryLimit()): number {
  const estimate = estimateRunMemory(scenario);
  // The replicas share one process: its base once, a world each.
  return Math.max(1, Math.floor((limit.bytes - estimate.baseBytes) / (estimate.bytes - estimate.baseBytes)));
}

/**
 * Consumers a thread needs before a second thread pays for itself by default: each replica thread starts, builds the
 * world and warms up its code on its own, and the replicas meet 25 times a day. Measured on this project's 2-core
 * machine (default scenario, `mallsim run`): 3,000 x 20 took 1.64 s on one thread and 2.05 s on two; 10,000 x 30,
 * 4.0-4.1 s and 3.7-3.8 s; 20,000 x 20, 5.5 s and 5.1 s.
 */
export const CONSUMERS_PER_DEFAULT_THREAD = 5_000;

/**
 * The threads of one run: `requested`, or by default every core, as long as each has CONSUMERS_PER_DEFAULT_THREAD
 * consumers and the replicas fit in memory; refused when `requested` replicas are estimated not to fit.
 * @throws RangeError naming --threads, the estimate, the limit and the most that fit.
 */
export function threadsForRun(scenario: Scenario, requested: number | undefined, cores: number, limit: MemoryLimit = machineMemoryLimit()): number {
  const fitting = replicasThatFit(scenario, limit);
  if (requested === undefined) return Math.max(1, Math.min(cores, fitting, Math.floor(scenario.population.size / CONSUMERS_PER_DEFAULT_THREAD)));
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`--threads: expected an integer >= 1, got ${requested}`);
  // No more replicas than blocks of consumers are started, so no more are counted against memory.
  requested = usableThreads(scenario, requested);
  if (requested > fitting) {
    const estimate = estimateRunMemory(scenario);
    const each = estimate.bytes - estimate.baseBytes;
    throw new RangeError(`--threads ${requested}: a replica of the run per thread needs about ${formatBytes(estimate.baseBytes + each * requested)} by estimate (${formatBytes(each)} each), more than the limit of ${formatBytes(limit.bytes)} (${limit.source}); use --threads ${fitting}`);
  }
  return requested;
}

/**
 * Parallel runs and threads per run for a sweep or comparison: `threads` per run (default 1) and by default as many
 * workers as leave no core idle; refused when workers x threads would oversubscribe the cores.
 * @throws RangeError naming --workers and --threads.
 */
export function workersAndThreads(workers: number | undefined, threads: number | undefined, cores: number): { workers: number; threads: number } {
  const perRun = threads ?? 1;
  if (!Number.isInteger(perRun) || perRun < 1) throw new RangeError(`--threads: expected an integer >= 1, got ${perRun}`);
  const parallel = workers ?? Math.max(1, Math.floor(cores / perRun));
  if (!Number.isInteger(parallel) || parallel < 1) throw new RangeError(`--workers: expected an integer >= 1, got ${parallel}`);
  if (perRun > cores) throw new RangeError(`--threads ${perRun}: more than this machine's ${cores} cores; use --threads ${cores} or fewer`);
  if (perRun > 1 && parallel * perRun > cores) {
    throw new RangeError(`--workers ${parallel} x --threads ${perRun} = ${parallel * perRun} threads, more than this machine's ${cores} cores; use --workers ${Math.max(1, Math.floor(cores / perRun))} or fewer threads`);
  }
  return { workers: parallel, threads: perRun };
}
