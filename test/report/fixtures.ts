import type { CompareReportData, IntervalValue, RunReportData, SensitivityReportData, SweepReportData } from '../../sim/report/reportData.js';

/** An interval around a mean with a given half-width. */
const around = (mean: number, halfWidth: number, n = 5): IntervalValue => ({ mean, low: mean - halfWidth, high: mean + halfWidth, n });

/** Per-arm values of the fixture, shaped like a 20,000-consumer, 30-day comparison of the shipped scenarios. */
const ARM_VALUES: Record<string, Record<string, [number, number]>> = {
  impulse_share: { default: [0.421, 0.012], 'cooling-off': [0.183, 0.009], 'budget-reminder': [0.397, 0.011], 'diverse-feed': [0.404, 0.013] },
  purchases_per_active_day: { default: [0.214, 0.004], 'cooling-off': [0.161, 0.004], 'budget-reminder': [0.203, 0.005], 'diverse-feed': [0.207, 0.004] },
  regret_buyer_share: { default: [0.312, 0.01], 'cooling-off': [0.204, 0.009], 'budget-reminder': [0.288, 0.01], 'diverse-feed': [0.301, 0.012] },
  return_rate: { default: [0.118, 0.005], 'cooling-off': [0.083, 0.004], 'budget-reminder': [0.111, 0.005], 'diverse-feed': [0.115, 0.006] },
  net_revenue: { default: [1_254_300, 16_200], 'cooling-off': [1_021_800, 14_900], 'budget-reminder': [1_183_400, 15_400], 'diverse-feed': [1_212_700, 17_100] },
  consumer_welfare: { default: [-48_200, 9_800], 'cooling-off': [61_500, 8_700], 'budget-reminder': [14_900, 9_100], 'diverse-feed': [-12_300, 10_400] },
  trust_end: { default: [0.523, 0.006], 'cooling-off': [0.571, 0.005], 'budget-reminder': [0.548, 0.006], 'diverse-feed': [0.539, 0.007] },
  sales_gini: { default: [0.712, 0.008], 'cooling-off': [0.705, 0.009], 'budget-reminder': [0.709, 0.008], 'diverse-feed': [0.583, 0.011] },
};

const DESCRIPTIONS: Record<string, string> = {
  impulse_share: 'impulse purchases over all purchases',
  purchases_per_active_day: 'purchases per active user per day',
  regret_buyer_share: 'share of buyers who regretted at least one purchase',
  return_rate: 'returned over evaluated purchases',
  net_revenue: 'gmv minus refunds',
  consumer_welfare: 'value of evaluated purchases minus price and regret costs, in money',
  trust_end: 'mean trust at the end, churned consumers included (at their trust when they left)',
  sales_gini: 'Gini coefficient of item sales',
};

/** The four arms of the fixture, baseline first. */
export const FIXTURE_ARMS = ['default', 'cooling-off', 'budget-reminder', 'diverse-feed'];

/**
 * A realistic comparison of four arms over 30 days with 5 replications. `rename` maps fixture arm names to others
 * (e.g. one that needs HTML escaping).
 */
export function compareFixture(rename: Record<string, string> = {}): CompareReportData {
  const name = (arm: string): string => rename[arm] ?? arm;
  const arms = FIXTURE_ARMS.map(name);
  const metrics = Object.entries(ARM_VALUES).map(([metric, values]) => {
    const [baseMean] = values.default;
    const perArm: CompareReportData['metrics'][number]['perArm'] = {};
    const diffVsBaseline: CompareReportData['metrics'][number]['diffVsBaseline'] = {};
    FIXTURE_ARMS.forEach((arm, k) => {
      const [mean, halfWidth] = values[arm];
      perArm[name(arm)] = around(mean, halfWidth);
      if (arm === 'default') return;
      const difference = mean - baseMean;
      // Common random numbers make paired intervals narrower than the arms' own.
      const pairedHalfWidth = halfWidth * 0.55;
      const p = Math.min(1, Math.abs(difference) > pairedHalfWidth ? 0.0004 * k : 0.31 + 0.1 * k);
      diffVsBaseline[name(arm)] = { ...around(difference, pairedHalfWidth), pHolm: p };
    });
    return { name: metric, description: DESCRIPTIONS[metric], perArm, diffVsBaseline };
  });
  const daily: CompareReportData['daily'] = [];
  const impulseLevel: Record<string, number> = { default: 0.43, 'cooling-off': 0.19, 'budget-reminder': 0.4, 'diverse-feed': 0.41 };
  const trustSlope: Record<string, number> = { default: -0.0028, 'cooling-off': -0.0009, 'budget-reminder': -0.0017, 'diverse-feed': -0.0021 };
  const gmvLevel: Record<string, number> = { default: 46_000, 'cooling-off': 37_500, 'budget-reminder': 43_400, 'diverse-feed': 44_600 };
  FIXTURE_ARMS.forEach((arm, k) => {
    for (let day = 0; day < 30; day++) {
      const weekly = Math.sin((2 * Math.PI * day) / 7);
      const wiggle = Math.sin(day * 1.7 + k * 2.3);
      daily.push({
        arm: name(arm),
        day,
        impulse_share: impulseLevel[arm] + 0.015 * wiggle + (arm === 'cooling-off' && day < 2 ? 0.2 : 0),
        mean_trust: 0.605 + trustSlope[arm] * day + 0.002 * wiggle,
        gmv: gmvLevel[arm] * (1 + 0.12 * weekly + 0.03 * wiggle) * (day === 0 ? 0.6 : 1),
      });
    }
  });
  const net = ARM_VALUES.net_revenue;
  const welfare = ARM_VALUES.consumer_welfare;
  const frontier = FIXTURE_ARMS.map((arm) => ({ arm: name(arm), revenue: around(...net[arm]), welfare: around(...welfare[arm]) }));
  return { title: 'Policy comparison: default against three interventions', generated: '2025-01-15T09:30:00Z', baseline: name('default'), arms, metrics, daily, frontier };
}

/**
 * The comparison of compareFixture as `compare --by segment` gives it: impulse_share and regret_buyer_share once per
 * segment (impulsive, mainstream, deliberate) in place of the whole-population rows.
 */
export function segmentCompareFixture(): CompareReportData {
  const base = compareFixture();
  const scale: Record<string, number> = { impulsive: 1.35, mainstream: 1, deliberate: 0.55 };
  const split = ['impulse_share', 'regret_buyer_share'];
  const metrics = base.metrics.flatMap((metric) => {
    if (!split.includes(metric.name)) return [metric];
    return Object.entries(scale).map(([segment, factor]) => {
      const perArm: CompareReportData['metrics'][number]['perArm'] = {};
      const diffVsBaseline: CompareReportData['metrics'][number]['diffVsBaseline'] = {};
      for (const [arm, value] of Object.entries(metric.perArm)) perArm[arm] = { ...value, mean: value.mean * factor, low: value.low * factor, high: value.high * factor };
      for (const [arm, value] of Object.entries(metric.diffVsBaseline)) diffVsBaseline[arm] = { ...value, mean: value.mean * factor, low: value.low * factor, high: value.high * factor };
      return { name: `${metric.name}@${segment}`, description: `${metric.description}, segment ${segment}`, perArm, diffVsBaseline };
    });
  });
  return { ...base, title: 'Policy comparison by segment', metrics };
}

/** A realistic sweep of feed length with 4 replications per value. */
export function sweepFixture(): SweepReportData {
  const lengths = [10, 20, 30, 45, 60];
  const curve = (base: number, slope: number, curvature: number, halfWidth: number) =>
    lengths.map((x) => ({ x, value: around(base + slope * x + curvature * x * x, halfWidth * (1 + x / 60), 4) }));
  return {
    title: 'Sweep: feed length',
    generated: '2025-01-15T10:05:00Z',
    parameter: 'platform.overPush.feedLength',
    metrics: [
      { name: 'impulse_share', description: 'impulse purchases over all purchases', points: curve(0.33, 0.0034, -0.00002, 0.01) },
      { name: 'net_revenue', description: 'gmv minus refunds', points: curve(820_000, 14_000, -95, 14_000) },
      { name: 'trust_end', description: 'mean trust at the end', points: curve(0.6, -0.0009, -0.000004, 0.005) },
      { name: 'churn_share', description: 'share of consumers who churned', points: curve(0.04, 0.0002, 0.000012, 0.004) },
    ],
  };
}

/** The feed-length sweep with impulse_share and regret_rate also measured in three segments (sweep --by segment). */
export function segmentSweepFixture(): SweepReportData {
  const base = sweepFixture();
  const segments: [string, number][] = [['impulsive', 1.35], ['mainstream', 1], ['deliberate', 0.6]];
  const perSegment = segments.flatMap(([segment, factor]) =>
    base.metrics
      .filter((metric) => metric.name === 'impulse_share' || metric.name === 'churn_share')
      .map((metric) => ({
        name: `${metric.name}@${segment}`,
        description: `${metric.description}, segment ${segment}`,
        points: metric.points.map((point) => ({ x: point.x, value: { ...point.value, mean: point.value.mean * factor, low: point.value.low * factor, high: point.value.high * factor } })),
      })),
  );
  return { ...base, title: 'Sweep: feed length by segment', metrics: [...base.metrics, ...perSegment] };
}

/** Parameters of the sensitivity fixture with their ranges. */
const SENSITIVITY_RANGES = [
  { path: 'consumer.impulse.intercept', lo: -11, hi: -9.5 },
  { path: 'platform.liveRooms.urgencyBoost', lo: 0, hi: 1.5 },
  { path: 'consumer.regret.sensitivity', lo: 0.2, hi: 0.8 },
  { path: 'consumer.trust.initial', lo: 0.4, hi: 0.8 },
  { path: 'platform.feed.length', lo: 10, hi: 40 },
];

/** Per metric and parameter (in SENSITIVITY_RANGES order): [mu*, mu, sigma] and [S1, ST]. */
const SENSITIVITY_VALUES: Record<string, { description: string; morris: [number, number, number][]; sobol: [number, number][] }> = {
  impulse_share: {
    description: 'impulse purchases over all purchases',
    morris: [[0.142, 0.142, 0.021], [0.061, 0.058, 0.034], [0.004, -0.001, 0.003], [0.019, 0.017, 0.011], [0.027, 0.025, 0.024]],
    sobol: [[0.612, 0.655], [0.118, 0.171], [0.002, 0.006], [0.031, 0.046], [0.052, 0.094]],
  },
  regret_buyer_share: {
    description: 'share of buyers who regretted at least one purchase',
    morris: [[0.051, 0.051, 0.012], [0.033, 0.031, 0.019], [0.118, 0.118, 0.015], [0.009, -0.006, 0.007], [0.012, 0.011, 0.01]],
    sobol: [[0.141, 0.172], [0.066, 0.104], [0.694, 0.721], [0.004, 0.011], [0.012, 0.021]],
  },
};

/**
 * A realistic sensitivity analysis of two metrics to five parameters (Morris with 10 trajectories, or Sobol with
 * N = 64 and bootstrap intervals). `rename` maps fixture parameter paths to others (e.g. one that needs escaping).
 */
export function sensitivityFixture(method: 'morris' | 'sobol', rename: Record<string, string> = {}): SensitivityReportData {
  const ranges = SENSITIVITY_RANGES.map((range) => ({ ...range, path: rename[range.path] ?? range.path }));
  const none = { value: Number.NaN, low: Number.NaN, high: Number.NaN };
  const metrics = Object.entries(SENSITIVITY_VALUES).map(([name, values]) => {
    const parameters = ranges.map((range, k) => {
      const [muStar, mu, sigma] = method === 'morris' ? values.morris[k] : [Number.NaN, Number.NaN, Number.NaN];
      const [s1, st] = method === 'sobol' ? values.sobol[k] : [Number.NaN, Number.NaN];
      // Bootstrap intervals widen with the index, and S1's estimator is the noisier one.
      const ci = (value: number, width: number) => (method === 'sobol' ? { value, low: value - width * (0.3 + value), high: value + width * (0.2 + value) } : none);
      return { parameter: range.path, rank: 0, muStar, mu, sigma, s1: ci(s1, 0.12), st: ci(st, 0.08) };
    });
    const key = (p: (typeof parameters)[number]): number => (method === 'morris' ? p.muStar : p.st.value);
    [...parameters].sort((a, b) => key(b) - key(a)).forEach((p, position) => (p.rank = position + 1));
    return { name, description: values.description, parameters, undefinedOutputs: 0 };
  });
  const k = ranges.length;
  const designPoints = method === 'morris' ? 10 * (k + 1) : 64 * (k + 2);
  return {
    title: `mallsim sensitivity: default (${method})`,
    generated: '2025-01-15T11:20:00Z',
    scenario: 'scenarios/default.yaml',
    method,
    ranges,
    designPoints,
    distinctPoints: method === 'morris' ? designPoints - 4 : designPoints,
    replications: 1,
    metrics,
  };
}

/** The charts a run report draws for its data, in page order: what the report and browser tests expect to find. */
export function runReportCharts(data: RunReportData): string[] {
  return [
    ...data.daily.map((chart) => `daily-${chart.name}`),
    'funnel',
    'hours-sessions',
    'hours-purchases',
    ...data.distributions.map((d) => `consumers-${d.name}`),
    ...(data.segments.length > 1 ? data.segmentMetrics.map((m) => `segments-${m.name}`) : []),
    'top-items',
    'concentration',
  ];
}
