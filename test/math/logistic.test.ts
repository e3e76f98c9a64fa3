import { describe, expect, it } from 'vitest';
import { logistic } from '../../sim/math/logistic.js';
import { entropy, gini, simpsonDiversity } from '../../sim/math/inequality.js';

describe('logistic', () => {
  it('matches 1 / (1 + exp(-x)) within 1e-6 over [-20, 20]', () => {
    for (let x = -20; x <= 20; x += 0.0137) expect(Math.abs(logistic(x) - 1 / (1 + Math.exp(-x)))).toBeLessThan(1e-6);
  });
  it('is 0.5 at 0 and stays in [0, 1] at the extremes', () => {
    expect(logistic(0)).toBeCloseTo(0.5, 12);
    expect(logistic(-1e9)).toBe(0);
    expect(logistic(1e9)).toBe(1);
  });
});

describe('gini and entropy', () => {
  it('give the values worked out by hand', () => {
    const scratch = new Float64Array(8);
    expect(gini([1, 1, 1, 1], scratch)).toBeCloseTo(0, 12);
    // One of four holds everything: G = (n - 1) / n = 0.75.
    expect(gini([0, 0, 0, 10], scratch)).toBeCloseTo(0.75, 12);
    // [1, 2, 3]: 2 * (1 + 4 + 9) / (3 * 6) - 4 / 3 = 2/9.
    expect(gini([3, 1, 2], scratch)).toBeCloseTo(2 / 9, 12);
    expect(entropy([5, 5])).toBeCloseTo(Math.log(2), 12);
    expect(entropy([0, 7, 0])).toBe(0);
    expect(entropy([9, 1, 1, 1, 1], 1, 4)).toBeCloseTo(Math.log(4), 12);
    // Gini-Simpson: [5, 5] has 1 - (20 + 20) / 90 = 5/9; one category or a single unit gives 0.
    expect(simpsonDiversity([5, 5])).toBeCloseTo(5 / 9, 12);
    expect(simpsonDiversity([0, 7, 0])).toBe(0);
    expect(simpsonDiversity([0, 1, 0])).toBe(0);
    expect(simpsonDiversity([1, 1])).toBe(1);
  });

  it('Gini-Simpson diversity does not grow with the number of purchases alone, as the plain entropy estimate does', () => {
    // Buyers who spread purchases evenly over 4 categories at random: mean estimate against the truth (ln 4 for
    // entropy, 3/4 for Gini-Simpson) for 2, 4 and 16 purchases each (a fixed linear congruential sequence).
    let state = 12345;
    const draw = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const bias = (purchases: number, estimate: (c: number[]) => number, truth: number): number => {
      let sum = 0;
      const buyers = 20_000;
      for (let b = 0; b < buyers; b++) {
        const counts = [0, 0, 0, 0];
        for (let p = 0; p < purchases; p++) counts[Math.floor(draw() * 4)]++;
        sum += estimate(counts);
      }
      return sum / buyers - truth;
    };
    const plain = [2, 4, 16].map((n) => bias(n, (c) => entropy(c), Math.log(4)));
    const corrected = [2, 4, 16].map((n) => bias(n, (c) => simpsonDiversity(c), 0.75));
    console.log(`bias at 2, 4, 16 purchases: entropy ${plain.map((b) => b.toFixed(3)).join(', ')}; Gini-Simpson ${corrected.map((b) => b.toFixed(4)).join(', ')}`);
    expect(plain[0]).toBeLessThan(2 * plain[2]);
    for (const b of corrected) expect(Math.abs(b)).toBeLessThan(0.01);
  });
});
