import { entropy } from '../math/inequality.js';
import type { World } from '../world.js';

/** Writes consumers.arrow at the end of a run: traits, final state and totals, one row per consumer. */
export function writeConsumersTable(world: World): void {
  const { population: pop } = world;
  const table = world.tables!.consumers;
  const c = table.columns;
  for (let i = 0; i < pop.size; i++) {
    const r = table.nextRow();
    let categoriesBought = 0;
    for (let k = 0; k < pop.categories; k++) if (pop.purchasesByCategory[i * pop.categories + k] > 0) categoriesBought++;
    c.consumer_id[r] = i;
    c.segment[r] = pop.segment[i];
    c.impulsivity[r] = pop.impulsivity[i];
    c.self_control_capacity[r] = pop.selfControlCapacity[i];
    c.conformity[r] = pop.conformity[i];
    c.price_sensitivity[r] = pop.priceSensitivity[i];
    c.income[r] = pop.income[i];
    c.present_bias[r] = pop.presentBias[i];
    c.privacy_concern[r] = pop.privacyConcern[i];
    c.opted_out[r] = pop.optedOut[i];
    c.initial_trust[r] = pop.initialTrust[i];
    c.trust[r] = pop.trust[i];
    c.budget[r] = pop.budget[i];
    c.self_control[r] = pop.selfControl[i];
    c.fatigue[r] = pop.fatigue[i];
    c.habit[r] = pop.habit[i];
    c.purchases[r] = pop.purchases[i];
    c.impulse_purchases[r] = pop.impulsePurchases[i];
    c.cart_purchases[r] = pop.cartPurchases[i];
    c.regrets[r] = pop.regrets[i];
    c.returns[r] = pop.returns[i];
    c.spend[r] = pop.spend[i];
    c.refunds[r] = pop.refunds[i];
    c.sessions[r] = pop.sessions[i];
    c.exposures[r] = pop.exposures[i];
    c.active_days[r] = pop.activeDays[i];
    c.categories_bought[r] = categoriesBought;
    c.category_entropy[r] = entropy(pop.purchasesByCategory, i * pop.categories, pop.categories);
    c.over_budget_months[r] = pop.overBudgetCycles[i];
    c.churned[r] = pop.churned[i];
    c.churn_day[r] = pop.churnDay[i];
  }
}
