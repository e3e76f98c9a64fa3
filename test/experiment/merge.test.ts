import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridFromFlags } from '../../sim/experiment/design.js';
import { mergeShards } from '../../sim/experiment/merge.js';
import { runSweep, type SweepOptions } from '../../sim/experiment/sweep.js';
import { ensureBuilt, mallsim, writeTinyScenario } from './sweepHelpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-merge-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tiny = writeTinyScenario(work);
// 2 x 2 points x 2 replications = 8 runs, split into 3 shards of 3, 3 and 2 runs.
const options: SweepOptions = {
  scenarioFile: tiny,
  design: gridFromFlags(['platform.overPush.feedLength=10,30', 'platform.nudges.coolingOffDays=0,1']),
  replications: 2,
  workers: 2,
  quiet: true,
};
const shardFolder = (index: number): string => path.join(work, `shard-${index}`);

let wholeTable = '';

beforeAll(async () => {
  ensureBuilt();
  wholeTable = (await runSweep({ ...options, out: path.join(work, 'whole') })).table ?? '';
  for (const index of [1, 2, 3]) await runSweep({ ...options, out: shardFolder(index), shard: { index, count: 3 } });
});

describe('sharded sweeps', () => {
  it('run disjoint round-robin slices of the plan', () => {
    const ids = (folder: string) => readdirSync(path.join(folder, 'runs')).sort();
    const shards = [1, 2, 3].map((index) => ids(shardFolder(index)));
    expect(shards.map((s) => s.length)).toEqual([3, 3, 2]);
    expect(shards.flat().sort()).toEqual(ids(path.join(work, 'whole')));
    const plan = JSON.parse(readFileSync(path.join(shardFolder(2), 'sweep.json'), 'utf8'));
    expect(plan.shard).toEqual({ index: 2, count: 3 });
  });

  it('are refused when a shard is missing, given twice or from another plan, with exit 2 and nothing written', async () => {
    const out = path.join(work, 'refused');
    const missing = mallsim(['merge', shardFolder(1), shardFolder(3), '--out', out], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^merge: 3 of 8 runs are missing \(.*\): no folder was given for shard 2\/3\n$/);
    expect(() => mergeShards({ shards: [shardFolder(1), shardFolder(2), shardFolder(1), shardFolder(3)], out })).toThrow(/is in both .*shard-1 \(shard 1\/3\) and .*shard-1 \(shard 1\/3\): the shards overlap/);
    const other = path.join(work, 'other-plan');
    await runSweep({ ...options, replications: 3, out: other, shard: { index: 2, count: 3 } });
    expect(() => mergeShards({ shards: [shardFolder(1), other, shardFolder(3)], out })).toThrow(/other-plan and .*shard-1 are not shards of the same sweep/);
    expect(() => mergeShards({ shards: [shardFolder(1), shardFolder(2), shardFolder(3)], out: path.join(work, 'whole') })).toThrow(/whole: exists and is not empty/);
    expect(existsSync(out)).toBe(false);
  });

  it('merge into a folder whose runs.arrow is byte-identical to the unsharded sweep, with every run folder', () => {
    const out = path.join(work, 'merged');
    const merged = mallsim(['merge', shardFolder(3), shardFolder(1), shardFolder(2), '--out', out], work);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('merged 3 shards, 8 runs');
    // The merged sweep prints the results the unsharded sweep printed.
    expect(wholeTable).toMatch(/impulse_share/);
    expect(merged.stdout).toContain(wholeTable);
    const whole = path.join(work, 'whole');
    expect(readFileSync(path.join(out, 'runs.arrow')).equals(readFileSync(path.join(whole, 'runs.arrow')))).toBe(true);
    expect(readFileSync(path.join(out, 'sweep.json'), 'utf8')).toBe(readFileSync(path.join(whole, 'sweep.json'), 'utf8'));
    expect(readdirSync(path.join(out, 'runs')).sort()).toEqual(readdirSync(path.join(whole, 'runs')).sort());
    const runId = readdirSync(path.join(out, 'runs'))[0];
    expect(readFileSync(path.join(out, 'runs', runId, 'purchases.arrow')).equals(readFileSync(path.join(whole, 'runs', runId, 'purchases.arrow')))).toBe(true);
    // Run folders were moved, so the shards cannot be merged a second time.
    expect(readdirSync(path.join(shardFolder(1), 'runs'))).toEqual([]);
    expect(() => mergeShards({ shards: [shardFolder(1), shardFolder(2), shardFolder(3)], out: path.join(work, 'again') })).toThrow(/its folder is missing/);
    // The merge was assembled in a temporary folder renamed into place; none is left over.
    expect(readdirSync(work).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });

  it('keep the markets of --worlds: the merged sweep records them and prints the spread between and within markets', async () => {
    const worlds: SweepOptions = { ...options, design: gridFromFlags(['platform.overPush.feedLength=10']), replications: 3, worlds: 2 };
    for (const index of [1, 2]) await runSweep({ ...worlds, out: path.join(work, `worlds-${index}`), shard: { index, count: 2 } });
    const merged = mallsim(['merge', path.join(work, 'worlds-1'), path.join(work, 'worlds-2'), '--out', path.join(work, 'worlds-merged'), '--metrics', 'purchases'], work);
    expect(merged.code, merged.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(work, 'worlds-merged', 'sweep.json'), 'utf8')).worlds).toBe(2);
    const whole = await runSweep({ ...worlds, metrics: ['purchases'], out: path.join(work, 'worlds-whole') });
    expect(whole.table).toMatch(/world/i);
    expect(merged.stdout).toContain(whole.table!);
    // A shard resumed with other worlds is another plan, and the refusal says which flag differs.
    await expect(runSweep({ ...worlds, worlds: 1, out: path.join(work, 'worlds-1'), shard: { index: 1, count: 2 }, resume: true })).rejects.toThrow(/started with --worlds 2, not --worlds 1/);
  });

  it('a merged folder resumes as a complete sweep, running nothing', async () => {
    const result = await runSweep({ ...options, out: path.join(work, 'merged'), resume: true });
    expect(result.ranNow).toBe(0);
    expect(readFileSync(path.join(work, 'merged/runs.arrow')).equals(readFileSync(path.join(work, 'whole/runs.arrow')))).toBe(true);
  });
});
