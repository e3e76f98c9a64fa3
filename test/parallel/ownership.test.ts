import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, Ownership, packOwnedRows, unpackOwnedRows } from '../../sim/parallel/ownership.js';

describe('Ownership', () => {
  it('deals blocks of consecutive ids round-robin: every consumer owned once, each replica in ascending ranges', () => {
    const size = 5 * BLOCK_SIZE + 17;
    for (const replicas of [1, 2, 3, 4]) {
      const seen = new Uint8Array(size);
      for (let r = 0; r < replicas; r++) {
        const owned = new Ownership(size, r, replicas);
        let previousEnd = -1;
        let count = 0;
        for (let k = 0; k < owned.ranges; k++) {
          expect(owned.start[k]).toBeGreaterThan(previousEnd);
          previousEnd = owned.end[k];
          for (let i = owned.start[k]; i < owned.end[k]; i++) {
            expect(owned.owns(i)).toBe(true);
            seen[i]++;
            count++;
          }
        }
        expect(owned.owned).toBe(count);
      }
      expect(seen.every((times) => times === 1)).toBe(true);
    }
  });

  it('gives one replica a single range: the plain loop over every consumer', () => {
    const owned = new Ownership(3 * BLOCK_SIZE + 5, 0, 1);
    expect([owned.ranges, owned.start[0], owned.end[0]]).toEqual([1, 0, 3 * BLOCK_SIZE + 5]);
  });

  it('refuses a replica outside the run', () => {
    expect(() => new Ownership(10, 2, 2)).toThrow(/replica/);
    expect(() => new Ownership(10, 0, 0)).toThrow(/replicas/);
  });

  it('packs a replica\'s rows of per-consumer arrays and writes them back where they belong', () => {
    const size = 3 * BLOCK_SIZE + 9;
    const replicas = 2;
    const width = 3;
    const source = Float32Array.from({ length: size * width }, (_, k) => k + 0.5);
    const flags = Uint8Array.from({ length: size }, (_, k) => k % 7);
    const target = new Float32Array(size * width);
    const targetFlags = new Uint8Array(size);
    for (let r = 0; r < replicas; r++) {
      const owned = new Ownership(size, r, replicas);
      const packed = packOwnedRows(owned, [source, flags]);
      expect(packed[0].length).toBe(owned.owned * width);
      unpackOwnedRows(owned, [target, targetFlags], packed);
    }
    expect(target).toEqual(source);
    expect(targetFlags).toEqual(flags);
  });
});
