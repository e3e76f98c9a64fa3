import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridFromFlags } from '../../sim/experiment/design.js';
import { readJournal, encodeLine } from '../../sim/experiment/journal.js';
import { runSweep, SWEEP_FILES } from '../../sim/experiment/sweep.js';
import { buildSweepReportData } from '../../sim/experiment/sweepReportData.js';
import { METRICS } from '../../sim/metrics.js';
import { formatInterval, sharedDecimals } from '../../sim/report/format.js';
import { numbers } from '../helpers/runs.js';
import { ensureBuilt, mallsim, startMallsim, writeTinyScenario, type CliResult } from './sweepHelpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-sweep-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tiny = writeTinyScenario(work);
const FEED = 'platform.overPush.feedLength';
const grid = `${FEED}=10,20,40`;
// 3 points x 2 replications = 6 runs of 300 consumers for 8 days.
const sweepArgs = ['sweep', tiny, '--grid', grid, '--replications', '2', '--set', 'run.seed=5', '--summary-only'];
const REPORT_METRICS = ['impulse_share', 'gmv', 'purchases'];
const metric = (name: string) => METRICS.find((m) => m.name === name)!;

let html: string;
beforeAll(() => {
  ensureBuilt();
  const result = mallsim([...sweepArgs, '--workers', '2', '--out', 'whole', '--report', 'whole.html', '--metrics', REPORT_METRICS.join(','), '--quiet'], work);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  html = readFileSync(path.join(work, 'whole.html'), 'utf8');
}, 60_000);

/** The CLI run without waiting for it, so that several can run at once. */
function mallsimAsync(args: readonly string[], cwd: string): Promise<CliResult> {
  const child = startMallsim(args, cwd);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: '', stderr })));
}

describe('mallsim sweep --report', () => {
  it('draws one chart per requested metric, with the means of the runs.arrow rows at each swept value', () => {
    expect(html.match(/data-chart="sweep-[^"]*"/g)).toEqual(REPORT_METRICS.map((name) => `data-chart="sweep-${name}"`));
    const table = tableFromIPC(readFileSync(path.join(work, 'whole', SWEEP_FILES.runs)));
    const feed = numbers(table, FEED);
    const gmv = numbers(table, 'gmv');
    expect(feed).toEqual([10, 10, 20, 20, 40, 40]);
    for (const x of [10, 20, 40]) expect(html).toContain(`<td class="num">${x}</td>`);

    // The data the page is drawn from, rebuilt from the runs table: mean and t interval per point by hand.
    const plan = JSON.parse(readFileSync(path.join(work, 'whole', SWEEP_FILES.plan), 'utf8'));
    const rows = gmv.map((value, k) => ({ point: numbers(table, 'point')[k], summary: { gmv: value } }));
    const data = buildSweepReportData({ title: 't', generated: 'g', parameters: plan.parameters, points: plan.points, rows, metrics: [metric('gmv')] });
    expect(data.parameter).toBe(FEED);
    const points = data.metrics[0].points;
    expect(points.map((p) => p.x)).toEqual([10, 20, 40]);
    // n = 2: the half-width is t(0.975, 1) * |a - b| / 2 with t = 12.7062.
    const mean = (gmv[2] + gmv[3]) / 2;
    const halfWidth = (12.706204736 * Math.abs(gmv[2] - gmv[3])) / 2;
    expect(points[1].value.mean).toBe(mean);
    expect(points[1].value.n).toBe(2);
    // GMV cannot be negative: the interval is cut at 0 (metricRange), as every table and chart cuts it.
    expect(points[1].value.low).toBeCloseTo(Math.max(0, mean - halfWidth), 6);
    expect(points[1].value.high).toBeCloseTo(mean + halfWidth, 6);
    // The page shows that mean, written as the report writes a point of this metric.
    const text = formatInterval(points[1].value, false, sharedDecimals(points.map((p) => p.value)));
    expect(html).toContain(`<td class="num">${text.mean}</td><td class="num">${text.bounds}</td><td class="num">2</td>`);
  });

  it('reports every run after --resume, not only those run by the last invocation: the same page', async () => {
    const out = path.join(work, 'resumed');
    const options = { scenarioFile: tiny, design: gridFromFlags([grid]), overrides: ['run.seed=5'], replications: 2, workers: 1, out, summaryOnly: true, quiet: true };
    await runSweep(options);
    // Drop the last two committed runs, as if the sweep had been killed before they finished.
    const journal = path.join(out, SWEEP_FILES.journal);
    const kept = [...readJournal(journal).values()].slice(0, 4);
    writeFileSync(journal, kept.map((entry) => `${encodeLine(entry)}\n`).join(''));
    const result = await runSweep({ ...options, resume: true, report: path.join(work, 'resumed.html'), metrics: REPORT_METRICS });
    expect(result.ranNow).toBe(2);
    expect(result.report).toBe(path.join(work, 'resumed.html'));
    expect(readFileSync(path.join(work, 'resumed.html'), 'utf8')).toBe(html);
  }, 60_000);

  it('writes the same report from mallsim merge of the shards', async () => {
    const shards = ['shard-1', 'shard-2'].map((name) => path.join(work, name));
    for (const [k, out] of shards.entries()) {
      await runSweep({ scenarioFile: tiny, design: gridFromFlags([grid]), overrides: ['run.seed=5'], replications: 2, workers: 1, out, summaryOnly: true, quiet: true, shard: { index: k + 1, count: 2 } });
    }
    const merged = mallsim(['merge', ...shards, '--out', 'merged', '--report', 'merged.html', '--metrics', REPORT_METRICS.join(',')], work);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('report: merged.html');
    expect(readFileSync(path.join(work, 'merged.html'), 'utf8')).toBe(html);
  }, 60_000);

  it('prints each point\'s mean with its 95% t interval and n, per segment with --by segment and the market spread with --worlds', async () => {
    const dir = path.join(work, 'table');
    mkdirSync(dir);
    const args = ['sweep', tiny, '--grid', `${FEED}=10,20`, '--replications', '3', '--worlds', '1', '--metrics', 'impulse_share,gmv', '--by', 'segment', '--summary-only', '--workers', '2', '--out', 'out'];
    const result = mallsim(args, dir);
    expect(result.stderr).toMatch(/^(sweep: .*\n)*$/);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/2 points x 3 replications; mean over each point's replications with its 95% t interval and n/);
    expect(out).not.toMatch(/n = \d at some points/);
    for (const segment of ['impulsive', 'mainstream', 'deliberate']) expect(out).toContain(`impulse_share@${segment}: impulse purchases bought at once over all purchases, segment ${segment}`);
    expect(out).toMatch(/the market's share of the spread: 1 world/);
    // The printed means are the means of runs.arrow's columns at each point.
    const runs = tableFromIPC(readFileSync(path.join(dir, 'out', SWEEP_FILES.runs)));
    const feed = numbers(runs, FEED);
    const gmv = numbers(runs, 'gmv');
    for (const value of [10, 20]) {
      const mine = gmv.filter((_, k) => feed[k] === value);
      const mean = mine.reduce((a, b) => a + b, 0) / mine.length;
      const line = out.split('\n').find((l) => l.startsWith(`  ${value} `) && out.indexOf(l) > out.indexOf('gmv:'))!;
      expect(Number(line.trim().split(/\s+/)[1])).toBeCloseTo(mean, 0);
    }
    const few = mallsim(['sweep', tiny, '--grid', `${FEED}=10,20`, '--replications', '2', '--metrics', 'gmv', '--summary-only', '--workers', '2', '--out', 'few'], dir);
    expect(few.stdout).toMatch(/n = 2 at some points: a t interval from so few replications is very wide/);
  }, 60_000);

  it('refuses an existing report, --report with --shard, an unknown metric, --by segment without a segment metric and too many worlds: exit 2, nothing written', async () => {
    const dir = path.join(work, 'refusals');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'old.html'), 'old report');
    const [existing, shard, unknown, alone, worlds] = await Promise.all([
      mallsimAsync([...sweepArgs, '--report', 'old.html'], dir),
      mallsimAsync([...sweepArgs, '--shard', '1/2', '--out', 'shard', '--report', 'new.html'], dir),
      mallsimAsync([...sweepArgs, '--report', 'new.html', '--metrics', 'gmv,impulse_shar'], dir),
      mallsimAsync([...sweepArgs, '--metrics', 'gmv', '--by', 'segment'], dir),
      mallsimAsync([...sweepArgs, '--worlds', '2'], dir),
    ]);
    expect(existing.stderr).toMatch(/--report old\.html: exists/);
    expect(shard.stderr).toMatch(/--report: a shard holds only part of the sweep; pass --report new\.html to mallsim merge/);
    expect(unknown.stderr).toMatch(/--metrics: unknown metric "impulse_shar" \(did you mean "impulse_share"\?\)/);
    expect(alone.stderr).toMatch(/--by segment: none of the metrics \(gmv\) is measured per segment/);
    expect(worlds.stderr).toMatch(/--worlds: expected an integer from 1 to --replications - 1 \(1\), so that some world has two replications; got 2/);
    for (const result of [existing, shard, unknown, alone, worlds]) expect(result.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['old.html']);
    expect(readFileSync(path.join(dir, 'old.html'), 'utf8')).toBe('old report');
    expect(existsSync(path.join(dir, 'output'))).toBe(false);
  }, 60_000);
});

describe('buildSweepReportData', () => {
  const summary = (gmv: number) => ({ gmv });
  it('labels points by the parameters that vary, with short names unless two would read alike', () => {
    const points = [
      { index: 0, values: { 'platform.overPush.feedLength': 30, 'platform.overPush.pushesPerDay': 4, 'run.days': 10 } },
      { index: 1, values: { 'platform.overPush.feedLength': 30, 'platform.overPush.pushesPerDay': 8, 'run.days': 10 } },
      { index: 2, values: { 'platform.overPush.feedLength': 60, 'platform.overPush.pushesPerDay': 4, 'run.days': 10 } },
    ];
    const rows = [
      { point: 0, summary: summary(1) },
      { point: 0, summary: summary(3) },
      { point: 1, summary: summary(10) },
      { point: 2, summary: summary(Number.NaN) },
    ];
    const data = buildSweepReportData({ title: 't', generated: 'g', parameters: ['platform.overPush.feedLength', 'platform.overPush.pushesPerDay', 'run.days'], points, rows, metrics: [metric('gmv')] });
    expect(data.parameter).toBe('platform.overPush.feedLength × platform.overPush.pushesPerDay');
    const [gmv] = data.metrics;
    expect(gmv.points.map((p) => p.x)).toEqual(['feedLength=30, pushesPerDay=4', 'feedLength=30, pushesPerDay=8', 'feedLength=60, pushesPerDay=4']);
    // Point 0: mean 2, sd sqrt(2), half-width 12.7062 * sqrt(2) / sqrt(2) = 12.7062.
    expect(gmv.points[0].value.mean).toBe(2);
    expect(gmv.points[0].value.n).toBe(2);
    expect(gmv.points[0].value.high - 2).toBeCloseTo(12.7062047, 6);
    // One replication: a mean without an interval; a NaN value is not counted.
    expect(gmv.points[1].value).toEqual({ mean: 10, low: Number.NaN, high: Number.NaN, n: 1 });
    expect(gmv.points[2].value).toEqual({ mean: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 });

    const clash = buildSweepReportData({
      title: 't',
      generated: 'g',
      parameters: ['a.size', 'b.size'],
      points: [
        { index: 0, values: { 'a.size': 'small', 'b.size': 1 } },
        { index: 1, values: { 'a.size': 'large', 'b.size': 2 } },
      ],
      rows: [],
      metrics: [metric('gmv')],
    });
    expect(clash.metrics[0].points.map((p) => p.x)).toEqual(['a.size=small, b.size=1', 'a.size=large, b.size=2']);
  });

  it('uses the value itself with one varying parameter: numbers stay numbers, text stays text', () => {
    const build = (values: unknown[]) =>
      buildSweepReportData({ title: 't', generated: 'g', parameters: ['p'], points: values.map((v, index) => ({ index, values: { p: v } })), rows: [], metrics: [metric('gmv')] }).metrics[0].points.map((p) => p.x);
    expect(build([40, 10])).toEqual([40, 10]);
    expect(build(['popularity', 'personalized'])).toEqual(['popularity', 'personalized']);
    expect(build([true, false])).toEqual(['true', 'false']);
  });
});
