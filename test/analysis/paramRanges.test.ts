import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkParamRanges, parseParamRanges, unitOf, valuesAt } from '../../sim/analysis/paramRanges.js';
import { readTargets } from '../../sim/analysis/targets.js';
import { latinHypercubePoints } from '../../sim/experiment/design.js';
import { ScenarioError } from '../../sim/scenario/load.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-ranges-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const defaultScenario = path.resolve(__dirname, '../../scenarios/default.yaml');

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioError');
}

describe('--params ranges', () => {
  it('parses several entries, negative and exponent bounds, across repeated flags', () => {
    const ranges = parseParamRanges(['consumer.impulse.intercept=-11..-9.5, consumer.view.intercept=-1.6..-0.4', 'platform.overPush.urgencyShare=1e-2..0.5']);
    expect(ranges.map(({ path: p, lo, hi }) => [p, lo, hi])).toEqual([
      ['consumer.impulse.intercept', -11, -9.5],
      ['consumer.view.intercept', -1.6, -0.4],
      ['platform.overPush.urgencyShare', 0.01, 0.5],
    ]);
    expect(valuesAt(ranges, [0.5, 0, 1])).toEqual({ 'consumer.impulse.intercept': -10.25, 'consumer.view.intercept': -1.6, 'platform.overPush.urgencyShare': 0.5 });
    expect(unitOf(ranges, valuesAt(ranges, [0.25, 0.5, 0.75]))).toEqual([0.25, 0.5, 0.75]);
  });

  it('refuses bad syntax, non-numeric bounds, lo >= hi and a repeated path, naming the entry', () => {
    expect(messageOf(() => parseParamRanges('consumer.impulse.intercept'))).toBe('--params consumer.impulse.intercept: expected path=lo..hi, e.g. consumer.impulse.intercept=-7.6..-6.2');
    expect(messageOf(() => parseParamRanges('a.b=1-2'))).toBe('--params a.b=1-2: a.b: expected a range lo..hi, got "1-2"');
    expect(messageOf(() => parseParamRanges('a.b=x..2'))).toBe('--params a.b=x..2: a.b: expected a number for the lower bound, got "x"');
    expect(messageOf(() => parseParamRanges('a.b=1..'))).toBe('--params a.b=1..: a.b: expected a number for the upper bound, got ""');
    expect(messageOf(() => parseParamRanges('a.b=2..2'))).toBe('--params a.b=2..2: a.b: expected lo < hi, got lo 2 and hi 2');
    expect(messageOf(() => parseParamRanges('a.b=0..1,a.b=2..3'))).toBe('--params a.b=2..3: a.b: this path is given twice; give each parameter one range');
    expect(messageOf(() => parseParamRanges([]))).toMatch(/^--params: expected at least one path=lo..hi/);
  });

  it('checks paths and bounds against the scenario through the loader', () => {
    expect(() => checkParamRanges(defaultScenario, [], parseParamRanges('consumer.impulse.intercept=-11..-9.5'))).not.toThrow();
    const unknown = messageOf(() => checkParamRanges(defaultScenario, [], parseParamRanges('consumer.impulse.intercpt=-11..-9.5')));
    expect(unknown).toContain('--params consumer.impulse.intercpt=-11..-9.5');
    expect(unknown).toContain('consumer.impulse.intercpt');
    expect(unknown).toContain('did you mean "intercept"');
    // A share cannot range past 1; an integer field cannot be varied continuously; an object is not a number.
    expect(messageOf(() => checkParamRanges(defaultScenario, [], parseParamRanges('consumer.selfControl.enactWithResistance=0.5..1.5')))).toContain('--params consumer.selfControl.enactWithResistance=0.5..1.5');
    expect(messageOf(() => checkParamRanges(defaultScenario, [], parseParamRanges('population.size=100..201')))).toMatch(/--params population.size=100..201: population.size: .*integer/);
    expect(messageOf(() => checkParamRanges(defaultScenario, [], parseParamRanges('consumer.view=0..1')))).toContain('--params consumer.view=0..1');
  });
});

describe('screening design', () => {
  it('hits each of N strata exactly once per dimension, in parameter units', () => {
    const ranges = parseParamRanges('consumer.impulse.intercept=-11..-9.5,consumer.view.intercept=-1.6..-0.4,platform.overPush.urgencyShare=0..0.5');
    const samples = 12;
    const points = latinHypercubePoints(ranges.map((r) => ({ path: r.path, min: r.lo, max: r.hi, integer: false })), samples, 1) as Record<string, number>[];
    for (const range of ranges) {
      const strata = points.map((p) => Math.floor(((p[range.path] - range.lo) / (range.hi - range.lo)) * samples)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: samples }, (_, k) => k));
    }
  });
});

describe('targets file', () => {
  const write = (name: string, text: string): string => {
    const file = path.join(work, name);
    writeFileSync(file, text);
    return file;
  };

  it('reads plain values and {value, weight}', () => {
    const file = write('ok.yaml', 'impulse_share: 0.35\nregret_buyer_share: { value: 0.3, weight: 2 }\n');
    expect(readTargets(file)).toEqual([
      { metric: 'impulse_share', value: 0.35, weight: 1 },
      { metric: 'regret_buyer_share', value: 0.3, weight: 2 },
    ]);
  });

  it('locates an unknown metric with a did-you-mean, and bad values and weights', () => {
    const file = write('bad.yaml', 'impulse_shar: 0.35\nregret_rate: { value: 0.3, weight: 0 }\nreturn_rate: high\n');
    const message = messageOf(() => readTargets(file));
    expect(message).toContain(`${file}:1:1 impulse_shar: unknown metric (did you mean "impulse_share"?)`);
    expect(message).toContain(`${file}:2:28 regret_rate.weight: expected a number > 0, got 0`);
    expect(message).toContain(`${file}:3:1 return_rate: expected a number or {value, weight}, got "high"`);
    expect(messageOf(() => readTargets(write('empty.yaml', '')))).toContain('expected a mapping of summary metric names');
  });
});
