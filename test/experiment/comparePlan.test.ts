import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commonSeed, loadArms, planCompareRuns, resolveBaseline } from '../../sim/experiment/comparePlan.js';
import { ScenarioError } from '../../sim/scenario/load.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-compare-plan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function scenarioFile(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
}

const base = scenarioFile('base.yaml', 'name: base\nrun: { days: 5, seed: 40 }\npopulation: { size: 300 }\ncatalog: { items: 60, categories: 6 }\n');
const cool = scenarioFile('cool.yaml', 'extends: base.yaml\nname: cool\nplatform: { nudges: { coolingOffDays: 1 } }\n');
const sameName = scenarioFile('copy.yaml', 'extends: base.yaml\nplatform: { nudges: { coolingOffDays: 2 } }\n');
const otherSeed = scenarioFile('other-seed.yaml', 'extends: base.yaml\nname: other\nrun: { seed: 99 }\n');

describe('compare arms', () => {
  it('loads every arm with the shared overrides and names it after its scenario', () => {
    const arms = loadArms([base, cool], ['population.size=200']);
    expect(arms.map((arm) => arm.name)).toEqual(['base', 'cool']);
    expect(arms.map((arm) => arm.scenario.population.size)).toEqual([200, 200]);
    expect(arms[1].scenario.platform.nudges.coolingOffDays).toBe(1);
    expect(arms[1].files).toEqual([cool, base]);
  });

  it('refuses two arms with one name, and accepts them named by file', () => {
    expect(() => loadArms([base, sameName], [])).toThrow(/arms .*base\.yaml and .*copy\.yaml are both named "base"; give the scenarios different `name`s or pass --arm-names stem/);
    expect(loadArms([base, sameName], [], 'stem').map((arm) => arm.name)).toEqual(['base', 'copy']);
    expect(() => loadArms([base, base], [], 'stem')).toThrow(/both named "base"; each arm must be a different scenario file/);
    expect(() => loadArms([base], [])).toThrow(/at least two scenario files/);
  });

  it('reports a missing arm file as a scenario error naming it', () => {
    expect(() => loadArms([base, path.join(work, 'nope.yaml')], [])).toThrow(ScenarioError);
    expect(() => loadArms([base, path.join(work, 'nope.yaml')], [])).toThrow(/nope\.yaml/);
  });

  it('finds the baseline by name or file, and refuses an unknown one with the arm names', () => {
    const arms = loadArms([base, cool], []);
    expect(resolveBaseline(arms, undefined)).toBe(0);
    expect(resolveBaseline(arms, 'cool')).toBe(1);
    expect(resolveBaseline(arms, cool)).toBe(1);
    expect(resolveBaseline(arms, path.relative(process.cwd(), cool))).toBe(1);
    expect(() => resolveBaseline(arms, 'coal')).toThrow(/--baseline: "coal" is not an arm \(did you mean "cool"\?\); expected one of "base", "cool"/);
  });

  it('plans common random numbers: replication r has seed base + r in every arm', () => {
    const arms = loadArms([base, cool, otherSeed], []);
    const seed = commonSeed(arms);
    expect(seed).toEqual({ seed: 40, agreed: false });
    expect(commonSeed(arms.slice(0, 2))).toEqual({ seed: 40, agreed: true });
    const runs = planCompareRuns(arms, { baseSeed: seed.seed, from: 2, to: 4, runsFolder: '/results' });
    expect(runs.map((run) => [run.runId, run.point, run.replication, run.seed, run.scenario.run.seed])).toEqual([
      ['base-rep-002', 0, 2, 42, 42],
      ['cool-rep-002', 1, 2, 42, 42],
      ['other-rep-002', 2, 2, 42, 42],
      ['base-rep-003', 0, 3, 43, 43],
      ['cool-rep-003', 1, 3, 43, 43],
      ['other-rep-003', 2, 3, 43, 43],
    ]);
    expect(runs[1].folder).toBe(path.join('/results', 'cool', 'rep-002'));
    expect(runs[1].provenance?.overrides).toEqual(['run.seed=42']);
    expect(planCompareRuns(arms, { baseSeed: 40, from: 0, to: 1, runsFolder: null })[0].folder).toBeNull();
  });

  it('with worlds, shares markets round-robin: replication r in world r mod worlds, seeds fixed for replay', () => {
    const arms = loadArms([base, cool], []);
    const runs = planCompareRuns(arms, { baseSeed: 40, from: 0, to: 5, runsFolder: null, worlds: 2 });
    expect(runs.filter((run) => run.point === 1).map((run) => [run.seed, run.scenario.catalog.seed, run.scenario.population.seed])).toEqual([
      [40, 40, 40],
      [41, 41, 41],
      [42, 40, 40],
      [43, 41, 41],
      [44, 40, 40],
    ]);
    expect(runs[4].provenance?.overrides).toEqual(['run.seed=42', 'catalog.seed=40', 'population.seed=40']);
    // Without worlds the market follows the run seed, as a single run does.
    expect(planCompareRuns(arms, { baseSeed: 40, from: 0, to: 2, runsFolder: null })[2].scenario.catalog.seed).toBeUndefined();
  });
});
