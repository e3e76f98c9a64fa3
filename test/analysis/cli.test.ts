import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, mallsim, root } from '../experiment/sweepHelpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-analysis-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(ensureBuilt);

const scenario = path.join(root, 'scenarios/default.yaml');
const small = ['--set', 'population.size=300', '--set', 'run.days=6', '--set', 'catalog.items=150'];
const params = 'consumer.impulse.intercept=-7.8..-6.3,consumer.view.intercept=-1.6..-0.4';

/** A fresh folder holding a targets file; the command runs there, so anything it writes would show up. */
function folderWithTargets(name: string, targets = 'impulse_share: 0.35\n'): string {
  const folder = path.join(work, name);
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'targets.yaml'), targets);
  return folder;
}

function calibrateIn(folder: string, extra: readonly string[]): ReturnType<typeof mallsim> {
  return mallsim(['calibrate', scenario, '--targets', 'targets.yaml', '--workers', '1', ...small, ...extra], folder);
}

describe('mallsim calibrate refuses bad input with exit 2, writing nothing', () => {
  const cases: [string, string[], string | RegExp][] = [
    ['bad-syntax', ['--params', 'consumer.impulse.intercept'], '--params consumer.impulse.intercept: expected path=lo..hi'],
    ['lo-hi', ['--params', 'consumer.impulse.intercept=-9..-11'], '--params consumer.impulse.intercept=-9..-11: consumer.impulse.intercept: expected lo < hi, got lo -9 and hi -11'],
    ['non-numeric', ['--params', 'consumer.impulse.intercept=low..-9'], 'expected a number for the lower bound, got "low"'],
    ['unknown-path', ['--params', 'consumer.impluse.intercept=-11..-9'], /--params consumer.impluse.intercept=-11..-9: consumer.impluse.*did you mean "impulse"/],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => {
      const folder = folderWithTargets(name);
      const result = calibrateIn(folder, args);
      expect(result.code).toBe(2);
      if (typeof expected === 'string') expect(result.stderr).toContain(expected);
      else expect(result.stderr).toMatch(expected);
      expect(readdirSync(folder)).toEqual(['targets.yaml']);
    });
  }

  it('unknown metric in the targets file', () => {
    const folder = folderWithTargets('unknown-metric', 'impulse_share: 0.35\nregret_buyer_shar: 0.3\n');
    const result = calibrateIn(folder, ['--params', params]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('targets.yaml:2:1 regret_buyer_shar: unknown metric (did you mean "regret_buyer_share"?)');
    expect(readdirSync(folder)).toEqual(['targets.yaml']);
  });

  it('an existing output file (the default name, and --out)', () => {
    const folder = folderWithTargets('existing');
    writeFileSync(path.join(folder, 'default-calibrated.yaml'), 'mine\n');
    const byDefault = calibrateIn(folder, ['--params', params]);
    expect(byDefault.code).toBe(2);
    expect(byDefault.stderr).toContain('default-calibrated.yaml: exists; choose another --out');
    writeFileSync(path.join(folder, 'other.yaml'), 'also mine\n');
    const explicit = calibrateIn(folder, ['--params', params, '--out', 'other.yaml']);
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toContain('other.yaml: exists');
    expect(readdirSync(folder).sort()).toEqual(['default-calibrated.yaml', 'other.yaml', 'targets.yaml']);
    expect(readFileSync(path.join(folder, 'default-calibrated.yaml'), 'utf8')).toBe('mine\n');
  });
});

describe('mallsim sensitivity', () => {
  it('writes ranked Morris indices and the runs as Arrow, the same bytes with one or two workers', () => {
    const folder = path.join(work, 'sensitivity');
    mkdirSync(folder);
    const args = ['sensitivity', scenario, '--params', params, '--method', 'morris', '--trajectories', '2', '--metrics', 'impulse_share,view_rate', ...small];
    const two = mallsim([...args, '--workers', '2', '--out', 'two'], folder);
    expect(two.stderr).toContain('sensitivity: morris: 6/6 runs done');
    expect(two.code).toBe(0);
    expect(two.stdout).toContain('view_rate (Morris elementary effects, ranked by mu*)');
    const one = mallsim([...args, '--workers', '1', '--out', 'one', '--quiet'], folder);
    expect(one.code).toBe(0);
    expect(one.stdout).toBe('');
    expect(one.stderr).toBe('');
    for (const file of ['sensitivity.arrow', 'runs.arrow', 'sensitivity.json']) {
      expect(readFileSync(path.join(folder, 'one', file)).equals(readFileSync(path.join(folder, 'two', file)))).toBe(true);
    }
    const table = tableFromIPC(readFileSync(path.join(folder, 'two', 'sensitivity.arrow')));
    expect(table.schema.fields.map((f) => f.name)).toEqual(['metric', 'parameter', 'method', 'rank', 'mu_star', 'mu', 'sigma']);
    const rows = table.toArray().map((row) => row.toJSON());
    expect(rows.map((r) => [r.metric, r.rank])).toEqual([['impulse_share', 1], ['impulse_share', 2], ['view_rate', 1], ['view_rate', 2]]);
    // The view intercept drives the view rate; the impulse intercept drives the impulse share.
    expect(rows.find((r) => r.metric === 'view_rate' && r.rank === 1)!.parameter).toBe('consumer.view.intercept');
    expect(rows.find((r) => r.metric === 'impulse_share' && r.rank === 1)!.parameter).toBe('consumer.impulse.intercept');
    const runs = tableFromIPC(readFileSync(path.join(folder, 'two', 'runs.arrow')));
    expect(runs.numRows).toBe(6);
    expect(runs.schema.fields.slice(0, 6).map((f) => f.name)).toEqual(['run_id', 'point', 'replication', 'seed', 'consumer.impulse.intercept', 'consumer.view.intercept']);
  });

  it('refuses a non-empty --out, an unknown metric and a bad method with exit 2, writing nothing', () => {
    const folder = path.join(work, 'sensitivity-bad');
    mkdirSync(path.join(folder, 'taken'), { recursive: true });
    writeFileSync(path.join(folder, 'taken', 'keep.txt'), 'mine');
    const base = ['sensitivity', scenario, '--params', params, '--trajectories', '2', '--workers', '1', ...small];
    const taken = mallsim([...base, '--method', 'morris', '--out', 'taken'], folder);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('taken: exists and is not empty');
    const metric = mallsim([...base, '--method', 'morris', '--metrics', 'impulse_shares', '--out', 'fresh'], folder);
    expect(metric.code).toBe(2);
    expect(metric.stderr).toContain('--metrics: unknown metric "impulse_shares" (did you mean "impulse_share"?)');
    const method = mallsim([...base, '--method', 'fast', '--out', 'fresh'], folder);
    expect(method.code).toBe(2);
    expect(method.stderr).toContain('Invalid values');
    expect(readdirSync(folder)).toEqual(['taken']);
    expect(readdirSync(path.join(folder, 'taken'))).toEqual(['keep.txt']);
    expect(existsSync(path.join(folder, 'output'))).toBe(false);
  });
});

describe('mallsim sensitivity --report', () => {
  it('writes the report with a chart per metric, and refuses an existing report file with exit 2, writing nothing', () => {
    const folder = path.join(work, 'sensitivity-report');
    mkdirSync(folder);
    const args = ['sensitivity', scenario, '--method', 'morris', '--trajectories', '2', '--params', params, '--workers', '1', ...small];
    const made = mallsim([...args, '--out', 'results', '--report', 'report.html'], folder);
    expect(made.code).toBe(0);
    const html = readFileSync(path.join(folder, 'report.html'), 'utf8');
    expect(html).toContain('data-chart="sensitivity-impulse_share"');
    expect(html).toContain('data-chart="sensitivity-regret_buyer_share"');
    expect(html).toContain('consumer.impulse.intercept');
    const refused = mallsim([...args, '--out', 'again', '--report', 'report.html'], folder);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('report.html');
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'results']);
    expect(readFileSync(path.join(folder, 'report.html'), 'utf8')).toBe(html);
  });
});
