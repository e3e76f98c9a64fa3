import { priceNow } from '../catalog.js';
import { SOURCE_FEED, SOURCE_LIVE, SOURCE_PUSH, SOURCE_SEARCH, SOURCE_SOCIAL } from '../codes.js';
import type { SocialNetwork } from '../social.js';
import type { RandomSource } from '../rng.js';
import type { PlatformParams } from '../scenario/schema.js';
import { CandidateQueue } from './candidateQueue.js';
import { CandidatePool } from './candidatePool.js';
import type { PlatformObservations } from './observations.js';
import type { RecommenderPolicy } from './policy.js';
import type { PublicCatalog } from './publicCatalog.js';
import type { DailyRankings } from './rankings.js';
import { ShownToday } from './shownToday.js';
import { dotAt } from '../vectors.js';

/**
 * Weight of an item's observed return rate in the wellbeing objective. At 6 the default market's regret rate falls by
 * about an eighth against the engagement objective, with sales within noise (docs/MODEL.md 7.5.3); at 2 it fell by 4%.
 */
const WELLBEING_RETURN_WEIGHT = 6;

/** An exposure's urgency label: none, true (a running offer or real scarcity) or false (the urgency lever). */
const LABEL_NONE = 0;
const LABEL_TRUE = 1;
const LABEL_FALSE = 2;

/** Stock at or below this many units earns a true "only N left" label. */
const LOW_STOCK_UNITS = 5;
/** Tries to find an in-stock random item before giving up on an exploration slot. */
const EXPLORATION_TRIES = 8;

/** One session's feed: items with their slot source and urgency label, in buffers reused for every session. */
export class Feed {
  readonly items: Int32Array;
  readonly source: Uint8Array;
  readonly urgency: Uint8Array;
  /** 1 when the urgency label is false: neither a running limited-time offer nor real scarcity (the urgency lever). */
  readonly falseUrgency: Uint8Array;
  /** Friends who shared the item, for posts (source social); 0 elsewhere. */
  readonly sharers: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.source = new Uint8Array(capacity);
    this.urgency = new Uint8Array(capacity);
    this.falseUrgency = new Uint8Array(capacity);
    this.sharers = new Uint8Array(capacity);
  }
}

/**
 * The feed pipeline: candidates from the policy, scores, the platform objective, then slots produced lazily as the
 * consumer scrolls (most feeds are abandoned before their end): each slot is the best remaining candidate (a max-heap
 * over the pool, or a greedy MMR step when diversity is on), a random item (epsilon exploration) or the best live
 * room, and gets its urgency label. Opted-out consumers are served by the non-personalized fallback policy.
 */
export class FeedBuilder {
  readonly feed: Feed;
  /** What each consumer was shown today: a feed rebuilt in a later hour leaves it out. */
  readonly shownItems: ShownToday;
  private readonly pool: CandidatePool;
  /** The ranked candidates, best first. */
  private readonly ranked: CandidateQueue;
  /** The live-room candidates, best first. */
  private readonly liveRanked: CandidateQueue;
  private readonly taken: Uint8Array;
  /** Each candidate's largest cosine similarity to an item shown to the current consumer today: MMR's redundancy. */
  private readonly redundancy: Float64Array;
  private draw: RandomSource = () => 0;
  private poolConsumer = -1;
  private poolDay = -1;
  private poolHour = -1;
  private placed = 0;
  private target = 0;
  private pushed = false;
  private consumer = -1;
  private day = -1;
  private social: SocialNetwork | null = null;
  private postShare = 0;
  private postLifeDays = 1;

  constructor(
    private readonly catalog: PublicCatalog,
    private readonly observations: PlatformObservations,
    private readonly rankings: DailyRankings,
    private readonly params: PlatformParams,
    private readonly policy: RecommenderPolicy,
    private readonly fallback: RecommenderPolicy,
    searchResults: number,
  ) {
    const capacity = Math.max(params.overPush.feedLength, searchResults);
    this.feed = new Feed(capacity);
    this.pool = new CandidatePool(Math.max(params.candidates, capacity * 2), catalog);
    this.ranked = new CandidateQueue(this.pool.capacity);
    this.liveRanked = new CandidateQueue(this.pool.capacity);
    this.taken = new Uint8Array(this.pool.capacity);
    this.redundancy = new Float64Array(this.pool.capacity);
    this.shownItems = new ShownToday(observations.consumers);
  }

  /**
   * Friends' shared purchases become feed posts: a share `postShare` of slots shows the freshest waiting post while
   * any is waiting and fresher than `postLifeDays`.
   */
  showPosts(network: SocialNetwork, postShare: number, postLifeDays: number): void {
    this.social = network;
    this.postShare = postShare;
    this.postLifeDays = postLifeDays;
  }

  /** Search results for a category: its most popular in-stock items, the same for every consumer. */
  buildSearch(category: number, length: number): Feed {
    const { feed, rankings, catalog } = this;
    const offset = category * rankings.perCategory;
    const available = rankings.validInCategory(category);
    this.target = 0;
    feed.length = 0;
    for (let r = 0; r < available && feed.length < length; r++) {
      const item = rankings.byCategory[offset + r];
      if (catalog.stock[item] <= 0) continue;
      feed.items[feed.length] = item;
      feed.source[feed.length] = SOURCE_SEARCH;
      feed.sharers[feed.length] = 0;
      feed.urgency[feed.length] = 0;
      feed.falseUrgency[feed.length] = 0;
      feed.length++;
    }
    return feed;
  }

  /**
   * Starts a feed of up to `length` slots for the consumer (the first carries the push when `pushed`); slots are
   * added by `extend` as the consumer scrolls. `draw` is the platform's stream for this consumer.
   *
   * The candidate pool stays valid for the consumer's further sessions in the same hour (the rule for reuse): what it
   * was scored on (the hour-start counters and stock, the rooms on air, the rankings) cannot change within an hour,
   * and the consumer's own profile moves only by the views in between. Such a session resumes down the same pool
   * while enough candidates remain. A session in a later hour gets a pool built afresh, without the items the
   * consumer was shown earlier today. Items sold out meanwhile are skipped.
   */
  beginFeed(consumer: number, length: number, pushed: boolean, draw: RandomSource, day: number, hour: number): Feed {
    this.draw = draw;
    this.target = Math.min(length, this.feed.items.length);
    this.pushed = pushed;
    this.consumer = consumer;
    this.day = day;
    this.feed.length = 0;
    if (consumer === this.poolConsumer && day === this.poolDay && hour === this.poolHour && this.remaining() >= this.target) return this.feed;
    this.poolConsumer = consumer;
    this.poolDay = day;
    this.poolHour = hour;
    const { pool } = this;
    const policy = this.observations.optedOut[consumer] ? this.fallback : this.policy;
    pool.reset();
    policy.collectCandidates(consumer, pool, draw);
    this.addLiveCandidates(draw);
    policy.score(consumer, pool, draw);
    this.applyObjective(consumer);
    this.taken.fill(0, 0, pool.count);
    // Cosine is at least -1: before anything is shown every candidate is as redundant as any other.
    this.redundancy.fill(-1, 0, pool.count);
    this.placed = 0;
    this.leaveOutShownToday(consumer, day);
    this.rankCandidates();
    return this.feed;
  }

  /** Marks the pool's items already shown to the consumer today as taken, and counts them into MMR's redundancy. */
  private leaveOutShownToday(consumer: number, day: number): void {
    const shown = this.shownItems;
    const diverse = this.params.rerank.diversity > 0;
    for (let e = shown.first(consumer, day); e >= 0; e = shown.next(e)) {
      const item = shown.item(e);
      const k = this.pool.indexOf(item);
      if (k >= 0 && !this.taken[k]) {
        this.taken[k] = 1;
        this.placed++;
      }
      if (diverse) this.noteShownForMmr(item);
    }
  }

  /** Raises each candidate's redundancy to its cosine similarity with `item`, now shown. */
  private noteShownForMmr(item: number): void {
    const { pool, redundancy } = this;
    const { features, dims } = this.catalog;
    const at = item * dims;
    for (let k = 0; k < pool.count; k++) {
      const similarity = dotAt(features, pool.items[k] * dims, features, at, dims);
      if (similarity > redundancy[k]) redundancy[k] = similarity;
    }
  }

  /** Pool candidates not yet placed in a feed today. */
  private remaining(): number {
    return this.pool.count - this.placed;
  }

  /** Adds the next slot to the current feed; false when the feed is complete or candidates ran out. */
  extend(): boolean {
    const { feed, pool, params, draw } = this;
    const slot = feed.length;
    if (slot >= this.target) return false;
    let source = SOURCE_FEED;
    let item = -1;
    let sharers = 0;
    // One draw splits the slot: exploration first, then a live room, then a friend's post, else the ranked feed.
    const u = draw();
    const { exploration } = params.rerank;
    const { liveShare } = params.overPush;
    if (slot === 0 && this.pushed) {
      source = SOURCE_PUSH;
    } else if (u < exploration) {
      item = this.explorationItem();
      // An explored item that is also a candidate must not come round again.
      const k = item >= 0 ? pool.indexOf(item) : -1;
      if (k >= 0 && !this.taken[k]) {
        this.taken[k] = 1;
        this.placed++;
      }
    } else if (u < exploration + (1 - exploration) * liveShare) {
      const k = this.takeBest(this.liveRanked);
      if (k >= 0) {
        this.placed++;
        item = pool.items[k];
        source = SOURCE_LIVE;
      }
    } else if (this.social !== null && u < exploration + (1 - exploration) * (liveShare + this.postShare)) {
      item = this.social.takePost(this.consumer, this.day, this.postLifeDays, this.catalog.stock);
      if (item >= 0) {
        source = SOURCE_SOCIAL;
        sharers = this.social.takenSharers;
        const k = pool.indexOf(item);
        if (k >= 0 && !this.taken[k]) {
          this.taken[k] = 1;
          this.placed++;
        }
      }
    }
    if (item < 0) {
      const k = params.rerank.diversity > 0 ? this.nextByMmr() : this.takeBest(this.ranked);
      if (k < 0) return false;
      this.placed++;
      item = pool.items[k];
    }
    feed.items[slot] = item;
    feed.source[slot] = source;
    feed.sharers[slot] = sharers;
    const label = this.urgencyLabel(item);
    feed.urgency[slot] = label === LABEL_NONE ? 0 : 1;
    feed.falseUrgency[slot] = label === LABEL_FALSE ? 1 : 0;
    this.shownItems.add(this.consumer, item, this.day);
    if (params.rerank.diversity > 0) this.noteShownForMmr(item);
    feed.length = slot + 1;
    return true;
  }

  /** Live rooms need live candidates whatever the policy proposed. */
  private addLiveCandidates(draw: RandomSource): void {
    if (this.params.overPush.liveShare <= 0) return;
    const want = Math.ceil(this.params.overPush.feedLength * this.params.overPush.liveShare) + 2;
    const live = this.rankings.topLive;
    const available = this.rankings.liveCount;
    for (let k = 0; k < want && available > 0 && !this.pool.full; k++) this.pool.add(live[Math.floor(draw() * available)]);
  }

  /**
   * Objective re-weighting. Revenue favours dearer items; wellbeing demotes items the platform has seen come back,
   * the more so for a consumer whose own purchases came back (the platform's proxy for regret and impulse risk).
   */
  private applyObjective(consumer: number): void {
    const { pool, catalog, observations, params } = this;
    if (params.objective === 'engagement') return;
    const weight = params.objectiveWeight;
    for (let k = 0; k < pool.count; k++) {
      const item = pool.items[k];
      if (params.objective === 'revenue') {
        pool.scores[k] += weight * 0.25 * Math.log(priceNow(catalog, item) / 25);
      } else {
        pool.scores[k] -= weight * WELLBEING_RETURN_WEIGHT * observations.itemReturnRate(item) * (0.5 + observations.consumerReturnRate(consumer));
      }
    }
  }

  /** Orders the pool for the feed: the live rooms always, the rest unless MMR picks them one by one. */
  private rankCandidates(): void {
    const { pool } = this;
    this.liveRanked.fill(pool.scores, pool.liveIndices, pool.liveCount);
    this.ranked.fill(pool.scores, null, this.params.rerank.diversity > 0 ? 0 : pool.count);
  }

  /** The best candidate of `queue` not yet placed and still in stock, marked taken; or -1. */
  private takeBest(queue: CandidateQueue): number {
    const k = queue.takeBest(this.taken, this.pool.items, this.catalog.stock);
    if (k >= 0) this.taken[k] = 1;
    return k;
  }

  /**
   * Greedy MMR step (Carbonell & Goldstein 1998): (1 - lambda) * relevance - lambda * (largest cosine similarity of
   * the candidate's features to an item shown to the consumer today).
   */
  private nextByMmr(): number {
    const { pool, taken, catalog, redundancy } = this;
    const lambda = this.params.rerank.diversity;
    let best = -1;
    let bestScore = -Infinity;
    for (let k = 0; k < pool.count; k++) {
      if (taken[k] || catalog.stock[pool.items[k]] <= 0) continue;
      const score = (1 - lambda) * pool.scores[k] - lambda * redundancy[k];
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    if (best >= 0) taken[best] = 1;
    return best;
  }

  /**
   * An exploration item: an in-stock item of the category of a random candidate, the less shown of two drawn from
   * the whole category. Exploration is how a platform learns about items it has little data on, so it reaches the
   * unranked and rarely shown items near the consumer's interests instead of items they would never look at. Up to
   * EXPLORATION_TRIES rounds; -1 when all of them hit sold-out items.
   */
  private explorationItem(): number {
    const { pool, catalog } = this;
    const { categoryStart, itemsByCategory } = this.rankings;
    const impressions = this.observations.itemImpressions;
    for (let t = 0; t < EXPLORATION_TRIES; t++) {
      const category = pool.count > 0 ? catalog.category[pool.items[Math.floor(this.draw() * pool.count)]] : Math.floor(this.draw() * catalog.categories);
      const first = categoryStart[category];
      const size = this.rankings.itemsInCategory(category);
      const a = itemsByCategory[first + Math.floor(this.draw() * size)];
      const b = itemsByCategory[first + Math.floor(this.draw() * size)];
      const item = catalog.stock[b] > 0 && (catalog.stock[a] <= 0 || impressions[b] < impressions[a]) ? b : a;
      if (catalog.stock[item] > 0) return item;
    }
    return -1;
  }

  /** True scarcity and running limited-time offers are always labelled; the urgency lever adds false labels to others. */
  private urgencyLabel(item: number): number {
    const { catalog } = this;
    if (catalog.limitedOffer[item]) return LABEL_TRUE;
    // The market's stock: a sample of a larger market holds only its share of each item (population.marketSize).
    if (catalog.stock[item] * catalog.marketScale <= LOW_STOCK_UNITS) return LABEL_TRUE;
    return this.draw() < this.params.overPush.urgencyShare ? LABEL_FALSE : LABEL_NONE;
  }
}

