import { describe, expect, it } from 'vitest';
import { minimizeNelderMead, nelderMeadSearch } from '../../sim/analysis/nelderMead.js';

describe('Nelder-Mead', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const rosenbrock = (x: number[]): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], { lower: [-2, -2], upper: [2, 2], tolerance: 1e-9, maxEvaluations: 2000 });
    console.log(`Rosenbrock: (${result.x.join(', ')}) after ${result.evaluations} evaluations`);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
    expect(result.value).toBeLessThan(1e-10);
  });

  it('stays inside the bounds: a quadratic whose minimum lies outside the box ends on the boundary', () => {
    const quadratic = (x: number[]): number => (x[0] - 0.3) ** 2 + 2 * (x[1] - 0.7) ** 2 + 3 * (x[2] - 1.5) ** 2;
    const asked: number[][] = [];
    const result = minimizeNelderMead((x) => (asked.push(x), quadratic(x)), [0.5, 0.5, 0.5], { tolerance: 1e-9, maxEvaluations: 1000 });
    expect(result.x[0]).toBeCloseTo(0.3, 6);
    expect(result.x[1]).toBeCloseTo(0.7, 6);
    expect(result.x[2]).toBe(1);
    expect(result.value).toBeCloseTo(0.75, 10);
    for (const x of asked) for (const v of x) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('stops at its evaluation budget and is deterministic', () => {
    const bowl = (x: number[]): number => (x[0] - 0.2) ** 2 + (x[1] - 0.9) ** 2;
    let calls = 0;
    const first = minimizeNelderMead((x) => (calls++, bowl(x)), [0.6, 0.4], { maxEvaluations: 12 });
    expect(calls).toBe(first.evaluations);
    // The best point seen is returned, whatever step the budget ran out in.
    expect(first.value).toBeLessThan(bowl([0.6, 0.4]));
    expect(first.converged).toBe(false);
    expect(first.evaluations).toBeGreaterThanOrEqual(11);
    expect(first.evaluations).toBeLessThanOrEqual(12);
    expect(minimizeNelderMead(bowl, [0.6, 0.4], { maxEvaluations: 12 })).toEqual(first);
  });

  it('asks for the starting simplex first, stepping inwards at a bound', () => {
    const search = nelderMeadSearch([1, 0.5], { initialStep: 0.1 });
    const first = search.next();
    expect(first.done).toBe(false);
    const simplex = first.value as number[][];
    expect(simplex).toHaveLength(3);
    expect(simplex[0]).toEqual([1, 0.5]);
    expect(simplex[1][0]).toBeCloseTo(0.9, 12);
    expect(simplex[2]).toEqual([1, 0.6]);
  });
});
