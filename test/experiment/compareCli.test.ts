import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { pairedDifference } from '../../sim/experiment/statistics.js';
import { mallsimAsync, root } from '../helpers/cli.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-compare-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI as a user would, from `cwd`; several can run at once (each one is mostly waiting on workers). */
const mallsim = (args: string[], cwd: string) => mallsimAsync(args, cwd);

/** A fresh working folder with the two tiny arms in it. */
function folder(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'tiny.yaml'), 'name: tiny\nrun: { days: 5 }\npopulation: { size: 300 }\ncatalog: { items: 60, categories: 6 }\n');
  writeFileSync(path.join(dir, 'cool.yaml'), 'extends: tiny.yaml\nname: cool\nplatform: { nudges: { coolingOffDays: 1 } }\n');
  writeFileSync(path.join(dir, 'copy.yaml'), 'extends: tiny.yaml\nplatform: { nudges: { coolingOffDays: 2 } }\n');
  return dir;
}

const scenarios = path.join(root, 'scenarios');

describe('mallsim compare refuses bad input with exit 2 and writes nothing', () => {
  it.each([
    ['an unknown metric', ['tiny.yaml', 'cool.yaml', '--metrics', 'gmv,impuls_share'], /--metrics: unknown metric "impuls_share" \(did you mean "impulse_share"\?\)/],
    ['an unknown baseline', ['tiny.yaml', 'cool.yaml', '--baseline', 'coll'], /--baseline: "coll" is not an arm \(did you mean "cool"\?\); expected one of "tiny", "cool"/],
    ['two arms with one name', ['tiny.yaml', 'copy.yaml'], /arms tiny\.yaml and copy\.yaml are both named "tiny"; .*--arm-names stem/],
    ['a missing file', ['tiny.yaml', 'missing.yaml'], /missing\.yaml/],
    ['one replication', ['tiny.yaml', 'cool.yaml', '--replications', '1'], /--replications: expected an integer >= 2, got 1/],
    ['as many worlds as replications', ['tiny.yaml', 'cool.yaml', '--replications', '2', '--worlds', '2'], /--worlds: expected an integer from 1 to --replications - 1 \(1\), so that some world has two replications; got 2/],
  ])('%s', async (name, args, message) => {
    const dir = folder(`refuse-${name.replace(/ /g, '-')}`);
    const result = await mallsim(['compare', ...args], dir);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['cool.yaml', 'copy.yaml', 'tiny.yaml']);
  });

  it('refuses a non-empty --out and an existing --report before running anything', async () => {
    const dir = folder('refuse-out');
    mkdirSync(path.join(dir, 'kept'));
    writeFileSync(path.join(dir, 'kept', 'notes.txt'), 'mine');
    writeFileSync(path.join(dir, 'report.html'), 'old report');
    const [out, report] = await Promise.all([
      mallsim(['compare', 'tiny.yaml', 'cool.yaml', '--replications', '2', '--out', 'kept'], dir),
      mallsim(['compare', 'tiny.yaml', 'cool.yaml', '--replications', '2', '--report', 'report.html'], dir),
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/kept: exists and is not empty/);
    expect(readdirSync(path.join(dir, 'kept'))).toEqual(['notes.txt']);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/--report report\.html: exists/);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toBe('old report');
    expect(existsSync(path.join(dir, 'output'))).toBe(false);
  });
});

describe('mallsim compare runs', () => {
  it('with --worlds, replays each market under new behaviour and splits every metric\'s spread between markets and behaviour', async () => {
    const dir = folder('worlds');
    const result = await mallsim(['compare', 'tiny.yaml', 'cool.yaml', '--replications', '4', '--worlds', '2', '--workers', '2', '--metrics', 'purchases,impulse_share', '--out', 'out', '--json', '--quiet'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { worlds: { count: number; metrics: { metric: string; arms: { arm: string; n: number; worlds: number; withinSd: number | null; betweenSd: number | null }[] }[] } };
    expect(json.worlds.count).toBe(2);
    const purchases = json.worlds.metrics.find((m) => m.metric === 'purchases')!;
    expect(purchases.arms.map((a) => [a.arm, a.n, a.worlds])).toEqual([
      ['tiny', 4, 2],
      ['cool', 4, 2],
    ]);
    expect(purchases.arms.every((a) => a.withinSd !== null && a.withinSd > 0 && a.betweenSd !== null)).toBe(true);
    // Replications 0 and 2 share a market (the same consumers), replication 1 has another.
    const incomes = (rep: string) => Array.from(tableFromIPC(readFileSync(path.join(dir, 'out', 'tiny', rep, 'consumers.arrow'))).getChild('income')!.toArray() as Float64Array);
    expect(incomes('rep-002')).toEqual(incomes('rep-000'));
    expect(incomes('rep-001')).not.toEqual(incomes('rep-000'));
    const purchasesOf = (rep: string) => readFileSync(path.join(dir, 'out', 'tiny', rep, 'purchases.arrow'));
    expect(purchasesOf('rep-002').equals(purchasesOf('rep-000'))).toBe(false);

  });

  it('shows that a cooling-off cart cuts impulse purchases, with a paired CI excluding zero', async () => {
    const dir = folder('cooling-off');
    const args = ['compare', path.join(scenarios, 'default.yaml'), path.join(scenarios, 'cooling-off.yaml'), '--replications', '3'];
    const settings = ['--set', 'population.size=1500', '--set', 'run.days=20', '--metrics', 'impulse_purchases,impulse_share,planned_purchases', '--summary-only'];
    const result = await mallsim([...args, ...settings, '--json', '--workers', '2'], dir);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.baseline).toBe('default');
    expect(json.replications).toBe(3);
    const impulse = json.metrics.find((m: { metric: string }) => m.metric === 'impulse_purchases');
    const [baseline, cooling] = impulse.arms;
    const d = cooling.difference;
    console.log(
      `impulse purchases (1,500 consumers, 20 days, n=${d.n} paired replications): default ${baseline.mean.toFixed(1)}, cooling-off ${cooling.mean.toFixed(1)}, ` +
        `difference ${d.mean.toFixed(1)} [${d.low.toFixed(1)}, ${d.high.toFixed(1)}], p (Holm) ${d.pHolm.toPrecision(3)}`,
    );
    const planned = json.metrics.find((m: { metric: string }) => m.metric === 'planned_purchases').arms[1].difference;
    console.log(`planned purchases difference ${planned.mean.toFixed(1)} [${planned.low.toFixed(1)}, ${planned.high.toFixed(1)}]`);
    expect(d.n).toBe(3);
    expect(d.high).toBeLessThan(0);
    expect(d.mean).toBeLessThan(-0.5 * baseline.mean);
    expect(d.pHolm).toBeLessThan(0.05);
    // The same numbers from runs.arrow: one row per run, replication by replication, with the arm column.
    const table = tableFromIPC(readFileSync(path.join(json.folder, 'runs.arrow')));
    expect(table.numRows).toBe(6);
    const arm = Array.from({ length: table.numRows }, (_, k) => String(table.getChild('arm')!.get(k)));
    expect(arm).toEqual(['default', 'cooling-off', 'default', 'cooling-off', 'default', 'cooling-off']);
    const seeds = Array.from(table.getChild('seed')!.toArray() as Uint32Array);
    expect(seeds).toEqual([1, 1, 2, 2, 3, 3]);
    const values = Array.from(table.getChild('impulse_purchases')!.toArray() as Float64Array);
    const recomputed = pairedDifference([values[1], values[3], values[5]], [values[0], values[2], values[4]]);
    expect(recomputed.mean).toBeCloseTo(d.mean, 9);
    expect(recomputed.low).toBeCloseTo(d.low, 9);
    expect(readdirSync(json.folder).sort()).toEqual(['compare.json', 'runs.arrow']);
  });

  it('writes byte-identical runs.arrow for the same command, whatever the worker count, and prints the table', async () => {
    const dir = folder('determinism');
    const args = ['compare', 'tiny.yaml', 'cool.yaml', '--replications', '3', '--set', 'run.seed=5'];
    const [one, two] = await Promise.all([
      mallsim([...args, '--workers', '1', '--out', 'one', '--report', 'one.html'], dir),
      mallsim([...args, '--workers', '2', '--out', 'two', '--report', 'two.html'], dir),
    ]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const bytes = (name: string) => readFileSync(path.join(dir, name, 'runs.arrow'));
    expect(bytes('one').equals(bytes('two'))).toBe(true);
    expect(readFileSync(path.join(dir, 'one', 'compare.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'two', 'compare.json'), 'utf8'));
    expect(readdirSync(path.join(dir, 'one')).sort()).toEqual(['compare.json', 'cool', 'runs.arrow', 'tiny']);
    expect(readdirSync(path.join(dir, 'one', 'cool')).sort()).toEqual(['rep-000', 'rep-001', 'rep-002']);
    expect(JSON.parse(readFileSync(path.join(dir, 'one', 'cool', 'rep-001', 'manifest.json'), 'utf8')).seed).toBe(6);
    expect(one.stdout).toMatch(/^impulse_share: impulse purchases bought at once over all purchases \(impulse decisions that went through the cooling-off cart count as cart: see impulse_origin_share\)$/m);
    // One interval per number: the bootstrap interval is in compare.json only.
    expect(one.stdout).toMatch(/^ {2}cool\s+\S+\s+\[\S+, \S+\]\s+n=3\s+-\S+\s+\[\S+, \S+\]\s+\S+$/m);
    expect(one.stdout).not.toMatch(/bootstrap/);
    expect(one.stdout).toContain(`results: ${path.join(dir, 'one')}`);
    expect(one.stdout).toContain('report: one.html');
    // The report reads no clock, so it is reproducible too; it draws every compared metric and both arms.
    const html = readFileSync(path.join(dir, 'one.html'), 'utf8');
    expect(html).toBe(readFileSync(path.join(dir, 'two.html'), 'utf8'));
    expect(html).toContain('mallsim compare: cool against tiny');
    for (const metric of ['purchases_per_active_day', 'impulse_share', 'churn_share']) expect(html).toContain(metric);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(9 + 3 + 1);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('adds replications until the precision is reached, or says that the limit came first', async () => {
    const dir = folder('precision');
    const args = ['compare', 'tiny.yaml', 'cool.yaml', '--metrics', 'gmv,impulse_share', '--workers', '2', '--summary-only'];
    const [loose, strict] = await Promise.all([
      mallsim([...args, '--precision', '0.9', '--json', '--out', 'loose'], dir),
      mallsim([...args, '--precision', '0.0001', '--max-replications', '5', '--out', 'strict'], dir),
    ]);
    expect(loose.code).toBe(0);
    const reached = JSON.parse(loose.stdout);
    expect(reached.precision).toMatchObject({ metric: 'gmv', outcome: 'reached' });
    const n = reached.precision.replications;
    console.log(`precision 0.9 on gmv reached after ${n} replications, ${reached.precision.rounds} rounds; worst relative half-width ${reached.precision.worstRelativeHalfWidth.toFixed(3)}`);
    expect(reached.precision.worstRelativeHalfWidth).toBeLessThan(0.9);
    expect(n).toBeGreaterThanOrEqual(3);
    for (const arm of reached.metrics[0].arms) expect(arm.halfWidth / Math.abs(arm.mean)).toBeLessThan(0.9);
    expect(reached.metrics[1].arms.map((arm: { n: number }) => arm.n)).toEqual([n, n]);
    expect(tableFromIPC(readFileSync(path.join(dir, 'loose', 'runs.arrow'))).numRows).toBe(2 * n);
    // 3 replications, then at most double (6) but capped at the limit: 5, and then the limit ends it.
    expect(strict.code).toBe(0);
    expect(strict.stdout).toMatch(/precision NOT reached: --max-replications 5 spent; the relative CI half-width of gmv is still \d+\.\d{4} \(target 0\.0001\) after 5 replications \(2 rounds\)/);
    const limited = JSON.parse(readFileSync(path.join(dir, 'strict', 'compare.json'), 'utf8'));
    expect(limited.precision).toMatchObject({ metric: 'gmv', outcome: 'limit', replications: 5, rounds: 2, maxReplications: 5 });
    expect(limited.metrics[1].arms.map((arm: { n: number }) => arm.n)).toEqual([5, 5]);
    expect(tableFromIPC(readFileSync(path.join(dir, 'strict', 'runs.arrow'))).numRows).toBe(10);
  });
});
