import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import { addRandomItems, type PolicyContext, type RecommenderPolicy } from '../policy.js';

/** Items drawn uniformly from the catalog: a feed with no learning, the control for personalization. */
export function createRandomPolicy(context: PolicyContext): RecommenderPolicy {
  const { catalog, params } = context;
  return {
    name: 'random',
    personalized: false,
    hasFeed: true,
    collectCandidates(_consumer: number, pool: CandidatePool, draw: RandomSource): void {
      addRandomItems(pool, catalog.size, params.overPush.feedLength * 2, draw);
    },
    score(_consumer: number, pool: CandidatePool, draw: RandomSource): void {
      for (let k = 0; k < pool.count; k++) pool.scores[k] = draw();
    },
    train(): void {},
  };
}
