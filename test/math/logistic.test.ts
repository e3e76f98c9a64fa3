import { describe, expect, it } from 'vitest';
import { logistic } from '../../sim/math/logistic.js';
import { entropy, gini } from '../../sim/math/inequality.js';

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
  });
});
