import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OutputError } from '../output/runFolder.js';
import type { RunReply, RunRequest } from './runJob.js';
import type { CompletedRun, PlannedRun } from './runPlan.js';
import type { MemoryLimit } from '../scenario/load.js';
import { refuseRunsThatDoNotFitTogether } from './concurrentMemory.js';

/**
 * How workers are started. Child processes are the default, although the design first named worker threads, because
 * they are faster and scale at least as well. Measured with sim/bench/sweepBench.ts on this project's 2-core machine
 * (Node 20.20, 8 runs of the default scenario at 20,000 consumers x 14 days), in trials where nothing else used the
 * machine: two forked processes with `--single-threaded` took 12.5 s against 23.0 s for one (1.84x; a 4-run trial
 * gave 1.89x); two worker threads took 14.1 s against 25.4 s (1.80x), slower in both cases because the threads share
 * one V8 process whose garbage-collector and compiler threads compete with the simulation for the cores (earlier
 * stand-in benchmarks: threads 1.56x, processes 1.7-2.0x). `--single-threaded` keeps each process's V8 helpers on
 * its main thread, so N workers use N cores and no more (1.01 cores busy with one worker, 1.99 with two). Threads stay
 * available for measurement.
 */
export type WorkerTransport = 'process' | 'thread';

/** Options of {@link executeRuns}. */
export interface ExecuteRunsOptions {
  /** Parallel workers (>= 1); never more are started than there are runs. */
  readonly workers: number;
  /** Called in the parent as each run finishes (any order), after its folder is in place. */
  readonly onComplete?: (done: CompletedRun) => void;
  /** Where summary-only runs write their temporary tables (default: the system temp folder). */
  readonly tempRoot?: string;
  /** Child processes (default) or worker threads. */
  readonly transport?: WorkerTransport;
  /**
   * Keep every completed run for the returned array (default true). A sweep passes false: it has each result in
   * onComplete already, and keeping none holds memory to the runs in flight however long the sweep; it then
   * resolves with an empty array.
   */
  readonly collect?: boolean;
  /** Filled with each worker's peak resident memory in bytes and the CPU seconds its runs used (for benchmarks). */
  readonly usage?: { workerPeakRssBytes: number[]; cpuSeconds: number };
  /** The memory the runs in flight may use together (default: this machine's). */
  readonly memoryLimit?: MemoryLimit;
  /** Threads each run is simulated on (default 1; its tables are the same for any number). */
  readonly threads?: number;
}

/** The end of a worker the pool talks to, whatever carries the messages. */
interface WorkerChannel {
  send(request: RunRequest): void;
  /** Stops the worker; no more events are delivered after this. */
  stop(): void;
}

interface WorkerEvents {
  reply(reply: RunReply): void;
  /** The worker went away on its own (crash, kill, exit). */
  exit(description: string): void;
}

/**
 * Executes runs on `workers` parallel workers; resolves with every completed run in the order of `runs`.
 * onComplete is called in the parent as each run finishes (any order). A worker crash or a run error rejects with an
 * Error naming the runId; no half-written run folder is left (each run writes to a temp folder renamed into place).
 *
 * Workers run the compiled JavaScript in dist/ (`npm run build`); results do not depend on the number of workers,
 * because every run is a pure function of its scenario and seed.
 * @throws OutputError (before anything runs) when a run's final folder already exists.
 */
export function executeRuns(runs: readonly PlannedRun[], options: ExecuteRunsOptions): Promise<CompletedRun[]> {
  const workers = options.workers;
  if (!Number.isInteger(workers) || workers < 1) return Promise.reject(new RangeError(`workers: expected an integer >= 1, got ${workers}`));
  try {
    refuseRunsThatDoNotFitTogether(runs.map((run) => run.scenario), workers, options.memoryLimit, options.threads ?? 1);
  } catch (error) {
    return Promise.reject(error);
  }
  for (const run of runs) {
    if (run.folder !== null && existsSync(run.folder)) return Promise.reject(new OutputError(`${run.folder}: run ${run.runId} already has a folder; refusing to overwrite it`));
  }
  if (runs.length === 0) return Promise.resolve([]);
  let script: string;
  try {
    script = locateWorkerScript();
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise<CompletedRun[]>((resolve, reject) => {
    const results: (CompletedRun | undefined)[] = new Array(runs.length);
    const inFlight = new Map<number, number>(); // worker slot -> run index
    const temps = runs.map((run, index) => temporaryFolder(run, index, options.tempRoot));
    const channels: WorkerChannel[] = [];
    const peaks = new Array<number>(Math.min(workers, runs.length)).fill(0);
    let next = 0;
    let finished = 0;
    let cpuSeconds = 0;
    let settled = false;

    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      reject(error);
      for (const channel of channels) channel.stop();
      for (const index of inFlight.values()) removeQuietly(temps[index]);
    };
    const dispatch = (slot: number): void => {
      if (next >= runs.length) {
        inFlight.delete(slot);
        return;
      }
      const index = next++;
      inFlight.set(slot, index);
      channels[slot].send({ type: 'run', index, run: runs[index], temp: temps[index], threads: options.threads ?? 1 });
    };
    const onReply = (slot: number, reply: RunReply): void => {
      if (settled) return;
      const run = runs[reply.index];
      if (reply.type === 'failed') {
        fail(new Error(`run ${run.runId} (point ${run.point}, replication ${run.replication}, seed ${run.seed}) failed: ${reply.message}`));
        return;
      }
      peaks[slot] = Math.max(peaks[slot], reply.maxRssBytes);
      cpuSeconds += reply.cpuSeconds;
      try {
        commitFolder(temps[reply.index], run.folder);
        const completed: CompletedRun = { run, summary: reply.summary, daily: reply.daily, wallSeconds: reply.wallSeconds };
        if (options.collect ?? true) results[reply.index] = completed;
        options.onComplete?.(completed);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      finished++;
      if (finished === runs.length) {
        settled = true;
        for (const channel of channels) channel.stop();
        if (options.usage) Object.assign(options.usage, { workerPeakRssBytes: peaks, cpuSeconds });
        resolve(options.collect ?? true ? (results as CompletedRun[]) : []);
        return;
      }
      dispatch(slot);
    };
    const onExit = (slot: number, description: string): void => {
      if (settled) return;
      const index = inFlight.get(slot);
      const what = index === undefined ? 'while idle' : `while running ${runs[index].runId} (point ${runs[index].point}, replication ${runs[index].replication})`;
      fail(new Error(`a run worker ${description} ${what}`));
    };

    const start = options.transport === 'thread' ? startThread : startProcess;
    for (let slot = 0; slot < peaks.length; slot++) {
      channels.push(start(script, { reply: (reply) => onReply(slot, reply), exit: (description) => onExit(slot, description) }, options.threads ?? 1));
    }
    for (let slot = 0; slot < channels.length && !settled; slot++) dispatch(slot);
  });
}

/** A hidden sibling of the final folder, so the rename into place never crosses file systems. */
function temporaryFolder(run: PlannedRun, index: number, tempRoot: string | undefined): string {
  if (run.folder !== null) return path.join(path.dirname(run.folder), `.tmp-${path.basename(run.folder)}-${process.pid}`);
  return path.join(tempRoot ?? os.tmpdir(), `.tmp-mallsim-${process.pid}-${index}-${run.runId}`);
}

/** Cleanup after a failure must not hide the failure itself. */
export function removeQuietly(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true });
  } catch {
    // Nothing was created there (e.g. its parent is not a folder).
  }
}

function commitFolder(temp: string, folder: string | null): void {
  if (folder === null) {
    rmSync(temp, { recursive: true, force: true });
    return;
  }
  mkdirSync(path.dirname(folder), { recursive: true });
  renameSync(temp, folder);
}

function startProcess(script: string, events: WorkerEvents, threads: number): WorkerChannel {
  // An explicit execArgv: the parent may run under a TypeScript loader that the compiled worker does not need. Not
  // --single-threaded for a run on several threads, whose replica threads share the process (docs/PERFORMANCE.md).
  const execArgv = threads > 1 ? [] : ['--single-threaded'];
  const child: ChildProcess = fork(script, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let stopped = false;
  child.on('message', (message) => {
    if (!stopped) events.reply(message as RunReply);
  });
  child.on('exit', (code, signal) => {
    if (!stopped) events.exit(signal ? `was killed by ${signal}` : `exited with code ${code}`);
  });
  child.on('error', (error) => {
    if (!stopped) events.exit(`failed (${error.message})`);
  });
  return {
    send: (request) => child.send(request),
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (child.connected) child.disconnect();
      // A worker busy with a run would finish it first; nothing it writes is wanted any more.
      child.kill('SIGKILL');
    },
  };
}

function startThread(script: string, events: WorkerEvents, _threads: number): WorkerChannel {
  const worker = new Worker(script, { execArgv: [] });
  let stopped = false;
  worker.on('message', (message) => {
    if (!stopped) events.reply(message as RunReply);
  });
  worker.on('error', (error) => {
    if (!stopped) events.exit(`failed (${error.message})`);
  });
  worker.on('exit', (code) => {
    if (!stopped) events.exit(`exited with code ${code}`);
  });
  return {
    send: (request) => worker.postMessage(request),
    stop: () => {
      if (stopped) return;
      stopped = true;
      void worker.terminate();
    },
  };
}

/**
 * dist/sim/experiment/runWorker.js of this package. The pool always runs compiled code: a worker started from the
 * TypeScript sources (tests, tsx) could not load them without a loader.
 * @throws Error telling to build when it is missing.
 */
export function locateWorkerScript(): string {
  const root = packageRoot();
  const script = path.join(root, 'dist', 'sim', 'experiment', 'runWorker.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: run "npm run build" (in ${root}) before running experiments`);
  return script;
}

/** The folder holding this package's package.json: two levels above sim/experiment, three above dist/sim/experiment. */
export function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const parts = here.split(path.sep);
  const distAt = parts.lastIndexOf('dist');
  return distAt >= 0 && parts[distAt + 1] === 'sim' ? parts.slice(0, distAt).join(path.sep) || path.sep : path.resolve(here, '..', '..');
}
