/**
 * Hostile and oversized input gets a clear refusal: exit 2, the file and the field in the message, no stack frame,
 * no output folder, and an answer within seconds. One test per class of input that once slipped through (an alias
 * bomb, sizes that cannot be allocated, a run that would never end, `extends` naming something that is not a
 * scenario), then a property-based fuzz over the shipped scenarios.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { describeFailure } from '../sim/cli/failure.js';
import { loadScenario, ScenarioError } from '../sim/scenario/load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'sim', 'cli.js');
const defaultScenario = path.join(root, 'scenarios', 'default.yaml');
/** A stack frame as Node prints one: `    at name (file:line:col)`. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
/** Every refusal below must come well within this. */
const ANSWER_SECONDS = 15;

function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'mallsim-hostile-'));
}

/** Runs the CLI and checks the four promises of a refusal; returns what it printed. */
function expectRefusal(args: string[], cwd: string, expected: { file: string; field: string }): string {
  const out = path.join(cwd, 'never');
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args, '--out', out], { cwd, encoding: 'utf8', timeout: ANSWER_SECONDS * 1000 });
  const seconds = (performance.now() - started) / 1000;
  const printed = `${result.stdout}${result.stderr}`;
  expect(result.status, printed).toBe(2);
  expect(printed).toContain(expected.file);
  expect(printed).toContain(expected.field);
  expect(printed).not.toMatch(STACK_FRAME);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(cwd).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  expect(seconds).toBeLessThan(ANSWER_SECONDS);
  return result.stderr.trim();
}

describe('hostile input', () => {
  it('refuses a YAML alias bomb at the alias, without the parser stack', () => {
    const folder = scratch();
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 8; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    writeFileSync(path.join(folder, 'bomb.yaml'), `${levels.join('\n')}\n`);
    const message = expectRefusal(['run', 'bomb.yaml'], folder, { file: 'bomb.yaml:2:', field: 'too many aliases' });
    console.log(`alias bomb: ${message}`);
  });

  it('refuses sizes beyond their schema bounds before allocating anything, even with --quiet', () => {
    const folder = scratch();
    const consumers = expectRefusal(['run', defaultScenario, '--set', 'population.size=1000000000', '--quiet'], folder, { file: '--set population.size=1000000000', field: 'population.size: expected an integer in [1, 10000000]' });
    const items = expectRefusal(['run', defaultScenario, '--set', 'catalog.items=2000000000', '--quiet'], folder, { file: '--set catalog.items=2000000000', field: 'catalog.items: expected an integer in [1, 1000000]' });
    const days = expectRefusal(['run', defaultScenario, '--set', 'run.days=100000000', '--quiet'], folder, { file: '--set run.days=100000000', field: 'run.days: expected an integer in [1, 3650]' });
    console.log([consumers, items, days].join('\n'));
  });

  it('refuses a run whose estimated memory exceeds the machine or --max-memory, naming the field that takes the most', () => {
    const folder = scratch();
    // Every learned policy blended, at its largest state: hundreds of GiB, more than any machine this runs on.
    const everything = ['population.size=10000000', 'platform.policy=hybrid', 'platform.policyParams.hybrid.weights={content: 1, item-cf: 1, user-cf: 1, mf: 1, bandit: 1}', 'platform.policyParams.item-cf.historyLength=1000', 'platform.policyParams.user-cf.historyLength=1000', 'platform.policyParams.user-cf.neighbours=1000', 'platform.policyParams.mf.historyLength=1000', 'platform.policyParams.mf.factors=256'];
    const machine = expectRefusal(['run', defaultScenario, ...everything.flatMap((set) => ['--set', set])], folder, { file: '--set population.size=10000000', field: 'population.size: a run needs about' });
    expect(machine).toMatch(/more than the limit of [\d.]+ GiB \(this machine's memory/);
    const items = expectRefusal(['run', defaultScenario, '--set', 'catalog.items=1000000', '--set', 'platform.policy=mf', '--set', 'platform.policyParams.mf.factors=256', '--max-memory', '2GiB'], folder, { file: '--set catalog.items=1000000', field: 'catalog.items: a run needs about' });
    expect(items).toContain('more than the limit of 2.0 GiB (--max-memory 2GiB)');
    const located = expectRefusal(['run', defaultScenario, '--max-memory', '150MiB'], folder, { file: `${defaultScenario}:14:9`, field: 'population.size' });
    expect(located).toMatch(/lower population\.size$/);
    const belowAnyRun = expectRefusal(['run', defaultScenario, '--max-memory', '64MiB'], folder, { file: `${defaultScenario}:14:9`, field: 'population.size' });
    expect(belowAnyRun).toMatch(/any run needs about 128 MiB$/);
    expectRefusal(['run', defaultScenario, '--max-memory', 'plenty'], folder, { file: '--max-memory plenty', field: 'expected an amount of memory' });
    console.log([machine, items, located].join('\n'));
  });

  it('announces the estimated duration of a long run before it starts', async () => {
    const folder = scratch();
    const child = spawn(process.execPath, [cli, 'run', defaultScenario, '--set', 'run.days=3650', '--out', path.join(folder, 'long')], { cwd: folder });
    let stderr = '';
    const announced = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no estimate within ${ANSWER_SECONDS} s; stderr: ${stderr}`)), ANSWER_SECONDS * 1000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const line = /estimated run time about .+/.exec(stderr);
        if (line) {
          clearTimeout(timer);
          resolve(line[0]);
        }
      });
    }).finally(() => child.kill('SIGKILL'));
    // 20,000 consumers x 3,650 days at the bench's cost per consumer-day: minutes, not seconds.
    expect(announced).toMatch(/about \d+ min \(73,000,000 consumer-days on one core\)/);
    console.log(`long run: ${announced}`);
  });

  it('reports the path that extends actually names: an absolute file that is not a scenario, a folder, a missing file', () => {
    const folder = scratch();
    writeFileSync(path.join(folder, 'passwd.yaml'), 'extends: /etc/passwd\n');
    const absolute = expectRefusal(['run', 'passwd.yaml'], folder, { file: '/etc/passwd:1:1', field: 'expected a scenario (a mapping at the top level), got a string (the scenario that passwd.yaml extends)' });
    expect(absolute).not.toMatch(/(^|[^/])etc\/passwd/);
    cpSync(path.join(root, 'scenarios'), path.join(folder, 'shipped'), { recursive: true });
    writeFileSync(path.join(folder, 'folder.yaml'), 'extends: shipped\n');
    const directory = expectRefusal(['run', 'folder.yaml'], folder, { file: 'folder.yaml:1:10', field: `extends: "shipped" (${path.join(folder, 'shipped')}) is a folder, expected a scenario file` });
    writeFileSync(path.join(folder, 'gone.yaml'), 'extends: ../nowhere/x.yaml\n');
    const missing = expectRefusal(['run', 'gone.yaml'], folder, { file: 'gone.yaml:1:10', field: `extends: "../nowhere/x.yaml" (${path.resolve(folder, '../nowhere/x.yaml')}) does not exist` });
    const top = expectRefusal(['run', 'shipped'], folder, { file: 'shipped:', field: 'is a folder, expected a scenario file' });
    console.log([absolute, directory, missing, top].join('\n'));
  });
});

/** A path into a parsed scenario and the value found there. */
interface Leaf {
  path: (string | number)[];
  value: unknown;
}

function leavesOf(value: unknown, prefix: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return [{ path: prefix, value }, ...value.flatMap((item, k) => leavesOf(item, [...prefix, k]))];
  if (typeof value === 'object' && value !== null) return [{ path: prefix, value }, ...Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...prefix, key]))];
  return [{ path: prefix, value }];
}

function setAt(tree: unknown, segments: (string | number)[], update: (container: Record<string | number, unknown>, key: string | number) => void): void {
  let node = tree as Record<string | number, unknown>;
  for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  update(node, segments[segments.length - 1]!);
}

/** Values a careless or hostile user might write in place of a valid one. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-1, 0, 0.5, 1e9, 2e9, 1e308, -1e308, 2 ** 53, '', 'many', '../../etc/passwd', null, [], {}),
  fc.string({ maxLength: 40 }),
);

/** One mutation of a scenario tree: a value replaced, a key renamed or removed, an unknown key added. */
const mutation = fc.record({ pick: fc.nat(), kind: fc.constantFrom('value', 'rename', 'remove', 'add'), value: hostileValue, key: fc.string({ minLength: 1, maxLength: 12 }) });

describe('fuzzed scenarios', () => {
  const shipped = readdirSync(path.join(root, 'scenarios')).filter((name) => name.endsWith('.yaml')).sort();

  it('refuses every mutation that fails validation with a located ScenarioError, exit 2 and no stack', () => {
    const folder = scratch();
    cpSync(path.join(root, 'scenarios'), folder, { recursive: true });
    const refused: string[] = [];
    let accepted = 0;
    let case_ = 0;
    fc.assert(
      fc.property(fc.constantFrom(...shipped), mutation, (name, change) => {
        const tree = parse(readFileSync(path.join(root, 'scenarios', name), 'utf8')) as Record<string, unknown>;
        const leaves = leavesOf(tree).filter((leaf) => leaf.path.length > 0);
        const leaf = leaves[change.pick % leaves.length]!;
        setAt(tree, leaf.path, (container, key) => {
          if (change.kind === 'value') container[key] = change.value;
          else if (change.kind === 'remove') delete container[key];
          else if (change.kind === 'rename' && !Array.isArray(container)) {
            container[`${String(key)}${change.key}`] = container[key];
            delete container[key];
          } else if (!Array.isArray(container)) container[change.key] = change.value;
          else container[key] = change.value;
        });
        const file = path.join(folder, `mutant-${case_++}.yaml`);
        writeFileSync(file, stringify(tree));
        let error: unknown;
        try {
          // A mutation may still be valid; only refusals are judged, and an accepted one is never run.
          loadScenario(file);
          accepted++;
          return;
        } catch (thrown) {
          error = thrown;
        }
        expect(error, `${name} ${JSON.stringify(change)}: ${String(error)}`).toBeInstanceOf(ScenarioError);
        const { code, text } = describeFailure(error);
        expect(code).toBe(2);
        expect(text).not.toMatch(STACK_FRAME);
        for (const diagnostic of (error as ScenarioError).diagnostics) {
          // Every problem names the file (this one, one it extends, or the --set) and a field or a line in it.
          expect(diagnostic.file.length).toBeGreaterThan(0);
          expect(diagnostic.path !== '' || diagnostic.line !== undefined, text).toBe(true);
        }
        refused.push(file);
      }),
      { seed: 20261205, numRuns: 300 },
    );
    console.log(`fuzz: 300 mutations of ${shipped.length} shipped scenarios, ${refused.length} refused, ${accepted} still valid`);
    expect(refused.length).toBeGreaterThan(150);
    // End to end through the CLI for a sample of the refusals: exit 2, the file named, nothing written.
    for (const file of refused.filter((_, k) => k % 30 === 0)) expectRefusal(['run', path.basename(file)], folder, { file: '.yaml', field: ':' });
  });
});
