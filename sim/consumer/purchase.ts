import {
  KIND_CART,
  KIND_IMPULSE,
  KIND_PLANNED,
  NUDGE_BUDGET_REMINDER,
  NUDGE_COOLING_OFF,
  NUDGE_NONE,
  NUDGE_RATIONAL_TIPS,
  NUDGE_SPENDING_CAP,
  NUDGE_TRANSPARENCY,
  originOf,
  SOURCE_FEED,
  SOURCE_LIVE,
  SOURCE_SOCIAL,
} from '../codes.js';
import type { World } from '../world.js';
import { priceNow } from '../catalog.js';
import { budgetStrain, canAfford, passesSpendingCap } from './budget.js';
import { expectationAtPurchase, fitOf } from './evaluation.js';

/** What a purchase attempt came to. */
export enum PurchaseOutcome {
  Bought,
  Carted,
  Blocked,
  Unaffordable,
  OutOfStock,
}

/** The moment of a purchase decision, as the exposure that led to it saw it. */
export interface PurchaseMoment {
  /** Where the purchase's row sorts among the phase's rows of all replicas (ReplicaRows). */
  key: number;
  item: number;
  kind: number;
  source: number;
  slot: number;
  match: number;
  urgency: number;
  socialProof: number;
  socialProofCount: number;
}

/**
 * Carries out a purchase decision: the cooling-off cart takes unplanned purchases; the spending cap and the balance
 * may stop it; otherwise money, stock, needs, counters, the platform's observations and the tables are updated and
 * the purchase joins the delivery queue.
 */
export function attemptPurchase(world: World, consumer: number, moment: PurchaseMoment): PurchaseOutcome {
  const { catalog, population: pop, scenario, today } = world;
  const { nudges } = scenario.platform;
  const item = moment.item;
  if (catalog.stock[item] <= 0) return PurchaseOutcome.OutOfStock;
  const price = priceNow(catalog, item);
  if (moment.kind === KIND_IMPULSE && nudges.coolingOffDays > 0) {
    parkInCart(world, consumer, moment);
    return PurchaseOutcome.Carted;
  }
  if (!passesSpendingCap(pop.cycleSpend[consumer], price, pop.income[consumer], nudges.spendingCap)) {
    today.blocked++;
    world.totals.blocked++;
    return PurchaseOutcome.Blocked;
  }
  if (!canAfford(pop.budget[consumer], price)) {
    today.unaffordable++;
    return PurchaseOutcome.Unaffordable;
  }
  const balanceBefore = pop.budget[consumer];
  const category = catalog.category[item];
  const needIndex = consumer * pop.categories + category;
  const needed = pop.need[needIndex] >= scenario.consumer.planned.needThreshold;
  const strain = budgetStrain(pop.cycleSpend[consumer], pop.income[consumer]);

  pop.budget[consumer] = Math.max(0, balanceBefore - price);
  pop.cycleSpend[consumer] += price;
  pop.need[needIndex] = 0;
  // Stock and sales counters move at the end of the hour (publishCatalogHour).
  world.hourSales.add(item);
  world.platform.observations.recordPurchase(consumer, item);
  pullInterests(world, consumer, item, scenario.consumer.interestDrift.purchase);
  countPurchase(world, consumer, moment, price, category);
  const nudge = nudgeInForce(world, consumer, moment.kind);
  checkBudgetEvents(world, consumer);

  const purchaseId = world.nextPurchaseId++;
  writePurchaseRow(world, consumer, moment, purchaseId, price, balanceBefore, needed, nudge);
  queueDelivery(world, consumer, moment, purchaseId, price, needed, strain);
  return PurchaseOutcome.Bought;
}

function parkInCart(world: World, consumer: number, moment: PurchaseMoment): void {
  const { cart } = world;
  const r = cart.push();
  const c = cart.columns;
  c.consumer[r] = consumer;
  c.item[r] = moment.item;
  c.dayAdded[r] = world.day;
  c.hourAdded[r] = world.hour;
  c.source[r] = moment.source;
  c.slot[r] = moment.slot;
  c.match[r] = moment.match;
  c.urgency[r] = moment.urgency;
  world.today.carted++;
  world.totals.carted++;
}

/** Purchases pull interests toward the item's features (the filter-bubble mechanism), applied overnight. */
export function pullInterests(world: World, consumer: number, item: number, weight: number): void {
  if (weight <= 0) return;
  const { dims } = world.population;
  const pull = world.population.interestPull;
  const features = world.catalog.features;
  const o = consumer * dims;
  const f = item * dims;
  for (let k = 0; k < dims; k++) pull[o + k] += weight * features[f + k];
}

function countPurchase(world: World, consumer: number, moment: PurchaseMoment, price: number, category: number): void {
  const { population: pop, today, totals } = world;
  pop.purchases[consumer]++;
  pop.spend[consumer] += price;
  pop.purchasesByCategory[consumer * pop.categories + category]++;
  const last = pop.lastPurchaseCategory[consumer];
  if (last >= 0) {
    today.repeatBuys++;
    if (last !== category) today.categorySwitches++;
  }
  pop.lastPurchaseCategory[consumer] = category;
  // The day's GMV and the purchase log are added up by the leader as it writes the purchase rows, in run order.
  today.purchases++;
  today.purchasesByCategory[category]++;
  if (moment.kind === KIND_PLANNED) today.planned++;
  else if (moment.kind === KIND_IMPULSE) {
    today.impulse++;
    pop.impulsePurchases[consumer]++;
  } else {
    today.cartPurchases++;
    pop.cartPurchases[consumer]++;
  }
  if (moment.source === SOURCE_LIVE) totals.livePurchases++;
  if (moment.source === SOURCE_FEED) totals.feedPurchases++;
  if (moment.source === SOURCE_SOCIAL) totals.socialPurchases++;
}

/** The nudge that shaped this purchase, for the purchases table. */
function nudgeInForce(world: World, consumer: number, kind: number): number {
  if (kind === KIND_CART) return NUDGE_COOLING_OFF;
  if (world.population.reminded[consumer]) return NUDGE_BUDGET_REMINDER;
  if (world.scenario.platform.nudges.spendingCap !== null) return NUDGE_SPENDING_CAP;
  if (world.scenario.platform.nudges.rationalTips > 0) return NUDGE_RATIONAL_TIPS;
  if (world.scenario.platform.nudges.transparency > 0) return NUDGE_TRANSPARENCY;
  return NUDGE_NONE;
}

/** A budget reminder fires once a cycle past its threshold; spending past income is an over-budget event. */
function checkBudgetEvents(world: World, consumer: number): void {
  const { population: pop, today, totals } = world;
  const threshold = world.scenario.platform.nudges.budgetReminder;
  const spent = pop.cycleSpend[consumer];
  const income = pop.income[consumer];
  if (threshold !== null && !pop.reminded[consumer] && spent >= threshold * income) {
    pop.reminded[consumer] = 1;
    today.reminders++;
    totals.reminders++;
  }
  if (!pop.overBudgetThisCycle[consumer] && spent > income) {
    pop.overBudgetThisCycle[consumer] = 1;
    pop.overBudgetCycles[consumer]++;
    today.overBudgetEvents++;
  }
}

function writePurchaseRow(
  world: World,
  consumer: number,
  moment: PurchaseMoment,
  purchaseId: number,
  price: number,
  balanceBefore: number,
  needed: boolean,
  nudge: number,
): void {
  const { population: pop, catalog } = world;
  const table = world.rows.purchases;
  const r = table.nextRow(moment.key);
  const c = table.columns;
  c.purchase_id[r] = purchaseId;
  c.consumer_id[r] = consumer;
  c.item_id[r] = moment.item;
  c.segment[r] = pop.segment[consumer];
  c.day[r] = world.day;
  c.hour[r] = world.hour;
  c.category[r] = catalog.category[moment.item];
  c.price[r] = price;
  c.kind[r] = moment.kind;
  c.origin[r] = originOf(moment.kind);
  c.source[r] = moment.source;
  c.slot[r] = moment.slot;
  c.emotion[r] = pop.emotion[consumer];
  c.self_control[r] = pop.selfControl[consumer];
  c.trust[r] = pop.trust[consumer];
  c.budget[r] = balanceBefore;
  c.interest_match[r] = moment.match;
  c.social_proof[r] = moment.socialProof;
  c.social_proof_count[r] = moment.socialProofCount;
  c.urgency[r] = moment.urgency;
  c.needed[r] = needed ? 1 : 0;
  c.nudge[r] = nudge;
}

function queueDelivery(
  world: World,
  consumer: number,
  moment: PurchaseMoment,
  purchaseId: number,
  price: number,
  needed: boolean,
  strain: number,
): void {
  const { deliveries, catalog, population: pop, scenario } = world;
  const fit = fitOf(moment.match);
  const r = deliveries.push();
  const d = deliveries.columns;
  d.purchaseId[r] = purchaseId;
  d.consumer[r] = consumer;
  d.item[r] = moment.item;
  d.dayBought[r] = world.day;
  d.kind[r] = moment.kind;
  d.price[r] = price;
  d.expectation[r] = expectationAtPurchase(
    fit,
    pop.emotion[consumer],
    catalog.hype[moment.item],
    scenario.consumer.evaluation,
    scenario.consumer.emotion.baseline,
  );
  d.fit[r] = fit;
  d.strain[r] = strain;
  d.needed[r] = needed ? 1 : 0;
}
