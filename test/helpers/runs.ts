import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { simulate, type RunResult, type SimulateOptions } from '../../sim/run.js';
import type { Scenario } from '../../sim/scenario/schema.js';

/** A run in a fresh temporary folder; call `cleanup` when done. */
export interface TempRun {
  readonly result: RunResult;
  readonly folder: string;
  table(name: string): Table;
  bytes(name: string): Buffer;
  cleanup(): void;
}

export function runInTemp(scenario: Scenario, options: SimulateOptions = {}): TempRun {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-test-'));
  const result = simulate(scenario, folder, options);
  return {
    result,
    folder,
    table: (name) => tableFromIPC(readFileSync(path.join(folder, `${name}.arrow`))),
    bytes: (name) => readFileSync(path.join(folder, `${name}.arrow`)),
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** A column as a plain number array (booleans as 0/1). */
export function numbers(table: Table, column: string): number[] {
  const vector = table.getChild(column);
  if (!vector) throw new Error(`no column ${column}`);
  return Array.from(vector.toArray() as ArrayLike<number | boolean>, (v) => Number(v));
}

/** A column as strings (dictionary columns). */
export function strings(table: Table, column: string): string[] {
  const vector = table.getChild(column);
  if (!vector) throw new Error(`no column ${column}`);
  return Array.from({ length: vector.length }, (_, k) => String(vector.get(k)));
}

/**
 * Runs small scenarios in temporary folders and removes them all at once: `run` with scenario overrides and
 * simulate options, `cleanup` in an afterAll.
 */
export function tempRuns(scenarioOf: (overrides: Record<string, unknown>) => Scenario): {
  run: (overrides?: Record<string, unknown>, options?: SimulateOptions) => TempRun;
  cleanup: () => void;
} {
  const runs: TempRun[] = [];
  return {
    run: (overrides = {}, options = {}) => {
      const r = runInTemp(scenarioOf(overrides), options);
      runs.push(r);
      return r;
    },
    cleanup: () => runs.forEach((r) => r.cleanup()),
  };
}
