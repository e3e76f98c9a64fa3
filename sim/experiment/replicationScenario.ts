import { replicationSeed } from '../run.js';
import type { Scenario } from '../scenario/schema.js';
import { worldOfReplication } from './worldVariance.js';

/** A replication's scenario and the overrides that reproduce it with `mallsim run`. */
export interface ReplicationScenario {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly overrides: readonly string[];
}

/**
 * Replication r of a scenario: run seed base + r. With `worlds`, replications share that many markets, round-robin:
 * replication r's catalog and population seeds are base + (r mod worlds), so replications of one world differ only in
 * behaviour. Without it each replication's market follows its own run seed (or the scenario's fixed world seeds).
 */
export function replicationScenario(scenario: Scenario, baseSeed: number, replication: number, worlds: number | null): ReplicationScenario {
  const seed = replicationSeed(baseSeed, replication);
  const run = { ...scenario.run, seed };
  if (worlds === null) return { scenario: { ...scenario, run }, seed, overrides: [`run.seed=${seed}`] };
  const worldSeed = replicationSeed(baseSeed, worldOfReplication(replication, worlds));
  return {
    scenario: { ...scenario, run, catalog: { ...scenario.catalog, seed: worldSeed }, population: { ...scenario.population, seed: worldSeed } },
    seed,
    overrides: [`run.seed=${seed}`, `catalog.seed=${worldSeed}`, `population.seed=${worldSeed}`],
  };
}
