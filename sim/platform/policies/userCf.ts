import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import { addPopularAndRandom, COLD_RANDOM_SHARE, scoreByPopularity } from '../learning/coldStart.js';
import { ConsumerNeighbours } from '../learning/consumerNeighbours.js';
import { NeighbourScores } from '../learning/itemScratch.js';
import type { PolicyContext, RecommenderPolicy } from '../policy.js';

/** Share of the pool from what the nearest consumers interacted with; the rest is popular and random. */
const NEIGHBOUR_SHARE = 0.6;

/**
 * User-based collaborative filtering. Overnight (every `retrainEveryDays`), each consumer gets the consumers with the
 * most similar recent histories (cosine over damped interaction weights), found by MinHash bucketing rather than by
 * comparing all pairs. An item's score is the similarity-weighted sum of the neighbours' interactions with it (a
 * purchase weighs more than a view), plus a little popularity; candidates are the neighbours' best items, popular
 * items and a few random ones. A consumer with no history or no neighbour yet gets popularity with exploration.
 */
export function createUserCfPolicy(context: PolicyContext): RecommenderPolicy {
  const { catalog, observations, rankings, params } = context;
  const settings = params.policyParams['user-cf'];
  const poolSize = params.candidates;
  observations.keepHistory(settings.historyLength);
  const neighbours = new ConsumerNeighbours(observations.consumers, catalog.size, settings.neighbours, settings.bands);
  const scores = new NeighbourScores(catalog.size, Math.ceil(poolSize * NEIGHBOUR_SHARE));
  const scratch = scores.scratch;
  let scoredConsumer = -1;
  let scoredWrites = -1;
  let scoredMax = 0;

  function accumulate(consumer: number): number {
    const history = observations.history!;
    if (consumer === scoredConsumer && history.writes === scoredWrites) return scoredMax;
    scratch.clear();
    const o = consumer * neighbours.size;
    for (let n = 0; n < neighbours.count[consumer]; n++) {
      const other = neighbours.ids[o + n];
      const similarity = neighbours.similarity[o + n];
      const ho = other * history.length;
      for (let s = 0; s < history.count[other]; s++) {
        const strength = history.strength[ho + s];
        if (strength > 0) scratch.add(history.items[ho + s], similarity * strength);
      }
    }
    const max = scores.max();
    scoredConsumer = consumer;
    scoredWrites = history.writes;
    scoredMax = max;
    return max;
  }

  return {
    name: 'user-cf',
    personalized: true,
    hasFeed: true,
    collectCandidates(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      if (accumulate(consumer) <= 0) {
        addPopularAndRandom(pool, rankings, catalog, poolSize, 1 - COLD_RANDOM_SHARE, COLD_RANDOM_SHARE, draw);
        return;
      }
      scores.addBest(pool);
      addPopularAndRandom(pool, rankings, catalog, poolSize, 0.25, COLD_RANDOM_SHARE, draw);
    },
    score(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      const max = accumulate(consumer);
      if (max <= 0) {
        scoreByPopularity(pool, rankings, settings.exploration, draw);
        return;
      }
      scores.score(pool, max, rankings.popularityScore, settings.popularityWeight);
    },
    train(day: number): void {
      if (day % settings.retrainEveryDays !== 0) return;
      neighbours.rebuild(observations.history!, settings);
      scoredConsumer = -1;
    },
  };
}
