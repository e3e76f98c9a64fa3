import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refuseRunsThatDoNotFitTogether } from '../../sim/experiment/concurrentMemory.js';
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
