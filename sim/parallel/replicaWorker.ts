import { workerData, type MessagePort } from 'node:worker_threads';
import { createCatalog, marketScaleOf } from '../catalog.js';
import { Platform } from '../platform/platform.js';
import { createPopulation } from '../population.js';
import { simulateDays } from '../run.js';
import type { Scenario } from '../scenario/schema.js';
import { World } from '../world.js';
import { worldSeedsOf } from '../worldSeeds.js';
import { ReplicaError, WorkerExchange } from './threadExchange.js';

/** What the leader's thread hands a replica thread when it starts it. */
export interface ReplicaWorkerData {
  readonly scenario: Scenario;
  readonly replica: number;
  readonly replicas: number;
  readonly exposures: boolean;
  readonly port: MessagePort;
  readonly signals: Int32Array;
}

/**
 * A replica thread: builds the same world as every replica (it is all drawn from the seeds), simulates its own
 * consumers day by day, meeting the others at each sync point, and hands the leader its consumers' final state.
 */
function runReplica(data: ReplicaWorkerData): void {
  const exchange = new WorkerExchange(data.replica, data.replicas, data.port, data.signals);
  try {
    const { scenario } = data;
    const catalog = createCatalog(scenario.catalog, worldSeedsOf(scenario).catalog, marketScaleOf(scenario.population));
    const population = createPopulation(scenario, catalog);
    const platform = new Platform(scenario, catalog, population);
    const world = new World(scenario, catalog, population, platform, null, exchange, data.exposures);
    simulateDays(world);
  } catch (error) {
    // Stopped by the leader: it knows why.
    if (!(error instanceof ReplicaError)) exchange.fail(error);
  }
}

runReplica(workerData as ReplicaWorkerData);
