import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refuseRunsThatDoNotFitTogether, threadsForRun, workersAndThreads } from '../../sim/experiment/concurrentMemory.js';
import { executeRuns } from '../../sim/experiment/workerPool.js';
import { loadScenario } from '../../sim/scenario/load.js';
import { estimateRunMemory } from '../../sim/scenario/resourceEstimate.js';

const scenario = loadScenario(path.resolve(__dirname, '../../scenarios/default.yaml')).scenario;
const run = estimateRunMemory(scenario);
// Room for the parent and exactly one run, not two.
const limit = { bytes: run.baseBytes + run.bytes + run.bytes / 2, source: 'test limit' };

describe('runs in flight together', () => {
  it('fit with as many workers as the limit holds and are refused with more, naming the workers that fit', () => {
    expect(() => refuseRunsThatDoNotFitTogether([scenario, scenario], 1, limit)).not.toThrow();
    expect(() => refuseRunsThatDoNotFitTogether([scenario], 2, limit)).not.toThrow();
    expect(() => refuseRunsThatDoNotFitTogether([scenario, scenario, scenario], 3, limit)).toThrow(/^--workers 3: 3 runs at once need about .+ more than the limit of .+ \(test limit\); use --workers 1$/);
  });

  it('makes the worker pool refuse before any worker starts or any folder is written', async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'mallsim-concurrent-'));
    const planned = [0, 1].map((r) => ({ runId: `r${r}`, point: 0, replication: r, seed: r + 1, scenario, folder: path.join(temp, `r${r}`) }));
    const started = performance.now();
    await expect(executeRuns(planned, { workers: 2, tempRoot: temp, memoryLimit: limit })).rejects.toThrow(/use --workers 1/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(readdirSync(temp)).toEqual([]);
  });
});

/** Room for three replicas of a 3,000-consumer run and not four. */
function oneReplica3000() {
  const small = estimateRunMemory({ ...scenario, population: { ...scenario.population, size: 3_000 } });
  return { bytes: small.baseBytes + 3.5 * (small.bytes - small.baseBytes), source: 'test limit' };
}

describe('threads of one run', () => {
  const roomy = { bytes: 100 * run.bytes, source: 'test limit' };
  const sized = (size: number) => ({ ...scenario, population: { ...scenario.population, size } });

  it('default to every core while each gets 5,000 consumers, and to one for a small run', () => {
    expect(threadsForRun(sized(20_000), undefined, 2, roomy)).toBe(2);
    expect(threadsForRun(sized(20_000), undefined, 8, roomy)).toBe(4);
    expect(threadsForRun(sized(3_000), undefined, 2, roomy)).toBe(1);
  });

  it('count a replica of the world per thread against memory: the default takes what fits, more is refused', () => {
    // One process base and room for one and a half worlds.
    const oneReplica = { bytes: run.baseBytes + 1.5 * (run.bytes - run.baseBytes), source: 'test limit' };
    expect(threadsForRun(scenario, undefined, 2, oneReplica)).toBe(1);
    expect(() => threadsForRun(scenario, 2, 2, oneReplica)).toThrow(/^--threads 2: a replica of the run per thread needs about .+ more than the limit of .+ \(test limit\); use --threads 1$/);
    expect(threadsForRun(scenario, 2, 2, roomy)).toBe(2);
    // Only as many replicas as blocks of 1,024 consumers start, and only those are counted.
    expect(threadsForRun(sized(3_000), 64, 2, oneReplica3000())).toBe(3);
    expect(() => threadsForRun(scenario, 1.5, 2, roomy)).toThrow(/--threads: expected an integer >= 1, got 1.5/);
  });

  it('with several runs at once, refuse workers x threads above the cores and divide the cores by default', () => {
    expect(workersAndThreads(undefined, undefined, 4)).toEqual({ workers: 4, threads: 1 });
    expect(workersAndThreads(undefined, 2, 4)).toEqual({ workers: 2, threads: 2 });
    expect(() => workersAndThreads(undefined, 8, 4)).toThrow(/^--threads 8: more than this machine's 4 cores; use --threads 4 or fewer$/);
    expect(() => workersAndThreads(3, 2, 4)).toThrow(/^--workers 3 x --threads 2 = 6 threads, more than this machine's 4 cores; use --workers 2 or fewer threads$/);
    expect(workersAndThreads(5, 1, 4)).toEqual({ workers: 5, threads: 1 });
  });
});
