import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportOfFolder, writeFolderReport } from '../../sim/cli/reportCommand.js';
import { runCompare } from '../../sim/experiment/compare.js';
import { gridFromFlags } from '../../sim/experiment/design.js';
import { runSweep, SWEEP_FILES } from '../../sim/experiment/sweep.js';
import { ensureBuilt, mallsim, writeTinyScenario } from '../experiment/sweepHelpers.js';
import { chartsByName } from './htmlParts.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-report-command-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tiny = writeTinyScenario(work);
const cooling = path.join(work, 'cooling.yaml');
writeFileSync(cooling, `name: cooling\nextends: ${path.basename(tiny)}\nplatform: { nudges: { coolingOffDays: 1 } }\n`);

beforeAll(() => ensureBuilt());

describe('mallsim report', () => {
  it('draws a comparison folder after the fact: the same page compare --report wrote', async () => {
    const written = path.join(work, 'compare.html');
    const result = await runCompare({ files: [tiny, cooling], replications: 2, workers: 2, out: path.join(work, 'compare'), report: written });
    const after = await reportOfFolder(result.folder);
    expect(after.kind).toBe('compare');
    expect(after.html).toBe(readFileSync(written, 'utf8'));
  });

  it('draws a complete sweep folder after the fact: the same page sweep --report wrote, and refuses a shard and an unfinished sweep', async () => {
    const design = gridFromFlags(['platform.overPush.feedLength=10,30']);
    const written = path.join(work, 'sweep.html');
    await runSweep({ scenarioFile: tiny, design, replications: 2, workers: 2, quiet: true, out: path.join(work, 'sweep'), report: written });
    const after = await reportOfFolder(path.join(work, 'sweep'));
    expect(after.kind).toBe('sweep');
    expect(after.html).toBe(readFileSync(written, 'utf8'));
    const impulse = await reportOfFolder(path.join(work, 'sweep'), ['impulse_share']);
    expect([...chartsByName(impulse.html).keys()]).toEqual(['sweep-impulse_share']);

    await runSweep({ scenarioFile: tiny, design, replications: 2, workers: 2, quiet: true, out: path.join(work, 'shard'), shard: { index: 1, count: 2 } });
    await expect(reportOfFolder(path.join(work, 'shard'))).rejects.toThrow(/shard 1\/2 of a sweep holds only part of it; merge the shards/);
    const journal = path.join(work, 'sweep', SWEEP_FILES.journal);
    const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
    writeFileSync(journal, `${lines.slice(0, -1).join('\n')}\n`);
    await expect(reportOfFolder(path.join(work, 'sweep'))).rejects.toThrow(/the sweep is not complete .*mallsim sweep --resume/);
  });

  it('refuses --metrics for a folder that is not a sweep, a missing folder, a folder with no results, and an existing file', async () => {
    const run = path.join(work, 'run-for-refusals');
    expect(mallsim(['run', tiny, '--out', run, '--quiet'], work).code).toBe(0);
    await expect(reportOfFolder(run, ['gmv'])).rejects.toThrow(/--metrics: only meaningful for a sweep folder/);
    await expect(writeFolderReport(path.join(work, 'nowhere'), undefined)).rejects.toThrow(/nowhere: no such folder/);
    await expect(writeFolderReport(work, path.join(work, 'x.html'))).rejects.toThrow(/not a run folder \(no manifest.json and no rep-NNN subfolders\)/);
    expect(existsSync(path.join(work, 'x.html'))).toBe(false);
    const taken = path.join(work, 'taken.html');
    writeFileSync(taken, 'mine');
    await expect(writeFolderReport(run, taken)).rejects.toThrow(/--out .*taken.html: exists; choose another file/);
    expect(readFileSync(taken, 'utf8')).toBe('mine');
  });

  it('writes a run report with run --report and report <folder>, never replacing a file, exit 2 on refusal', () => {
    const report = path.join(work, 'run.html');
    const run = mallsim(['run', tiny, '--replications', '2', '--out', path.join(work, 'run'), '--report', report], work);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`report: ${report}`);
    const html = readFileSync(report, 'utf8');
    expect(chartsByName(html).has('funnel')).toBe(true);
    expect(html).toContain('seeds 1-2');

    const again = mallsim(['run', tiny, '--out', path.join(work, 'run-again'), '--report', report], work);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--report');
    expect(again.stderr).toContain('exists');
    // Refused before running: no results folder.
    expect(existsSync(path.join(work, 'run-again'))).toBe(false);

    // With no file, the report goes into the new results folder.
    const inFolder = mallsim(['run', tiny, '--out', path.join(work, 'run-in-folder'), '--report', '--json'], work);
    expect(inFolder.code, inFolder.stderr).toBe(0);
    expect(JSON.parse(inFolder.stdout).report).toBe(path.join(work, 'run-in-folder', 'report.html'));
    expect(chartsByName(readFileSync(path.join(work, 'run-in-folder', 'report.html'), 'utf8')).has('funnel')).toBe(true);

    const after = mallsim(['report', path.join(work, 'run')], work);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toBe(`run report: ${path.join(work, 'run', 'report.html')}\n`);
    expect(readFileSync(path.join(work, 'run', 'report.html'), 'utf8')).toBe(html);
    const twice = mallsim(['report', path.join(work, 'run')], work);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--out .*report.html: exists/);
  });
});
