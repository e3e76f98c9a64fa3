import type { RandomSource } from '../../rng.js';
import type { PolicyName } from '../../scenario/schema.js';
import { CandidatePool } from '../candidatePool.js';
import type { PolicyContext, RecommenderPolicy } from '../policy.js';

/** A part of the blend: a policy, its weight, and its own candidate pool. */
interface BlendPart {
  readonly policy: RecommenderPolicy;
  readonly weight: number;
  readonly pool: CandidatePool;
}

/**
 * A weighted blend of other policies (`weights`, per policy name; 0 leaves one out). Candidates are the union of the
 * parts' candidates, taken in turn from each part's own list so that every part contributes in proportion to its
 * weight. Each part scores the whole pool; scores are standardized per pool (mean 0, unit spread), so parts on
 * different scales blend fairly, and summed with the weights. Each part learns overnight as it would alone.
 */
export function createHybridPolicy(
  context: PolicyContext,
  createPart: (name: PolicyName, context: PolicyContext) => RecommenderPolicy,
): RecommenderPolicy {
  const { params, catalog } = context;
  const entries = Object.entries(params.policyParams.hybrid.weights) as [PolicyName, number][];
  const parts: BlendPart[] = entries
    .filter(([, weight]) => weight > 0)
    .map(([name, weight]) => ({ policy: createPart(name, context), weight, pool: new CandidatePool(params.candidates, catalog) }));
  if (parts.length === 0) throw new RangeError('platform.policyParams.hybrid.weights: expected at least one weight > 0');
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0);
  let blended = new Float64Array(Math.max(params.candidates, params.overPush.feedLength) * 2);
  const taken = new Int32Array(parts.length);

  return {
    name: 'hybrid',
    personalized: parts.some((part) => part.policy.personalized),
    hasFeed: true,
    collectCandidates(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      for (const part of parts) {
        part.pool.reset();
        part.policy.collectCandidates(consumer, part.pool, draw);
      }
      taken.fill(0);
      // Weighted round robin: the part furthest behind its weighted share gives the next candidate.
      for (;;) {
        let next = -1;
        let lag = Infinity;
        for (let p = 0; p < parts.length; p++) {
          if (taken[p] >= parts[p].pool.count) continue;
          const share = taken[p] / parts[p].weight;
          if (share < lag) {
            lag = share;
            next = p;
          }
        }
        if (next < 0 || pool.full) return;
        pool.add(parts[next].pool.items[taken[next]++]);
      }
    },
    score(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      const count = pool.count;
      if (blended.length < count) blended = new Float64Array(pool.capacity);
      blended.fill(0, 0, count);
      for (const part of parts) {
        part.policy.score(consumer, pool, draw);
        let mean = 0;
        for (let k = 0; k < count; k++) mean += pool.scores[k];
        mean /= count || 1;
        let variance = 0;
        for (let k = 0; k < count; k++) variance += (pool.scores[k] - mean) ** 2;
        const spread = Math.sqrt(variance / (count || 1));
        const scale = spread > 0 ? part.weight / (totalWeight * spread) : 0;
        for (let k = 0; k < count; k++) blended[k] += scale * (pool.scores[k] - mean);
      }
      pool.scores.set(blended.subarray(0, count));
    },
    train(day: number): void {
      for (const part of parts) part.policy.train(day);
    },
    rowsToShare(day: number): Float64Array[] {
      return parts.flatMap((part) => part.policy.rowsToShare?.(day) ?? []);
    },
  };
}
