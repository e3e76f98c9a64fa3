import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDailySeries } from '../../sim/experiment/runJob.js';
import type { CompletedRun, PlannedRun } from '../../sim/experiment/runPlan.js';
import { executeRuns } from '../../sim/experiment/workerPool.js';
import { OutputError } from '../../sim/output/runFolder.js';
import { replicationSeed } from '../../sim/run.js';
import { numbers, runInTemp } from '../helpers/runs.js';
import { smallScenario } from '../helpers/scenarios.js';
import { ensureBuilt } from './sweepHelpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-pool-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(ensureBuilt);

const base = smallScenario({ run: { days: 6, seed: 5 }, population: { size: 300 }, catalog: { items: 100 } });

function planned(count: number, folderOf: (k: number) => string | null): PlannedRun[] {
  return Array.from({ length: count }, (_, k) => {
    const seed = replicationSeed(base.run.seed, k);
    return { runId: `run-${k}`, point: 0, replication: k, seed, scenario: { ...base, run: { ...base.run, seed } }, folder: folderOf(k) };
  });
}

describe('executeRuns', () => {
  it('runs on two workers, commits each folder, and returns results in plan order equal to an in-process run', async () => {
    const folder = path.join(work, 'committed');
    const runs = planned(3, (k) => path.join(folder, `r${k}`));
    const seen: string[] = [];
    const completed = await executeRuns(runs, { workers: 2, onComplete: (done) => seen.push(done.run.runId) });
    expect(completed.map((c) => c.run.runId)).toEqual(['run-0', 'run-1', 'run-2']);
    expect([...seen].sort()).toEqual(['run-0', 'run-1', 'run-2']);
    expect(readdirSync(folder).sort()).toEqual(['r0', 'r1', 'r2']);
    expect(readdirSync(path.join(folder, 'r1')).sort()).toEqual(['consumers.arrow', 'days.arrow', 'hours.arrow', 'manifest.json', 'paths.arrow', 'purchases.arrow', 'regret.arrow', 'segments.arrow']);

    const direct = runInTemp(runs[1].scenario, { replication: 1 });
    try {
      expect(completed[1].summary).toEqual(direct.result.summary);
      expect(readFileSync(path.join(folder, 'r1/purchases.arrow')).equals(direct.bytes('purchases'))).toBe(true);
      const days = direct.table('days');
      expect(completed[1].daily.purchases).toEqual(numbers(days, 'purchases'));
      expect(completed[1].daily.gmv).toEqual(numbers(days, 'gmv'));
      expect(completed[1].daily.mean_trust).toEqual(numbers(days, 'mean_trust'));
      const impulse = numbers(days, 'impulse_purchases');
      expect(completed[1].daily.impulse_share).toEqual(numbers(days, 'purchases').map((p, d) => (p > 0 ? impulse[d] / p : Number.NaN)));
      expect(completed[1].daily.purchases).toHaveLength(6);
    } finally {
      direct.cleanup();
    }
    const manifest = JSON.parse(readFileSync(path.join(folder, 'r2/manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(7);
    expect(manifest.replication).toBe(2);
  });

  it('removes the temporary tables of summary-only runs', async () => {
    const tempRoot = path.join(work, 'summary-temp');
    rmSync(tempRoot, { recursive: true, force: true });
    mkdirSync(tempRoot);
    const completed: CompletedRun[] = await executeRuns(planned(2, () => null), { workers: 2, tempRoot });
    expect(completed.map((c) => c.summary.consumers)).toEqual([300, 300]);
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it('rejects naming the run that failed, and leaves no half-written folder', async () => {
    const parent = path.join(work, 'failing');
    mkdirSync(parent);
    // The second run's folder sits under a file, so its worker cannot create its temporary folder.
    writeFileSync(path.join(parent, 'not-a-folder'), '');
    const runs = planned(2, (k) => (k === 1 ? path.join(parent, 'not-a-folder', 'r1') : path.join(parent, 'r0')));
    await expect(executeRuns(runs, { workers: 1 })).rejects.toThrow(/^run run-1 \(point 0, replication 1, seed 6\) failed: .*ENOTDIR/);
    expect(readdirSync(parent).sort()).toEqual(['not-a-folder', 'r0']);
  });

  it('refuses to replace an existing run folder, before running anything', async () => {
    const folder = path.join(work, 'existing');
    const runs = planned(1, () => folder);
    mkdirSync(folder);
    await expect(executeRuns(runs, { workers: 1 })).rejects.toBeInstanceOf(OutputError);
    await expect(executeRuns(runs, { workers: 0 })).rejects.toThrow('workers: expected an integer >= 1, got 0');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('gives the same results on worker threads', async () => {
    const runs = planned(2, () => null);
    const [processes, threads] = [await executeRuns(runs, { workers: 2 }), await executeRuns(runs, { workers: 2, transport: 'thread' })];
    expect(threads.map((c) => c.summary)).toEqual(processes.map((c) => c.summary));
    expect(existsSync(path.join(os.tmpdir(), `.tmp-mallsim-${process.pid}-0-run-0`))).toBe(false);
  });
});

describe('readDailySeries', () => {
  it('reads one value per day from days.arrow', () => {
    const run = runInTemp(smallScenario({ run: { days: 4 }, population: { size: 200 }, catalog: { items: 50 } }));
    try {
      const series = readDailySeries(path.join(run.folder, 'days.arrow'));
      expect(series.gmv.reduce((a, b) => a + b, 0)).toBeCloseTo(run.result.summary.gmv, 6);
      expect(series.purchases.reduce((a, b) => a + b, 0)).toBe(run.result.summary.purchases);
    } finally {
      run.cleanup();
    }
  });
});
