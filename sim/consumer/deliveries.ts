import type { World } from '../world.js';
import { REFUND_DAY_STEP, REFUND_QUEUED, REFUND_SAME_DAY } from '../parallel/replicaRows.js';
import { originOf } from '../codes.js';
import { BOUGHT, KEPT, RETURNED } from '../measures/shoppingPaths.js';
import {
  judgePurchase,
  ITEM_KEPT,
  ITEM_KEPT_DEFECTIVE,
  ITEM_RETURNED,
  purchaseWelfare,
  returnDelayDays,
  returnProbability,
  returnReasonProbability,
  returnWindowFactor,
  UNREGRETTED_RETURN_REASON,
} from './evaluation.js';

/**
 * Step 7, deliveries and evaluation: purchases whose delivery delay has passed are judged. Regret may lead to a
 * return within the window, decided at delivery and carried out on a day drawn within the window (refund, trust
 * falls, the platform sees it); satisfaction raises trust and habit.
 */
export function evaluateDeliveries(world: World): void {
  const { deliveries, catalog, population: pop, scenario, today } = world;
  const params = scenario.consumer.evaluation;
  const trustParams = scenario.consumer.trust;
  const windowFactor = returnWindowFactor(scenario.platform.nudges.returnWindowDays);
  const defectChance = returnReasonProbability(false, params);
  const d = deliveries.columns;
  const table = world.rows.regret;
  const t = table.columns;
  while (deliveries.length > 0 && d.dayBought[deliveries.first] + params.deliveryDays <= world.day) {
    const r = deliveries.first;
    const consumer = d.consumer[r];
    const item = d.item[r];
    const price = d.price[r];
    const judgement = judgePurchase(d.expectation[r], catalog.quality[item], d.fit[r], d.strain[r], d.needed[r] === 1, params);
    world.judge.begin(consumer, world.day);
    const regretted = world.judge.next(consumer) < judgement.regretProbability;
    const returnDraw = world.judge.next(consumer);
    const returned = returnDraw < returnProbability(regretted, windowFactor, params);
    // The same draw below the chance of a reason surfacing at all, but not returned: the reason came after the window.
    const defectKept = !regretted && !returned && returnDraw < defectChance;
    const refund = returned ? price : 0;

    if (regretted) {
      pop.regrets[consumer]++;
      today.regrets++;
      pop.trust[consumer] -= trustParams.regretLoss * judgement.regretProbability * pop.trust[consumer];
    } else {
      pop.trust[consumer] += trustParams.satisfactionGain * (1 - pop.trust[consumer]);
      pop.habit[consumer] += trustParams.satisfactionGain * (1 - pop.habit[consumer]);
    }
    if (!regretted && !returned) shareIfSatisfied(world, consumer, item);
    const dayReturned = returned ? scheduleReturn(world, consumer, item, price, d.purchaseId[r]) : -1;
    today.evaluated++;
    world.paths.add(BOUGHT, returned ? RETURNED : KEPT);
    const kind = d.kind[r];
    world.totals.evaluatedByKind[kind]++;
    if (regretted) world.totals.regrettedByKind[kind]++;
    if (returned) world.totals.returnedByKind[kind]++;
    const referencePrice = catalog.categoryMedianPrice[catalog.category[item]];
    const outcome = returned ? ITEM_RETURNED : defectKept ? ITEM_KEPT_DEFECTIVE : ITEM_KEPT;
    const welfare = purchaseWelfare(price, referencePrice, judgement.value, params.expectedQuality, d.needed[r] === 1, regretted, outcome);
    pop.evaluated[consumer]++;
    pop.welfare[consumer] += welfare;

    const row = table.nextRow(d.purchaseId[r]);
    t.welfare[row] = welfare;
    t.purchase_id[row] = d.purchaseId[r];
    t.consumer_id[row] = consumer;
    t.item_id[row] = item;
    t.kind[row] = d.kind[r];
    t.origin[row] = originOf(d.kind[r]);
    t.day_bought[row] = d.dayBought[r];
    t.day_evaluated[row] = world.day;
    t.price[row] = price;
    t.expectation[row] = d.expectation[r];
    t.value[row] = judgement.value;
    t.disappointment[row] = judgement.disappointment;
    t.regret[row] = judgement.regretProbability;
    t.regretted[row] = regretted ? 1 : 0;
    t.returned[row] = returned ? 1 : 0;
    t.refund[row] = refund;
    t.day_returned[row] = dayReturned;
    t.reason[row] = regretted ? judgement.reason : returned || defectKept ? UNREGRETTED_RETURN_REASON : 0;
    deliveries.shift();
  }
  carryOutDueReturns(world);
}

/**
 * A decided return: carried out at once when it goes back today, else queued for its day (returnTiming
 * 'over-window'). Returns the day it goes back.
 */
function scheduleReturn(world: World, consumer: number, item: number, price: number, purchaseId: number): number {
  world.today.returnsDecided++;
  const params = world.scenario;
  let day = world.day;
  if (params.consumer.evaluation.returnTiming === 'over-window') {
    world.returnTiming.begin(consumer, world.day);
    day += returnDelayDays(world.returnTiming.next(consumer), params.platform.nudges.returnWindowDays);
  }
  if (day === world.day) {
    sendBack(world, consumer, item, price, REFUND_SAME_DAY + purchaseId);
    return day;
  }
  const queue = world.pendingReturns;
  const r = queue.push();
  queue.columns.consumer[r] = consumer;
  queue.columns.item[r] = item;
  queue.columns.price[r] = price;
  queue.columns.day[r] = day;
  queue.columns.purchaseId[r] = purchaseId;
  queue.columns.decided[r] = world.day;
  return day;
}

/** Queued returns that go back today, in the order they were decided. Returns due after the run's last day never happen. */
function carryOutDueReturns(world: World): void {
  const queue = world.pendingReturns;
  const q = queue.columns;
  for (let waiting = queue.length; waiting > 0; waiting--) {
    const r = queue.first;
    if (q.day[r] > world.day) {
      queue.rotate();
      continue;
    }
    // Carried out in the order decided: by decision day, then purchase.
    sendBack(world, q.consumer[r], q.item[r], q.price[r], REFUND_QUEUED + q.decided[r] * REFUND_DAY_STEP + q.purchaseId[r]);
    queue.shift();
  }
}

/** A return goes back: the refund reaches the budget, the unit goes back to stock, trust falls, the platform sees it. */
function sendBack(world: World, consumer: number, item: number, refund: number, refundKey: number): void {
  const { population: pop, today } = world;
  pop.returns[consumer]++;
  pop.refunds[consumer] += refund;
  pop.budget[consumer] += refund;
  pop.trust[consumer] -= world.scenario.consumer.trust.returnLoss * pop.trust[consumer];
  // Back in stock after the day's evaluations (nothing reads stock before the next morning).
  world.returnedUnits.add(item);
  today.returns++;
  world.rows.refunds.add(refundKey, refund);
  world.platform.observations.recordReturn(consumer, item);
}

/** A satisfied buyer may share the purchase with friends (word of mouth); a KOL shares more readily. */
function shareIfSatisfied(world: World, consumer: number, item: number): void {
  const network = world.social;
  if (network === null) return;
  const params = world.scenario.social;
  world.sharing.begin(consumer, world.day);
  const chance = network.isKol[consumer] ? params.kolShareChance : params.shareChance;
  if (world.sharing.next(consumer) >= chance) return;
  const shares = world.pendingShares;
  const r = shares.push();
  shares.columns.consumer[r] = consumer;
  shares.columns.item[r] = item;
  world.today.shares++;
  world.totals.shares++;
}
