import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArrowTableWriter } from '../output/arrowTableWriter.js';
import { purchaseColumns } from '../output/tables.js';
import { simulate } from '../run.js';
import { loadScenario } from '../scenario/load.js';
import { measureReferenceKernel } from './referenceKernel.js';

/*
 * `npm run bench`: the default scenario's shape at 100,000 consumers for 30 days, on one core. Prints what it
 * measured: exposures per second (the target is at least 5 million), consumer-days per second, Arrow rows per second
 * and peak memory, and, from the same process, the rate of the plain struct-of-arrays reference kernel and the ratio
 * of the two. The ratio is the figure to watch on a noisy machine: a ratio more than 20% below the one recorded in
 * docs/PERFORMANCE.md is reported as a regression. Then the same run on two threads: its speed-up over one thread, and
 * whether its tables are byte-identical to the one-thread run's. `--large` (or BENCH_LARGE=1) runs 1,000,000 consumers x 30 days
 * instead and prints its wall time and peak memory against the 4 GiB limit. Not part of `npm test`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const large = process.argv.includes('--large') || process.env.BENCH_LARGE === '1';
const consumers = Number(process.env.BENCH_CONSUMERS ?? (large ? 1_000_000 : 100_000));
const days = Number(process.env.BENCH_DAYS ?? 30);
const LARGE_MEMORY_LIMIT_MIB = 4096;
/** A ratio this far below the recorded one is a regression, not noise (ratios drift by about 10%). */
const REGRESSION_TOLERANCE = 0.2;
const { scenario } = loadScenario(path.join(root, 'scenarios/default.yaml'), {
  overrides: [`population.size=${consumers}`, `run.days=${days}`],
});
const line = (label: string, value: string) => console.log(`${label.padEnd(28)} ${value}`);
const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-bench-'));
try {
  const result = simulate(scenario, folder);
  const seconds = result.wallSeconds;
  const rows = Object.values(result.rowCounts).reduce((a, b) => a + b, 0);
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  const engineRate = result.summary.exposures / seconds;
  console.log(`bench: default scenario shape, ${consumers.toLocaleString('en-US')} consumers x ${days} days, one core`);
  line('wall time', `${seconds.toFixed(2)} s`);
  line('exposures', result.summary.exposures.toLocaleString('en-US'));
  line('exposures per second', `${(engineRate / 1e6).toFixed(2)} M/s (floor 5, aim 10)`);
  line('consumer-days per second', `${((consumers * days) / seconds / 1e6).toFixed(2)} M/s`);
  line('Arrow rows written in run', rows.toLocaleString('en-US'));
  line('purchases', result.summary.purchases.toLocaleString('en-US'));
  line('peak memory (RSS)', `${peakMiB.toFixed(0)} MiB${large ? ` (limit ${LARGE_MEMORY_LIMIT_MIB} MiB: ${peakMiB <= LARGE_MEMORY_LIMIT_MIB ? 'within' : 'OVER THE LIMIT'})` : ''}`);
  if (!large) {
    const writer = measureWriter(path.join(folder, 'writer-bench.arrow'), 5_000_000);
    line('Arrow writer alone', `${(writer.rowsPerSecond / 1e6).toFixed(2)} M rows/s (purchases table, ${writer.columns} columns, 5 M rows)`);
    const reference = measureReferenceKernel();
    const ratio = engineRate / reference.exposuresPerSecond;
    line('reference kernel', `${(reference.exposuresPerSecond / 1e6).toFixed(2)} M exposures/s (struct of arrays: dot product, logistic, 3 updates, 1 draw)`);
    line('engine / reference', `${ratio.toFixed(3)}${judgeRatio(ratio)}`);
    measureThreads(result.wallSeconds, result.summary.exposures);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

/**
 * One run on two threads against the one-thread run above: the speed-up (the target is 1.7x on two cores), and a
 * check that every table came out byte-identical.
 */
function measureThreads(oneThreadSeconds: number, exposures: number): void {
  const threads = 2;
  const threaded = mkdtempSync(path.join(os.tmpdir(), 'mallsim-bench-threads-'));
  try {
    const result = simulate(scenario, threaded, { threads });
    const seconds = result.wallSeconds;
    const differing = readdirSync(folder)
      .filter((file) => file.endsWith('.arrow') && file !== 'writer-bench.arrow')
      .filter((file) => !readFileSync(path.join(folder, file)).equals(readFileSync(path.join(threaded, file))));
    line(`${threads} threads`, `${seconds.toFixed(2)} s, ${(exposures / seconds / 1e6).toFixed(2)} M exposures/s`);
    line(`speed-up, ${threads} threads / 1`, `${(oneThreadSeconds / seconds).toFixed(2)}x (target 1.7x on two cores; ${os.availableParallelism()} cores here)`);
    line('tables, threads vs one', differing.length === 0 ? 'byte-identical' : `DIFFERENT: ${differing.join(', ')}`);
    if (differing.length > 0) process.exitCode = 1;
  } finally {
    rmSync(threaded, { recursive: true, force: true });
  }
}

/** The engine / reference ratio recorded in docs/PERFORMANCE.md, against which a regression is judged. */
function recordedRatio(): number | undefined {
  const file = path.join(root, 'docs', 'PERFORMANCE.md');
  if (!existsSync(file)) return undefined;
  const match = /Recorded engine \/ reference ratio: ([0-9.]+)/.exec(readFileSync(file, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

function judgeRatio(ratio: number): string {
  const recorded = recordedRatio();
  if (recorded === undefined) return ' (no ratio recorded in docs/PERFORMANCE.md)';
  const change = ratio / recorded - 1;
  const verdict = ` (recorded ${recorded.toFixed(3)}: ${change >= 0 ? '+' : ''}${(100 * change).toFixed(1)}%)`;
  if (change >= -REGRESSION_TOLERANCE) return verdict;
  return `${verdict}\n${'!'.repeat(72)}\nREGRESSION: the engine is ${(-100 * change).toFixed(0)}% slower against the reference kernel than recorded\n${'!'.repeat(72)}`;
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
