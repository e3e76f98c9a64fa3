import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import type { PolicyContext, RecommenderPolicy } from '../policy.js';

/**
 * The pre-short-video baseline: no feed at all. A consumer opens the app only to search for a need, and search
 * results (ranked by popularity within the category) are built by the feed builder's search path.
 */
export function createSearchPolicy(_context: PolicyContext): RecommenderPolicy {
  return {
    name: 'search',
    personalized: false,
    hasFeed: false,
    collectCandidates(_consumer: number, _pool: CandidatePool, _draw: RandomSource): void {},
    score(): void {},
    train(): void {},
  };
}
