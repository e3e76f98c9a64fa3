import type { World } from '../world.js';

/** No false label remembered. */
const NONE = -1;

/**
 * A consumer watches `item`. A countdown or "only N left" that was false is found out when the consumer watches the
 * same item again on a later day, still on sale: the countdown ended and nothing changed, the last units are still
 * there. Each consumer remembers the last item they watched under a false label (one item: assumption); finding it
 * out costs `consumer.trust.falseUrgencyLoss` of their trust and forgets it, so one lie is found out once.
 * True labels (running offers, real scarcity) are never remembered.
 */
export function noteWatchedLabel(world: World, consumer: number, item: number, falseLabel: boolean): void {
  const pop = world.population;
  const remembered = pop.falseLabelItem[consumer];
  if (remembered === item && pop.falseLabelDay[consumer] < world.day) {
    pop.trust[consumer] -= world.scenario.consumer.trust.falseUrgencyLoss * pop.trust[consumer];
    pop.falseLabelItem[consumer] = NONE;
    world.today.falseLabelsFoundOut++;
    world.totals.falseLabelsFoundOut++;
  }
  if (falseLabel) {
    pop.falseLabelItem[consumer] = item;
    pop.falseLabelDay[consumer] = world.day;
  }
}
