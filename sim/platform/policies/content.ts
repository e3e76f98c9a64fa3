import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import { dotAt } from '../../vectors.js';
import { favouriteCategories } from '../learning/favouriteCategories.js';
import { addRandomItems, addSampled, type PolicyContext, type RecommenderPolicy } from '../policy.js';

/** How much observed weight a profile needs before it is trusted over popularity (cold start). */
const MIN_PROFILE_WEIGHT = 1;
/** The consumer's favourite categories that candidates come from, before diversity widens the reach. */
const PROFILE_CATEGORIES = 3;
/** Extra favourite categories at full diversity: re-ranking can only diversify what candidate generation offers. */
const DIVERSITY_EXTRA_CATEGORIES = 6;

/**
 * Content-based filtering: a profile is the decayed sum of the features of items the consumer watched or bought;
 * items score by cosine similarity to it, plus `popularityWeight` times their popularity. Candidates come from the
 * consumer's most-watched categories, the popular list and a random few; a consumer with no profile yet gets
 * popularity (cold start).
 */
export function createContentPolicy(context: PolicyContext): RecommenderPolicy {
  const { catalog, observations, rankings, params } = context;
  const { dims, categories } = catalog;
  const { popularityWeight } = params.policyParams.content;
  const poolSize = params.candidates;
  const reach = PROFILE_CATEGORIES + Math.round(params.rerank.diversity * DIVERSITY_EXTRA_CATEGORIES);
  const topCategories = new Int32Array(reach);
  // Float32 like the item features, so that every dot product in the engine sees one array type.
  const unitProfile = new Float32Array(dims);

  return {
    name: 'content',
    personalized: true,
    hasFeed: true,
    collectCandidates(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      const known = observations.profileWeight[consumer] >= MIN_PROFILE_WEIGHT ? favouriteCategories(observations.categoryAffinity, consumer, categories, topCategories) : 0;
      if (known > 0) {
        const perCategory = Math.ceil((poolSize * 0.6) / known);
        for (let r = 0; r < known; r++) {
          const category = topCategories[r];
          if (r < PROFILE_CATEGORIES) {
            addSampled(pool, rankings.byCategory, category * rankings.perCategory, rankings.validInCategory(category), perCategory, draw);
          } else {
            // Diversity's extra categories are new to the consumer: their candidates come from the whole category,
            // not its bestsellers, so that diversifying does not push everyone towards the same hits.
            addSampled(pool, rankings.itemsByCategory, rankings.categoryStart[category], rankings.itemsInCategory(category), perCategory, draw);
          }
        }
      }
      addSampled(pool, rankings.top, 0, rankings.top.length, Math.ceil(poolSize * (known > 0 ? 0.25 : 0.85)), draw);
      addRandomItems(pool, catalog.size, Math.ceil(poolSize * 0.15), draw);
    },
    score(consumer: number, pool: CandidatePool): void {
      const weight = observations.profileWeight[consumer];
      const o = consumer * dims;
      const profile = observations.profile;
      let norm = 0;
      for (let k = 0; k < dims; k++) norm += profile[o + k] * profile[o + k];
      const scale = weight >= MIN_PROFILE_WEIGHT && norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < dims; k++) unitProfile[k] = profile[o + k] * scale;
      for (let n = 0; n < pool.count; n++) {
        const item = pool.items[n];
        pool.scores[n] = dotAt(unitProfile, 0, catalog.features, item * dims, dims) + popularityWeight * rankings.popularityScore[item];
      }
    },
    train(): void {},
  };
}
