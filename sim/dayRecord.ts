import { entropy, gini } from './math/inequality.js';
import type { World } from './world.js';

let giniScratch = new Float64Array(0);

/** Writes the day's row of days.arrow from the counters and the population. */
export function recordDay(world: World): void {
  const { population: pop, catalog, today } = world;
  let trust = 0;
  let fatigue = 0;
  let budget = 0;
  let present = 0;
  let churned = 0;
  for (let i = 0; i < pop.size; i++) {
    budget += pop.budget[i];
    if (pop.churned[i]) {
      churned++;
      continue;
    }
    present++;
    trust += pop.trust[i];
    fatigue += pop.fatigue[i];
  }
  if (giniScratch.length < catalog.size) giniScratch = new Float64Array(catalog.size);
  const table = world.tables!.days;
  const r = table.nextRow();
  const c = table.columns;
  c.day[r] = world.day;
  c.active_users[r] = today.activeUsers;
  c.sessions[r] = today.sessions;
  c.exposures[r] = today.exposures;
  c.views[r] = today.views;
  c.purchases[r] = today.purchases;
  c.planned_purchases[r] = today.planned;
  c.impulse_purchases[r] = today.impulse;
  c.cart_purchases[r] = today.cartPurchases;
  c.carted[r] = today.carted;
  c.cart_dropped[r] = today.cartDropped;
  c.temptations[r] = today.temptations;
  c.blocked[r] = today.blocked;
  c.unaffordable[r] = today.unaffordable;
  c.gmv[r] = today.gmv;
  c.refunds[r] = today.refunds;
  c.returns[r] = today.returns;
  c.regrets[r] = today.regrets;
  c.evaluated[r] = today.evaluated;
  c.pushes[r] = today.pushes;
  c.reminders[r] = today.reminders;
  c.over_budget_events[r] = today.overBudgetEvents;
  c.false_labels_found_out[r] = today.falseLabelsFoundOut;
  c.churned[r] = churned;
  c.mean_emotion[r] = today.activeUsers > 0 ? today.emotionOfActive / today.activeUsers : 0;
  c.mean_trust[r] = present > 0 ? trust / present : 0;
  c.mean_self_control[r] = today.activeUsers > 0 ? today.selfControlOfActive / today.activeUsers : 0;
  c.mean_fatigue[r] = present > 0 ? fatigue / present : 0;
  c.mean_budget[r] = budget / pop.size;
  c.sales_gini[r] = gini(catalog.salesTotal, giniScratch);
  c.category_entropy[r] = entropy(today.purchasesByCategory);
  c.feed_diversity[r] = today.feedDiversitySessions > 0 ? today.feedDiversitySum / today.feedDiversitySessions : Number.NaN;
  c.category_switch_rate[r] = today.repeatBuys > 0 ? today.categorySwitches / today.repeatBuys : Number.NaN;
  c.viewers[r] = today.viewers;
  c.tempted[r] = today.tempted;
  c.carters[r] = today.carters;
  c.buyers[r] = today.sessionBuyers;
  c.kept[r] = today.evaluated - today.returnsDecided;
  c.shares[r] = today.shares;
  c.oversold[r] = world.oversoldToday;
  const totals = world.totals;
  totals.views += today.views;
  totals.feedDiversitySum += today.feedDiversitySum;
  totals.feedDiversitySessions += today.feedDiversitySessions;
  totals.dailyRepeatBuys.push(today.repeatBuys);
  totals.dailyCategorySwitches.push(today.categorySwitches);
}
