import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import { addRandomItems, addSampled, type PolicyContext, type RecommenderPolicy } from '../policy.js';

/** Share of the candidate pool drawn at random: keeps unseen items discoverable (cold start). */
const RANDOM_SHARE = 0.1;

/**
 * Recent best sellers for everyone: items ranked by purchases with a half-life of `halfLifeDays`. Candidates are a
 * sample of the top list, so repeated sessions differ while the ranking stays the same for all consumers.
 */
export function createPopularityPolicy(context: PolicyContext): RecommenderPolicy {
  const { catalog, rankings, params } = context;
  const poolSize = params.candidates;
  return {
    name: 'popularity',
    personalized: false,
    hasFeed: true,
    collectCandidates(_consumer: number, pool: CandidatePool, draw: RandomSource): void {
      addSampled(pool, rankings.top, 0, rankings.top.length, Math.ceil(poolSize * (1 - RANDOM_SHARE)), draw);
      addRandomItems(pool, catalog.size, Math.ceil(poolSize * RANDOM_SHARE), draw);
    },
    score(_consumer: number, pool: CandidatePool): void {
      for (let k = 0; k < pool.count; k++) pool.scores[k] = rankings.popularityScore[pool.items[k]];
    },
    train(): void {},
  };
}
