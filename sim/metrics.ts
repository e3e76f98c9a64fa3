import { KIND_IMPULSE, KIND_PLANNED } from './codes.js';
import { entropy, gini, simpsonDiversity } from './math/inequality.js';
import { meanPurchaseOverlap } from './measures/purchaseOverlap.js';
import { weightedRateSlope } from './measures/trend.js';
import { namedStream } from './rng.js';
import type { World } from './world.js';
import { segmentSummaryEntries, type SegmentOutcome } from './measures/segmentOutcomes.js';

/** A summary metric: its name (snake_case, a column of runs tables) and what it measures. */
export interface MetricDefinition {
  readonly name: string;
  readonly description: string;
}

/** Every summary metric of a run, in output order. */
export const METRICS: readonly MetricDefinition[] = [
  { name: 'consumers', description: 'consumers simulated' },
  { name: 'active_users', description: 'consumers with at least one session' },
  { name: 'active_days_per_consumer', description: 'mean days with a session per consumer (loyalty)' },
  { name: 'sessions', description: 'app sessions' },
  { name: 'exposures', description: 'items shown' },
  { name: 'purchases', description: 'purchases of every kind' },
  { name: 'purchases_per_active_day', description: 'purchases per active user per day' },
  { name: 'conversion', description: 'purchases per exposure' },
  { name: 'purchases_per_feed_session', description: 'purchases per session that had a feed' },
  { name: 'feed_conversion', description: 'purchases per exposure in ordinary feed slots' },
  { name: 'live_conversion', description: 'purchases per exposure in live-room slots' },
  { name: 'impulse_share', description: 'impulse purchases bought at once over all purchases (impulse decisions that went through the cooling-off cart count as cart: see impulse_origin_share)' },
  { name: 'impulse_origin_share', description: 'purchases that began as impulse decisions, bought at once or from the cooling-off cart, over all purchases' },
  { name: 'planned_share', description: 'planned purchases over all purchases' },
  { name: 'cart_share', description: 'purchases from the cooling-off cart over all purchases' },
  { name: 'impulse_purchases', description: 'impulse purchases' },
  { name: 'planned_purchases', description: 'planned purchases' },
  { name: 'buyers', description: 'consumers with at least one purchase' },
  { name: 'impulse_buyer_share', description: 'share of buyers with at least one impulse purchase' },
  { name: 'regret_buyer_share', description: 'share of buyers who regretted at least one purchase' },
  { name: 'regret_rate', description: 'regretted over evaluated purchases' },
  { name: 'return_rate', description: 'purchases the buyer decided to return over evaluated purchases (including returns due after the last day)' },
  { name: 'impulse_return_rate', description: 'returned over evaluated impulse purchases' },
  { name: 'planned_return_rate', description: 'returned over evaluated planned purchases' },
  { name: 'gmv', description: 'gross merchandise value: money spent' },
  { name: 'gmv_first_14_days', description: 'money spent in the first 14 days' },
  { name: 'refunds', description: 'money refunded' },
  { name: 'net_revenue', description: 'gmv minus refunds' },
  { name: 'consumer_welfare', description: "evaluated purchases' worth to their buyers (set by the category's median price and realized value, not by the price paid) minus the price paid and regret costs, in money; a returned item's worth and price both drop out" },
  { name: 'trust_start', description: 'mean trust at day 0' },
  { name: 'trust_end', description: 'mean trust at the end, churned consumers included (at their trust when they left)' },
  { name: 'fatigue_end', description: 'mean fatigue after the last night, churned consumers included' },
  { name: 'churn_share', description: 'share of consumers who churned' },
  { name: 'over_budget_months', description: 'consumer pay cycles with spending above income' },
  { name: 'reminders', description: 'budget reminders shown' },
  { name: 'false_labels_found_out', description: 'false urgency labels found out: an item watched under a countdown or "only N left" that was not true, watched again on a later day (each costs trust)' },
  { name: 'blocked', description: 'purchases blocked by the spending cap' },
  { name: 'carted', description: 'unplanned purchases moved into the cooling-off cart' },
  { name: 'cart_dropped', description: 'cart items dropped on review' },
  { name: 'pushes', description: 'push notifications sent' },
  { name: 'category_entropy', description: "mean Shannon entropy (nats) of buyers' purchases over categories" },
  {
    name: 'category_diversity',
    description: "mean chance that two of a buyer's purchases are in different categories (unbiased Gini-Simpson index, buyers with two or more purchases): unlike category_entropy, it does not grow with the number of purchases alone",
  },
  { name: 'sales_gini', description: 'Gini coefficient of item sales' },
  { name: 'coverage', description: 'share of items sold at least once' },
  { name: 'view_rate', description: 'items watched over items shown' },
  { name: 'purchases_per_view', description: 'purchases over items watched' },
  { name: 'feed_diversity', description: 'mean intra-list diversity of feed sessions (mean pairwise 1 - cosine of item features)' },
  { name: 'category_switch_rate', description: "share of repeat buyers' purchases in another category than their previous one" },
  {
    name: 'category_switch_trend',
    description: 'change of the daily category switch rate per 30 days (weighted least squares; negative = purchases narrowing; the filter bubble is its difference against tastes fixed)',
  },
  { name: 'purchase_overlap', description: 'mean Jaccard overlap of the item sets of two random buyers (homogenization)' },
  {
    name: 'impulse_match_ratio',
    description: 'impulse decisions per exposure in the top fifth of exposures by interest match over the bottom fifth (emotional resonance)',
  },
  { name: 'impulse_trust_ratio', description: 'impulse decisions per exposure in the top quarter of exposures by trust over the bottom quarter' },
  { name: 'give_in_rate', description: 'temptations given in to (an impulse purchase attempted) over temptations: what self-control depletion raises' },
  {
    name: 'impulse_late_session_ratio',
    description: 'impulse decisions per exposure in the last third of feed sessions of 15 or more items over the first third (arousal building up and self-control depleting over a session)',
  },
  { name: 'social_conversion', description: "purchases per exposure in friends' post slots" },
  { name: 'social_purchase_share', description: "purchases made from friends' and KOLs' posts over all purchases (word of mouth)" },
  { name: 'shares', description: 'satisfied purchases shared with friends' },
];

/** The unit of every summary metric ("money" is the scenario's currency, the unit of prices and incomes). */
export const METRIC_UNITS: Readonly<Record<string, string>> = {
  consumers: 'consumers',
  active_users: 'consumers',
  active_days_per_consumer: 'days per consumer',
  sessions: 'sessions',
  exposures: 'items shown',
  purchases: 'purchases',
  purchases_per_active_day: 'purchases per consumer-day with a session',
  conversion: 'purchases per item shown',
  purchases_per_feed_session: 'purchases per feed session',
  feed_conversion: 'purchases per item shown',
  live_conversion: 'purchases per item shown',
  impulse_share: 'share, 0 to 1',
  impulse_origin_share: 'share, 0 to 1',
  planned_share: 'share, 0 to 1',
  cart_share: 'share, 0 to 1',
  impulse_purchases: 'purchases',
  planned_purchases: 'purchases',
  buyers: 'consumers',
  impulse_buyer_share: 'share, 0 to 1',
  regret_buyer_share: 'share, 0 to 1',
  regret_rate: 'share, 0 to 1',
  return_rate: 'share, 0 to 1',
  impulse_return_rate: 'share, 0 to 1',
  planned_return_rate: 'share, 0 to 1',
  gmv: 'money',
  gmv_first_14_days: 'money',
  refunds: 'money',
  net_revenue: 'money',
  consumer_welfare: 'money',
  trust_start: 'trust, 0 to 1',
  trust_end: 'trust, 0 to 1',
  fatigue_end: 'fatigue, 0 and up',
  churn_share: 'share, 0 to 1',
  over_budget_months: 'consumer pay cycles',
  reminders: 'reminders',
  false_labels_found_out: 'labels',
  blocked: 'purchases',
  carted: 'purchases',
  cart_dropped: 'purchases',
  pushes: 'notifications',
  category_entropy: 'nats',
  category_diversity: 'probability, 0 to 1',
  sales_gini: 'Gini coefficient, 0 to 1',
  coverage: 'share, 0 to 1',
  view_rate: 'share, 0 to 1',
  purchases_per_view: 'purchases per item watched',
  feed_diversity: '1 - cosine, 0 to 2',
  category_switch_rate: 'share, 0 to 1',
  category_switch_trend: 'change of a share per 30 days',
  purchase_overlap: 'Jaccard index, 0 to 1',
  impulse_match_ratio: 'ratio of rates',
  impulse_trust_ratio: 'ratio of rates',
  give_in_rate: 'share, 0 to 1',
  impulse_late_session_ratio: 'ratio of rates',
  social_conversion: 'purchases per item shown',
  social_purchase_share: 'share, 0 to 1',
  shares: 'shares',
};

/**
 * A run's summary: metric name to value (NaN where a ratio has no denominator); METRICS first, then each segment's
 * outcomes as `metric@segment` (SEGMENT_METRICS).
 */
export type RunSummary = Record<string, number>;

const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Computes every summary metric from the world at the end of a run, then each segment's outcomes. */
export function summarizeRun(world: World, segments: readonly SegmentOutcome[]): RunSummary {
  const { population: pop, catalog, totals } = world;
  let activeUsers = 0;
  let activeDays = 0;
  let sessions = 0;
  let exposures = 0;
  let purchases = 0;
  let impulse = 0;
  let cart = 0;
  let buyers = 0;
  let impulseBuyers = 0;
  let regretBuyers = 0;
  let regrets = 0;
  let gmv = 0;
  let refunds = 0;
  let trustStart = 0;
  let trustEnd = 0;
  let fatigue = 0;
  let churned = 0;
  let overBudget = 0;
  let entropySum = 0;
  let diversitySum = 0;
  let repeatBuyers = 0;
  for (let i = 0; i < pop.size; i++) {
    if (pop.sessions[i] > 0) activeUsers++;
    activeDays += pop.activeDays[i];
    sessions += pop.sessions[i];
    exposures += pop.exposures[i];
    purchases += pop.purchases[i];
    impulse += pop.impulsePurchases[i];
    cart += pop.cartPurchases[i];
    regrets += pop.regrets[i];
    gmv += pop.spend[i];
    refunds += pop.refunds[i];
    trustStart += pop.initialTrust[i];
    trustEnd += pop.trust[i];
    fatigue += pop.fatigue[i];
    churned += pop.churned[i];
    overBudget += pop.overBudgetCycles[i];
    if (pop.purchases[i] > 0) {
      buyers++;
      if (pop.impulsePurchases[i] > 0) impulseBuyers++;
      if (pop.regrets[i] > 0) regretBuyers++;
      entropySum += entropy(pop.purchasesByCategory, i * pop.categories, pop.categories);
      if (pop.purchases[i] >= 2) {
        repeatBuyers++;
        diversitySum += simpsonDiversity(pop.purchasesByCategory, i * pop.categories, pop.categories);
      }
    }
  }
  const evaluated = totals.evaluatedByKind[0] + totals.evaluatedByKind[1] + totals.evaluatedByKind[2];
  let sold = 0;
  for (let j = 0; j < catalog.size; j++) if (catalog.salesTotal[j] > 0) sold++;
  const n = pop.size;
  const summary: RunSummary = {
    consumers: n,
    active_users: activeUsers,
    active_days_per_consumer: activeDays / n,
    sessions,
    exposures,
    purchases,
    purchases_per_active_day: ratio(purchases, activeDays),
    conversion: ratio(purchases, exposures),
    purchases_per_feed_session: ratio(totals.feedSessionPurchases, totals.feedSessions),
    feed_conversion: ratio(totals.feedPurchases, totals.feedExposures),
    live_conversion: ratio(totals.livePurchases, totals.liveExposures),
    impulse_share: ratio(impulse, purchases),
    // Only impulse decisions enter the cart, so its purchases are impulse decisions too.
    impulse_origin_share: ratio(impulse + cart, purchases),
    planned_share: ratio(purchases - impulse - cart, purchases),
    cart_share: ratio(cart, purchases),
    impulse_purchases: impulse,
    planned_purchases: purchases - impulse - cart,
    buyers,
    impulse_buyer_share: ratio(impulseBuyers, buyers),
    regret_buyer_share: ratio(regretBuyers, buyers),
    regret_rate: ratio(regrets, evaluated),
    return_rate: ratio(totals.returnedByKind.reduce((a, b) => a + b, 0), evaluated),
    impulse_return_rate: ratio(totals.returnedByKind[KIND_IMPULSE], totals.evaluatedByKind[KIND_IMPULSE]),
    planned_return_rate: ratio(totals.returnedByKind[KIND_PLANNED], totals.evaluatedByKind[KIND_PLANNED]),
    gmv,
    gmv_first_14_days: totals.gmvFirstTwoWeeks,
    refunds,
    net_revenue: gmv - refunds,
    consumer_welfare: totals.welfare,
    trust_start: trustStart / n,
    trust_end: trustEnd / n,
    fatigue_end: fatigue / n,
    churn_share: churned / n,
    over_budget_months: overBudget,
    reminders: totals.reminders,
    false_labels_found_out: totals.falseLabelsFoundOut,
    blocked: totals.blocked,
    carted: totals.carted,
    cart_dropped: totals.cartDropped,
    pushes: totals.pushes,
    category_entropy: ratio(entropySum, buyers),
    category_diversity: ratio(diversitySum, repeatBuyers),
    sales_gini: gini(catalog.salesTotal, new Float64Array(catalog.size)),
    coverage: sold / catalog.size,
    view_rate: ratio(totals.views, exposures),
    purchases_per_view: ratio(purchases, totals.views),
    feed_diversity: ratio(totals.feedDiversitySum, totals.feedDiversitySessions),
    category_switch_rate: ratio(sum(totals.dailyCategorySwitches), sum(totals.dailyRepeatBuys)),
    category_switch_trend: weightedRateSlope(totals.dailyCategorySwitches, totals.dailyRepeatBuys, 30),
    impulse_match_ratio: world.impulseProfile.matchRatio(),
    impulse_trust_ratio: world.impulseProfile.trustRatio(),
    give_in_rate: ratio(totals.givenIn, totals.temptations),
    impulse_late_session_ratio: world.impulseProfile.lateSessionRatio(),
    social_conversion: ratio(totals.socialPurchases, totals.socialExposures),
    social_purchase_share: ratio(totals.socialPurchases, purchases),
    shares: totals.shares,
    purchase_overlap: meanPurchaseOverlap(
      world.purchaseLog.columns.consumer as Int32Array,
      world.purchaseLog.columns.item as Int32Array,
      world.purchaseLog.length,
      namedStream(world.scenario.run.seed, 'measures/overlap'),
    ),
  };
  // Each segment's outcomes follow the whole population's, as `metric@segment` (segments.arrow holds the same).
  for (const [key, value] of segmentSummaryEntries(segments)) summary[key] = value;
  return summary;
}
