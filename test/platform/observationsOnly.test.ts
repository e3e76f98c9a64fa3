import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../sim/catalog.js';
import { Platform } from '../../sim/platform/platform.js';
import { createPopulation } from '../../sim/population.js';
import { namedStream } from '../../sim/rng.js';
import { policyNames } from '../../sim/scenario/schema.js';
import { smallScenario } from '../helpers/scenarios.js';

/**
 * The platform sees only observations. Two worlds share a catalog's public columns and receive the same observations,
 * but differ in everything hidden: consumers' interests, emotion, self-control, trust, budgets, and items' true
 * quality. Every policy must then build exactly the same feeds in both. A policy that read any hidden state would
 * make the feeds differ and fail this test.
 */
describe.each(policyNames.filter((name) => name !== 'search'))('policy %s', (policy) => {
  it('builds the same feeds whatever the consumers’ hidden state and the items’ true quality', () => {
    const scenario = smallScenario({ platform: { policy } });
    const catalogA = createCatalog(scenario.catalog, scenario.run.seed);
    const catalogB = createCatalog(scenario.catalog, scenario.run.seed);
    catalogB.quality.reverse();
    const popA = createPopulation(scenario, catalogA);
    const popB = createPopulation({ ...scenario, run: { ...scenario.run, seed: 999 } }, catalogB);
    popB.optedOut.set(popA.optedOut);
    const hidden = namedStream(3, 'hidden');
    for (const column of [popB.emotion, popB.selfControl, popB.trust, popB.budget, popB.fatigue]) {
      for (let i = 0; i < column.length; i++) column[i] = hidden();
    }
    expect(Array.from(popB.interest.slice(0, 12))).not.toEqual(Array.from(popA.interest.slice(0, 12)));

    const platforms = [new Platform(scenario, catalogA, popA), new Platform(scenario, catalogB, popB)];
    for (const platform of platforms) {
      for (let k = 0; k < 20_000; k++) {
        const consumer = k % popA.size;
        const item = (k * 7919) % catalogA.size;
        platform.observations.recordImpression(consumer, item);
        platform.observations.recordView(consumer, item);
        if (k % 5 === 0) platform.observations.recordPurchase(consumer, item);
        if (k % 23 === 0) platform.observations.recordReturn(consumer, item);
      }
      platform.train(0, scenario.platform);
    }
    let compared = 0;
    for (let consumer = 0; consumer < 200; consumer++) {
      const feeds = platforms.map((platform) => {
        const feed = platform.feeds.beginFeed(consumer, 20, consumer % 2 === 0, namedStream(consumer, 'feed'), 0, 0);
        while (platform.feeds.extend());
        return Array.from(feed.items.subarray(0, feed.length));
      });
      expect(feeds[1]).toEqual(feeds[0]);
      compared += feeds[0].length;
    }
    expect(compared).toBe(200 * 20);
  });
});
