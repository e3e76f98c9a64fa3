import { NUDGES, PURCHASE_KINDS, PURCHASE_ORIGINS, REGRET_REASONS, SOURCES } from '../codes.js';
import type { ColumnSpec } from './arrowTableWriter.js';
import { SEGMENT_METRICS } from '../measures/segmentOutcomes.js';
import { PATH_STATES } from '../measures/shoppingPaths.js';

/** What happened at one exposure (the exposures table's `outcome`): the shopping funnel. */
export const EXPOSURE_OUTCOMES = ['skipped', 'viewed', 'resisted', 'planned', 'impulse', 'carted', 'blocked', 'unaffordable', 'sold_out'] as const;

const column = <N extends string>(name: N, kind: ColumnSpec['kind'], description: string): ColumnSpec<N> => ({ name, kind, description });

/** purchases.arrow: one row per purchase, written when it happens. */
export function purchaseColumns(segments: readonly string[]) {
  return [
    column('purchase_id', 'int32', 'purchase id, unique within the run, in order of purchase'),
    column('consumer_id', 'int32', 'buyer'),
    column('item_id', 'int32', 'item bought'),
    column('segment', { dictionary: segments }, "buyer's segment"),
    column('day', 'int32', 'day of the run, from 0'),
    column('hour', 'int32', 'hour of the day, 0-23; 24 for purchases from the cooling-off cart, reviewed after the last hour'),
    column('category', 'int32', "item's category"),
    column('price', 'float64', 'price paid'),
    column('kind', { dictionary: PURCHASE_KINDS }, 'planned (meets an active need), impulse, or cart (bought after the cooling-off delay)'),
    column('origin', { dictionary: PURCHASE_ORIGINS }, 'where the decision came from: planned, or impulse (a cart purchase is an impulse decision that survived the cart)'),
    column('source', { dictionary: SOURCES }, "where the item was shown: feed, live room, search results, push notification or a friend's post"),
    column('slot', 'int32', 'position in the feed or search results, from 0'),
    column('emotion', 'float32', 'arousal at purchase, [0, 1]'),
    column('self_control', 'float32', 'self-control strength at purchase, [0, 1]'),
    column('trust', 'float32', 'trust in the platform at purchase, [0, 1]'),
    column('budget', 'float64', 'balance before the purchase'),
    column('interest_match', 'float32', 'cosine of true interests and item features, [-1, 1]'),
    column('social_proof', 'float32', 'social-proof signal shown, [0, 1] (0 when counters are off)'),
    column('social_proof_count', 'int32', 'the "N bought" number shown (0 when counters are off)'),
    column('urgency', 'bool', 'an urgency or scarcity label was shown'),
    column('needed', 'bool', 'the item met an active need'),
    column('nudge', { dictionary: NUDGES }, 'the nudge in force at this purchase'),
  ] as const;
}

/** regret.arrow: one row per delivered and evaluated purchase. */
export function regretColumns() {
  return [
    column('purchase_id', 'int32', 'purchase judged (joins purchases)'),
    column('consumer_id', 'int32', 'buyer'),
    column('item_id', 'int32', 'item'),
    column('kind', { dictionary: PURCHASE_KINDS }, 'purchase kind, as in purchases'),
    column('origin', { dictionary: PURCHASE_ORIGINS }, 'origin of the decision, as in purchases'),
    column('day_bought', 'int32', 'day of purchase'),
    column('day_evaluated', 'int32', 'day of delivery, when it was judged'),
    column('price', 'float64', 'price paid'),
    column('expectation', 'float64', 'expected value at purchase, inflated by arousal and hype'),
    column('value', 'float64', 'realized value: quality times fit'),
    column('disappointment', 'float64', 'expectation above value, >= 0'),
    column('regret', 'float64', 'regret intensity: the probability of regret, [0, 1]'),
    column('regretted', 'bool', 'the buyer regretted the purchase'),
    column('returned', 'bool', 'the purchase was returned within the window'),
    column('refund', 'float64', 'money refunded (0 or the price)'),
    column('day_returned', 'int32', 'day the item was sent back and refunded (delivery day to window end), or -1 when kept; may fall after the run'),
    column('reason', { dictionary: REGRET_REASONS }, 'largest contributor to regret, or defect for an unregretted return (or a defect or wrong size found after the return window closed: kept, worth nothing)'),
    column('welfare', 'float64', "consumer welfare of the purchase in money: worth to the buyer minus price minus regret cost; a returned item's worth and price drop out, a defect kept after the window is worth nothing (docs/MODEL.md 7.10)"),
  ] as const;
}

/** paths.arrow: one row per possible shopping-path transition per day (docs/MODEL.md 9, output/README.md). */
export function pathColumns() {
  return [
    column('day', 'int32', 'day of the run, from 0'),
    column('from', { dictionary: PATH_STATES }, 'state the exposure was in'),
    column('to', { dictionary: PATH_STATES }, 'state it moved to'),
    column('count', 'int32', 'transitions today'),
    column('share', 'float64', "count over today's transitions out of `from`: the Markov chain's transition probability (NaN when none)"),
  ] as const;
}

/** segments.arrow: one row per population segment at the end of the run (the fairness audit). */
export function segmentColumns(segments: readonly string[]): ColumnSpec[] {
  return [
    column('segment', { dictionary: segments }, 'segment, in the order the scenario lists them'),
    ...SEGMENT_METRICS.map((metric) => column(metric.name, 'float64', `${metric.description} (NaN when nothing to divide by)`)),
  ];
}

/** consumers.arrow: one row per consumer at the end of the run. */
export function consumerColumns(segments: readonly string[]) {
  return [
    column('consumer_id', 'int32', 'consumer'),
    column('segment', { dictionary: segments }, 'segment'),
    column('impulsivity', 'float64', 'trait, [0, 1]'),
    column('self_control_capacity', 'float64', 'trait: full self-control strength, [0, 1]'),
    column('conformity', 'float64', 'trait: susceptibility to social proof, [0, 1]'),
    column('price_sensitivity', 'float64', 'trait, >= 0'),
    column('income', 'float64', 'trait: monthly discretionary shopping income'),
    column('present_bias', 'float64', 'trait: beta of beta-delta discounting, (0, 1]'),
    column('privacy_concern', 'float64', 'trait, [0, 1]'),
    column('opted_out', 'bool', 'opted out of personalization'),
    column('initial_trust', 'float64', 'trust at day 0'),
    column('trust', 'float64', 'trust at the end'),
    column('budget', 'float64', 'balance at the end'),
    column('self_control', 'float64', 'self-control strength at the end'),
    column('fatigue', 'float64', 'fatigue at the end'),
    column('habit', 'float64', 'app-opening habit at the end'),
    column('purchases', 'int32', 'purchases of every kind'),
    column('impulse_purchases', 'int32', 'impulse purchases'),
    column('cart_purchases', 'int32', 'purchases made from the cooling-off cart'),
    column('regrets', 'int32', 'purchases regretted'),
    column('returns', 'int32', 'purchases returned'),
    column('spend', 'float64', 'money spent'),
    column('refunds', 'float64', 'money refunded'),
    column('sessions', 'int32', 'app sessions'),
    column('exposures', 'int32', 'items shown'),
    column('active_days', 'int32', 'days with at least one session'),
    column('categories_bought', 'int32', 'distinct categories bought'),
    column('category_entropy', 'float64', 'Shannon entropy (nats) of purchases over categories'),
    column('over_budget_months', 'int32', 'pay cycles in which spending passed monthly income'),
    column('churned', 'bool', 'left the platform'),
    column('churn_day', 'int32', 'day of churn, -1 if still active'),
  ] as const;
}

/** hours.arrow: one row per hour of each day (time-of-day patterns). */
export function hourColumns() {
  return [
    column('day', 'int32', 'day of the run, from 0'),
    column('hour', 'int32', 'hour of the day, 0-23'),
    column('sessions', 'int32', 'app sessions opened in the hour'),
    column('exposures', 'int32', 'items shown'),
    column('views', 'int32', 'items watched'),
    column('purchases', 'int32', 'purchases made in sessions (cart-review purchases come after the last hour and are in days only)'),
    column('impulse_purchases', 'int32', 'impulse purchases'),
    column('gmv', 'float64', 'money spent in sessions'),
    column('live_exposures', 'int32', 'live-room slots shown'),
    column('rooms_on_air', 'int32', 'live rooms on air in the hour'),
    column('oversold', 'int32', 'units ordered beyond the stock left at the hour\'s start (buyers in one hour do not see each other), filled from reserve'),
  ] as const;
}

/** days.arrow: one row per simulated day. */
export function dayColumns() {
  return [
    column('day', 'int32', 'day of the run, from 0'),
    column('active_users', 'int32', 'consumers with at least one session'),
    column('sessions', 'int32', 'app sessions'),
    column('exposures', 'int32', 'items shown'),
    column('views', 'int32', 'items watched'),
    column('purchases', 'int32', 'purchases of every kind'),
    column('planned_purchases', 'int32', 'planned purchases'),
    column('impulse_purchases', 'int32', 'impulse purchases'),
    column('cart_purchases', 'int32', 'purchases from the cooling-off cart'),
    column('carted', 'int32', 'unplanned purchases moved into the cooling-off cart'),
    column('cart_dropped', 'int32', 'cart items dropped on review'),
    column('temptations', 'int32', 'desires to buy on impulse'),
    column('blocked', 'int32', 'purchases blocked by the spending cap'),
    column('unaffordable', 'int32', 'purchases the balance could not cover'),
    column('gmv', 'float64', 'gross merchandise value: money spent'),
    column('refunds', 'float64', 'money refunded today (returns sent back today)'),
    column('returns', 'int32', 'purchases sent back today (decided at delivery, up to the return window earlier)'),
    column('regrets', 'int32', 'purchases regretted'),
    column('evaluated', 'int32', 'purchases delivered and judged'),
    column('pushes', 'int32', 'push notifications sent'),
    column('reminders', 'int32', 'budget reminders shown'),
    column('over_budget_events', 'int32', 'consumers whose pay-cycle spending passed income today'),
    column('false_labels_found_out', 'int32', 'false urgency labels found out today: an item watched under a countdown or "only N left" that was not true, watched again on a later day'),
    column('churned', 'int32', 'consumers churned so far'),
    column('mean_emotion', 'float64', 'mean arousal of active users at the end of their day'),
    column('mean_trust', 'float64', 'mean trust of consumers not churned'),
    column('mean_self_control', 'float64', 'mean self-control strength of active users at the end of their day'),
    column('mean_fatigue', 'float64', 'mean fatigue of consumers not churned'),
    column('mean_budget', 'float64', 'mean balance of all consumers'),
    column('sales_gini', 'float64', 'Gini coefficient of cumulative item sales'),
    column('category_entropy', 'float64', "Shannon entropy (nats) of the day's purchases over categories"),
    column('feed_diversity', 'float64', 'mean intra-list diversity (mean pairwise 1 - cosine of item features) of feed sessions with two or more items'),
    column('category_switch_rate', 'float64', "share of repeat buyers' purchases in another category than their previous purchase (falls as purchases narrow)"),
    column('viewers', 'int32', 'shopping path: active users who watched at least one item'),
    column('tempted', 'int32', 'shopping path: active users who felt at least one urge to buy on impulse'),
    column('carters', 'int32', 'shopping path: active users who put at least one item in the cooling-off cart'),
    column('buyers', 'int32', 'shopping path: active users who bought in a session'),
    column('kept', 'int32', 'purchases judged today that the buyer decided to keep'),
    column('shares', 'int32', "satisfied purchases shared with friends (social network scenarios)"),
    column('oversold', 'int32', "units ordered beyond the stock left at their hour's start, filled from reserve"),
  ] as const;
}

/** exposures.arrow (with --exposures): one row per item shown. Large. */
export function exposureColumns() {
  return [
    column('day', 'int32', 'day'),
    column('hour', 'int32', 'hour of the day, 0-23'),
    column('consumer_id', 'int32', 'consumer'),
    column('session', 'int32', "session number within the consumer's day"),
    column('slot', 'int32', 'position in the feed'),
    column('item_id', 'int32', 'item shown'),
    column('source', { dictionary: SOURCES }, 'feed, live, search, push or social'),
    column('urgency', 'bool', 'urgency or scarcity label shown'),
    column('interest_match', 'float32', 'cosine of true interests and item features'),
    column('social_proof', 'float32', 'social-proof signal shown'),
    column('social_proof_count', 'int32', 'the "N bought" number shown, as it stood at the hour\'s start (friends who shared, for posts)'),
    column('emotion', 'float32', 'arousal after the exposure'),
    column('outcome', { dictionary: EXPOSURE_OUTCOMES }, 'skipped, viewed, resisted a temptation, or what was bought'),
  ] as const;
}

type NamesOf<T extends readonly ColumnSpec[]> = T[number]['name'];
export type PurchaseColumn = NamesOf<ReturnType<typeof purchaseColumns>>;
export type RegretColumn = NamesOf<ReturnType<typeof regretColumns>>;
export type ConsumerColumn = NamesOf<ReturnType<typeof consumerColumns>>;
export type DayColumn = NamesOf<ReturnType<typeof dayColumns>>;
export type HourColumn = NamesOf<ReturnType<typeof hourColumns>>;
export type PathColumn = NamesOf<ReturnType<typeof pathColumns>>;
export type ExposureColumn = NamesOf<ReturnType<typeof exposureColumns>>;
