import { afterEach, describe, expect, it } from 'vitest';
import { SOURCE_FEED } from '../../sim/codes.js';
import type { CandidatePool } from '../../sim/platform/candidatePool.js';
import { FeedBuilder } from '../../sim/platform/feed.js';
import type { RecommenderPolicy } from '../../sim/platform/policy.js';
import { publicCatalogOf } from '../../sim/platform/publicCatalog.js';
import { namedStream } from '../../sim/rng.js';
import type { World } from '../../sim/world.js';
import { smallScenario } from '../helpers/scenarios.js';
import { buildWorld } from '../helpers/world.js';

const FEED_LENGTH = 30;
const FEEDS = 100;

let closeWorld: (() => void) | null = null;
afterEach(() => {
  closeWorld?.();
  closeWorld = null;
});

/** A world whose every feed slot explores (no live rooms, posts or labels to split the slots). */
function exploringWorld(exploration: number): World {
  const scenario = smallScenario({
    population: { size: 50 },
    catalog: { items: 600, categories: 6, liveItemShare: 0, limitedOfferShare: 0 },
    platform: { policy: 'content', rerank: { exploration, diversity: 0 }, overPush: { liveShare: 0, urgencyShare: 0 } },
  });
  const { world, close } = buildWorld(scenario);
  closeWorld = close;
  return world;
}

/** A policy whose candidates are exactly `items`, ranked in that order: the pool is known to the test. */
function fixedPolicy(items: readonly number[]): RecommenderPolicy {
  return {
    name: 'fixed',
    personalized: false,
    hasFeed: true,
    collectCandidates(_consumer: number, pool: CandidatePool): void {
      for (const item of items) pool.add(item);
    },
    score(_consumer: number, pool: CandidatePool): void {
      for (let k = 0; k < pool.count; k++) pool.scores[k] = -k;
    },
    train(): void {},
  };
}

/** The items of a category, from the catalog itself (not from the rankings under test). */
function itemsOf(world: World, category: number): number[] {
  const items: number[] = [];
  for (let i = 0; i < world.catalog.size; i++) if (world.catalog.category[i] === category) items.push(i);
  return items;
}

/** Every item of FEEDS full feeds for consumer 0, one feed a day, built over a pool of exactly `candidates`. */
function feedItems(world: World, candidates: readonly number[]): number[] {
  const policy = fixedPolicy(candidates);
  const { observations, rankings } = world.platform;
  const builder = new FeedBuilder(publicCatalogOf(world.catalog), observations, rankings, world.scenario.platform, policy, policy, 10);
  const shown: number[] = [];
  for (let day = 0; day < FEEDS; day++) {
    const feed = builder.beginFeed(0, FEED_LENGTH, false, namedStream(11, `test/exploration/${day}`), day, 0);
    while (builder.extend());
    for (let slot = 0; slot < feed.length; slot++) {
      expect(feed.source[slot]).toBe(SOURCE_FEED);
      shown.push(feed.items[slot]);
    }
  }
  return shown;
}

describe('rankings.itemsByCategory', () => {
  it('lists every item once, grouped by category, with categoryStart bounding each group', () => {
    const world = exploringWorld(0.05);
    const { catalog } = world;
    const { itemsByCategory, categoryStart } = world.platform.rankings;
    expect(itemsByCategory.length).toBe(catalog.size);
    expect(Array.from(itemsByCategory).sort((a, b) => a - b)).toEqual(Array.from({ length: catalog.size }, (_, i) => i));
    expect(categoryStart.length).toBe(catalog.categories + 1);
    expect(categoryStart[0]).toBe(0);
    expect(categoryStart[catalog.categories]).toBe(catalog.size);
    for (let c = 0; c < catalog.categories; c++) {
      const group = Array.from(itemsByCategory.subarray(categoryStart[c], categoryStart[c + 1]));
      expect(group.every((item) => catalog.category[item] === c)).toBe(true);
      expect(group.sort((a, b) => a - b)).toEqual(itemsOf(world, c));
    }
  });
});

describe('exploration slots', () => {
  it('show items of the pool candidates’ categories, in proportion to the candidates, reaching beyond the pool', () => {
    const world = exploringWorld(1);
    const { category } = world.catalog;
    // Two candidates of category 1 and six of category 3: a slot explores category 1 a quarter of the time.
    const candidates = [...itemsOf(world, 1).slice(0, 2), ...itemsOf(world, 3).slice(0, 6)];
    const shown = feedItems(world, candidates);
    expect(shown.length).toBe(FEEDS * FEED_LENGTH);
    const outside = shown.filter((item) => category[item] !== 1 && category[item] !== 3);
    expect(outside).toEqual([]);
    const shareOfCategory1 = shown.filter((item) => category[item] === 1).length / shown.length;
    const distinct = new Set(shown);
    const beyondPool = shown.filter((item) => !candidates.includes(item)).length / shown.length;
    console.log(
      `exploration over a pool of 2 + 6 candidates in categories 1 and 3: ${shown.length} slots, category 1 share ${shareOfCategory1.toFixed(3)} ` +
        `(expected 0.25), ${distinct.size} distinct items (categories hold ${itemsOf(world, 1).length} + ${itemsOf(world, 3).length}), share outside the pool ${beyondPool.toFixed(3)}`,
    );
    expect(shareOfCategory1).toBeGreaterThan(0.18);
    expect(shareOfCategory1).toBeLessThan(0.32);
    // Drawn from the whole category, not just the candidates.
    expect(beyondPool).toBeGreaterThan(0.8);
    expect(distinct.size).toBeGreaterThan(0.8 * (itemsOf(world, 1).length + itemsOf(world, 3).length));
  });

  it('do not happen when exploration is 0: the feed is the pool, in rank order', () => {
    const world = exploringWorld(0);
    const candidates = [...itemsOf(world, 1).slice(0, 2), ...itemsOf(world, 3).slice(0, 6)];
    const policy = fixedPolicy(candidates);
    const builder = new FeedBuilder(publicCatalogOf(world.catalog), world.platform.observations, world.platform.rankings, world.scenario.platform, policy, policy, 10);
    const feed = builder.beginFeed(0, FEED_LENGTH, false, namedStream(11, 'test/exploration/none'), 0, 0);
    while (builder.extend());
    expect(Array.from(feed.items.subarray(0, feed.length))).toEqual(candidates);
  });

  it('favour the less shown of two items of the category', () => {
    const world = exploringWorld(1);
    const members = itemsOf(world, 2);
    const candidates = members.slice(0, 5);
    // Every other item of the category has been shown a million times.
    const oftenShown = new Set(members.filter((_, k) => k % 2 === 0));
    for (const item of oftenShown) world.platform.observations.itemImpressions[item] = 1_000_000;
    const shown = feedItems(world, candidates);
    expect(shown.every((item) => world.catalog.category[item] === 2)).toBe(true);
    const rareShare = shown.filter((item) => !oftenShown.has(item)).length / shown.length;
    console.log(`exploration with half of category 2 shown 1e6 times: rarely shown items take ${rareShare.toFixed(3)} of ${shown.length} slots (two uniform draws give 0.75, one draw 0.5)`);
    expect(rareShare).toBeGreaterThan(0.65);
    // Two draws, not the least shown item of the whole category.
    expect(rareShare).toBeLessThan(0.85);
  });

  it('show only items in stock, even when the sold-out ones are the least shown', () => {
    const world = exploringWorld(1);
    const { stock } = world.catalog;
    const members = itemsOf(world, 4);
    const candidates = members.slice(0, 5);
    // Two thirds of the category sold out; the items still in stock look over-shown, so only the stock check keeps
    // the sold-out ones out.
    const soldOut = new Set(members.filter((item, k) => !candidates.includes(item) && k % 3 !== 0));
    for (const item of members) {
      if (soldOut.has(item)) stock[item] = 0;
      else world.platform.observations.itemImpressions[item] = 1_000_000;
    }
    const shown = feedItems(world, candidates);
    const inStockMembers = members.filter((item) => !soldOut.has(item));
    const explored = new Set(shown.filter((item) => !candidates.includes(item)));
    console.log(
      `exploration with ${soldOut.size} of ${members.length} items of category 4 sold out: ${shown.length} slots, ${explored.size} distinct items beyond the pool ` +
        `(${inStockMembers.length - candidates.length} in stock)`,
    );
    expect(shown.length).toBeGreaterThan(0.95 * FEEDS * FEED_LENGTH);
    expect(shown.filter((item) => stock[item] <= 0)).toEqual([]);
    expect(shown.every((item) => world.catalog.category[item] === 4)).toBe(true);
    expect(explored.size).toBeGreaterThan(0.8 * (inStockMembers.length - candidates.length));
  });
});

describe('MMR re-ranking', () => {
  /** A world whose feed slots are all ranked (no exploration, live rooms or labels), with MMR weight `diversity`. */
  function rerankingWorld(diversity: number): World {
    const scenario = smallScenario({
      population: { size: 50 },
      catalog: { items: 600, categories: 6, liveItemShare: 0, limitedOfferShare: 0 },
      platform: { policy: 'content', rerank: { exploration: 0, diversity }, overPush: { liveShare: 0, urgencyShare: 0 } },
    });
    const { world, close } = buildWorld(scenario);
    closeWorld = close;
    return world;
  }

  const cosine = (world: World, a: number, b: number): number => {
    const { features, dims } = world.catalog;
    let s = 0;
    for (let k = 0; k < dims; k++) s += features[a * dims + k] * features[b * dims + k];
    return s;
  };

  it('follows each candidate’s largest cosine similarity to what was shown, not its category', () => {
    const world = rerankingWorld(0.9);
    const candidates = [...itemsOf(world, 0).slice(0, 6), ...itemsOf(world, 4).slice(0, 6)];
    const policy = fixedPolicy(candidates);
    const builder = new FeedBuilder(publicCatalogOf(world.catalog), world.platform.observations, world.platform.rankings, world.scenario.platform, policy, policy, 10);
    const feed = builder.beginFeed(0, 8, false, namedStream(11, 'test/mmr'), 0, 0);
    while (builder.extend());
    const shown = Array.from(feed.items.subarray(0, feed.length));
    // Scores are -k: the first slot is the best candidate; each later one maximizes 0.1 * score - 0.9 * redundancy.
    expect(shown[0]).toBe(candidates[0]);
    for (let slot = 1; slot < shown.length; slot++) {
      const mmr = (item: number) => 0.1 * -candidates.indexOf(item) - 0.9 * Math.max(...shown.slice(0, slot).map((s) => cosine(world, item, s)));
      const left = candidates.filter((item) => !shown.slice(0, slot).includes(item));
      const best = left.reduce((a, b) => (mmr(b) > mmr(a) ? b : a));
      expect(shown[slot], `slot ${slot}`).toBe(best);
    }
    // So the feed is less alike than the relevance order's first eight.
    const meanCosine = (items: readonly number[]) => {
      let sum = 0;
      for (let a = 0; a < items.length; a++) for (let b = a + 1; b < items.length; b++) sum += cosine(world, items[a], items[b]);
      return sum / ((items.length * (items.length - 1)) / 2);
    };
    console.log(`MMR 0.9 over 6 + 6 candidates of two categories: mean pairwise cosine of 8 slots ${meanCosine(shown).toFixed(3)}, relevance order ${meanCosine(candidates.slice(0, 8)).toFixed(3)}`);
    expect(meanCosine(shown)).toBeLessThan(meanCosine(candidates.slice(0, 8)) - 0.1);
  });

  it('counts what the consumer was shown earlier today, in a resumed pool and in a new one', () => {
    const world = rerankingWorld(0.9);
    const { centroids, dims, categories } = world.catalog;
    // The category least like category 0, so that MMR has a clear alternative to more of category 0.
    const centroidCosine = (c: number) => {
      let sum = 0;
      for (let k = 0; k < dims; k++) sum += centroids[k] * centroids[c * dims + k];
      return sum;
    };
    const far = Array.from({ length: categories - 1 }, (_, c) => c + 1).reduce((a, b) => (centroidCosine(b) < centroidCosine(a) ? b : a));
    const candidates = [...itemsOf(world, 0).slice(0, 3), ...itemsOf(world, far).slice(0, 3)];
    for (const [laterHour, tag] of [[0, 'resumed pool'], [1, 'new pool']] as const) {
      const policy = fixedPolicy(candidates);
      const builder = new FeedBuilder(publicCatalogOf(world.catalog), world.platform.observations, world.platform.rankings, world.scenario.platform, policy, policy, 10);
      const session = (hour: number, consumer: number): number[] => {
        const feed = builder.beginFeed(consumer, 1, false, namedStream(11, `test/mmr/${tag}/${hour}`), 0, hour);
        while (builder.extend());
        return Array.from(feed.items.subarray(0, feed.length));
      };
      const consumer = laterHour + 1;
      const first = session(0, consumer);
      expect(first, tag).toEqual([candidates[0]]);
      const mmr = (item: number) => 0.1 * -candidates.indexOf(item) - 0.9 * cosine(world, item, first[0]);
      const expected = candidates.slice(1).reduce((a, b) => (mmr(b) > mmr(a) ? b : a));
      // Not the next candidate by score: the first item's likeness must have counted.
      expect(expected, tag).not.toBe(candidates[1]);
      expect(session(laterHour, consumer), tag).toEqual([expected]);
    }
  });
});
