import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { executeRuns, type WorkerTransport } from '../experiment/workerPool.js';
import type { PlannedRun } from '../experiment/runPlan.js';
import { replicationSeed } from '../run.js';
import { loadScenario } from '../scenario/load.js';

/*
 * The sweep line of `npm run bench`: the same 8 summary-only runs of the default scenario (20,000 consumers x 14 days,
 * about 3 s each on one core) with 1 and then 2 workers. Prints both wall times, the speed-up (the aim is >= 1.8x on
 * two cores) and peak memory (the parent plus each worker's peak). BENCH_SWEEP_TRANSPORT=thread measures worker
 * threads instead of child processes, `both` measures the two. On Linux it also prints how busy the whole machine was
 * (from /proc/stat): a speed-up measured while something else used the cores is not the pool's speed-up.
 * BENCH_SWEEP_REPEATS=k keeps the fastest of k trials of each.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const runCount = Number(process.env.BENCH_SWEEP_RUNS ?? 8);
const consumers = Number(process.env.BENCH_SWEEP_CONSUMERS ?? 20_000);
const days = Number(process.env.BENCH_SWEEP_DAYS ?? 14);
const transportSetting = process.env.BENCH_SWEEP_TRANSPORT ?? 'process';
// Best of several trials: on a shared machine another job can slow any one trial, never speed it up.
const repeats = Number(process.env.BENCH_SWEEP_REPEATS ?? 2);
const transports: WorkerTransport[] = transportSetting === 'both' ? ['process', 'thread'] : [transportSetting as WorkerTransport];

const { scenario } = loadScenario(path.join(root, 'scenarios/default.yaml'), { overrides: [`population.size=${consumers}`, `run.days=${days}`] });
const runs: PlannedRun[] = Array.from({ length: runCount }, (_, r) => {
  const seed = replicationSeed(scenario.run.seed, r);
  return { runId: `bench-rep-${r}`, point: 0, replication: r, seed, scenario: { ...scenario, run: { ...scenario.run, seed } }, folder: null };
});

const line = (label: string, value: string) => console.log(`${label.padEnd(28)} ${value}`);
const temp = mkdtempSync(path.join(os.tmpdir(), 'mallsim-sweep-bench-'));
try {
  console.log(`sweep bench: ${runCount} runs of the default scenario, ${consumers.toLocaleString('en-US')} consumers x ${days} days, summary only${repeats > 1 ? `, best of ${repeats}` : ''}`);
  for (const transport of transports) {
    const one = await bestOf(repeats, () => timeRuns(1, transport));
    const two = await bestOf(repeats, () => timeRuns(2, transport));
    if (JSON.stringify(one.summaries) !== JSON.stringify(two.summaries)) throw new Error('summaries differ between 1 and 2 workers');
    const kind = transport === 'process' ? 'processes' : 'threads';
    line(`--workers 1 (${kind})`, `${one.seconds.toFixed(2)} s (${(one.seconds / runCount).toFixed(2)} s a run)`);
    line(`--workers 2 (${kind})`, `${two.seconds.toFixed(2)} s`);
    line(`speed-up (${kind})`, `${(one.seconds / two.seconds).toFixed(2)}x (aim >= 1.8x on two cores)`);
    if (one.busyCores !== null && two.busyCores !== null) {
      line(`machine CPU busy (${kind})`, `${one.busyCores.toFixed(2)} cores with 1 worker, ${two.busyCores.toFixed(2)} with 2, of ${os.availableParallelism()}`);
    }
    // A worker thread's CPU clock is the whole process's, so the ratio only means something for processes.
    if (transport === 'process') line(`runs' CPU / wall (${kind})`, `${one.cpuShare.toFixed(2)} with 1 worker, ${two.cpuShare.toFixed(2)} with 2 (1.00: nothing else took the cores)`);
    line(`peak memory, 2 ${kind}`, `${mib(two.peakBytes)} MiB (${kind === 'processes' ? 'parent + both workers' : 'whole process'})`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

async function bestOf<T extends { seconds: number }>(trials: number, measure: () => Promise<T>): Promise<T> {
  let best = await measure();
  for (let k = 1; k < trials; k++) {
    const next = await measure();
    if (next.seconds < best.seconds) best = next;
  }
  return best;
}

async function timeRuns(workers: number, transport: WorkerTransport): Promise<{ seconds: number; peakBytes: number; summaries: unknown[]; busyCores: number | null; cpuShare: number }> {
  const usage = { workerPeakRssBytes: [] as number[], cpuSeconds: 0 };
  const cpuBefore = machineCpu();
  const started = process.hrtime.bigint();
  const completed = await executeRuns(runs, { workers, transport, tempRoot: temp, usage });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const parent = process.resourceUsage().maxRSS * 1024;
  // Worker threads report the whole process's peak, which already contains the parent.
  const peakBytes = transport === 'process' ? parent + usage.workerPeakRssBytes.reduce((a, b) => a + b, 0) : Math.max(parent, ...usage.workerPeakRssBytes);
  const cpuAfter = machineCpu();
  const busyCores = cpuBefore && cpuAfter ? (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total) * os.availableParallelism() : null;
  // CPU the runs got over the time they were given: below 1 means another job took the cores part of the time.
  const cpuShare = usage.cpuSeconds / completed.reduce((a, run) => a + run.wallSeconds, 0);
  return { seconds, peakBytes, summaries: completed.map((run) => run.summary), busyCores, cpuShare };
}

/** Busy and total CPU time of the whole machine so far (Linux /proc/stat, in clock ticks), or null elsewhere. */
function machineCpu(): { busy: number; total: number } | null {
  if (!existsSync('/proc/stat')) return null;
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3] + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
