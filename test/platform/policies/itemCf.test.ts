import { describe, expect, it } from 'vitest';
import { buy, scoreAll, tinyPlatform } from './tinyPlatform.js';

describe('item-cf policy', () => {
  it('recommends the item co-purchased with what the consumer bought', () => {
    const platform = tinyPlatform('item-cf', 40, 20, { policyParams: { 'item-cf': { exploration: 0 } } });
    // Ten consumers buy items 3 and 7 together; others buy unrelated pairs, some of them more popular than 7.
    for (let c = 0; c < 10; c++) {
      buy(platform, c, 3);
      buy(platform, c, 7);
    }
    for (let c = 10; c < 39; c++) {
      buy(platform, c, 10 + (c % 5));
      buy(platform, c, 15 + (c % 3));
    }
    buy(platform, 39, 3);
    platform.night(0);
    const scores = scoreAll(platform, 39);
    const ranked = scores.map((score, item) => ({ score, item })).filter((e) => e.item !== 3).sort((a, b) => b.score - a.score);
    expect(ranked[0].item).toBe(7);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score + 0.5);
    // And candidate generation proposes it.
    expect(platform.rank(39).items).toContain(7);
  });

  it('ranks a consumer with no history by popularity (cold start)', () => {
    const platform = tinyPlatform('item-cf', 20, 20, { policyParams: { 'item-cf': { exploration: 0 } } });
    for (let c = 0; c < 6; c++) buy(platform, c, 5);
    for (let c = 6; c < 9; c++) buy(platform, c, 11);
    platform.night(0);
    const scores = scoreAll(platform, 19);
    const best = scores.indexOf(Math.max(...scores));
    expect(best).toBe(5);
    expect(scores[11]).toBeCloseTo(0.5, 6);
  });
});
