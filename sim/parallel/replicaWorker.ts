import { workerData, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.js';
import { Ownership } from './ownership.js';
import { ReplicaStopped, WorkerExchange } from './threadExchange.js';

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
async function runReplica(data: ReplicaWorkerData): Promise<void> {
  const exchange = new WorkerExchange(data.replica, data.replicas, data.port, data.signals);
  try {
    // Loaded here, not at the top: a module that fails to load is reported to the leader like any other error.
    const [{ createCatalog, marketScaleOf }, { Platform }, { createPopulation }, { simulateDays }, { World }, { worldSeedsOf }] = await Promise.all([
      import('../catalog.js'),
      import('../platform/platform.js'),
      import('../population.js'),
      import('../run.js'),
      import('../world.js'),
      import('../worldSeeds.js'),
    ]);
    const { scenario } = data;
    const catalog = createCatalog(scenario.catalog, worldSeedsOf(scenario).catalog, marketScaleOf(scenario.population));
    const owned = new Ownership(scenario.population.size, data.replica, data.replicas);
    const population = createPopulation(scenario, catalog, (i) => owned.owns(i));
    const platform = new Platform(scenario, catalog, population);
    const world = new World(scenario, catalog, population, platform, null, exchange, data.exposures);
    simulateDays(world);
  } catch (error) {
    // Stopped by the leader: it knows why. Anything else, a silent leader included, is reported.
    if (!(error instanceof ReplicaStopped)) exchange.fail(error);
  }
}

void runReplica(workerData as ReplicaWorkerData);
