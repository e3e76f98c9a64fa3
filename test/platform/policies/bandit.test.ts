import { describe, expect, it } from 'vitest';
import { namedStream } from '../../../sim/rng.js';
import { scoreAll, tinyPlatform } from './tinyPlatform.js';

describe('bandit policy', () => {
  it('chooses the best arm more often as rewards come in', () => {
    // Ten arms with one-hot features; arm 3 sells 30% of the time it is shown, the others 5%.
    const arms = 10;
    // Every unrewarded impression is learned from: the test has hundreds of impressions a day, not millions.
    const platform = tinyPlatform('bandit', 300, arms, { policyParams: { bandit: { negativeSampling: 1 } } }, arms);
    platform.catalog.features.fill(0);
    for (let i = 0; i < arms; i++) platform.catalog.features[i * arms + i] = 1;
    const conversion = (arm: number) => (arm === 3 ? 0.3 : 0.05);
    const buyer = namedStream(5, 'test/bandit-buyer');
    const shareByDay: number[] = [];
    for (let day = 0; day < 10; day++) {
      let best = 0;
      for (let c = 0; c < 300; c++) {
        const scores = scoreAll(platform, c);
        const arm = scores.indexOf(Math.max(...scores));
        if (arm === 3) best++;
        platform.observations.recordImpression(c, arm);
        if (buyer() < conversion(arm)) platform.observations.recordPurchase(c, arm);
      }
      shareByDay.push(best / 300);
      platform.night(day);
    }
    console.log(`bandit share of the best arm by day: ${shareByDay.map((s) => s.toFixed(2)).join(' ')}`);
    const early = (shareByDay[0] + shareByDay[1]) / 2;
    const late = (shareByDay[8] + shareByDay[9]) / 2;
    expect(early).toBeLessThan(0.4);
    expect(late).toBeGreaterThan(0.7);
    // Exploration continues: other arms still get some of the choices.
    const lastFive = shareByDay.slice(5).reduce((a, b) => a + b, 0) / 5;
    expect(lastFive).toBeLessThan(1);
  });
});
