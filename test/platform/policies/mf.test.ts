import { describe, expect, it } from 'vitest';
import { insertTop, TopK } from '../../../sim/platform/learning/topList.js';
import { namedStream } from '../../../sim/rng.js';
import { scoreAll, tinyPlatform } from './tinyPlatform.js';

describe('mf policy', () => {
  it('recovers a planted two-block structure', () => {
    // Consumers 0-19 watch items 0-9, consumers 20-39 items 10-19; each consumer sees six of its block's ten items.
    const platform = tinyPlatform('mf', 40, 20, { policyParams: { mf: { factors: 4, iterations: 10, cgSteps: 4, popularityWeight: 0 } } });
    const seen = (c: number, item: number) => (item + c) % 10 < 6;
    for (let c = 0; c < 40; c++) {
      const block = c < 20 ? 0 : 10;
      for (let k = 0; k < 10; k++) if (seen(c, k)) platform.observations.recordView(c, block + k);
    }
    platform.night(0);
    // Every consumer ranks each unseen item of their own block above every item of the other block.
    let pairs = 0;
    let correct = 0;
    for (let c = 0; c < 40; c++) {
      const scores = scoreAll(platform, c);
      const own = c < 20 ? 0 : 10;
      const other = c < 20 ? 10 : 0;
      for (let k = 0; k < 10; k++) {
        if (seen(c, k)) continue;
        for (let j = 0; j < 10; j++) {
          pairs++;
          if (scores[own + k] > scores[other + j]) correct++;
        }
      }
    }
    const auc = correct / pairs;
    console.log(`mf two-block AUC of unseen own-block items against other-block items: ${auc.toFixed(3)} over ${pairs} pairs`);
    expect(pairs).toBe(40 * 4 * 10);
    expect(auc).toBeGreaterThan(0.95);
  });

  it('gives a consumer first seen after training a vector from the current item factors', () => {
    const platform = tinyPlatform('mf', 41, 20, { policyParams: { mf: { factors: 4, iterations: 10, retrainEveryDays: 100, popularityWeight: 0 } } });
    for (let c = 0; c < 40; c++) for (let k = 0; k < 10; k++) if ((c + k) % 2 === 0) platform.observations.recordView(c, (c < 20 ? 0 : 10) + k);
    platform.night(0);
    platform.observations.recordView(40, 12);
    platform.observations.recordView(40, 14);
    // The views were in an earlier hour: histories are published at each hour's end.
    platform.observations.publishHour();
    const scores = scoreAll(platform, 40);
    const ownMean = scores.slice(10, 20).reduce((a, b) => a + b, 0) / 10;
    const otherMean = scores.slice(0, 10).reduce((a, b) => a + b, 0) / 10;
    expect(ownMean).toBeGreaterThan(otherMean + 0.1);
  });
});

describe('TopK', () => {
  it('keeps the k largest, largest first, the earlier of equal values', () => {
    const top = new TopK(3);
    const values = [0.5, 2, -1, 2, 7, 0.5, 3];
    values.forEach((value, id) => top.offer(id, value));
    const ids = new Int32Array(3);
    const kept = new Float64Array(3);
    expect(top.drainDescending(ids, kept)).toBe(3);
    expect(Array.from(kept)).toEqual([7, 3, 2]);
    expect(Array.from(ids)).toEqual([4, 6, 1]);
    top.offer(9, 1);
    expect(top.drainDescending(ids, kept)).toBe(1);
    expect(ids[0]).toBe(9);
  });
  it('keeps exactly what a sorted insertion keeps, ties included', () => {
    const draw = namedStream(5, 'topk');
    const top = new TopK(12);
    for (let trial = 0; trial < 50; trial++) {
      const sortedIds = new Int32Array(12);
      const sortedValues = new Float64Array(12);
      let filled = 0;
      top.clear();
      for (let id = 0; id < 80; id++) {
        const value = Math.floor(draw() * 20); // few distinct values: many ties
        filled = insertTop(sortedIds, sortedValues, 0, 12, filled, id, value);
        top.offer(id, value);
      }
      const ids = new Int32Array(12);
      const values = new Float64Array(12);
      expect(top.drainDescending(ids, values)).toBe(filled);
      expect(Array.from(values)).toEqual(Array.from(sortedValues));
      expect(Array.from(ids).slice().sort((a, b) => a - b)).toEqual(Array.from(sortedIds).slice().sort((a, b) => a - b));
    }
  });
});
