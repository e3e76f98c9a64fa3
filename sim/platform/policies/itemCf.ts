import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import { addPopularAndRandom, COLD_RANDOM_SHARE, scoreByPopularity } from '../learning/coldStart.js';
import { buildCoOccurrenceNeighbours, ItemColumns, ItemNeighbours } from '../learning/itemNeighbours.js';
import { ItemScratch, NeighbourScores } from '../learning/itemScratch.js';
import type { PolicyContext, RecommenderPolicy } from '../policy.js';

/** Weight of the r-th most recent history item is RECENCY_KEPT^r: the latest interests lead. */
const RECENCY_KEPT = 0.95;
/** Recent items whose neighbours score a consumer's items: older interests have faded by RECENCY_KEPT anyway. */
const SEED_ITEMS = 15;
/** Share of the pool from the neighbours of the consumer's recent items; the rest is popular and random. */
const NEIGHBOUR_SHARE = 0.6;

/**
 * Item-based collaborative filtering. Overnight (every `retrainEveryDays`), each item gets its most similar items by
 * cosine similarity of co-occurrence in consumers' recent histories (co-views and co-purchases). A consumer's score
 * for an item sums its similarity to the consumer's recent items, weighted by interaction strength and recency, plus
 * a little popularity. Candidates are the best-scoring neighbours of recent items, popular items and a few random
 * ones. A consumer with no history gets popularity with exploration; an item nobody has interacted with has no
 * neighbours and competes on popularity and random draws.
 */
export function createItemCfPolicy(context: PolicyContext): RecommenderPolicy {
  const { catalog, observations, rankings, params } = context;
  const settings = params.policyParams['item-cf'];
  const poolSize = params.candidates;
  observations.keepHistory(settings.historyLength);
  const neighbours = new ItemNeighbours(catalog.size, settings.neighbours);
  const columns = new ItemColumns(catalog.size);
  const trainScratch = new ItemScratch(catalog.size);
  const scores = new NeighbourScores(catalog.size, Math.ceil(poolSize * NEIGHBOUR_SHARE));
  const scratch = scores.scratch;
  let trained = false;
  let scoredConsumer = -1;
  let scoredWrites = -1;
  let scoredMax = 0;

  /** Accumulates the consumer's item scores into `scratch` (cached while the histories are unchanged). */
  function accumulate(consumer: number): number {
    const history = observations.history!;
    if (consumer === scoredConsumer && history.writes === scoredWrites) return scoredMax;
    scratch.clear();
    const filled = history.count[consumer];
    const limit = Math.min(filled, settings.historyLength, SEED_ITEMS);
    let recency = 1;
    for (let r = 0; r < limit; r++, recency *= RECENCY_KEPT) {
      const slot = history.slotByRecency(consumer, r);
      const w = history.weights[slot];
      const strength = w > 0 ? recency * history.strength[slot] : -recency;
      const item = history.items[slot];
      const o = item * neighbours.size;
      for (let n = 0; n < neighbours.count[item]; n++) scratch.add(neighbours.ids[o + n], strength * neighbours.similarity[o + n]);
    }
    const max = scores.max();
    scoredConsumer = consumer;
    scoredWrites = history.writes;
    scoredMax = max;
    return max;
  }

  return {
    name: 'item-cf',
    personalized: true,
    hasFeed: true,
    collectCandidates(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      const max = trained ? accumulate(consumer) : 0;
      if (max <= 0) {
        addPopularAndRandom(pool, rankings, catalog, poolSize, 1 - COLD_RANDOM_SHARE, COLD_RANDOM_SHARE, draw);
        return;
      }
      scores.addBest(pool);
      addPopularAndRandom(pool, rankings, catalog, poolSize, 0.25, COLD_RANDOM_SHARE, draw);
    },
    score(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      const max = trained ? accumulate(consumer) : 0;
      if (max <= 0) {
        scoreByPopularity(pool, rankings, settings.exploration, draw);
        return;
      }
      scores.score(pool, max, rankings.popularityScore, settings.popularityWeight);
    },
    train(day: number): void {
      if (day % settings.retrainEveryDays !== 0) return;
      buildCoOccurrenceNeighbours(observations.history!, columns, neighbours, settings.shrinkage, trainScratch);
      trained = true;
      scoredConsumer = -1;
    },
  };
}
