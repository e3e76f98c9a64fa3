/**
 * The memory estimate that refuses oversized runs is an upper bound of what runs really take, and not a wild one:
 * real runs in fresh processes (peak resident memory) against the estimate, for the policies that keep the most
 * learned state and the social network.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';
import { estimateRunMemory, estimateRunSeconds, formatBytes, formatDuration } from '../../sim/scenario/resourceEstimate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const measure = path.join(root, 'test', 'helpers', 'measureRunMemory.mjs');
const scenario = (name: string) => path.join(root, 'scenarios', name);
const run = promisify(execFile);

const SHAPE = ['population.size=40000', 'catalog.items=1000', 'run.days=5'];
const CASES: [string, string, string[]][] = [
  ['content', 'default.yaml', []],
  ['item-cf', 'default.yaml', ['platform.policy=item-cf']],
  ['bandit', 'default.yaml', ['platform.policy=bandit']],
  ['social network', 'social.yaml', []],
  ['mf, many items', 'default.yaml', ['platform.policy=mf', 'population.size=5000', 'catalog.items=100000', 'run.days=3']],
];

describe('run memory estimate', () => {
  it('is at least the measured peak and at most three times it', async () => {
    const results = await Promise.all(
      CASES.map(async ([label, file, sets]) => {
        const { stdout } = await run(process.execPath, [measure, scenario(file), ...SHAPE, ...sets], { cwd: root });
        return { label, ...(JSON.parse(stdout) as { peakBytes: number; estimateBytes: number }) };
      }),
    );
    for (const { label, peakBytes, estimateBytes } of results) {
      console.log(`${label}: measured peak ${formatBytes(peakBytes)}, estimate ${formatBytes(estimateBytes)} (${(estimateBytes / peakBytes).toFixed(2)}x)`);
      expect(estimateBytes, label).toBeGreaterThanOrEqual(peakBytes);
      expect(estimateBytes, label).toBeLessThanOrEqual(3 * peakBytes);
    }
  });

  it('grows with consumers, items and the learned state a policy keeps', () => {
    const bytes = (...sets: string[]) => estimateRunMemory(loadScenario(scenario('default.yaml'), { overrides: sets }).scenario).bytes;
    expect(bytes('population.size=40000')).toBeGreaterThan(bytes('population.size=20000'));
    expect(bytes('catalog.items=40000')).toBeGreaterThan(bytes('catalog.items=2000'));
    expect(bytes('platform.policy=item-cf')).toBeGreaterThan(bytes('platform.policy=content'));
    expect(bytes('platform.policy=mf', 'platform.policyParams.mf.factors=64')).toBeGreaterThan(bytes('platform.policy=mf'));
  });

  it('gives a duration proportional to consumer-days, scaled by the policy and the feed length', () => {
    const seconds = (...sets: string[]) => estimateRunSeconds(loadScenario(scenario('default.yaml'), { overrides: sets }).scenario);
    // 20,000 consumers x 60 days at 9.5 us per consumer-day.
    expect(seconds()).toBeCloseTo(20_000 * 60 * 9.5e-6, 6);
    expect(seconds('run.days=120')).toBeCloseTo(2 * seconds(), 6);
    expect(seconds('platform.policy=mf')).toBeGreaterThan(seconds());
    expect(seconds('platform.overPush.feedLength=60')).toBeCloseTo(2 * seconds(), 6);
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(720)).toBe('12 min');
    expect(formatDuration(3 * 3600)).toBe('3.0 h');
  });
});
