/**
 * The plain data a report is drawn from. `mallsim compare` and `mallsim sweep` build these objects from their runs;
 * the report modules only format and draw them, so they compute no statistics and read no files or clocks.
 * Every number may be NaN (a ratio with no denominator, an interval from one replication): it is shown as "–" and
 * left out of the charts.
 */

/** A mean with its confidence interval (usually 95%, t distribution) and the number of values behind it. */
export interface IntervalValue {
  /** The mean over replications. */
  mean: number;
  /** Lower end of the confidence interval (NaN when n < 2). */
  low: number;
  /** Upper end of the confidence interval (NaN when n < 2). */
  high: number;
  /** Number of replications behind the mean, shown next to every interval. */
  n: number;
  /** Whether an end of the interval was cut to the metric's range (a count's band below zero); marked in tables. */
  clipped?: boolean;
}

/** A paired difference of an arm against the baseline with its Holm-adjusted p-value. */
export interface DifferenceValue extends IntervalValue {
  /** Two-sided p-value of the paired t test, Holm-adjusted across the arms of this metric (or all comparisons). */
  pHolm: number;
}

/** One summary metric of a comparison. */
export interface CompareMetric {
  /** Metric name as in `METRICS` (snake_case, a column of runs.arrow), e.g. `impulse_share`. */
  name: string;
  /** What the metric measures, from `METRICS` (shown under the chart heading). */
  description: string;
  /** Mean and CI of the metric in each arm, keyed by arm name; every arm of `arms` should have an entry. */
  perArm: Record<string, IntervalValue>;
  /** Paired difference arm minus baseline for every arm but the baseline, keyed by arm name. */
  diffVsBaseline: Record<string, DifferenceValue>;
}

/** One arm's value on one day, averaged over replications (from each run's days.arrow). */
export interface DailyPoint {
  /** Arm name, one of `arms`. */
  arm: string;
  /** Day of the run, from 0. */
  day: number;
  /** Impulse purchases over all purchases that day (NaN on a day without purchases). */
  impulse_share: number;
  /** Mean trust of consumers not churned, [0, 1]. */
  mean_trust: number;
  /** Gross merchandise value that day: money spent. */
  gmv: number;
}

/** One arm on the platform-revenue versus consumer-welfare plane. */
export interface FrontierPoint {
  /** Arm name, one of `arms`. */
  arm: string;
  /** Net revenue (GMV minus refunds) with its CI. */
  revenue: IntervalValue;
  /** Consumer welfare with its CI. */
  welfare: IntervalValue;
}

/** Everything the comparison report shows. */
export interface CompareReportData {
  /** Page title and main heading. */
  title: string;
  /** When the results were made, as the caller wants it shown (e.g. an ISO timestamp); the report reads no clock. */
  generated: string;
  /** Name of the baseline arm (one of `arms`). */
  baseline: string;
  /** Arm names in display order (legend, bar and table order); the baseline is usually first. */
  arms: string[];
  /** Metrics in display order: one bar chart and one block of table rows each. */
  metrics: CompareMetric[];
  /** Daily series, any order; drawn as one line per arm. May be empty (the time-series charts then say so). */
  daily: DailyPoint[];
  /** One point per arm for the revenue versus welfare chart. May be empty (the chart then says so). */
  frontier: FrontierPoint[];
}

/** One point of a swept metric: the parameter value and the metric's interval across replications. */
export interface SweepPoint {
  /** Value of the swept parameter: numbers give a quantitative axis, strings an ordinal one (in the given order). */
  x: number | string;
  /** Mean and CI of the metric across replications at this value. */
  value: IntervalValue;
}

/** One summary metric of a sweep. */
export interface SweepMetric {
  /** Metric name as in `METRICS`. */
  name: string;
  /** What the metric measures. */
  description: string;
  /** One entry per value of the swept parameter; numeric x are sorted for drawing, string x keep their order. */
  points: SweepPoint[];
}

/** Everything the sweep report shows. */
export interface SweepReportData {
  /** Page title and main heading. */
  title: string;
  /** When the results were made, as the caller wants it shown; the report reads no clock. */
  generated: string;
  /** The swept scenario path on the x axis, e.g. `platform.overPush.feedLength`. */
  parameter: string;
  /** Metrics in display order: one chart and one table block each. */
  metrics: SweepMetric[];
}

/** An index estimate with its bootstrap confidence interval (95%); the ends are NaN when no interval was computed. */
export interface IndexEstimate {
  /** The point estimate. */
  value: number;
  /** Lower end of the bootstrap interval. */
  low: number;
  /** Upper end of the bootstrap interval. */
  high: number;
}

/**
 * One parameter's indices for one metric. A Morris analysis fills `muStar`, `mu` and `sigma` (the Sobol fields NaN);
 * a Sobol analysis fills `s1` and `st` (the Morris fields NaN).
 */
export interface SensitivityParameter {
  /** Dotted scenario path of the parameter, e.g. `consumer.impulse.intercept`. */
  parameter: string;
  /** 1 = most influential on this metric (by mu* for Morris, by ST for Sobol); rows are drawn in rank order. */
  rank: number;
  /** Morris: mean absolute elementary effect (importance), in metric units per full parameter range. */
  muStar: number;
  /** Morris: mean elementary effect, signed (its direction). */
  mu: number;
  /** Morris: standard deviation of the elementary effects (interactions or non-linearity), in mu*'s units. */
  sigma: number;
  /** Sobol: first-order index (share of the metric's variance the parameter explains alone) with its 95% CI. */
  s1: IndexEstimate;
  /** Sobol: total-order index (share explained with all its interactions) with its 95% CI. */
  st: IndexEstimate;
}

/** The indices of one summary metric. */
export interface SensitivityMetric {
  /** Metric name as in `METRICS`, e.g. `impulse_share`; names the chart container `sensitivity-<name>`. */
  name: string;
  /** What the metric measures, from `METRICS`. */
  description: string;
  /** One entry per parameter, any order (drawn and tabled by `rank`). */
  parameters: SensitivityParameter[];
  /** Design points whose model output was not a number (left out of the indices); 0 when every point gave one. */
  undefinedOutputs: number;
}

/** A varied parameter and its range. */
export interface SensitivityRange {
  /** Dotted scenario path. */
  path: string;
  /** Lower end of the range. */
  lo: number;
  /** Upper end of the range. */
  hi: number;
}

/** Everything the sensitivity report shows. */
export interface SensitivityReportData {
  /** Page title and main heading. */
  title: string;
  /** What made the results (version, design, seeds), as the caller wants it shown; the report reads no clock. */
  generated: string;
  /** Scenario file analysed, as given on the command line. */
  scenario: string;
  /** `morris` (elementary effects) or `sobol` (variance-based indices); decides the charts and table columns. */
  method: 'morris' | 'sobol';
  /** The parameters varied and their ranges, in the order given. */
  ranges: SensitivityRange[];
  /** Points of the design (with repeats). */
  designPoints: number;
  /** Distinct points run. */
  distinctPoints: number;
  /** Runs per point (averaged). */
  replications: number;
  /** Metrics in display order: one chart and one block of table rows each. */
  metrics: SensitivityMetric[];
}

/** One replication's value of a daily quantity. */
export interface RunDailyValue {
  /** Which series: a replication's label (`seed 7`), or a stage or kind name for charts that split one quantity. */
  series: string;
  day: number;
  value: number;
}

/** A daily chart of a single run report: one line per series. */
export interface RunDailyChart {
  /** Stable name (the chart's `data-chart` is `daily-<name>`). */
  name: string;
  heading: string;
  /** Axis title of the quantity. */
  quantity: string;
  caption: string;
  /** Series in legend order. */
  series: string[];
  points: RunDailyValue[];
  /** `stacked`: the series add up (purchases by kind); `lines`: each on its own. */
  layout: 'lines' | 'stacked';
}

/** A histogram of a per-consumer quantity, pooled over replications. */
export interface ConsumerDistribution {
  /** Column of consumers.arrow, e.g. `purchases`. */
  name: string;
  heading: string;
  /** What one consumer's value counts, for the axis. */
  unit: string;
  /** Bins in order: [low, high) except the last, which includes its high end; `share` of all consumers. */
  bins: { low: number; high: number; share: number }[];
  /** Whether the values are whole numbers (bins labelled by their integers). */
  integer: boolean;
  mean: number;
  median: number;
  p90: number;
  /** Share of consumers whose value is 0. */
  zeroShare: number;
  consumers: number;
}

/** Everything the single-run report shows (one run, or the replications of one `mallsim run`). */
export interface RunReportData {
  title: string;
  /** What made the results (version, scenario, seeds), as the caller wants it shown; the report reads no clock. */
  generated: string;
  /** Lines under the title: scenario, size, policy, nudges. */
  facts: { label: string; value: string }[];
  /** Replication labels in order (one line each in the daily charts). */
  replications: string[];
  /** Daily charts in display order. */
  daily: RunDailyChart[];
  /** The shopping funnel over the run, mean over replications, stage by stage (each a subset of the one before). */
  funnel: { stage: string; count: number }[];
  /** The shopping path's transitions over the run (paths.arrow summed over days, mean over replications), in the
   * table's order, with each one's share of the transitions out of its `from` state (NaN when there were none). */
  transitions: { from: string; to: string; count: number; share: number }[];
  /** Sessions and purchases per hour of the day, mean per day over the run and the replications. */
  hours: { hour: number; sessions: number; purchases: number; impulsePurchases: number }[];
  /** Per-consumer distributions. */
  distributions: ConsumerDistribution[];
  /** Segment names in the scenario's order. */
  segments: string[];
  /** Per-segment outcomes with their interval over replications: metric name to one value per segment. */
  segmentMetrics: { name: string; description: string; values: { segment: string; value: IntervalValue }[] }[];
  /** The first replication's best-selling items, most sold first. */
  topItems: { item: number; category: number; purchases: number; gmv: number }[];
  /** Share of purchases against share of items, best sellers first, per replication (the concentration curve). */
  concentration: { series: string; itemShare: number; purchaseShare: number }[];
  /** Share of purchases taken by the top 1% and top 10% of items, mean over replications. */
  topShares: { top1: number; top10: number };
  /** Every summary metric: mean over replications with its 95% t interval (NaN bounds with one replication). */
  summary: { name: string; description: string; unit: string; value: IntervalValue }[];
}
