import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import { addRandomItems, addSampled } from '../policy.js';
import type { PublicCatalog } from '../publicCatalog.js';
import type { DailyRankings } from '../rankings.js';

/** Share of a pool drawn at random when a learner knows nothing of the consumer: unseen items stay discoverable. */
export const COLD_RANDOM_SHARE = 0.15;

/**
 * Cold-start candidates: a sample of the popular list and a few random items, `popularShare` and `randomShare` of
 * `poolSize`. Learned policies add these after their own candidates, and only these for consumers they do not know.
 */
export function addPopularAndRandom(
  pool: CandidatePool,
  rankings: DailyRankings,
  catalog: PublicCatalog,
  poolSize: number,
  popularShare: number,
  randomShare: number,
  draw: RandomSource,
): void {
  addSampled(pool, rankings.top, 0, rankings.top.length, Math.ceil(poolSize * popularShare), draw);
  addRandomItems(pool, catalog.size, Math.ceil(poolSize * randomShare), draw);
}

/** Cold-start scores: popularity plus a uniform exploration bonus of at most `exploration`. */
export function scoreByPopularity(pool: CandidatePool, rankings: DailyRankings, exploration: number, draw: RandomSource): void {
  for (let k = 0; k < pool.count; k++) pool.scores[k] = rankings.popularityScore[pool.items[k]] + exploration * draw();
}
