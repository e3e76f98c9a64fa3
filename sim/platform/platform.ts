import type { Catalog } from '../catalog.js';
import type { Population } from '../population.js';
import type { Scenario } from '../scenario/schema.js';
import { FeedBuilder } from './feed.js';
import { PlatformObservations } from './observations.js';
import type { PolicyContext, RecommenderPolicy } from './policy.js';
import { createPolicy } from './policies/index.js';
import { publicCatalogOf } from './publicCatalog.js';
import { DailyRankings } from './rankings.js';
import { namedStream } from '../rng.js';

/**
 * The platform agent: its observations, rankings, the scenario's policy, a non-personalized fallback for consumers
 * who opted out, and the feed builder. It is told who opted out at the start; everything else it learns.
 */
export class Platform {
  readonly observations: PlatformObservations;
  readonly rankings: DailyRankings;
  readonly policy: RecommenderPolicy;
  readonly fallback: RecommenderPolicy;
  readonly feeds: FeedBuilder;

  constructor(
    scenario: Scenario,
    catalog: Catalog,
    population: Pick<Population, 'size' | 'optedOut'>,
  ) {
    const publicCatalog = publicCatalogOf(catalog);
    this.observations = new PlatformObservations(population.size, publicCatalog, population.optedOut);
    this.rankings = new DailyRankings(publicCatalog, namedStream(scenario.run.seed, 'platform/rankings'));
    const context: PolicyContext = {
      catalog: publicCatalog,
      observations: this.observations,
      rankings: this.rankings,
      params: scenario.platform,
    };
    this.policy = createPolicy(scenario.platform.policy, context);
    this.fallback = this.policy.personalized ? createPolicy('popularity', context) : this.policy;
    this.feeds = new FeedBuilder(
      publicCatalog,
      this.observations,
      this.rankings,
      scenario.platform,
      this.policy,
      this.fallback,
      scenario.consumer.planned.searchResults,
    );
    this.rankings.rebuild(this.observations);
  }

  /** The policies' per-consumer learned rows that tonight's training reads for every consumer (RecommenderPolicy). */
  rowsToShare(day: number): Float64Array[] {
    const rows = this.policy.rowsToShare?.(day) ?? [];
    return this.fallback === this.policy ? rows : [...rows, ...(this.fallback.rowsToShare?.(day) ?? [])];
  }

  /** Overnight: forget with the configured half-lives, rebuild rankings, let the policy learn. */
  train(day: number, params: Scenario['platform']): void {
    this.observations.decay(profileHalfLife(params), params.policyParams.popularity.halfLifeDays);
    this.rankings.rebuild(this.observations);
    this.policy.train(day);
    if (this.fallback !== this.policy) this.fallback.train(day);
  }
}

/** Weight left to personal data as old as the retention window: "forgotten" means below 5% (assumption). */
const RETAINED_WEIGHT = 0.05;

/**
 * Half-life of personal profiles: the policy's own, shortened when a retention limit applies so that data older than
 * `retentionDays` keeps under 5% of its weight. Profiles are decayed sums, so forgetting is gradual, not a cut-off.
 */
export function profileHalfLife(params: Scenario['platform']): number {
  const own = params.policyParams.content.profileHalfLifeDays;
  const retention = params.data.retentionDays;
  if (retention === null) return own;
  return Math.min(own, (retention * Math.LN2) / -Math.log(RETAINED_WEIGHT));
}
