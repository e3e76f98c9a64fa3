/**
 * One run as a worker does it: simulate into the temporary folder the parent named, read the day series back from
 * days.arrow, reply with the summary. The parent owns every folder decision (the rename into place, removal of a
 * failed run's folder); this side only writes where it is told.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { simulate } from '../run.js';
import type { DailySeries, PlannedRun } from './runPlan.js';

/** Parent to worker: run this and write into `temp`. */
export interface RunRequest {
  readonly type: 'run';
  readonly index: number;
  readonly run: PlannedRun;
  readonly temp: string;
  /** Threads the run is simulated on. */
  readonly threads: number;
}

/** Worker to parent: the outcome of one request. */
export type RunReply =
  | { readonly type: 'done'; readonly index: number; readonly summary: Record<string, number>; readonly daily: DailySeries; readonly wallSeconds: number; readonly cpuSeconds: number; readonly maxRssBytes: number }
  | { readonly type: 'failed'; readonly index: number; readonly message: string };

/** Simulates one request; a failure is reported, not thrown, and its partial folder removed. */
export function handleRunRequest(request: RunRequest): RunReply {
  const { run, temp, index } = request;
  try {
    const cpuBefore = process.cpuUsage();
    mkdirSync(temp, { recursive: true });
    const result = simulate(run.scenario, temp, { replication: run.replication, files: run.provenance?.files, overrides: run.provenance?.overrides, threads: request.threads });
    const daily = readDailySeries(path.join(temp, 'days.arrow'));
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    return { type: 'done', index, summary: result.summary, daily, wallSeconds: result.wallSeconds, cpuSeconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  } catch (error) {
    try {
      rmSync(temp, { recursive: true, force: true });
    } catch {
      // Nothing was created there (e.g. its parent is not a folder); the run's own error is what matters.
    }
    return { type: 'failed', index, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** The report series from a run's days.arrow, one value per day. */
export function readDailySeries(file: string): DailySeries {
  const table = tableFromIPC(readFileSync(file));
  const column = (name: string): number[] => {
    const vector = table.getChild(name);
    if (!vector) throw new Error(`${file}: no column ${name}`);
    return Array.from(vector.toArray() as ArrayLike<number>, Number);
  };
  const purchases = column('purchases');
  const impulse = column('impulse_purchases');
  return {
    impulse_share: purchases.map((count, day) => (count > 0 ? impulse[day] / count : Number.NaN)),
    mean_trust: column('mean_trust'),
    gmv: column('gmv'),
    purchases,
  };
}

