import { afterEach, describe, expect, it } from 'vitest';
import { noteWatchedLabel } from '../../sim/consumer/falseLabels.js';
import { buildWorld } from '../helpers/world.js';
import { smallScenario } from '../helpers/scenarios.js';

let close = () => {};
afterEach(() => close());

function setUp(loss = 0.1) {
  const built = buildWorld(smallScenario({ consumer: { trust: { falseUrgencyLoss: loss } } }));
  close = built.close;
  const { world } = built;
  world.population.trust[0] = 0.8;
  return world;
}

describe('a false urgency label', () => {
  it('costs trust only when its item is met again on a later day, and only once', () => {
    const world = setUp();
    const trust = world.population.trust;
    world.day = 3;
    noteWatchedLabel(world, 0, 7, true);
    // The same day proves nothing: the countdown may still be running.
    noteWatchedLabel(world, 0, 7, false);
    expect(trust[0]).toBe(0.8);
    world.day = 4;
    noteWatchedLabel(world, 0, 7, false);
    expect(trust[0]).toBeCloseTo(0.8 * 0.9, 12);
    expect([world.today.falseLabelsFoundOut, world.totals.falseLabelsFoundOut]).toEqual([1, 1]);
    // Found out once: watching it again costs nothing more.
    world.day = 5;
    noteWatchedLabel(world, 0, 7, false);
    expect(trust[0]).toBeCloseTo(0.72, 12);
    expect(world.totals.falseLabelsFoundOut).toBe(1);
  });

  it('is remembered only for the last item watched under one, and true labels are never remembered', () => {
    const world = setUp();
    const trust = world.population.trust;
    world.day = 1;
    noteWatchedLabel(world, 0, 7, true);
    noteWatchedLabel(world, 0, 8, true);
    noteWatchedLabel(world, 0, 9, false);
    world.day = 2;
    noteWatchedLabel(world, 0, 7, false);
    noteWatchedLabel(world, 0, 9, false);
    expect(trust[0]).toBe(0.8);
    noteWatchedLabel(world, 0, 8, false);
    expect(trust[0]).toBeCloseTo(0.72, 12);
    // Another consumer's memory is their own.
    world.population.trust[1] = 0.5;
    noteWatchedLabel(world, 1, 8, false);
    expect(world.population.trust[1]).toBe(0.5);
  });

  it('is found out at no cost when the loss is 0, but still counted', () => {
    const world = setUp(0);
    world.day = 1;
    noteWatchedLabel(world, 0, 7, true);
    world.day = 2;
    noteWatchedLabel(world, 0, 7, true);
    expect(world.population.trust[0]).toBe(0.8);
    expect(world.totals.falseLabelsFoundOut).toBe(1);
  });
});
