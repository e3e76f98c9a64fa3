import { describe, expect, it } from 'vitest';
import { morrisDesign, morrisIndices } from '../../sim/analysis/morris.js';
import { namedStream } from '../../sim/rng.js';

describe('Morris elementary effects', () => {
  const design = morrisDesign(4, 20, 4, namedStream(2, 'test/morris'));

  it('lays trajectories on the p-level grid, each step moving one coordinate by delta', () => {
    expect(design.delta).toBeCloseTo(2 / 3, 12);
    expect(design.points).toHaveLength(20 * 5);
    const grid = [0, 1 / 3, 2 / 3, 1];
    for (const point of design.points) for (const v of point) expect(grid.some((g) => Math.abs(g - v) < 1e-12)).toBe(true);
    design.moved.forEach((sequence, t) => {
      expect([...sequence].sort()).toEqual([0, 1, 2, 3]);
      sequence.forEach((i, s) => {
        const before = design.points[t * 5 + s];
        const after = design.points[t * 5 + s + 1];
        const changed = before.map((v, c) => Math.abs(after[c] - v) > 1e-12);
        expect(changed.filter(Boolean)).toHaveLength(1);
        expect(changed[i]).toBe(true);
        expect(Math.abs(after[i] - before[i])).toBeCloseTo(2 / 3, 12);
      });
    });
  });

  it('gives mu* = |coefficient| x range and sigma = 0 on a linear model, ranking parameters by influence', () => {
    // Parameters on ranges of width 2, 10, 4 and 1; the last has no effect.
    const widths = [2, 10, 4, 1];
    const coefficients = [3, -1, 0.5, 0];
    const linear = (unit: readonly number[]): number => unit.reduce((sum, u, i) => sum + coefficients[i] * widths[i] * u, 7);
    const indices = morrisIndices(design, design.points.map(linear));
    const expected = [6, 10, 2, 0];
    indices.forEach((m, i) => {
      expect(m.muStar).toBeCloseTo(expected[i], 10);
      expect(m.mu).toBeCloseTo(coefficients[i] * widths[i], 10);
      expect(m.sigma).toBeCloseTo(0, 10);
      expect(m.effects).toBe(20);
    });
  });

  it('shows interactions as sigma and keeps opposite effects from cancelling in mu*', () => {
    // y = (x1 - 0.5) x2: the effect of x1 changes sign with x2 (interaction); x3 is inert; x4 enters as |x4 - 0.5|.
    const model = (u: readonly number[]): number => (u[0] - 0.5) * u[1] * 4 + Math.abs(u[3] - 0.5);
    const [x1, x2, x3, x4] = morrisIndices(design, design.points.map(model));
    expect(x3.muStar).toBe(0);
    expect(x1.sigma).toBeGreaterThan(0.5);
    expect(x2.sigma).toBeGreaterThan(0.5);
    // |x4 - 0.5| on a 4-level grid with delta 2/3: every elementary effect is +-0.5 (0 -> 2/3 or 1/3 -> 1).
    expect(x4.muStar).toBeCloseTo(0.5, 10);
    expect(Math.abs(x4.mu)).toBeLessThan(x4.muStar);
  });

  it('is reproducible and refuses a bad grid', () => {
    expect(morrisDesign(4, 20, 4, namedStream(2, 'test/morris')).points).toEqual(design.points);
    expect(() => morrisDesign(2, 5, 3, namedStream(1, 'x'))).toThrow(/--levels: expected an even integer >= 2, got 3/);
    expect(() => morrisDesign(2, 1, 4, namedStream(1, 'x'))).toThrow(/--trajectories: expected an integer >= 2, got 1/);
  });
});
