import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridFromFlags } from '../../sim/experiment/design.js';
import { runSweep } from '../../sim/experiment/sweep.js';
import { SEGMENT_METRICS } from '../../sim/measures/segmentOutcomes.js';
import { METRICS } from '../../sim/metrics.js';
import { numbers, strings } from '../helpers/runs.js';
import { ensureBuilt, mallsim, startMallsim, writeTinyScenario } from './sweepHelpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-sweep-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tiny = writeTinyScenario(work);
// 3 points x 4 replications = 12 runs of 300 consumers for 8 days.
const sweepArgs = ['sweep', tiny, '--grid', 'platform.overPush.feedLength=10,20,40', '--replications', '4', '--set', 'run.seed=11'];
const RUNS = 12;

let reference: Buffer;
beforeAll(() => {
  ensureBuilt();
  const result = mallsim([...sweepArgs, '--workers', '2', '--out', 'whole'], work);
  expect(result.stderr).toMatch(/sweep: 12\/12 runs done/);
  expect(result.code).toBe(0);
  reference = readFileSync(path.join(work, 'whole/runs.arrow'));
});

const allFiles = (folder: string): string[] => readdirSync(folder, { recursive: true }).map(String);

describe('mallsim sweep', () => {
  it('writes runs.arrow in long format: ids, seeds, the swept path and every metric, one row per run in plan order', () => {
    const table = tableFromIPC(reference);
    // Then each segment's outcomes, segment by segment in the scenario's order.
    const segmentColumns = ['impulsive', 'mainstream', 'deliberate'].flatMap((segment) => SEGMENT_METRICS.map((m) => `${m.name}@${segment}`));
    expect(table.schema.fields.map((f) => f.name)).toEqual(['run_id', 'point', 'replication', 'seed', 'platform.overPush.feedLength', ...METRICS.map((m) => m.name), ...segmentColumns]);
    expect(table.numRows).toBe(RUNS);
    expect(numbers(table, 'point')).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(numbers(table, 'replication')).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    // Common random numbers: replication r has seed 11 + r at every point.
    expect(numbers(table, 'seed')).toEqual([11, 12, 13, 14, 11, 12, 13, 14, 11, 12, 13, 14]);
    expect(numbers(table, 'platform.overPush.feedLength')).toEqual([10, 10, 10, 10, 20, 20, 20, 20, 40, 40, 40, 40]);
    const runIds = strings(table, 'run_id');
    expect(new Set(runIds).size).toBe(RUNS);
    expect(readdirSync(path.join(work, 'whole/runs')).sort()).toEqual([...runIds].sort());
    // Each row is its run's own summary, as recorded in the run folder's manifest.
    const manifest = JSON.parse(readFileSync(path.join(work, 'whole/runs', runIds[5], 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(12);
    expect(manifest.resolvedScenario.platform.overPush.feedLength).toBe(20);
    expect(manifest.overrides).toEqual(['run.seed=11', 'platform.overPush.feedLength=20']);
    expect(numbers(table, 'purchases')[5]).toBe(manifest.summary.purchases);
    expect(numbers(table, 'exposures')[5]).toBe(manifest.summary.exposures);
    // Longer feeds show more items.
    const exposures = numbers(table, 'exposures');
    expect(exposures[8]).toBeGreaterThan(exposures[0]);
    const plan = JSON.parse(readFileSync(path.join(work, 'whole/sweep.json'), 'utf8'));
    expect(plan.points.map((p: { values: Record<string, unknown> }) => p.values)).toEqual([10, 20, 40].map((v) => ({ 'platform.overPush.feedLength': v })));
    expect(plan.shard).toBeNull();
    expect(allFiles(path.join(work, 'whole')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes the same runs.arrow bytes with one worker, and with --summary-only (which writes no run folders)', async () => {
    const one = mallsim([...sweepArgs, '--workers', '1', '--out', 'one', '--quiet'], work);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(readFileSync(path.join(work, 'one/runs.arrow')).equals(reference)).toBe(true);
    const summaryOnly = await runSweep({
      scenarioFile: tiny,
      design: gridFromFlags(['platform.overPush.feedLength=10,20,40']),
      overrides: ['run.seed=11'],
      replications: 4,
      workers: 2,
      out: path.join(work, 'summary-only'),
      summaryOnly: true,
      quiet: true,
    });
    expect(readFileSync(path.join(summaryOnly.folder, 'runs.arrow')).equals(reference)).toBe(true);
    expect(readdirSync(summaryOnly.folder).sort()).toEqual(['completed.jsonl', 'runs.arrow', 'sweep.json']);
  });

  it('resumes a sweep killed with SIGKILL after some runs: only the missing runs run, and runs.arrow is identical', async () => {
    const out = path.join(work, 'killed');
    const journal = path.join(out, 'completed.jsonl');
    const killAfter = 2 + Math.floor(Math.random() * (RUNS - 5));
    const child = startMallsim([...sweepArgs, '--workers', '2', '--out', out, '--quiet'], work);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let linesAtKill = 0;
    for (;;) {
      linesAtKill = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length - 1 : 0;
      if (linesAtKill >= killAfter || child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    console.log(`killed after ${linesAtKill} of ${RUNS} runs had committed (aimed at ${killAfter})`);
    expect(linesAtKill).toBeLessThan(RUNS);
    expect(existsSync(path.join(out, 'runs.arrow'))).toBe(false);

    const refused = mallsim([...sweepArgs, '--out', out, '--quiet'], work);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/killed: exists and is not empty; choose another --out, pass --resume/);
    const otherPlan = mallsim([...sweepArgs, '--set', 'run.days=9', '--out', out, '--resume', '--quiet'], work);
    expect(otherPlan.code).toBe(2);
    expect(otherPlan.stderr).toMatch(/cannot resume: the sweep there has a different plan/);

    const resumed = mallsim([...sweepArgs, '--workers', '2', '--out', out, '--resume'], work);
    expect(resumed.code).toBe(0);
    // Every run committed before the kill is kept; the rest (at most those in flight besides) run again.
    const kept = Number(/, (\d+) already complete/.exec(resumed.stdout)?.[1]);
    expect(kept).toBeGreaterThanOrEqual(linesAtKill);
    expect(kept).toBeLessThan(RUNS);
    expect(readFileSync(path.join(out, 'runs.arrow')).equals(reference)).toBe(true);
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(RUNS);
    expect(new Set(lines.map((line) => JSON.parse(line).runId)).size).toBe(RUNS);
    expect(readdirSync(path.join(out, 'runs')).sort()).toEqual(readdirSync(path.join(work, 'whole/runs')).sort());
    expect(allFiles(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('cleans up a torn journal line and a leftover temporary folder when resuming', async () => {
    const out = path.join(work, 'torn');
    const options = { scenarioFile: tiny, design: gridFromFlags(['platform.overPush.feedLength=10']), overrides: ['run.seed=11'], replications: 4, workers: 2, out, quiet: true };
    await runSweep(options);
    const complete = readFileSync(path.join(out, 'runs.arrow'));
    const lines = readFileSync(path.join(out, 'completed.jsonl'), 'utf8').split('\n');
    // As if killed while writing the third line, with the fourth run's temporary folder left behind.
    writeFileSync(path.join(out, 'completed.jsonl'), `${lines.slice(0, 2).join('\n')}\n${lines[2].slice(0, 40)}`);
    mkdirSync(path.join(out, 'runs', '.tmp-x-rep-003-1'));
    rmSync(path.join(out, 'runs.arrow'));
    const result = await runSweep({ ...options, resume: true });
    expect(result.ranNow).toBe(2);
    expect(readFileSync(path.join(out, 'runs.arrow')).equals(complete)).toBe(true);
    expect(readFileSync(path.join(out, 'completed.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(readdirSync(path.join(out, 'runs')).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });

  it('writes a new numbered output/<name>/sweep-NNN without --out', async () => {
    const design = gridFromFlags(['platform.overPush.feedLength=10']);
    const first = await runSweep({ scenarioFile: tiny, design, workers: 1, outputRoot: path.join(work, 'output'), summaryOnly: true, quiet: true });
    const second = await runSweep({ scenarioFile: tiny, design, workers: 1, outputRoot: path.join(work, 'output'), summaryOnly: true, quiet: true });
    expect(first.folder).toBe(path.join(work, 'output/tiny/sweep-001'));
    expect(second.folder).toBe(path.join(work, 'output/tiny/sweep-002'));
  });
});
