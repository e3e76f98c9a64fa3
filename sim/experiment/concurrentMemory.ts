import { machineMemoryLimit, type MemoryLimit } from '../scenario/load.js';
import { estimateRunMemory, formatBytes } from '../scenario/resourceEstimate.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * Refuses to run `workers` runs at once when together they are estimated not to fit: each worker process holds a
 * whole run, and the parent holds one process's base. Each run alone was already checked when its scenario was
 * validated; this catches a sweep or comparison whose runs fit one at a time but not side by side.
 * @throws RangeError naming --workers, the estimate, the limit and the most workers that fit.
 */
export function refuseRunsThatDoNotFitTogether(scenarios: readonly Scenario[], workers: number, limit: MemoryLimit = machineMemoryLimit()): void {
  if (scenarios.length === 0) return;
  const estimates = scenarios.map((scenario) => estimateRunMemory(scenario));
  const largest = estimates.map((estimate) => estimate.bytes).sort((a, b) => b - a);
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
