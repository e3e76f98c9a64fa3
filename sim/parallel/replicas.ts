import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.js';
import type { Exchange } from './exchange.js';
import { BLOCK_SIZE } from './ownership.js';
import type { ReplicaWorkerData } from './replicaWorker.js';
import { HubExchange } from './threadExchange.js';

/** Workers a run can use: no more than its blocks of consumers (a replica without consumers would only wait). */
export function usableThreads(scenario: Scenario, threads: number): number {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads: expected an integer >= 1, got ${threads}`);
  return Math.max(1, Math.min(threads, Math.ceil(scenario.population.size / BLOCK_SIZE)));
}

/** The compiled module a replica runs (runs from the TypeScript sources still need the build). */
function compiledModule(name: string): URL {
  const url = new URL(`./${name}.js`, import.meta.url);
  const file = fileURLToPath(url);
  if (!existsSync(file)) throw new Error(`threads: ${file} not found; build first (npm run build)`);
  return url;
}

/** The other replicas of one run, started, and the leader's end of their exchange. */
export interface ReplicaGroup {
  readonly hub: Exchange & { abort(): void };
  /** Ends the replicas (after the run, or when the leader failed). */
  stop(): void;
}

/**
 * Starts replicas 1..replicas-1 of a run on worker threads; the calling thread is replica 0, the leader. Each thread
 * builds the world itself from the scenario, so only the scenario crosses at the start. Threads, not child
 * processes: measured on this project's 2-core machine (docs/PERFORMANCE.md), two replica processes joined by pipes
 * were slower than one thread, two replica threads about 1.5x as fast.
 */
export function startReplicas(scenario: Scenario, replicas: number, exposures: boolean): ReplicaGroup {
  const url = compiledModule('replicaWorker');
  const signals = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 2 * replicas));
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const stop = () => {
    for (const worker of workers) void worker.terminate();
    for (const port of ports) port?.close();
  };
  try {
    for (let w = 1; w < replicas; w++) {
      const { port1, port2 } = new MessageChannel();
      ports[w] = port1;
      const workerData: ReplicaWorkerData = { scenario, replica: w, replicas, exposures, port: port2, signals };
      const worker = new Worker(url, { workerData, transferList: [port2] });
      // A thread that ends in error says so through the exchange; the event loop must not wait on it.
      worker.on('error', () => {});
      worker.unref();
      workers.push(worker);
    }
  } catch (error) {
    // The threads already started would build their worlds and wait for a leader that never comes.
    stop();
    throw error;
  }
  return { hub: new HubExchange(replicas, ports, signals), stop };
}
