import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFileText, tablesSection } from '../sim/docs/generatedDocs.js';
import { loadScenario } from '../sim/scenario/load.js';

const root = path.resolve(__dirname, '..');
const scenarioFiles = readdirSync(path.join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));

describe('shipped scenarios', () => {
  it('include default and every shipped scenario', () => {
    expect(scenarioFiles.sort()).toEqual(
      expect.arrayContaining(['default.yaml', 'search.yaml', 'random-feed.yaml', 'over-push.yaml', 'cooling-off.yaml', 'budget-reminder.yaml', 'diverse-feed.yaml', 'opt-out.yaml', 'live-heavy.yaml', 'social.yaml', 'item-cf.yaml', 'user-cf.yaml', 'mf.yaml', 'bandit.yaml']),
    );
  });

  it.each(scenarioFiles)('%s loads, says what question it answers, and is named after its file', (file) => {
    const { scenario, files } = loadScenario(path.join(root, 'scenarios', file));
    expect(scenario.name).toBe(file.replace(/\.yaml$/, ''));
    if (file !== 'default.yaml') expect(files.map((f) => path.basename(f))).toContain('default.yaml');
    expect(readFileSync(path.join(root, 'scenarios', file), 'utf8')).toMatch(/Question/);
  });

  it('default is 20,000 consumers, 2,000 items, 60 days with a personalized feed and live rooms', () => {
    const { scenario } = loadScenario(path.join(root, 'scenarios/default.yaml'));
    expect([scenario.population.size, scenario.catalog.items, scenario.run.days]).toEqual([20_000, 2_000, 60]);
    expect(scenario.platform.policy).toBe('content');
    expect(scenario.platform.overPush.liveShare).toBeGreaterThan(0);
  });
});

describe('generated documentation', () => {
  it('output/README.md documents every table, column and metric as the code defines them (npm run docs)', () => {
    expect(readFileSync(path.join(root, 'output/README.md'), 'utf8')).toContain(tablesSection());
  });
  it('scenarios/scenario.schema.json is current (npm run docs)', () => {
    expect(readFileSync(path.join(root, 'scenarios/scenario.schema.json'), 'utf8')).toBe(schemaFileText());
  });
});
