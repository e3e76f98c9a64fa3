import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../run.js';
import { loadScenario } from '../scenario/load.js';

/*
 * `npm run bench`: the default scenario's shape at 100,000 consumers for 30 days, on one core. Prints what it
 * measured: exposures per second (the floor is 5 million), consumer-days per second, Arrow rows per second
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
  line('Arrow rows written', rows.toLocaleString('en-US'));
  line('Arrow rows per second', `${(rows / seconds / 1e3).toFixed(0)} K/s`);
  line('purchases', result.summary.purchases.toLocaleString('en-US'));
  line('peak memory (RSS)', `${peakMiB.toFixed(0)} MiB`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
