import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'sim/cli.ts');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

/**
 * Run workers execute dist/ (compiled JavaScript), while tests run the TypeScript sources. A clean clone has a fresh
 * dist (`npm ci` builds it); after sources change, this rebuilds once before the experiment tests use the pool, under
 * a lock so that test files running in parallel do not build at the same time.
 */
export function ensureBuilt(): void {
  const worker = path.join(root, 'dist/sim/experiment/runWorker.js');
  if (existsSync(worker) && statSync(worker).mtimeMs >= newestSource(path.join(root, 'sim'))) return;
  const lock = path.join(os.tmpdir(), `mallsim-build-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes was left by a killed run.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      else spawnSync('sleep', ['0.2']);
    }
  }
  try {
    if (existsSync(worker) && statSync(worker).mtimeMs >= newestSource(path.join(root, 'sim'))) return;
    // Type errors elsewhere do not stop tsc from emitting; the typecheck step of npm test reports them.
    spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'ignore' });
    if (!existsSync(worker)) throw new Error(`building dist failed: ${worker} is missing; run npm run build`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** The result of a finished CLI call. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI from the sources as a user would, from `cwd`. */
export function mallsim(args: readonly string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, ['--import', tsxLoader, cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI without waiting for it. */
export function startMallsim(args: readonly string[], cwd: string): ChildProcess {
  return spawn(process.execPath, ['--import', tsxLoader, cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
}

/** A tiny scenario extending the default one (300 consumers, 8 days, 200 items): a run takes a fraction of a second. */
export function writeTinyScenario(folder: string): string {
  const file = path.join(folder, 'tiny.yaml');
  writeFileSync(file, `extends: ${path.join(root, 'scenarios/default.yaml')}\nname: tiny\nrun: { days: 8 }\npopulation: { size: 300 }\ncatalog: { items: 200 }\n`);
  return file;
}
