import type { RandomSource } from '../../rng.js';
import type { CandidatePool } from '../candidatePool.js';
import { addPopularAndRandom, COLD_RANDOM_SHARE } from '../learning/coldStart.js';
import { BayesianLinearModel } from '../learning/bayesianLinearModel.js';
import { favouriteCategories } from '../learning/favouriteCategories.js';
import { EVENT_IMPRESSION, EVENT_PURCHASE, EVENT_RETURN, EVENT_VIEW } from '../learning/interactionLog.js';
import { addSampled, type PolicyContext, type RecommenderPolicy } from '../policy.js';

/** How much observed weight a profile needs before it enters the context (as in content-based filtering). */
const MIN_PROFILE_WEIGHT = 1;
/** Favourite categories that candidates come from. */
const PROFILE_CATEGORIES = 3;
/** Conversion smoothing: an item starts from the catalog-wide rate with this many pseudo-impressions. */
const CONVERSION_PRIOR_IMPRESSIONS = 50;
/** Conversion enters the context relative to the catalog-wide rate, capped so a lucky item cannot dominate. */
const CONVERSION_CAP = 10;

/**
 * A contextual bandit: linear Thompson sampling. The context of showing item i to consumer c is x = [u * f_i, f_i,
 * popularity_i, conversion_i, 1], with u the unit learned profile (zero for an unknown consumer), f_i the item's
 * features and conversion_i the item's purchases per impression relative to the catalog's. The expected reward of an
 * impression is linear in x; the reward is 1 for an impression the consumer bought the same day, minus
 * `returnPenalty` when a purchase comes back. Overnight the posterior absorbs the day's impressions (every rewarded
 * one, a systematic `negativeSampling` share of the others, reweighted), and old evidence fades with `halfLifeDays`.
 * Each feed draws one weight vector from the posterior, scaled by `exploration`, and scores its candidates with it,
 * so uncertain directions get tried. Profiles, popularity and conversion enter contexts as they stood at the last
 * night, both when scoring and when learning: a context computed after the day would already contain the purchase
 * it is meant to predict. Cold start is built in: an unknown consumer is ranked by popularity, conversion and
 * features, with the draw's exploration. Candidates: the favourite categories' popular items, popular items and a
 * few random ones.
 */
export function createBanditPolicy(context: PolicyContext): RecommenderPolicy {
  const { catalog, observations, rankings, params } = context;
  const settings = params.policyParams.bandit;
  const { dims, categories } = catalog;
  const poolSize = params.candidates;
  const contextDims = 2 * dims + 3;
  observations.keepLog(true);
  const model = new BayesianLinearModel(contextDims, settings.priorPrecision);
  const sampled = new Float64Array(contextDims);
  const weights = new Float64Array(dims);
  const features = new Float64Array(contextDims);
  const unitProfile = new Float64Array(dims);
  /** Unit profiles, popularity and conversion as of the last night: the contexts of the day's impressions. */
  const nightlyProfile = new Float32Array(observations.consumers * dims);
  const nightlyPopularity = new Float64Array(catalog.size);
  const nightlyConversion = new Float64Array(catalog.size).fill(1);
  const topCategories = new Int32Array(PROFILE_CATEGORIES);
  const stride = Math.max(1, Math.round(1 / settings.negativeSampling));
  const forgetting = Math.pow(0.5, 1 / settings.halfLifeDays);
  /** Per-consumer chains of the day's purchase and view events (-1 ends a chain), to find each impression's reward. */
  const purchaseHead = new Int32Array(observations.consumers).fill(-1);
  const viewHead = new Int32Array(observations.consumers).fill(-1);
  let eventNext = new Int32Array(0);
  let cursor = 0;
  let negativeCount = 0;
  /** Views are looked up only when they earn a reward: with the default of 0 they would cost a chain walk for nothing. */
  const rewardsViews = settings.viewReward > 0;

  function loadProfile(consumer: number): void {
    const o = consumer * dims;
    for (let k = 0; k < dims; k++) unitProfile[k] = nightlyProfile[o + k];
  }

  /** Takes the night's snapshot of profiles, popularity and conversion (after learning from the day). */
  function snapshot(): void {
    for (let c = 0; c < observations.consumers; c++) {
      const o = c * dims;
      let norm = 0;
      for (let k = 0; k < dims; k++) norm += observations.profile[o + k] ** 2;
      const scale = observations.profileWeight[c] >= MIN_PROFILE_WEIGHT && norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < dims; k++) nightlyProfile[o + k] = observations.profile[o + k] * scale;
    }
    let purchases = 0;
    let impressions = 0;
    for (let i = 0; i < catalog.size; i++) {
      purchases += observations.itemPurchases[i];
      impressions += observations.itemImpressions[i];
    }
    const globalConversion = (purchases + 1) / (impressions + 100);
    for (let i = 0; i < catalog.size; i++) {
      const rate =
        (observations.itemPurchases[i] + globalConversion * CONVERSION_PRIOR_IMPRESSIONS) /
        (observations.itemImpressions[i] + CONVERSION_PRIOR_IMPRESSIONS);
      nightlyConversion[i] = Math.min(CONVERSION_CAP, rate / globalConversion);
      nightlyPopularity[i] = rankings.popularityScore[i];
    }
  }

  /** Writes the context of (loaded profile, item) into `features`. */
  function contextOf(item: number): void {
    const f = item * dims;
    for (let k = 0; k < dims; k++) {
      features[k] = unitProfile[k] * catalog.features[f + k];
      features[dims + k] = catalog.features[f + k];
    }
    features[2 * dims] = nightlyPopularity[item];
    features[2 * dims + 1] = nightlyConversion[item];
    features[2 * dims + 2] = 1;
  }

  /** True when the chain starting at `head` (a consumer's purchases or views of the day) holds the item. */
  function chainHolds(head: number, item: number, items: Int32Array, base: number): boolean {
    for (let e = head; e >= 0; e = eventNext[e]) if (items[e + base] === item) return true;
    return false;
  }

  function learnFromLog(): void {
    const log = observations.log!;
    const from = Math.max(cursor, log.oldest);
    const to = log.head;
    cursor = to;
    const base = log.indexOf(from);
    const events = to - from;
    if (eventNext.length < events) eventNext = new Int32Array(events);
    for (let e = events - 1; e >= 0; e--) {
      const kind = log.kind[base + e];
      if (kind !== EVENT_PURCHASE && !(kind === EVENT_VIEW && rewardsViews)) continue;
      const heads = kind === EVENT_PURCHASE ? purchaseHead : viewHead;
      const consumer = log.consumer[base + e];
      eventNext[e] = heads[consumer];
      heads[consumer] = e;
    }
    for (let e = 0; e < events; e++) {
      const kind = log.kind[base + e];
      const consumer = log.consumer[base + e];
      const item = log.item[base + e];
      if (kind === EVENT_RETURN) {
        loadProfile(consumer);
        contextOf(item);
        model.observe(features, -settings.returnPenalty, 1);
        continue;
      }
      if (kind !== EVENT_IMPRESSION) continue;
      // Every purchase is learned from; of the other impressions a systematic sample, weighted up to stand for all.
      const bought = chainHolds(purchaseHead[consumer], item, log.item, base);
      if (!bought && negativeCount++ % stride !== 0) continue;
      const viewed = rewardsViews && chainHolds(viewHead[consumer], item, log.item, base);
      loadProfile(consumer);
      contextOf(item);
      model.observe(features, (bought ? 1 : 0) + (viewed ? settings.viewReward : 0), bought ? 1 : stride);
    }
    for (let e = 0; e < events; e++) {
      purchaseHead[log.consumer[base + e]] = -1;
      viewHead[log.consumer[base + e]] = -1;
    }
  }

  return {
    name: 'bandit',
    personalized: true,
    hasFeed: true,
    collectCandidates(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      const known = observations.profileWeight[consumer] >= MIN_PROFILE_WEIGHT
        ? favouriteCategories(observations.categoryAffinity, consumer, categories, topCategories)
        : 0;
      if (known > 0) {
        const perCategory = Math.ceil((poolSize * 0.6) / known);
        for (let r = 0; r < known; r++) {
          const c = topCategories[r];
          addSampled(pool, rankings.byCategory, c * rankings.perCategory, rankings.validInCategory(c), perCategory, draw);
        }
      }
      addPopularAndRandom(pool, rankings, catalog, poolSize, known > 0 ? 0.25 : 1 - COLD_RANDOM_SHARE, COLD_RANDOM_SHARE, draw);
    },
    score(consumer: number, pool: CandidatePool, draw: RandomSource): void {
      model.sample(sampled, settings.exploration * model.rewardDeviation(), draw);
      loadProfile(consumer);
      // Fold the profile into one weight per feature dimension: scoring a candidate then costs one dot product.
      for (let k = 0; k < dims; k++) weights[k] = sampled[k] * unitProfile[k] + sampled[dims + k];
      const popularityWeight = sampled[2 * dims];
      const conversionWeight = sampled[2 * dims + 1];
      for (let n = 0; n < pool.count; n++) {
        const item = pool.items[n];
        const f = item * dims;
        let value = popularityWeight * nightlyPopularity[item] + conversionWeight * nightlyConversion[item];
        for (let k = 0; k < dims; k++) value += weights[k] * catalog.features[f + k];
        pool.scores[n] = value;
      }
    },
    train(): void {
      model.forget(forgetting);
      learnFromLog();
      model.refit();
      snapshot();
    },
  };
}
