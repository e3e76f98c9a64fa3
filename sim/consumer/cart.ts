import { KIND_CART } from '../codes.js';
import { HOURS_PER_DAY } from '../hours.js';
import { logistic } from '../math/logistic.js';
import type { World } from '../world.js';
import { priceNow } from '../catalog.js';
import { BOUGHT, CARTED, DROPPED } from '../measures/shoppingPaths.js';
import { priceBurden } from './budget.js';
import { attemptPurchase, PurchaseOutcome, type PurchaseMoment } from './purchase.js';

const moment: PurchaseMoment = { key: 0, item: 0, kind: KIND_CART, source: 0, slot: 0, match: 0, urgency: 0, socialProof: 0, socialProofCount: 0 };

/**
 * Step 6, cart review: items whose cooling-off delay has passed are reconsidered calmly (arousal at baseline, no
 * labels, no live host). Needed items are usually bought; most impulse items are dropped.
 */
export function reviewCart(world: World): void {
  const { cart, catalog, population: pop, scenario, today } = world;
  const delay = scenario.platform.nudges.coolingOffDays;
  const params = scenario.consumer.cart;
  const threshold = scenario.consumer.planned.needThreshold;
  const c = cart.columns;
  while (cart.length > 0 && c.dayAdded[cart.first] + delay <= world.day) {
    const r = cart.first;
    const consumer = c.consumer[r];
    const item = c.item[r];
    const match = c.match[r];
    const needed = pop.need[consumer * pop.categories + catalog.category[item]] >= threshold ? 1 : 0;
    const burden = priceBurden(priceNow(catalog, item), pop.income[consumer]);
    const keep = logistic(params.intercept + params.match * match + params.need * needed - params.price * pop.priceSensitivity[consumer] * burden);
    let bought = false;
    world.cartReview.begin(consumer, world.day);
    if (!pop.churned[consumer] && world.cartReview.next(consumer) < keep) {
      // Rows sort in the order items were parked (day, hour, then consumer, as sessions run): the cart's own order.
      moment.key = (c.dayAdded[r] * (HOURS_PER_DAY + 1) + c.hourAdded[r]) * pop.size + consumer;
      moment.item = item;
      moment.source = c.source[r];
      moment.slot = c.slot[r];
      moment.match = match;
      moment.urgency = 0;
      pop.emotion[consumer] = scenario.consumer.emotion.baseline;
      bought = attemptPurchase(world, consumer, moment) === PurchaseOutcome.Bought;
    }
    world.paths.add(CARTED, bought ? BOUGHT : DROPPED);
    if (!bought) today.cartDropped++;
    if (!bought) world.totals.cartDropped++;
    cart.shift();
  }
}
