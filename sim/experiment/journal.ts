import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { RunSummary } from '../metrics.js';
import type { CompletedRun, DailySeries } from './runPlan.js';

/** One committed run: what runs.arrow needs, and the day series for reports. */
export interface JournalEntry {
  readonly runId: string;
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  readonly summary: RunSummary;
  readonly daily: DailySeries;
  readonly wallSeconds: number;
}

/**
 * The completion journal of a sweep (`completed.jsonl`): one JSON line per finished run, appended and fsync'd after
 * the run's folder is in place. A run is complete exactly when its line is in the file, so a sweep killed at any
 * moment loses at most the runs in flight, and runs.arrow can always be rebuilt from the journal.
 * Numbers round-trip exactly (JSON keeps the shortest decimal that reads back to the same double); NaN and the
 * infinities, which JSON lacks, are written as the strings "NaN", "Infinity" and "-Infinity".
 */
export class Journal {
  private readonly fd: number;

  /** Opens `file` for appending, creating it if needed. */
  constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  /** Appends the run's line and waits until it is on disk. */
  append(done: CompletedRun): void {
    const entry: JournalEntry = {
      runId: done.run.runId,
      point: done.run.point,
      replication: done.run.replication,
      seed: done.run.seed,
      summary: done.summary,
      daily: done.daily,
      wallSeconds: done.wallSeconds,
    };
    const bytes = Buffer.from(`${encodeLine(entry)}\n`, 'utf8');
    for (let written = 0; written < bytes.byteLength; ) written += writeSync(this.fd, bytes, written, bytes.byteLength - written);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A journal line for `entry`. */
export function encodeLine(entry: JournalEntry): string {
  return JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
}

/**
 * Reads a journal: entries by run id (a later line for the same run replaces an earlier one). A last line cut short
 * by a kill is not a committed run; with `repair` it is cut off the file so that appending can continue. With
 * `daily: false` the day series are left empty (what runs.arrow needs is a fraction of the journal).
 * @throws Error naming the file and line when a line before the last is damaged.
 */
export function readJournal(file: string, options: { repair?: boolean; daily?: boolean } = {}): Map<string, JournalEntry> {
  const entries = new Map<string, JournalEntry>();
  if (!existsSync(file)) return entries;
  const text = readFileSync(file, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length && options.repair) truncateSync(file, Buffer.byteLength(text.slice(0, complete), 'utf8'));
  const lines = text.slice(0, complete).split('\n');
  lines.pop();
  lines.forEach((line, k) => {
    let entry: JournalEntry;
    try {
      entry = decodeLine(line, options.daily ?? true);
    } catch (error) {
      throw new Error(`${file}:${k + 1}: damaged journal line (${(error as Error).message})`);
    }
    entries.set(entry.runId, entry);
  });
  return entries;
}

function decodeLine(line: string, withDaily: boolean): JournalEntry {
  const raw = JSON.parse(line) as JournalEntry;
  if (typeof raw.runId !== 'string' || typeof raw.summary !== 'object' || raw.summary === null) throw new Error('missing runId or summary');
  const number = (value: unknown): number => (typeof value === 'string' ? Number(value) : (value as number));
  const summary = Object.fromEntries(Object.entries(raw.summary).map(([name, value]) => [name, number(value)]));
  const series = (values: unknown[] | undefined): number[] => (withDaily ? (values ?? []).map(number) : []);
  const daily: DailySeries = {
    impulse_share: series(raw.daily?.impulse_share),
    mean_trust: series(raw.daily?.mean_trust),
    gmv: series(raw.daily?.gmv),
    purchases: series(raw.daily?.purchases),
  };
  return { ...raw, summary, daily };
}
