import path from 'node:path';
import { Field, Float64, Int32, Schema, Table, tableToIPC, Utf8, vectorFromArray, makeData, RecordBatch, Struct, type Data, type DataType } from 'apache-arrow';
import { writeFileAtomically, writeRunsTable } from '../experiment/runsTable.js';
import { formatNumber } from '../report/format.js';
import { VERSION } from '../version.js';
import type { SensitivityResult, SensitivityRow } from './sensitivity.js';
import { formatTextTable } from './textTable.js';

/** File names inside a sensitivity folder. */
export const SENSITIVITY_FILES = { indices: 'sensitivity.arrow', runs: 'runs.arrow', manifest: 'sensitivity.json' } as const;

/** The index columns of each method, as written to sensitivity.arrow: column name, row field, description. */
const INDEX_COLUMNS = {
  morris: [
    ['mu_star', 'muStar', 'mean absolute elementary effect (importance), in metric units per full parameter range'],
    ['mu', 'mu', 'mean elementary effect (signed)'],
    ['sigma', 'sigma', 'standard deviation of the elementary effects (interactions, non-linearity)'],
  ],
  sobol: [
    ['s1', 's1', 'first-order Sobol index (Saltelli 2010 estimator)'],
    ['s1_low', 's1Low', 'bootstrap 95% interval of s1, lower end'],
    ['s1_high', 's1High', 'bootstrap 95% interval of s1, upper end'],
    ['st', 'st', 'total-order Sobol index (Jansen 1999 estimator)'],
    ['st_low', 'stLow', 'bootstrap 95% interval of st, lower end'],
    ['st_high', 'stHigh', 'bootstrap 95% interval of st, upper end'],
  ],
} as const satisfies Record<string, readonly (readonly [string, keyof SensitivityRow, string])[]>;

/**
 * Writes sensitivity.arrow (metric, parameter, method, rank, then the method's index columns; one row per metric and
 * parameter, ranked within each metric), runs.arrow (every run of the design, long format) and sensitivity.json
 * (scenario, ranges, method, settings and seeds) into `folder`.
 */
export function writeSensitivityFolder(folder: string, result: SensitivityResult, settings: Record<string, unknown>): void {
  writeSensitivityTable(path.join(folder, SENSITIVITY_FILES.indices), result);
  const parameters = result.ranges.map((range) => range.path);
  const rows = result.evaluations.flatMap((evaluation, point) => evaluation.runs.map((done) => ({ run: { ...done.run, point }, values: evaluation.values, summary: done.summary })));
  writeRunsTable(path.join(folder, SENSITIVITY_FILES.runs), parameters, rows);
  const manifest = {
    mallsim_version: VERSION,
    method: result.method,
    metrics: result.metrics,
    params: result.ranges.map(({ path: parameter, lo, hi }) => ({ path: parameter, lo, hi })),
    ...settings,
    design_seed: result.designSeed,
    seeds: result.seeds,
    design_points: result.designPoints,
    distinct_points: result.evaluations.length,
    runs: rows.length,
    undefined_outputs: result.undefinedOutputs,
  };
  writeFileAtomically(path.join(folder, SENSITIVITY_FILES.manifest), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
}

/** Writes the ranked indices as an Arrow IPC file. */
export function writeSensitivityTable(file: string, result: SensitivityResult): void {
  const fields: Field[] = [];
  const children: Data[] = [];
  const add = (name: string, type: DataType, data: Data, description: string): void => {
    fields.push(new Field(name, type, false, new Map([['description', description]])));
    children.push(data);
  };
  const text = (values: string[]): Data => vectorFromArray(values, new Utf8()).data[0];
  const { rows } = result;
  add('metric', new Utf8(), text(rows.map((row) => row.metric)), 'summary metric analysed');
  add('parameter', new Utf8(), text(rows.map((row) => row.parameter)), 'scenario parameter varied');
  add('method', new Utf8(), text(rows.map(() => result.method)), 'morris or sobol');
  add('rank', new Int32(), makeData({ type: new Int32(), length: rows.length, nullCount: 0, data: Int32Array.from(rows, (row) => row.rank) }), 'rank within the metric, 1 = most influential');
  for (const [name, field, description] of INDEX_COLUMNS[result.method]) {
    add(name, new Float64(), makeData({ type: new Float64(), length: rows.length, nullCount: 0, data: Float64Array.from(rows, (row) => row[field] as number) }), description);
  }
  const schema = new Schema(fields, new Map([['mallsim_version', VERSION]]));
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children }));
  writeFileAtomically(file, tableToIPC(new Table(schema, [batch]), 'file'));
}

/** The ranked indices as text, one table per metric. */
export function formatSensitivityTables(result: SensitivityResult): string {
  return result.metrics
    .map((metric) => {
      const rows = result.rows.filter((row) => row.metric === metric);
      const missing = result.undefinedOutputs[metric] > 0 ? `\n(${result.undefinedOutputs[metric]} of ${result.evaluations.length} points gave no value of ${metric})` : '';
      const table =
        result.method === 'morris'
          ? formatTextTable(
              ['rank', 'parameter', 'mu*', 'mu', 'sigma'],
              rows.map((row) => [String(row.rank), row.parameter, formatNumber(row.muStar), formatNumber(row.mu), formatNumber(row.sigma)]),
            )
          : formatTextTable(
              ['rank', 'parameter', 'S1', 'S1 95% CI', 'ST', 'ST 95% CI'],
              rows.map((row) => [String(row.rank), row.parameter, formatNumber(row.s1), interval(row.s1Low, row.s1High), formatNumber(row.st), interval(row.stLow, row.stHigh)]),
            );
      return `${metric} (${result.method === 'morris' ? 'Morris elementary effects, ranked by mu*' : 'Sobol indices, ranked by ST'})\n${table}${missing}`;
    })
    .join('\n\n');
}

function interval(low: number, high: number): string {
  return `[${formatNumber(low)}, ${formatNumber(high)}]`;
}
