import { describe, expect, it } from 'vitest';
import { percentileBootstrap } from '../../sim/experiment/bootstrap.js';
import { meanInterval } from '../../sim/experiment/statistics.js';

const ones = (count: number, total: number): number[] => Array.from({ length: total }, (_, k) => (k < count ? 1 : 0));

describe('percentile bootstrap of the mean', () => {
  it('matches the exact resampling distribution of 0/1 values', () => {
    // Resampling 10 values with 5 ones: the resample mean is Binomial(10, 0.5) / 10. P(X <= 1) = 11/1024 = 0.011 and
    // P(X <= 2) = 56/1024 = 0.055, so the 2.5% quantile is 2/10; by symmetry the 97.5% quantile is 8/10.
    const ten = percentileBootstrap(ones(5, 10), { seed: 'test' });
    expect([ten.low, ten.high]).toEqual([0.2, 0.8]);
    expect(ten.mean).toBe(0.5);
    expect(ten.n).toBe(10);
    // 20 values, 10 ones: P(X <= 5) = 0.0207, P(X <= 6) = 0.0577 for Binomial(20, 0.5): [6/20, 14/20].
    const twenty = percentileBootstrap(ones(10, 20), { seed: 'another seed' });
    expect([twenty.low, twenty.high]).toEqual([0.3, 0.7]);
    // Two values 0 and 1: resample means 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4.
    const two = percentileBootstrap([0, 1], { seed: 'x' });
    expect([two.low, two.high]).toEqual([0, 1]);
    // An 80% interval of the same: P(mean = 0) = 0.25 > 0.1, so both ends stay at 0 and 1; a 40% interval (30% and
    // 70% quantiles) is [0.5, 0.5].
    const narrow = percentileBootstrap([0, 1], { seed: 'x', level: 0.4 });
    expect([narrow.low, narrow.high]).toEqual([0.5, 0.5]);
  });

  it('agrees with the t interval for many normal-looking values (within 5% of the width)', () => {
    // Deterministic, roughly normal values: sums of four evenly spread fractions.
    const values = Array.from({ length: 400 }, (_, k) => [0.618034, 0.414214, 0.732051, 0.236068].reduce((s, a) => s + ((k * a) % 1), 0));
    const boot = percentileBootstrap(values, { seed: 'normal' });
    const t = meanInterval(values);
    const width = t.high - t.low;
    console.log(`bootstrap [${boot.low.toFixed(4)}, ${boot.high.toFixed(4)}] vs t [${t.low.toFixed(4)}, ${t.high.toFixed(4)}], n = ${t.n}`);
    expect(Math.abs(boot.low - t.low)).toBeLessThan(0.05 * width);
    expect(Math.abs(boot.high - t.high)).toBeLessThan(0.05 * width);
  });

  it('is reproducible from its seed, leaves NaN out, and gives no interval below two values', () => {
    const values = [0.31, 0.4, 0.36, 0.29, 0.45];
    expect(percentileBootstrap(values, { seed: 's' })).toEqual(percentileBootstrap(values, { seed: 's' }));
    const withNaN = percentileBootstrap([...values, Number.NaN], { seed: 's' });
    expect(withNaN).toEqual(percentileBootstrap(values, { seed: 's' }));
    expect(withNaN.n).toBe(5);
    const constant = percentileBootstrap([0.3, 0.3, 0.3], { seed: 's' });
    expect([constant.low, constant.high]).toEqual([0.3, 0.3]);
    const one = percentileBootstrap([0.3], { seed: 's' });
    expect(one.mean).toBe(0.3);
    expect(one.low).toBeNaN();
    expect(() => percentileBootstrap(values, { seed: 's', level: 1 })).toThrow(RangeError);
    expect(() => percentileBootstrap(values, { seed: 's', resamples: 0 })).toThrow(RangeError);
  });
});
