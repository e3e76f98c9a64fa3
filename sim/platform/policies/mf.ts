import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import { addPopularAndRandom, COLD_RANDOM_SHARE, scoreByPopularity } from '../learning/coldStart.js';
import { ImplicitAls } from '../learning/implicitAls.js';
import { buildFactorNeighbours, ItemNeighbours } from '../learning/itemNeighbours.js';
import { ItemScratch } from '../learning/itemScratch.js';
import { TopK } from '../learning/topList.js';
import { dotAt } from '../../vectors.js';
import type { PolicyContext, RecommenderPolicy } from '../policy.js';

/** Share of the pool from the factor-space neighbours of the consumer's recent items; the rest popular and random. */
const NEIGHBOUR_SHARE = 0.6;
/** Recent items whose neighbours are proposed: the latest interests. */
const SEED_ITEMS = 10;

/**
 * Implicit-feedback matrix factorization by alternating least squares with confidence weights c = 1 + alpha * r on
 * the consumers' recent histories (r: views count 1, purchases more; returned items are negative evidence).
 * Retrained every `retrainEveryDays`, warm-started from the previous factors. An item's score is the dot product of
 * the consumer's and the item's factors plus a little popularity. Candidates are items near the consumer's recent
 * items in factor space (lists rebuilt with the factors), popular items and a few random ones. Between retrainings a
 * consumer whose history changed gets a vector solved against the current item factors when the feed is built (a
 * fold-in); one with no history at all gets popularity with exploration.
 */
export function createMfPolicy(context: PolicyContext): RecommenderPolicy {
  const { catalog, observations, rankings, params } = context;
  const settings = params.policyParams.mf;
  const { factors } = settings;
  const poolSize = params.candidates;
  observations.keepHistory(settings.historyLength);
  const model = new ImplicitAls(observations.consumers, catalog.size, factors);
  /** History version each consumer's vector was solved at (0 = never). */
  const solvedAt = new Uint32Array(observations.consumers);
  const neighbours = new ItemNeighbours(catalog.size, settings.neighbours);
  const unitItemFactors = new Float64Array(catalog.size * factors);
  const scratch = new ItemScratch(catalog.size);
  const wanted = Math.ceil(poolSize * NEIGHBOUR_SHARE);
  const bestIds = new Int32Array(wanted);
  const bestValues = new Float64Array(wanted);
  const best = new TopK(wanted);
  let trained = false;

  /**
   * True when the consumer has a usable vector. A consumer whose history changed since the vector was solved is
   * solved again against the current item factors (a few conjugate-gradient steps): the feed reflects today's views.
   */
  function hasVector(consumer: number): boolean {
    const history = observations.history!;
    if (!trained || history.count[consumer] === 0) return false;
    if (solvedAt[consumer] !== history.version[consumer]) {
      model.solveConsumer(consumer, history, settings);
      solvedAt[consumer] = history.version[consumer];
    }
    return true;
  }

  return {
    name: 'mf',
    personalized: true,
    hasFeed: true,
    collectCandidates(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      if (!hasVector(consumer)) {
        addPopularAndRandom(pool, rankings, catalog, poolSize, 1 - COLD_RANDOM_SHARE, COLD_RANDOM_SHARE, draw);
        return;
      }
      // Neighbours of the latest items, ranked by the consumer's own factor score.
      const history = observations.history!;
      const seeds = Math.min(history.count[consumer], SEED_ITEMS);
      const consumerFactors = model.consumerFactors;
      scratch.clear();
      best.clear();
      for (let r = 0; r < seeds; r++) {
        const slot = history.slotByRecency(consumer, r);
        if (history.weights[slot] <= 0) continue;
        const item = history.items[slot];
        const o = item * neighbours.size;
        for (let n = 0; n < neighbours.count[item]; n++) {
          const candidate = neighbours.ids[o + n];
          if (scratch.get(candidate) !== 0) continue;
          scratch.add(candidate, 1);
          const value = dotAt(consumerFactors, consumer * factors, model.itemFactors, candidate * factors, factors);
          best.offer(candidate, value);
        }
      }
      const filled = best.drainDescending(bestIds, bestValues);
      for (let k = 0; k < filled; k++) pool.add(bestIds[k]);
      addPopularAndRandom(pool, rankings, catalog, poolSize, 0.25, COLD_RANDOM_SHARE, draw);
    },
    score(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      if (!hasVector(consumer)) {
        scoreByPopularity(pool, rankings, settings.exploration, draw);
        return;
      }
      const o = consumer * factors;
      for (let k = 0; k < pool.count; k++) {
        const item = pool.items[k];
        pool.scores[k] =
          dotAt(model.consumerFactors, o, model.itemFactors, item * factors, factors) +
          settings.popularityWeight * rankings.popularityScore[item];
      }
    },
    rowsToShare(day: number): Float64Array[] {
      // The fit warm-starts every consumer from the vector last folded in, wherever that happened.
      return day % settings.retrainEveryDays === 0 ? [model.consumerFactors] : [];
    },
    train(day: number): void {
      if (day % settings.retrainEveryDays !== 0) return;
      const history = observations.history!;
      model.fit(history, settings);
      buildFactorNeighbours(model.itemFactors, factors, neighbours, unitItemFactors);
      solvedAt.set(history.version);
      trained = true;
    },
  };
}
