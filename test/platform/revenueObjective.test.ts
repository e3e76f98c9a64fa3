import { describe, expect, it } from 'vitest';
import { createCatalog, marketScaleOf, priceNow } from '../../sim/catalog.js';
import { Platform } from '../../sim/platform/platform.js';
import { createPopulation } from '../../sim/population.js';
import { namedStream } from '../../sim/rng.js';
import { smallScenario } from '../helpers/scenarios.js';

/**
 * The revenue objective ranks items by what a buyer would pay now. With the objective's weight far above the
 * relevance scores, a feed is in order of that price; an offer cut 90% sends its item from the top to the bottom.
 */
function revenueFeeds(offerDiscount: number): { onOfferShare: number; pricesNow: number[][] } {
  const scenario = smallScenario({ catalog: { limitedOfferShare: 0.5, offerDiscount }, platform: { objective: 'revenue', objectiveWeight: 1000, overPush: { urgencyShare: 0, liveShare: 0 }, rerank: { exploration: 0 } } });
  const catalog = createCatalog(scenario.catalog, scenario.run.seed, marketScaleOf(scenario.population));
  // Every other item on offer now, so that each pool holds many of both.
  for (let item = 0; item < catalog.size; item++) catalog.limitedOffer[item] = item % 2;
  const platform = new Platform(scenario, catalog, createPopulation(scenario, catalog));
  let onOffer = 0;
  let shown = 0;
  const pricesNow: number[][] = [];
  for (let consumer = 0; consumer < 100; consumer++) {
    const feed = platform.feeds.beginFeed(consumer, 5, false, namedStream(consumer, 'revenue-test'), 0, 0);
    while (platform.feeds.extend());
    const items = Array.from(feed.items.subarray(0, feed.length));
    onOffer += items.filter((item) => catalog.limitedOffer[item]).length;
    shown += items.length;
    pricesNow.push(items.map((item) => priceNow(catalog, item)));
  }
  return { onOfferShare: onOffer / shown, pricesNow };
}

describe('the revenue objective', () => {
  it('ranks on the price paid now, so a deep offer cut moves its item down the feed', () => {
    const listPrice = revenueFeeds(0);
    const deepCut = revenueFeeds(0.9);
    console.log(`share of the top 5 slots on offer: no cut ${listPrice.onOfferShare.toFixed(3)}, 90% cut ${deepCut.onOfferShare.toFixed(3)}`);
    expect(listPrice.onOfferShare).toBeGreaterThan(0.3);
    expect(deepCut.onOfferShare).toBeLessThan(0.05);
    // Each feed runs from the dearest price now down.
    for (const prices of deepCut.pricesNow) expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });
});
