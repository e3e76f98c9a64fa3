import { describe, expect, it } from 'vitest';
import { mergeRuns, sumInKeyOrder, TermList } from '../../sim/parallel/termList.js';

const part = (keys: number[]) => ({ keys: Float64Array.from(keys), length: keys.length });

describe('mergeRuns', () => {
  it('walks several key-sorted parts in key order, as maximal runs of one part', () => {
    const runs: [number, number, number][] = [];
    mergeRuns([part([0, 1, 1, 5, 6]), part([2, 3, 7]), part([4, 8, 9])], (p, from, count) => runs.push([p, from, count]));
    expect(runs).toEqual([
      [0, 0, 3],
      [1, 0, 2],
      [2, 0, 1],
      [0, 3, 2],
      [1, 2, 1],
      [2, 1, 2],
    ]);
  });

  it('emits a single part whole, in its own order, whatever its keys', () => {
    const runs: [number, number, number][] = [];
    mergeRuns([part([5, 3, 1])], (p, from, count) => runs.push([p, from, count]));
    expect(runs).toEqual([[0, 0, 3]]);
  });

  it('refuses a part that is not sorted when parts must be interleaved', () => {
    expect(() => mergeRuns([part([0, 5, 2]), part([9])], () => {})).toThrow(/not sorted/);
  });

  it('skips empty parts', () => {
    const runs: number[] = [];
    mergeRuns([part([]), part([1, 2]), part([])], (p) => runs.push(p));
    expect(runs).toEqual([1]);
  });
});

describe('sumInKeyOrder', () => {
  it('adds terms one by one in key order, so the bits are those of the single-replica sum', () => {
    // Values whose floating-point sum depends on the order.
    const values = [1e16, 1, -1e16, 1, 0.1, 0.2, 0.3];
    const sequential = values.reduce((sum, v) => sum + v, 0.5);
    const even = new TermList();
    const odd = new TermList();
    values.forEach((v, k) => (k % 2 === 0 ? even : odd).add(k, v));
    expect(sumInKeyOrder(0.5, [even, odd])).toBe(sequential);
    expect(sumInKeyOrder(0.5, [odd, even])).toBe(sequential);
    // Part by part would be another number: the test would catch a merge that adds per part.
    const byPart = [...values.filter((_, k) => k % 2 === 0), ...values.filter((_, k) => k % 2 === 1)].reduce((sum, v) => sum + v, 0.5);
    expect(byPart).not.toBe(sequential);
  });
});
