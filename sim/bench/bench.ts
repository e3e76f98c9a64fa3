import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArrowTableWriter } from '../output/arrowTableWriter.js';
import { purchaseColumns } from '../output/tables.js';
import { simulate } from '../run.js';
import { loadScenario } from '../scenario/load.js';

/*
 * `npm run bench`: the default scenario's shape at 100,000 consumers for 30 days, on one core. Prints what it
 * measured: exposures per second (the target is at least 5 million), consumer-days per second, Arrow rows per second
 * and peak memory. Not part of `npm test`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const consumers = Number(process.env.BENCH_CONSUMERS ?? 100_000);
const days = Number(process.env.BENCH_DAYS ?? 30);
const { scenario } = loadScenario(path.join(root, 'scenarios/default.yaml'), {
  overrides: [`population.size=${consumers}`, `run.days=${days}`],
});
const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-bench-'));
try {
  const result = simulate(scenario, folder);
  const seconds = result.wallSeconds;
  const rows = Object.values(result.rowCounts).reduce((a, b) => a + b, 0);
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  const line = (label: string, value: string) => console.log(`${label.padEnd(28)} ${value}`);
  console.log(`bench: default scenario shape, ${consumers.toLocaleString('en-US')} consumers x ${days} days, one core`);
  line('wall time', `${seconds.toFixed(2)} s`);
  line('exposures', result.summary.exposures.toLocaleString('en-US'));
  line('exposures per second', `${(result.summary.exposures / seconds / 1e6).toFixed(2)} M/s (floor 5, aim 10)`);
  line('consumer-days per second', `${((consumers * days) / seconds / 1e6).toFixed(2)} M/s`);
  line('Arrow rows written in run', rows.toLocaleString('en-US'));
  const writer = measureWriter(path.join(folder, 'writer-bench.arrow'), 5_000_000);
  line('Arrow writer alone', `${(writer.rowsPerSecond / 1e6).toFixed(2)} M rows/s (purchases table, ${writer.columns} columns, 5 M rows)`);
  line('purchases', result.summary.purchases.toLocaleString('en-US'));
  line('peak memory (RSS)', `${peakMiB.toFixed(0)} MiB`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

/** Rows per second of the purchases table's writer on its own: synthetic rows, batches of 65,536, to disk. */
function measureWriter(file: string, rowCount: number): { rowsPerSecond: number; columns: number } {
  const specs = purchaseColumns(['a', 'b', 'c']);
  const started = process.hrtime.bigint();
  const writer = new ArrowTableWriter(file, specs);
  const c = writer.columns;
  for (let k = 0; k < rowCount; k++) {
    const r = writer.nextRow();
    c.purchase_id[r] = k;
    c.consumer_id[r] = k % 100_000;
    c.item_id[r] = k % 2_000;
    c.day[r] = k % 30;
    c.price[r] = 10 + (k % 97);
    c.kind[r] = k % 3;
    c.emotion[r] = (k % 10) / 10;
    c.urgency[r] = k & 1;
  }
  writer.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rowsPerSecond: rowCount / seconds, columns: specs.length };
}
