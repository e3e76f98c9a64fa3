import { describe, expect, it } from 'vitest';
import { buy, scoreAll, tinyPlatform } from './tinyPlatform.js';

function standardize(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const spread = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return values.map((v) => (v - mean) / spread);
}

describe('hybrid policy', () => {
  it('blends its parts’ standardized scores with the configured weights', () => {
    const weights = { content: 1, popularity: 3, 'item-cf': 0, mf: 0 };
    const hybrid = tinyPlatform('hybrid', 30, 25, { policyParams: { hybrid: { weights } } });
    const content = tinyPlatform('content', 30, 25);
    const popularity = tinyPlatform('popularity', 30, 25);
    for (const platform of [hybrid, content, popularity]) {
      for (let c = 0; c < 30; c++) {
        buy(platform, c, c % 7);
        if (c % 3 === 0) buy(platform, c, 10 + (c % 4));
      }
      platform.night(0);
    }
    const blended = scoreAll(hybrid, 4);
    const expected = standardize(scoreAll(content, 4)).map((v, i) => (1 * v + 3 * standardize(scoreAll(popularity, 4))[i]) / 4);
    for (let i = 0; i < 25; i++) expect(blended[i]).toBeCloseTo(expected[i], 9);
    // A blend is not either part alone.
    const contentOnly = standardize(scoreAll(content, 4));
    expect(blended.some((v, i) => Math.abs(v - contentOnly[i]) > 0.1)).toBe(true);
  });

  it('takes candidates from every weighted part', () => {
    const weights = { content: 0, 'item-cf': 1, mf: 0, random: 1 };
    const hybrid = tinyPlatform('hybrid', 20, 200, { candidates: 40, policyParams: { hybrid: { weights } } });
    for (let c = 0; c < 10; c++) {
      buy(hybrid, c, 0);
      buy(hybrid, c, 1);
    }
    buy(hybrid, 10, 0);
    hybrid.night(0);
    const { items } = hybrid.rank(10);
    // Item-cf proposes item 1 (bought with item 0); random draws fill the pool.
    expect(items).toContain(1);
    expect(items.length).toBeGreaterThanOrEqual(30);
    const scores = scoreAll(hybrid, 10);
    expect(scores.indexOf(Math.max(...scores.filter((_, i) => i !== 0)))).toBe(1);
  });
});
