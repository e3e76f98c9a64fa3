import type { World } from '../world.js';
import { churnProbability } from './visits.js';
import { recoverSelfControl } from './selfControl.js';
import { normalizeRow } from '../vectors.js';
import { setNeedRates } from '../population.js';

/**
 * Step 8 for consumers: self-control recovers, arousal returns to baseline, fatigue fades, habit decays, interests
 * drift toward what was consumed today, and churn is decided.
 */
export function restOvernight(world: World): void {
  const { population: pop, scenario } = world;
  const params = scenario.consumer;
  const { dims } = pop;
  const baseline = params.emotion.baseline;
  const owned = world.replica.owned;
  for (let range = 0; range < owned.ranges; range++) for (let i = owned.start[range]; i < owned.end[range]; i++) {
    pop.selfControl[i] = recoverSelfControl(pop.selfControl[i], pop.selfControlCapacity[i], params.selfControl.overnightRecovery);
    pop.emotion[i] = baseline;
    pop.fatigue[i] *= params.session.overnightFatigueKept;
    pop.habit[i] -= params.session.habitDecay * pop.habit[i];
    pop.trust[i] = pop.trust[i] < 0 ? 0 : pop.trust[i] > 1 ? 1 : pop.trust[i];
    if (driftInterests(pop.interest, pop.interestPull, i, dims)) setNeedRates(pop, world.catalog, i);
    if (pop.churned[i]) continue;
    world.churn.begin(i, world.day);
    if (world.churn.next(i) < churnProbability(pop.fatigue[i], pop.trust[i], params.churn)) {
      pop.churned[i] = 1;
      pop.churnDay[i] = world.day;
    }
  }
}

/**
 * Interests move toward the day's pull (weighted features of viewed and bought items) and stay unit length; returns
 * whether they moved.
 */
function driftInterests(interest: Float32Array, pull: Float32Array, consumer: number, dims: number): boolean {
  const o = consumer * dims;
  let moved = false;
  for (let k = 0; k < dims; k++) {
    if (pull[o + k] !== 0) {
      interest[o + k] += pull[o + k];
      pull[o + k] = 0;
      moved = true;
    }
  }
  if (moved) normalizeRow(interest, consumer, dims);
  return moved;
}
