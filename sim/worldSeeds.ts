import type { Scenario } from './scenario/schema.js';

/**
 * The seeds of the market a run happens in, apart from the run seed that drives behaviour. Each defaults to the run
 * seed, so every replication draws its own market; fixing `catalog.seed` and `population.seed` holds one market
 * while replications vary only what consumers and the platform do.
 */
export interface WorldSeeds {
  /** Items, prices, quality, stock, the daily limited-time offers and the live rooms' schedule. */
  readonly catalog: number;
  /** Consumers' segments, traits, interests, budgets and their friendship network. */
  readonly population: number;
}

export function worldSeedsOf(scenario: Pick<Scenario, 'run' | 'catalog' | 'population'>): WorldSeeds {
  return {
    catalog: scenario.catalog.seed ?? scenario.run.seed,
    population: scenario.population.seed ?? scenario.run.seed,
  };
}
