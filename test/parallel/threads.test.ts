import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mallsimAsync, root } from '../helpers/cli.js';

/*
 * One run on several threads: the consumers are split among replicas of the world that meet at every sync point, and
 * the leader writes every replica's rows in single-replica order. The tables must be byte-identical for any number
 * of threads, on every mechanism that shares state between consumers: the cart's order, learned policies that read
 * others' histories (user-cf), fold in vectors during sessions (mf), train on every profile and the day's log
 * (bandit), MMR over what each consumer was shown today, friends' inboxes, opted-out consumers, returns over the window, timed offers, lossy data, exposures.
 * 3,000 consumers make three blocks of 1,024, so four threads are capped at three replicas.
 */
const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-threads-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SIZE = ['--set', 'population.size=3000', '--set', 'run.days=6'];
const scenario = (name: string) => path.join(root, 'scenarios', name);

async function runWith(label: string, args: readonly string[], threads: number): Promise<string> {
  const out = path.join(work, `${label}-${threads}`);
  const result = await mallsimAsync(['run', ...args, ...SIZE, '--threads', String(threads), '--out', out, '--quiet'], work);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return out;
}

function tablesOf(folder: string): Map<string, Buffer> {
  const files = readdirSync(folder).filter((file) => file.endsWith('.arrow'));
  return new Map(files.map((file) => [file, readFileSync(path.join(folder, file))]));
}

function expectSameTables(one: string, other: string): void {
  const expected = tablesOf(one);
  const actual = tablesOf(other);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of expected) expect(actual.get(file)!.equals(bytes), `${path.basename(other)}/${file}`).toBe(true);
}

const CASES: [string, string[], number[]][] = [
  ['default', [scenario('default.yaml'), '--exposures'], [2, 3, 4]],
  ['cart-returns', [scenario('cooling-off.yaml'), '--set', 'consumer.evaluation.returnTiming=over-window', '--set', 'platform.nudges.returnWindowDays=14'], [2, 3]],
  ['social', [scenario('social.yaml')], [2]],
  // Audiences drawn from a sample of the market, not from everyone (1,000 x 5 candidates would be all 3,000).
  ['social-sampled-audiences', [scenario('social.yaml'), '--set', 'social.kolFollowers=200'], [2]],
  ['user-cf', [scenario('user-cf.yaml')], [3]],
  ['mf', [scenario('mf.yaml'), '--set', 'platform.policyParams.mf.retrainEveryDays=3'], [2]],
  ['bandit', [scenario('bandit.yaml')], [2]],
  // MMR's redundancy over the items shown today, kept across a consumer's sessions.
  ['diverse-feed', [scenario('diverse-feed.yaml')], [2]],
  ['opt-out', [scenario('opt-out.yaml')], [3]],
  ['hybrid-timed-noisy', [scenario('default.yaml'), '--set', 'platform.policy=hybrid', '--set', 'catalog.offerHours=3', '--set', 'catalog.offerDiscount=0.2', '--set', 'platform.data.lostEvents=0.1', '--set', 'platform.data.spuriousViews=0.05'], [2]],
];

describe('mallsim run --threads', () => {
  it.each(CASES)('writes byte-identical tables on 1 thread and on several: %s', async (label, args, counts) => {
    const [one, ...others] = await Promise.all([1, ...counts].map((threads) => runWith(label, args, threads)));
    for (const other of others) expectSameTables(one, other);
  }, 120_000);

  it('still tells seeds apart: another seed on two threads gives other purchases', async () => {
    const base = await runWith('seed-1', [scenario('default.yaml')], 2);
    const other = await runWith('seed-2', [scenario('default.yaml'), '--seed', '2'], 2);
    expect(readFileSync(path.join(base, 'purchases.arrow')).equals(readFileSync(path.join(other, 'purchases.arrow')))).toBe(false);
  }, 60_000);

  it('refuses a thread count that is not a whole number of at least 1', async () => {
    const result = await mallsimAsync(['run', scenario('default.yaml'), ...SIZE, '--threads', '0', '--out', path.join(work, 'none')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--threads: expected an integer >= 1, got 0/);
  });
});
