import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mallsim as runMallsim, root } from './helpers/cli.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI as a user would, from `cwd`. */
const mallsim = (args: string[], cwd = work) => runMallsim(args, cwd);

const tiny = path.join(work, 'tiny.yaml');
writeFileSync(tiny, 'name: tiny\nrun: { days: 5 }\npopulation: { size: 300 }\ncatalog: { items: 60, categories: 6 }\n');

describe('mallsim --explain', () => {
  it('prints a metric\'s meaning and unit, for segment metrics too, and refuses an unknown name with a suggestion', () => {
    const share = mallsim(['--explain', 'impulse_origin_share']);
    expect(share.code).toBe(0);
    expect(share.stdout).toBe('impulse_origin_share: purchases that began as impulse decisions, bought at once or from the cooling-off cart, over all purchases\nunit: share, 0 to 1\n');
    const welfare = mallsim(['--explain', 'consumer_welfare']);
    expect(welfare.stdout).toMatch(/^consumer_welfare: evaluated purchases' worth .*\nunit: money\n$/);
    const segment = mallsim(['--explain', 'regret_rate@deliberate']);
    expect(segment.stdout).toMatch(/^regret_rate@deliberate: regretted over evaluated purchases, among the consumers of segment "deliberate"/);
    const unknown = mallsim(['--explain', 'impuls_share']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--explain: unknown metric "impuls_share" \(did you mean "impulse_share"\?\)/);
  });
});

describe('mallsim run', () => {
  it('writes a new numbered folder under output/<name>/ and prints the summary table', () => {
    const first = mallsim(['run', tiny]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/buyers with an impulse purchase/);
    expect(first.stdout).toContain(`results: ${path.join(work, 'output/tiny/run-001')}`);
    const second = mallsim(['run', tiny, '--seed', '2']);
    expect(second.code).toBe(0);
    expect(readdirSync(path.join(work, 'output/tiny')).sort()).toEqual(['run-001', 'run-002']);
    const files = readdirSync(path.join(work, 'output/tiny/run-001')).sort();
    expect(files).toEqual(['consumers.arrow', 'days.arrow', 'hours.arrow', 'manifest.json', 'paths.arrow', 'purchases.arrow', 'regret.arrow', 'segments.arrow']);
    const manifest = JSON.parse(readFileSync(path.join(work, 'output/tiny/run-002/manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(2);
    expect(manifest.overrides).toEqual(['run.seed=2']);
    expect(manifest.resolvedScenario.population.size).toBe(300);
    expect(manifest.rowCounts.consumers).toBe(300);
  });

  it('prints JSON with --json, one entry per replication with seeds base + r, and writes exposures on request', () => {
    const out = path.join(work, 'reps');
    const result = mallsim(['run', tiny, '--json', '--replications', '2', '--out', out, '--exposures', '--set', 'run.seed=10']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.runs.map((r: { seed: number }) => r.seed)).toEqual([10, 11]);
    expect(parsed.runs[0].summary.consumers).toBe(300);
    expect(readdirSync(out).sort()).toEqual(['rep-000', 'rep-001']);
    expect(existsSync(path.join(out, 'rep-001/exposures.arrow'))).toBe(true);
    expect(parsed.runs[1].rowCounts.exposures).toBe(parsed.runs[1].summary.exposures);
  });

  it('refuses a non-empty --out unless --overwrite, and leaves the old results untouched when refusing', () => {
    const out = path.join(work, 'kept');
    mkdirSync(out);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const refused = mallsim(['run', tiny, '--out', out, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${out}: exists and is not empty; choose another --out or pass --overwrite`);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    const replaced = mallsim(['run', tiny, '--out', out, '--overwrite', '--quiet']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toBe('');
    expect(readdirSync(out)).toContain('manifest.json');
    expect(readdirSync(out)).not.toContain('notes.txt');
  });

  it('exits 2 with a located message and writes nothing for a bad scenario', () => {
    const bad = path.join(work, 'bad.yaml');
    writeFileSync(bad, 'name: bad\npopulation: { size: 300 }\ncatalog: { items: 60, categories: 6 }\nplatform:\n  overPush:\n    feedLength: -3\n');
    const out = path.join(work, 'never');
    const result = mallsim(['run', bad, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`${bad}:6:17 platform.overPush.feedLength: expected an integer in [1, 1000], got -3`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((name) => name.startsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['wrong type', 'name: t\npopulation: { size: many }\ncatalog: { items: 60, categories: 6 }\n', /t\.yaml:2:21 population\.size: expected an integer in \[1, 10000000\], got "many"/],
    ['unknown key', 'name: t\npopulation: { size: 9, sise: 3 }\ncatalog: { items: 60, categories: 6 }\n', /t\.yaml:2:24 population\.sise: unknown key \(did you mean "size"\?\)/],
    ['broken YAML', 'name: t\npopulation: { size: 9\n', /t\.yaml:3:1: not valid YAML/],
    ['missing extends target', 'extends: gone.yaml\nname: t\n', /t\.yaml:1:10 extends: "gone\.yaml" \(\S+gone\.yaml\) does not exist/],
    ['extends cycle', 'extends: t.yaml\nname: t\n', /t\.yaml:1:10 extends: extends makes a cycle/],
  ])('exits 2 naming file and field for %s', (_kind, text, message) => {
    const folder = mkdtempSync(path.join(work, 'bad-'));
    writeFileSync(path.join(folder, 't.yaml'), text);
    const result = mallsim(['run', 't.yaml', '--out', 'never'], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(folder)).toEqual(['t.yaml']);
  });

  it('exits 2 on a bad flag value', () => {
    const result = mallsim(['run', tiny, '--replications', '0', '--out', path.join(work, 'zero')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('replications: expected an integer >= 1, got 0');
  });
});

describe('mallsim schema', () => {
  it('prints the JSON Schema that ships as scenarios/scenario.schema.json', () => {
    const result = mallsim(['schema']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(root, 'scenarios/scenario.schema.json'), 'utf8'));
  });

  it('does not replace an existing file unless told to', () => {
    const target = path.join(work, 'schema.json');
    writeFileSync(target, 'mine');
    const refused = mallsim(['schema', '--out', target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${target}: exists; choose another --out or pass --overwrite`);
    expect(readFileSync(target, 'utf8')).toBe('mine');
    expect(mallsim(['schema', '--out', target, '--overwrite']).code).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8')).title).toBe('mallsim scenario');
  });
});
