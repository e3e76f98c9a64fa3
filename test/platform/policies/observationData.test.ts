import { describe, expect, it } from 'vitest';
import { EVENT_IMPRESSION, EVENT_PURCHASE, EVENT_RETURN, EVENT_VIEW } from '../../../sim/platform/learning/interactionLog.js';
import { tinyPlatform } from './tinyPlatform.js';

describe('observation data kept for learners', () => {
  it('keeps each consumer’s last distinct items with weights, returned items negative', () => {
    const platform = tinyPlatform('item-cf', 3, 50, { policyParams: { 'item-cf': { historyLength: 4 } } });
    const obs = platform.observations;
    for (const item of [1, 2, 2, 3]) obs.recordView(0, item);
    obs.recordPurchase(0, 3);
    // A return of an item still held for the hour lands after it: entries are published in the order they came.
    obs.recordReturn(0, 1);
    const history = obs.history!;
    expect(history.count[0]).toBe(0);
    obs.publishHour();
    const slots = Array.from({ length: history.count[0] }, (_, r) => history.slotByRecency(0, r));
    expect(slots.map((s) => history.items[s])).toEqual([3, 2, 1]);
    expect(slots.map((s) => history.weights[s])).toEqual([5, 2, -4]);
    for (const item of [10, 11, 12]) obs.recordView(0, item);
    obs.publishHour();
    // The window holds four items: the oldest (1) has gone.
    expect(Array.from({ length: 4 }, (_, r) => history.items[history.slotByRecency(0, r)])).toEqual([12, 11, 10, 3]);
  });

  it('logs the day’s events, forgets the day before overnight, and keeps nothing personal of opted-out consumers', () => {
    const platform = tinyPlatform('bandit', 3, 20);
    const obs = platform.observations;
    obs.optedOut[2] = 1;
    obs.keepHistory(5);
    for (const consumer of [0, 2]) {
      obs.recordImpression(consumer, 4);
      obs.recordView(consumer, 4);
      obs.recordPurchase(consumer, 4);
      obs.recordReturn(consumer, 4);
    }
    const log = obs.log!;
    expect(log.head).toBe(4);
    expect(Array.from(log.kind.subarray(0, 4))).toEqual([EVENT_IMPRESSION, EVENT_VIEW, EVENT_PURCHASE, EVENT_RETURN]);
    expect(Array.from(log.consumer.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    // Item counts and histories, which other consumers' feeds read, wait for the hour's end.
    expect([obs.itemPurchases[4], obs.history!.count[0]]).toEqual([0, 0]);
    obs.publishHour();
    expect([obs.itemPurchases[4], obs.history!.count[0]]).toEqual([2, 1]);
    // Bought, then returned within the hour: the entry is marked returned.
    expect(obs.history!.weights[obs.history!.slotByRecency(0, 0)]).toBe(-4);
    expect(obs.history!.count[2]).toBe(0);
    platform.night(0);
    obs.recordView(1, 7);
    expect([obs.itemViews[7], obs.history!.count[1]]).toEqual([0, 0]);
    obs.publishHour();
    expect([obs.itemViews[7], obs.history!.count[1]]).toEqual([1, 1]);
    platform.night(1);
    // Day 0 is forgotten once day 1 has ended; day 1's event remains for the night's training.
    expect(log.oldest).toBe(4);
    expect(log.head).toBe(5);
    expect(log.item[log.indexOf(4)]).toBe(7);
  });
});
