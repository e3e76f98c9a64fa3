import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The command line as a user runs it, for the tests: `node dist/sim/cli.js`, the compiled CLI that `npm ci` builds and
 * `npm test` rebuilds first. When the sources are newer (a test run without the build), the first call rebuilds dist.
 * Compiled, a call starts in about half the time the TypeScript sources take through a loader.
 */
export const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/sim/cli.js');

/** Whether this process has seen dist up to date (the check walks the sources once). */
let built = false;

/**
 * The CLI and the run workers execute dist/ (compiled JavaScript), while in-process tests run the TypeScript sources.
 * A clean clone has a fresh dist (`npm ci` builds it); after sources change, this rebuilds once, under a lock so that
 * test files running in parallel do not build at the same time.
 */
export function ensureBuilt(): void {
  if (built) return;
  const worker = path.join(root, 'dist/sim/experiment/runWorker.js');
  if (existsSync(worker) && statSync(worker).mtimeMs >= newestSource(path.join(root, 'sim'))) {
    built = true;
    return;
  }
  const lock = path.join(os.tmpdir(), `mallsim-build-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes was left by a killed run.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000) rmSync(lock, { recursive: true, force: true });
      else spawnSync('sleep', ['0.2']);
    }
  }
  try {
    if (existsSync(worker) && statSync(worker).mtimeMs >= newestSource(path.join(root, 'sim'))) {
      built = true;
      return;
    }
    // Type errors elsewhere do not stop tsc from emitting; the typecheck step of npm test reports them.
    spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'ignore' });
    if (!existsSync(worker)) throw new Error(`building dist failed: ${worker} is missing; run npm run build`);
    built = true;
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

const environment = (): NodeJS.ProcessEnv => ({ ...process.env, NODE_OPTIONS: '' });

/** Runs `mallsim args` from `cwd` and waits for it. */
export function mallsim(args: readonly string[], cwd: string, options: { timeoutMs?: number } = {}): CliResult {
  ensureBuilt();
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: environment(), timeout: options.timeoutMs });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `mallsim args` from `cwd`; several can run at once (each one mostly waits on its workers). */
export function mallsimAsync(args: readonly string[], cwd: string): Promise<CliResult> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: environment() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `mallsim args` without waiting for it (stderr piped, the rest ignored). */
export function startMallsim(args: readonly string[], cwd: string): ChildProcess {
  ensureBuilt();
  return spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: environment() });
}
