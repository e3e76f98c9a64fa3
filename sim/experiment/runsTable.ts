import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import {
  Dictionary,
  Field,
  Float64,
  Int32,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Uint32,
  Utf8,
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { METRICS, type RunSummary } from '../metrics.js';
import { utf8Data } from '../output/arrowTableWriter.js';
import { VERSION } from '../version.js';
import { segmentMetricOf, splitSegmentMetricKey } from '../measures/segmentOutcomes.js';
import type { PlannedRun } from './runPlan.js';

/** One row of runs.arrow: the run, its parameter values (by parameter path) and its summary. */
export interface RunsTableRow {
  readonly run: PlannedRun;
  readonly values: Record<string, unknown>;
  readonly summary: RunSummary;
}

/** What a row of runs.arrow holds, without the run's scenario (a sweep rebuilds rows from its journal). */
export interface RunsRow {
  readonly runId: string;
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  readonly values: Readonly<Record<string, unknown>>;
  readonly summary: RunSummary;
}

/**
 * Writes runs.arrow (long format): run_id, point, replication, seed, one column per `parameters` entry (its value at
 * that point, as float64 when numeric else dictionary string), then one float64 column per metric in METRICS order,
 * then one per segment metric (`impulse_share@impulsive`), segment by segment.
 *
 * Rows are written in the order given, as one record batch: the table has one row per run, so it is small even for
 * large sweeps. The bytes depend only on the rows (dictionary ids are the column index, no time stamps), so the same
 * runs give the same file whichever order they finished in. The file is written beside its destination and renamed
 * into place, so a reader never sees half of it.
 */
export function writeRunsTable(file: string, parameters: readonly string[], rows: readonly RunsTableRow[]): void {
  writeRunsRows(
    file,
    parameters,
    rows.map(({ run, values, summary }) => ({ runId: run.runId, point: run.point, replication: run.replication, seed: run.seed, values, summary })),
  );
}

/** {@link writeRunsTable} from plain rows. */
export function writeRunsRows(file: string, parameters: readonly string[], rows: readonly RunsRow[]): void {
  const fields: Field[] = [];
  const children: Data[] = [];
  const add = (name: string, type: DataType, data: Data, description: string): void => {
    fields.push(new Field(name, type, false, new Map([['description', description]])));
    children.push(data);
  };
  add('run_id', new Utf8(), utf8Data(rows.map((row) => row.runId)), 'run id: a hash of the point, then the replication');
  add('point', new Int32(), int32Data(rows.map((row) => row.point)), 'index of the design point (or arm), from 0');
  add('replication', new Int32(), int32Data(rows.map((row) => row.replication)), 'replication index, from 0');
  add('seed', new Uint32(), makeData({ type: new Uint32(), length: rows.length, nullCount: 0, data: Uint32Array.from(rows, (row) => row.seed) }), 'run seed');
  for (const parameter of parameters) {
    if (fields.some((field) => field.name === parameter)) throw new RangeError(`runs table: parameter "${parameter}" clashes with another column`);
    const values = rows.map((row) => row.values[parameter]);
    if (values.every((value) => typeof value === 'number')) {
      add(parameter, new Float64(), float64Data(values as number[]), `scenario parameter ${parameter}`);
    } else {
      const type = new Dictionary(new Utf8(), new Int32(), fields.length, false);
      add(parameter, type, dictionaryData(type, values.map(parameterText)), `scenario parameter ${parameter} (as text)`);
    }
  }
  for (const metric of METRICS) {
    if (fields.some((field) => field.name === metric.name)) throw new RangeError(`runs table: parameter "${metric.name}" clashes with a metric column`);
    add(metric.name, new Float64(), float64Data(rows.map((row) => row.summary[metric.name] ?? Number.NaN)), metric.description);
  }
  // Segment columns, in the order of the first run that has each (runs of one plan share their segments).
  const segmentKeys = [...new Set(rows.flatMap((row) => Object.keys(row.summary).filter((key) => segmentMetricOf(key) !== undefined)))];
  for (const key of segmentKeys) {
    const { segment } = splitSegmentMetricKey(key);
    if (fields.some((field) => field.name === key)) throw new RangeError(`runs table: parameter "${key}" clashes with a segment metric column`);
    add(key, new Float64(), float64Data(rows.map((row) => row.summary[key] ?? Number.NaN)), `${segmentMetricOf(key)!.description}, segment ${segment}`);
  }
  const schema = new Schema(fields, new Map([['mallsim_version', VERSION]]));
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children }));
  writeFileAtomically(file, tableToIPC(new Table(schema, [batch]), 'file'));
}

/** A parameter value as it appears in a text column: strings as they are, anything else as JSON. */
function parameterText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined ? 'null' : JSON.stringify(value);
}

function float64Data(values: readonly number[]): Data {
  return makeData({ type: new Float64(), length: values.length, nullCount: 0, data: Float64Array.from(values) });
}

function int32Data(values: readonly number[]): Data {
  return makeData({ type: new Int32(), length: values.length, nullCount: 0, data: Int32Array.from(values) });
}


/** Codes in order of first appearance, so the dictionary is a function of the rows alone. */
function dictionaryData(type: Dictionary<Utf8, Int32>, values: readonly string[]): Data {
  const codes = new Map<string, number>();
  const indices = Int32Array.from(values, (value) => {
    let code = codes.get(value);
    if (code === undefined) codes.set(value, (code = codes.size));
    return code;
  });
  const dictionary: Vector<Utf8> = makeVector(utf8Data([...codes.keys()]));
  return makeData({ type, length: values.length, nullCount: 0, data: indices, dictionary });
}

/** Writes, syncs and renames: the destination holds either the old file or the whole new one. */
export function writeFileAtomically(file: string, bytes: Uint8Array): void {
  const temp = `${file}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, file);
}
