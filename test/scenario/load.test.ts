import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, parseOverride } from '../../sim/scenario/load.js';
import { scenarioJsonSchema } from '../../sim/scenario/jsonSchema.js';
import { errorOf } from '../helpers/errors.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-scenario-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const full = path.join(folder, name);
  writeFileSync(full, text);
  return full;
};
const CATALOG = 'catalog:\n  items: 20\n  categories: 4\n';
const MINIMAL = `name: t\npopulation:\n  size: 10\n${CATALOG}`;

describe('loadScenario', () => {
  it('fills defaults', () => {
    const { scenario, files } = loadScenario(file('min.yaml', MINIMAL));
    expect(scenario.run.days).toBe(60);
    expect(scenario.platform.overPush.feedLength).toBe(30);
    expect(scenario.population.segments).toEqual([{ name: 'everyone', share: 1, traits: {} }]);
    expect(files).toHaveLength(1);
  });

  it('inherits through a chain of extends: objects merge, lists and scalars are replaced', () => {
    file('base.yaml', `name: base\n${CATALOG}platform:\n  overPush:\n    feedLength: 12\n    pushesPerDay: 3\npopulation:\n  size: 10\n  segments:\n    - { name: a, share: 1 }\n    - { name: b, share: 2 }\n`);
    file('mid.yaml', 'extends: base.yaml\nname: mid\nplatform:\n  overPush:\n    feedLength: 25\n');
    const child = file('child.yaml', 'extends: mid.yaml\nname: child\npopulation:\n  segments:\n    - { name: only, share: 1 }\n');
    const { scenario, files } = loadScenario(child);
    expect(scenario.name).toBe('child');
    expect(scenario.platform.overPush.feedLength).toBe(25);
    expect(scenario.platform.overPush.pushesPerDay).toBe(3);
    expect(scenario.population.size).toBe(10);
    expect(scenario.population.segments.map((s) => s.name)).toEqual(['only']);
    expect(files.map((f) => path.basename(f))).toEqual(['child.yaml', 'mid.yaml', 'base.yaml']);
  });

  it('applies --set overrides: scalars, objects, list entries and null', () => {
    const base = file('ov.yaml', `name: ov\n${CATALOG}population:\n  size: 10\n  segments:\n    - { name: a, share: 1 }\n    - { name: b, share: 1 }\n`);
    const { scenario, overrides } = loadScenario(base, {
      overrides: [
        'platform.overPush.feedLength=40',
        'population.traits.impulsivity={dist: beta, alpha: 3, beta: 3}',
        'population.segments.1.share=3',
        'platform.nudges.budgetReminder=0.8',
        'platform.nudges.budgetReminder=null',
      ],
    });
    expect(scenario.platform.overPush.feedLength).toBe(40);
    expect(scenario.population.traits.impulsivity).toEqual({ dist: 'beta', alpha: 3, beta: 3 });
    expect(scenario.population.segments[1].share).toBe(3);
    expect(scenario.platform.nudges.budgetReminder).toBeNull();
    expect(overrides).toHaveLength(5);
    expect(parseOverride('a.b.0.c=[1, 2]')).toEqual({ path: ['a', 'b', 0, 'c'], value: [1, 2] });
  });

  it('reports each problem on its own line at the file, line and column where it was written', () => {
    const bad = file(
      'bad.yaml',
      `name: t\n${CATALOG}platform:\n  policy: popularty\n  overPush:\n    feedLength: -3\n    feedLenght: 3\n  nudges:\n    rationalTips: 1.5\n    coolingOffDays: 0.5\npopulation:\n  size: 10\n  traits:\n    impulsivity: { dist: beta, alpha: -1, beta: 2 }\n`,
    );
    const lines = errorOf(() => loadScenario(bad)).message.split('\n');
    const rel = bad;
    expect(lines).toContain(`${rel}:6:11 platform.policy: expected one of search, random, popularity, content, item-cf, user-cf, mf, bandit, hybrid, got "popularty" (did you mean "popularity"?)`);
    expect(lines).toContain(`${rel}:8:17 platform.overPush.feedLength: expected an integer in [1, 1000], got -3`);
    expect(lines).toContain(`${rel}:9:5 platform.overPush.feedLenght: unknown key (did you mean "feedLength"?)`);
    expect(lines).toContain(`${rel}:11:19 platform.nudges.rationalTips: expected a number in [0, 1], got 1.5`);
    expect(lines).toContain(`${rel}:12:21 platform.nudges.coolingOffDays: expected an integer in [0, 365], got 0.5`);
    expect(lines).toContain(`${rel}:16:39 population.traits.impulsivity.alpha: expected a number > 0, got -1`);
    expect(lines).toHaveLength(6);
  });

  it('locates an inherited bad value in the parent file and a new one in the child', () => {
    file('parent.yaml', `${MINIMAL}run:\n  days: 0\n`);
    const child = file('kid.yaml', 'extends: parent.yaml\nname: kid\nrun:\n  seed: -1\n');
    const message = errorOf(() => loadScenario(child)).message;
    expect(message).toContain(`${path.join(path.dirname(child), 'parent.yaml')}:8:9 run.days: expected an integer in [1, 3650], got 0`);
    expect(message).toContain(`${child}:4:9 run.seed: expected an integer in [0, 4294967295], got -1`);
  });

  it('names a missing required field and an unknown --set path', () => {
    const noSize = file('nosize.yaml', 'name: t\npopulation: {}\ncatalog: { items: 5, categories: 2 }\n');
    expect(errorOf(() => loadScenario(noSize)).message).toBe(`${noSize}:2:13 population.size: required, expected an integer in [1, 10000000]`);
    const ok = file('ok.yaml', MINIMAL);
    expect(errorOf(() => loadScenario(ok, { overrides: ['platform.polcy=random'] })).message).toBe('--set platform.polcy=random: platform.polcy: unknown key (did you mean "policy"?)');
    expect(errorOf(() => loadScenario(ok, { overrides: ['feedLength'] })).message).toMatch(/^--set feedLength: expected path=value/);
  });

  it('refuses cycles, missing extends targets, broken YAML, unreadable files and a wrong distribution', () => {
    file('c1.yaml', 'extends: c2.yaml\nname: c1\n');
    const c2 = file('c2.yaml', 'extends: c1.yaml\nname: c2\n');
    expect(errorOf(() => loadScenario(c2)).message).toMatch(/extends: extends makes a cycle: .*c2\.yaml -> .*c1\.yaml -> .*c2\.yaml/);
    const lost = file('lost.yaml', 'name: l\nextends: gone.yaml\n');
    expect(errorOf(() => loadScenario(lost)).message).toBe(`${lost}:2:10 extends: "gone.yaml" (${path.join(folder, 'gone.yaml')}) does not exist`);
    const broken = file('broken.yaml', 'name: x\npopulation: { size: 10\n');
    expect(errorOf(() => loadScenario(broken)).message).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: not valid YAML`));
    expect(errorOf(() => loadScenario(path.join(folder, 'nope.yaml'))).message).toBe(`${path.join(folder, 'nope.yaml')}: does not exist`);
    const betta = file('betta.yaml', `name: b\n${CATALOG}population:\n  size: 10\n  traits:\n    conformity: { dist: betta, alpha: 1, beta: 2 }\n`);
    expect(errorOf(() => loadScenario(betta)).message).toContain('population.traits.conformity.dist: expected dist to be one of constant, uniform, normal, logNormal, beta, gamma, got "betta" (did you mean "beta"?)');
  });

  it('reads JSON scenarios with positions too', () => {
    const json = file('s.json', '{"name": "j",\n "population": {"size": "many"},\n "catalog": {"items": 10, "categories": 3}}');
    expect(errorOf(() => loadScenario(json)).message).toBe(`${json}:2:25 population.size: expected an integer in [1, 10000000], got "many"`);
    const good = file('g.json', '{"name": "g", "population": {"size": 5}, "catalog": {"items": 10, "categories": 3}}');
    expect(loadScenario(good).scenario.population.size).toBe(5);
  });
});

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as { properties: Record<string, any>; additionalProperties: unknown; required: string[] };
  const at = (dotted: string) => dotted.split('.').reduce((node: any, key) => node?.properties?.[key], schema);

  it('is strict, described, and knows the policies', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(at('platform.overPush').additionalProperties).toBe(false);
    expect(at('platform.policy').enum).toEqual(['search', 'random', 'popularity', 'content', 'item-cf', 'user-cf', 'mf', 'bandit', 'hybrid']);
    expect(at('platform.overPush.feedLength').description).toBe('items in one feed session');
    expect(at('platform.overPush.feedLength').default).toBe(30);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'population', 'catalog']));
  });

  it('has every public field path', () => {
    const paths = [
      'name', 'run.days', 'run.seed', 'population.size', 'population.segments', 'catalog.items', 'catalog.categories',
      'platform.policy', 'platform.overPush.feedLength', 'platform.overPush.pushesPerDay', 'platform.overPush.urgencyShare',
      'platform.overPush.socialProof', 'platform.overPush.liveShare', 'platform.nudges.coolingOffDays',
      'platform.nudges.budgetReminder', 'platform.nudges.rationalTips', 'platform.nudges.spendingCap',
      'platform.nudges.optOutShare', 'platform.nudges.returnWindowDays', 'platform.rerank.diversity', 'platform.rerank.exploration',
    ];
    for (const p of paths) expect(at(p), p).toBeDefined();
  });
});
