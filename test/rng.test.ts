import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { namedStream, StreamBank } from '../sim/rng.js';

describe('StreamBank', () => {
  it('is bit for bit seedrandom tychei from the same state', () => {
    const bank = new StreamBank(42, 'test', 3);
    bank.reseed(1, 5);
    const reference = seedrandom.tychei('', { state: bank.stateOf(1) });
    for (let k = 0; k < 1000; k++) expect(bank.next(1)).toBe(reference());
  });

  it('restarts a stream at the same point for the same (id, epoch) and elsewhere for others', () => {
    const bank = new StreamBank(42, 'test', 4);
    const draws = (id: number, epoch: number) => {
      bank.reseed(id, epoch);
      return Array.from({ length: 5 }, () => bank.next(id));
    };
    const first = draws(2, 3);
    draws(1, 3);
    expect(draws(2, 3)).toEqual(first);
    expect(draws(2, 4)).not.toEqual(first);
    expect(draws(3, 3)).not.toEqual(first);
    bank.reseed(2, 3);
    const restarted = bank.next(2);
    bank.begin(2, 3); // already at epoch 3: begin must not restart it
    expect(bank.next(2)).not.toBe(restarted);
    bank.begin(2, 4);
    bank.begin(2, 3); // a new epoch restarts at the fixed point
    expect(bank.next(2)).toBe(first[0]);
    const other = new StreamBank(43, 'test', 4);
    other.reseed(2, 3);
    expect(other.next(2)).not.toBe(first[0]);
  });

  it('draws uniform numbers: mean 0.5 and variance 1/12 within 1% over 200,000 draws of many streams', () => {
    const bank = new StreamBank(1, 'uniform', 1000);
    for (let id = 0; id < bank.size; id++) bank.begin(id, 0);
    let sum = 0;
    let squares = 0;
    let lowest = 1;
    let highest = 0;
    const n = 200_000;
    for (let k = 0; k < n; k++) {
      const u = bank.next(k % 1000);
      lowest = Math.min(lowest, u);
      highest = Math.max(highest, u);
      sum += u;
      squares += u * u;
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(highest).toBeLessThan(1);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(squares / n - mean * mean - 1 / 12)).toBeLessThan(0.001);
  });

  it('gives neighbouring consumers uncorrelated first draws', () => {
    const bank = new StreamBank(9, 'corr', 10_001);
    for (let id = 0; id < bank.size; id++) bank.begin(id, 0);
    const first = Array.from({ length: 10_001 }, (_, id) => bank.next(id));
    let products = 0;
    for (let id = 0; id < 10_000; id++) products += (first[id] - 0.5) * (first[id + 1] - 0.5);
    const correlation = products / 10_000 / (1 / 12);
    expect(Math.abs(correlation)).toBeLessThan(0.05);
  });
});

describe('namedStream', () => {
  it('is reproducible by seed and name, and differs across names', () => {
    const a = namedStream(5, 'catalog');
    const b = namedStream(5, 'catalog');
    const c = namedStream(5, 'population');
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect([c(), c(), c()]).not.toEqual(xs);
  });
});
