import { describe, expect, it } from 'vitest';
import { worldOfReplication, worldVariance, worldsBreakdown } from '../../sim/experiment/worldVariance.js';
import { formatWorldsTable } from '../../sim/experiment/worldsTable.js';

describe('worldVariance', () => {
  it('matches the one-way random-effects ANOVA worked by hand', () => {
    // Worlds 0, 1, 2 with means 2, 5, 8; within-world deviations +-1.
    const values = [1, 3, 4, 6, 7, 9];
    const world = [0, 0, 1, 1, 2, 2];
    // MS_within = 6 * 1 / (6 - 3) = 2; MS_between = 2 * (9 + 0 + 9) / 2 = 18; n0 = 2; between = (18 - 2) / 2 = 8.
    const result = worldVariance(values, world);
    expect(result.worlds).toBe(3);
    expect(result.n).toBe(6);
    expect(result.withinSd).toBeCloseTo(Math.sqrt(2), 12);
    expect(result.betweenSd).toBeCloseTo(Math.sqrt(8), 12);
    expect(result.worldShare).toBeCloseTo(0.8, 12);
  });

  it('uses n0 for unequal world sizes and floors the between component at zero', () => {
    // Sizes 3 and 1: n0 = (4 - (9 + 1) / 4) / 1 = 1.5.
    const unequal = worldVariance([0, 2, 4, 10], [0, 0, 0, 1]);
    // grand mean 4; SS_between = 3 * (2 - 4)^2 + 1 * (10 - 4)^2 = 48; MS_within = 8 / 2 = 4; between = (48 - 4) / 1.5.
    expect(unequal.betweenSd ** 2).toBeCloseTo(44 / 1.5, 10);
    const noWorldEffect = worldVariance([0, 10, 1, 9], [0, 0, 1, 1]);
    expect(noWorldEffect.betweenSd).toBe(0);
    expect(noWorldEffect.worldShare).toBe(0);
  });

  it('gives only the within spread for one world, nothing for one value per world, and leaves out NaN', () => {
    const oneWorld = worldVariance([1, 2, 3], [0, 0, 0]);
    expect(oneWorld.worldShare).toBeNaN();
    expect(oneWorld.betweenSd).toBeNaN();
    expect(oneWorld.withinSd).toBeCloseTo(1, 12);
    expect(worldVariance([1, 2, 3], [0, 1, 2]).worldShare).toBeNaN();
    const withNaN = worldVariance([1, 3, Number.NaN, 4, 6], [0, 0, 0, 1, 1]);
    expect(withNaN.n).toBe(4);
    expect(withNaN.withinSd).toBeCloseTo(Math.sqrt(2), 12);
  });

  it('spreads replications round-robin over worlds', () => {
    expect([0, 1, 2, 3, 4, 5].map((r) => worldOfReplication(r, 3))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('breaks down each metric of each arm, and prints it as a table', () => {
    const summaries = [
      [{ purchases: 1 }, { purchases: 4 }, { purchases: 3 }, { purchases: 6 }],
      [{ purchases: 10 }, { purchases: 10 }, { purchases: 10 }, { purchases: 10 }],
    ];
    const breakdown = worldsBreakdown(['base', 'cool'], summaries, ['purchases'], 2);
    // base: worlds {1, 3} and {4, 6}: within variance 2; MS_between = 2 * 2 * 1.5^2 = 9, between (9 - 2) / 2 = 3.5.
    expect(breakdown.metrics[0].arms[0].withinSd).toBeCloseTo(Math.sqrt(2), 12);
    expect(breakdown.metrics[0].arms[0].worldShare).toBeCloseTo(3.5 / 5.5, 12);
    expect(breakdown.metrics[0].arms[1].worldShare).toBeNaN();
    const text = formatWorldsTable(breakdown, 40);
    expect(text).toMatch(/2 worlds \(catalog and population seeds 40-41\), replication r in world r mod 2/);
    expect(text).toMatch(/purchases \(base\) +1\.87 +1\.41 +64% +4/);
    expect(text).toMatch(/purchases \(cool\) +0 +0 +- +4/);
  });
});
