import { createCatalog } from '../../../sim/catalog.js';
import { CandidatePool } from '../../../sim/platform/candidatePool.js';
import { PlatformObservations } from '../../../sim/platform/observations.js';
import type { RecommenderPolicy } from '../../../sim/platform/policy.js';
import { createPolicy } from '../../../sim/platform/policies/index.js';
import { publicCatalogOf, type PublicCatalog } from '../../../sim/platform/publicCatalog.js';
import { DailyRankings } from '../../../sim/platform/rankings.js';
import { namedStream, type RandomSource } from '../../../sim/rng.js';
import type { PlatformParams, PolicyName } from '../../../sim/scenario/schema.js';
import { smallScenario } from '../../helpers/scenarios.js';

/** A hand-sized platform for one policy: catalog, observations, rankings and the policy, with the nightly steps. */
export interface TinyPlatform {
  catalog: PublicCatalog;
  observations: PlatformObservations;
  rankings: DailyRankings;
  params: PlatformParams;
  policy: RecommenderPolicy;
  pool: CandidatePool;
  draw: RandomSource;
  /** The platform's overnight order: forget, rebuild rankings, train. */
  night(day: number): void;
  /** Candidates and scores for a consumer; returns the pooled items with their scores. */
  rank(consumer: number): { items: number[]; scores: number[] };
}

export function tinyPlatform(policy: PolicyName, consumers: number, items: number, platform: Record<string, unknown> = {}, dims = 8): TinyPlatform {
  const scenario = smallScenario({
    population: { size: consumers },
    catalog: { items, categories: Math.min(5, items), featureDims: dims, liveItemShare: 0, limitedOfferShare: 0 },
    platform: { policy, ...platform },
  });
  const catalog = publicCatalogOf(createCatalog(scenario.catalog, 1));
  catalog.stock.fill(1000);
  const observations = new PlatformObservations(consumers, catalog, new Uint8Array(consumers));
  const rankings = new DailyRankings(catalog, namedStream(1, 'platform/rankings'));
  const params = scenario.platform;
  const created = createPolicy(policy, { catalog, observations, rankings, params });
  rankings.rebuild(observations);
  const pool = new CandidatePool(Math.max(params.candidates, items), catalog);
  const draw = namedStream(1, 'test/draw');
  return {
    catalog,
    observations,
    rankings,
    params,
    policy: created,
    pool,
    draw,
    night(day: number) {
      observations.decay(params.policyParams.content.profileHalfLifeDays, params.policyParams.popularity.halfLifeDays);
      rankings.rebuild(observations);
      created.train(day);
    },
    rank(consumer: number) {
      pool.reset();
      created.collectCandidates(consumer, pool, draw);
      created.score(consumer, pool, draw);
      return { items: Array.from(pool.items.subarray(0, pool.count)), scores: Array.from(pool.scores.subarray(0, pool.count)) };
    },
  };
}

/** Scores every item of the catalog for a consumer (pool = whole catalog), by item id. */
export function scoreAll(platform: TinyPlatform, consumer: number): number[] {
  const { pool, policy, catalog, draw } = platform;
  pool.reset();
  for (let i = 0; i < catalog.size; i++) pool.add(i);
  policy.score(consumer, pool, draw);
  const scores = new Array<number>(catalog.size).fill(Number.NaN);
  for (let k = 0; k < pool.count; k++) scores[pool.items[k]] = pool.scores[k];
  return scores;
}

/** Records a view followed by a purchase. */
export function buy(platform: TinyPlatform, consumer: number, item: number): void {
  platform.observations.recordImpression(consumer, item);
  platform.observations.recordView(consumer, item);
  platform.observations.recordPurchase(consumer, item);
}
