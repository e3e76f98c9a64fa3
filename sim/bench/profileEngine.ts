import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { simulate } from '../run.js';
import { loadScenario } from '../scenario/load.js';

/*
 * `node dist/sim/bench/profileEngine.js`: where a run's time and allocations go, from one run of the bench shape
 * (PROFILE_CONSUMERS x PROFILE_DAYS, default 30,000 x 20) under V8's sampling CPU profiler, its sampling heap
 * profiler (objects later collected included) and a GC observer. Prints self time by source file and by function,
 * bytes allocated per consumer-day by function, and the share of wall time spent in GC. PROFILE_OUT=folder also keeps
 * the raw .cpuprofile and .heapprofile for Chrome DevTools. The numbers for docs/PERFORMANCE.md come from here.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const consumers = Number(process.env.PROFILE_CONSUMERS ?? 30_000);
const days = Number(process.env.PROFILE_DAYS ?? 20);
const keep = process.env.PROFILE_OUT;

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
}

const shortFile = (url: string) => (url === '' ? '(native)' : url.replace(/^.*\/dist\/sim\//, 'sim/').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^node:/, 'node:'));
const place = (frame: { functionName: string; url: string; lineNumber: number }) => `${frame.functionName || '(anonymous)'} ${shortFile(frame.url)}:${frame.lineNumber + 1}`;

function printTop(title: string, totals: Map<string, number>, total: number, unit: (value: number) => string, count = 25): void {
  console.log(`\n${title}`);
  for (const [name, value] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`  ${(100 * value / total).toFixed(1).padStart(5)}%  ${unit(value).padStart(12)}  ${name}`);
  }
}

async function main(): Promise<void> {
  const { scenario } = loadScenario(path.join(root, 'scenarios/default.yaml'), { overrides: [`population.size=${consumers}`, `run.days=${days}`] });
  let gcMilliseconds = 0;
  const gcByKind = new Map<string, { count: number; ms: number }>();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMilliseconds += entry.duration;
      const kind = String((entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 'gc');
      const slot = gcByKind.get(kind) ?? { count: 0, ms: 0 };
      slot.count++;
      slot.ms += entry.duration;
      gcByKind.set(kind, slot);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'HeapProfiler.enable');
  await post(session, 'HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await post(session, 'Profiler.start');
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-profile-'));
  const result = simulate(scenario, folder);
  const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
  const { profile: heap } = await post<{ profile: { head: HeapNode } }>(session, 'HeapProfiler.stopSampling');
  session.disconnect();
  // GC entries are delivered on a later turn of the event loop: the run itself is synchronous.
  await new Promise((resolve) => setTimeout(resolve, 200));
  observer.disconnect();
  rmSync(folder, { recursive: true, force: true });
  if (keep) {
    writeFileSync(path.join(keep, 'engine.cpuprofile'), JSON.stringify(profile));
    writeFileSync(path.join(keep, 'engine.heapprofile'), JSON.stringify(heap));
  }

  const consumerDays = consumers * days;
  console.log(`profile: default scenario shape, ${consumers.toLocaleString('en-US')} consumers x ${days} days, one core, under the profilers`);
  console.log(`wall time ${result.wallSeconds.toFixed(2)} s, ${(result.summary.exposures / result.wallSeconds / 1e6).toFixed(2)} M exposures/s, ${result.summary.exposures.toLocaleString('en-US')} exposures`);

  // Self time per node, from the samples and their time deltas.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, k) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let sampled = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    sampled += micros;
    const file = frame.functionName === '(garbage collector)' ? '(garbage collector)' : shortFile(frame.url);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
    byFunction.set(place(frame), (byFunction.get(place(frame)) ?? 0) + micros);
  }
  const ms = (micros: number) => `${(micros / 1000).toFixed(0)} ms`;
  printTop('self time by source file', byFile, sampled, ms, 30);
  printTop('self time by function', byFunction, sampled, ms, 30);

  const allocations = new Map<string, number>();
  let allocated = 0;
  const walk = (node: HeapNode) => {
    if (node.selfSize > 0) {
      allocations.set(place(node.callFrame), (allocations.get(place(node.callFrame)) ?? 0) + node.selfSize);
      allocated += node.selfSize;
    }
    node.children.forEach(walk);
  };
  walk(heap.head);
  console.log(`\nallocated (sampled, collected objects included): ${(allocated / 2 ** 20).toFixed(0)} MiB, ${(allocated / consumerDays).toFixed(0)} bytes per consumer-day`);
  printTop('allocations by function (bytes per consumer-day)', allocations, allocated, (bytes) => `${(bytes / consumerDays).toFixed(1)} B`, 20);
  console.log(`\nGC: ${(gcMilliseconds / 1000).toFixed(2)} s of ${result.wallSeconds.toFixed(2)} s wall (${((100 * gcMilliseconds) / 1000 / result.wallSeconds).toFixed(1)}%)`);
  const kindNames: Record<string, string> = { '1': 'scavenge (minor)', '2': 'mark-compact (major)', '4': 'incremental marking', '8': 'weak callbacks', '15': 'all' };
  for (const [kind, slot] of gcByKind) console.log(`  ${(kindNames[kind] ?? `kind ${kind}`).padEnd(24)} ${String(slot.count).padStart(6)} times, ${(slot.ms / 1000).toFixed(2)} s`);
}

await main();
