/**
 * The README's commands work as written. Every line of every `sh` block is run in order, as a user would type it,
 * with `npx mallsim` bound to this checkout's built CLI, in a fresh folder holding copies of scenarios/ and
 * docs/examples/. The copies are shrunk (400 consumers, 300 items, 4 days) so that the whole README runs in about a
 * minute; `validate` reads the package's own scenarios, so its lines get the same sizes as `--set` flags. Every
 * `--out` and `--report` a command names must exist afterwards. The TypeScript example runs too, importing the
 * package by its name.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'sim', 'cli.js');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** Small sizes for `validate`, which runs the package's scenarios rather than the folder's copies. */
const VALIDATE_SIZES = ['--set', 'population.size=300', '--set', 'population.marketSize=300', '--set', 'catalog.items=300', '--set', 'run.days=3', '--replications', '2'];

/** The commands of the README's fenced blocks of one language, continuation lines joined, trailing comments cut. */
export function commandsOfBlocks(markdown: string, language: string): string[] {
  const commands: string[] = [];
  const fence = new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g');
  for (const [, body] of markdown.matchAll(fence)) {
    const joined = (body ?? '').replace(/\\\n\s*/g, '');
    for (const line of joined.split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command !== '' && !command.startsWith('#')) commands.push(command);
    }
  }
  return commands;
}

/** The values of every `--out` and `--report` flag of a command: what it promises to write. */
function promisedPaths(command: string): string[] {
  return [...command.matchAll(/--(?:out|report)\s+(\S+)/g)].map((match) => match[1] ?? '');
}

/** Shrinks the folder's copy of the default scenario, which every other scenario extends. */
function shrinkDefaultScenario(folder: string): void {
  const file = path.join(folder, 'scenarios', 'default.yaml');
  const text = readFileSync(file, 'utf8');
  const shrunk = text.replace(/^ {2}days: \d+$/m, '  days: 4').replace(/^ {2}size: \d+$/m, '  size: 400').replace(/^ {2}items: \d+$/m, '  items: 300');
  expect(shrunk.match(/^ {2}(days: 4|size: 400|items: 300)$/gm)).toHaveLength(3);
  writeFileSync(file, shrunk);
}

function runInShell(command: string, cwd: string): { status: number | null; output: string } {
  // npx resolves `mallsim` to this checkout's CLI; anything else npx is asked for fails the line.
  const shim = `npx() { if [ "$1" = mallsim ]; then shift; node ${JSON.stringify(cli)} "$@"; else echo "README runs npx $1, which this test does not know" >&2; return 127; fi; }`;
  const result = spawnSync('bash', ['-c', `${shim}\n${command}`], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the README', () => {
  const shellCommands = commandsOfBlocks(readme, 'sh');

  it('shows only commands this test knows how to run', () => {
    const setup = shellCommands.filter((command) => command.startsWith('npm '));
    expect(setup).toEqual(['npm ci && npm start', 'npm ci && npm test']);
    const unknown = shellCommands.filter((command) => !command.startsWith('npm ') && !command.startsWith('npx mallsim '));
    expect(unknown).toEqual([]);
    expect(shellCommands.length).toBeGreaterThan(15);
  });

  it('npm start runs the default scenario and prints its summary', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mallsim-readme-start-'));
    const out = path.join(folder, 'run');
    const result = spawnSync('npm', ['start', '--', '--set', 'population.size=400', '--set', 'run.days=4', '--out', out], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/impulse share of purchases/);
    expect(existsSync(path.join(out, 'purchases.arrow'))).toBe(true);
    // The main job also draws its run report into the results folder.
    expect(result.stdout).toContain(`report: ${path.join(out, 'report.html')}`);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('data-chart="funnel"');
  });

  it('every mallsim command in it runs as written, in order, and writes what it names', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mallsim-readme-'));
    cpSync(path.join(root, 'scenarios'), path.join(folder, 'scenarios'), { recursive: true });
    cpSync(path.join(root, 'docs', 'examples'), path.join(folder, 'docs', 'examples'), { recursive: true });
    shrinkDefaultScenario(folder);
    const started = performance.now();
    for (const command of shellCommands.filter((line) => line.startsWith('npx mallsim '))) {
      const isValidate = command.startsWith('npx mallsim validate');
      const line = isValidate ? `${command} ${VALIDATE_SIZES.join(' ')}` : command;
      const commandStarted = performance.now();
      const { status, output } = runInShell(line, folder);
      console.log(`${((performance.now() - commandStarted) / 1000).toFixed(1)} s  ${command}`);
      // At these sizes the facts' checks cannot all pass, so validate may exit 1; it must still print its verdict.
      if (isValidate) {
        expect([0, 1], `${line}\n${output}`).toContain(status);
        expect(output, line).toMatch(/\d+ of \d+ checks pass|"checks"/);
      } else {
        expect(status, `${line}\n${output}`).toBe(0);
      }
      expect(output, line).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      for (const written of promisedPaths(command)) expect(existsSync(path.join(folder, written)), `${command} wrote ${written}`).toBe(true);
    }
    // The README says a merged set of shards gives the unsharded sweep's runs.arrow.
    expect(readFileSync(path.join(folder, 'results/feed-merged/runs.arrow')).equals(readFileSync(path.join(folder, 'results/feed/runs.arrow')))).toBe(true);
    console.log(`README: ${shellCommands.length} commands, the mallsim ones ran in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

  it('runs its TypeScript example against the package by name', () => {
    const [example, ...others] = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(others).toEqual([]);
    expect(example).toMatch(/from 'mallsim'/);
    const folder = mkdtempSync(path.join(tmpdir(), 'mallsim-readme-ts-'));
    cpSync(path.join(root, 'scenarios'), path.join(folder, 'scenarios'), { recursive: true });
    shrinkDefaultScenario(folder);
    mkdirSync(path.join(folder, 'node_modules'));
    symlinkSync(root, path.join(folder, 'node_modules', 'mallsim'), 'dir');
    // The example uses no TypeScript-only syntax, so it runs as a plain module.
    writeFileSync(path.join(folder, 'example.mjs'), example ?? '');
    const result = spawnSync('node', ['example.mjs'], { cwd: folder, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const [printedFolder, ...shares] = result.stdout.trim().split(/\s+/);
    expect(existsSync(path.join(folder, printedFolder ?? '', 'rep-001', 'purchases.arrow')) || existsSync(path.join(printedFolder ?? '', 'rep-001', 'purchases.arrow'))).toBe(true);
    expect(shares.join(' ')).toMatch(/^\[ ?[\d.]+, [\d.]+, [\d.]+ ?\]$/);
  });
});
