import { describe, expect, it } from 'vitest';
import { buy, scoreAll, tinyPlatform } from './tinyPlatform.js';

describe('user-cf policy', () => {
  it('recommends what the nearest neighbour bought', () => {
    const platform = tinyPlatform('user-cf', 30, 40, { policyParams: { 'user-cf': { exploration: 0, popularityWeight: 0 } } });
    for (const item of [1, 2, 3, 4]) {
      platform.observations.recordView(0, item);
      platform.observations.recordView(1, item);
    }
    buy(platform, 1, 9);
    // Three more distant consumers share one item with consumer 0 and buy item 30; the rest share nothing and buy
    // item 30 too, which makes it the best seller.
    for (let c = 2; c < 30; c++) {
      if (c < 5) platform.observations.recordView(c, 1 + (c % 4));
      for (let k = 0; k < 4; k++) platform.observations.recordView(c, 10 + ((c + k) % 15));
      buy(platform, c, 30);
    }
    platform.night(0);
    const scores = scoreAll(platform, 0);
    const ranked = scores.map((score, item) => ({ score, item })).filter((e) => ![1, 2, 3, 4].includes(e.item)).sort((a, b) => b.score - a.score);
    expect(ranked[0].item).toBe(9);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    expect(platform.rank(0).items).toContain(9);
  });
});
