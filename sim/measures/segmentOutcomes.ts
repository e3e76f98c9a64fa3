import { entropy } from '../math/inequality.js';
import type { Population } from '../population.js';

/** Per-consumer sums of one segment, from which every segment metric is a ratio. */
interface SegmentSums {
  consumers: number;
  activeUsers: number;
  activeDays: number;
  buyers: number;
  impulseBuyers: number;
  regretBuyers: number;
  purchases: number;
  impulsePurchases: number;
  evaluated: number;
  regrets: number;
  returns: number;
  spend: number;
  refunds: number;
  welfare: number;
  overBudgetConsumers: number;
  churned: number;
  trustStart: number;
  trustEnd: number;
  entropyOfBuyers: number;
}

/** One outcome measured per segment: the fairness audit's columns (segments.arrow). */
export interface SegmentMetric {
  readonly name: string;
  readonly description: string;
  /** What the number counts or measures (`mallsim --explain`). */
  readonly unit: string;
  readonly value: (sums: Readonly<SegmentSums>) => number;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);

export const SEGMENT_METRICS: readonly SegmentMetric[] = [
  { name: 'consumers', description: 'consumers in the segment', unit: 'consumers', value: (s) => s.consumers },
  { name: 'active_share', description: 'share with at least one session', unit: 'share, 0 to 1', value: (s) => ratio(s.activeUsers, s.consumers) },
  { name: 'active_days_per_consumer', description: 'mean days with a session per consumer', unit: 'days per consumer', value: (s) => ratio(s.activeDays, s.consumers) },
  { name: 'purchases_per_consumer', description: 'purchases of every kind per consumer', unit: 'purchases per consumer', value: (s) => ratio(s.purchases, s.consumers) },
  { name: 'impulse_share', description: 'impulse purchases bought at once over all purchases', unit: 'share, 0 to 1', value: (s) => ratio(s.impulsePurchases, s.purchases) },
  { name: 'impulse_buyer_share', description: 'share of buyers with at least one impulse purchase', unit: 'share, 0 to 1', value: (s) => ratio(s.impulseBuyers, s.buyers) },
  { name: 'regret_buyer_share', description: 'share of buyers who regretted at least one purchase', unit: 'share, 0 to 1', value: (s) => ratio(s.regretBuyers, s.buyers) },
  { name: 'regret_rate', description: 'regretted over evaluated purchases', unit: 'share, 0 to 1', value: (s) => ratio(s.regrets, s.evaluated) },
  { name: 'return_rate', description: 'purchases sent back over evaluated purchases', unit: 'share, 0 to 1', value: (s) => ratio(s.returns, s.evaluated) },
  { name: 'spend_per_consumer', description: 'money spent per consumer', unit: 'money per consumer', value: (s) => ratio(s.spend, s.consumers) },
  { name: 'net_spend_per_consumer', description: 'money spent minus refunds, per consumer', unit: 'money per consumer', value: (s) => ratio(s.spend - s.refunds, s.consumers) },
  { name: 'welfare_per_consumer', description: 'consumer welfare of evaluated purchases per consumer, in money (docs/MODEL.md 7.10)', unit: 'money per consumer', value: (s) => ratio(s.welfare, s.consumers) },
  { name: 'over_budget_share', description: 'share of consumers with at least one pay cycle spent above income', unit: 'share, 0 to 1', value: (s) => ratio(s.overBudgetConsumers, s.consumers) },
  { name: 'churn_share', description: 'share of consumers who churned', unit: 'share, 0 to 1', value: (s) => ratio(s.churned, s.consumers) },
  { name: 'trust_start', description: 'mean trust at day 0', unit: 'trust, 0 to 1', value: (s) => ratio(s.trustStart, s.consumers) },
  { name: 'trust_end', description: 'mean trust at the end', unit: 'trust, 0 to 1', value: (s) => ratio(s.trustEnd, s.consumers) },
  { name: 'category_entropy', description: "mean Shannon entropy (nats) of buyers' purchases over categories", unit: 'nats', value: (s) => ratio(s.entropyOfBuyers, s.buyers) },
];

/** The outcomes of one segment: its name, then SEGMENT_METRICS by name. */
export interface SegmentOutcome {
  readonly segment: string;
  readonly values: Readonly<Record<string, number>>;
}

/** Every segment's outcomes at the end of a run, in the scenario's segment order. */
export function segmentOutcomes(pop: Population): SegmentOutcome[] {
  const sums: SegmentSums[] = pop.segmentNames.map(() => ({
    consumers: 0,
    activeUsers: 0,
    activeDays: 0,
    buyers: 0,
    impulseBuyers: 0,
    regretBuyers: 0,
    purchases: 0,
    impulsePurchases: 0,
    evaluated: 0,
    regrets: 0,
    returns: 0,
    spend: 0,
    refunds: 0,
    welfare: 0,
    overBudgetConsumers: 0,
    churned: 0,
    trustStart: 0,
    trustEnd: 0,
    entropyOfBuyers: 0,
  }));
  for (let i = 0; i < pop.size; i++) {
    const s = sums[pop.segment[i]];
    s.consumers++;
    if (pop.sessions[i] > 0) s.activeUsers++;
    s.activeDays += pop.activeDays[i];
    if (pop.purchases[i] > 0) {
      s.buyers++;
      s.entropyOfBuyers += entropy(pop.purchasesByCategory, i * pop.categories, pop.categories);
    }
    if (pop.impulsePurchases[i] > 0) s.impulseBuyers++;
    if (pop.regrets[i] > 0) s.regretBuyers++;
    s.purchases += pop.purchases[i];
    s.impulsePurchases += pop.impulsePurchases[i];
    s.evaluated += pop.evaluated[i];
    s.regrets += pop.regrets[i];
    s.returns += pop.returns[i];
    s.spend += pop.spend[i];
    s.refunds += pop.refunds[i];
    s.welfare += pop.welfare[i];
    if (pop.overBudgetCycles[i] > 0) s.overBudgetConsumers++;
    s.churned += pop.churned[i];
    s.trustStart += pop.initialTrust[i];
    s.trustEnd += pop.trust[i];
  }
  return pop.segmentNames.map((segment, k) => ({
    segment,
    values: Object.fromEntries(SEGMENT_METRICS.map((metric) => [metric.name, metric.value(sums[k])])),
  }));
}

/** The summary key of a segment metric: `impulse_share@impulsive`. */
export function segmentMetricKey(metric: string, segment: string): string {
  return `${metric}@${segment}`;
}

/** Splits a summary key into its metric and segment (segment null for a whole-population metric). */
export function splitSegmentMetricKey(key: string): { metric: string; segment: string | null } {
  const at = key.indexOf('@');
  return at < 0 ? { metric: key, segment: null } : { metric: key.slice(0, at), segment: key.slice(at + 1) };
}

/** Segments' outcomes as summary entries, segment by segment in the scenario's order. */
export function segmentSummaryEntries(outcomes: readonly SegmentOutcome[]): [string, number][] {
  return outcomes.flatMap((outcome) => SEGMENT_METRICS.map((metric): [string, number] => [segmentMetricKey(metric.name, outcome.segment), outcome.values[metric.name]]));
}

const segmentMetricByName = new Map(SEGMENT_METRICS.map((metric) => [metric.name, metric]));

/** The definition behind a segment summary key, or undefined for any other key. */
export function segmentMetricOf(key: string): SegmentMetric | undefined {
  const { metric, segment } = splitSegmentMetricKey(key);
  return segment === null ? undefined : segmentMetricByName.get(metric);
}
