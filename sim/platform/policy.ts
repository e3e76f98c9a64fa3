import type { PlatformParams } from '../scenario/schema.js';
import type { RandomSource } from '../rng.js';
import type { CandidatePool } from './candidatePool.js';
import type { PlatformObservations } from './observations.js';
import type { PublicCatalog } from './publicCatalog.js';
import type { DailyRankings } from './rankings.js';

/**
 * What a policy may read: the public catalog, the platform's own observations and its cached rankings.
 * Nothing here reaches a consumer's true state; a test walks a policy's object graph to make sure.
 */
export interface PolicyContext {
  readonly catalog: PublicCatalog;
  readonly observations: PlatformObservations;
  readonly rankings: DailyRankings;
  readonly params: PlatformParams;
}

/**
 * A recommender policy: one file each under policies/. The feed builder owns the pipeline (candidates, scoring,
 * objective, re-ranking, labels); a policy supplies candidates and scores and may learn overnight.
 */
export interface RecommenderPolicy {
  readonly name: string;
  /** False for policies that use no personal data (opted-out consumers may be served by them). */
  readonly personalized: boolean;
  /** False for the search baseline: sessions happen only when a consumer searches for a need. */
  readonly hasFeed: boolean;
  /** Adds the candidate items for one feed. */
  collectCandidates(consumer: number, pool: CandidatePool, draw: RandomSource): void;
  /** Writes a relevance score for every candidate (pool.scores[k] for pool.items[k]); higher is better. */
  score(consumer: number, pool: CandidatePool, draw: RandomSource): void;
  /** Overnight learning from the day's observations. */
  train(day: number): void;
  /**
   * Per-consumer arrays of learned state that sessions write and tonight's `train(day)` reads for every consumer (a
   * consumer's vector folded in when the feed was built): on a run with several replicas each replica's rows of
   * them are copied to the others before training. None for most policies.
   */
  rowsToShare?(day: number): Float64Array[];
}

/** Samples `count` entries of `list[offset .. offset + length)` into the pool. */
export function addSampled(pool: CandidatePool, list: Int32Array, offset: number, length: number, count: number, draw: RandomSource): void {
  if (length <= 0) return;
  for (let k = 0; k < count && !pool.full; k++) pool.add(list[offset + Math.floor(draw() * length)]);
}

/** Adds `count` items drawn uniformly from the whole catalog. */
export function addRandomItems(pool: CandidatePool, catalogSize: number, count: number, draw: RandomSource): void {
  for (let k = 0; k < count && !pool.full; k++) pool.add(Math.floor(draw() * catalogSize));
}
