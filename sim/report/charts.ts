/**
 * Vega-Lite specifications of the report's charts. Each function takes plain values and returns a spec with its data
 * inline, so that drawing it needs nothing but the renderer. Non-finite numbers are passed as null, which Vega-Lite
 * leaves out of scales and marks.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatFixed, formatInterval, formatNumber, formatP, sharedDecimals } from './format.js';
import type { IntervalValue } from './reportData.js';
import { estimateLabelWidth, placeLabels } from './labelLayout.js';

/** Okabe and Ito's colour-blind-safe palette (yellow left out: too faint on white), then greys. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#7F7F7F'];

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

/** Shared look: fonts and sizes that stay readable when the SVG is scaled down to a half-width column. */
export const CONFIG = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: '#dde1e7' },
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal' as const, gridColor: '#eceef2', labelColor: '#1d2330', titleColor: '#1d2330' },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 220, symbolStrokeWidth: 3 },
};

/** Colour of each arm, fixed by its position in the arm list so an arm keeps its colour in every chart. */
export function armColors(arms: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...arms], range: arms.map((_, k) => PALETTE[k % PALETTE.length]) };
}

/**
 * Axis labels for quantities of ten thousand and more: SI prefixes chosen per label (`0`, `500k`, `1.2M`), whose full
 * digits would crowd the axis. A label expression rather than a format, because a format makes Vega share one prefix
 * across the axis (`0M`, `0.5M`). Smaller quantities keep Vega's default labels (SI would write 0.2 as `200m`).
 */
export function largeNumberAxis(values: readonly number[]): { labelExpr?: string } {
  const largest = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  return largest >= 10_000 ? { labelExpr: "format(datum.value, '~s')" } : {};
}

export const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

const hasInterval = (value: IntervalValue): boolean => Number.isFinite(value.low) && Number.isFinite(value.high);

/** One arm's bar: its mean, CI and the label written beside the whisker. */
export interface ArmBar {
  arm: string;
  value: IntervalValue;
}

/**
 * Horizontal bars of one metric per arm with 95% CI whiskers and a `mean  n=R` label, arms in the given order.
 * Horizontal so that long arm names stay readable; the label sits right of the bar, the whisker and zero,
 * so that it never lies on a bar.
 */
export function metricBarsSpec(arms: readonly string[], bars: readonly ArmBar[]): TopLevelSpec {
  // Every layer names the shared axis alike, or Vega-Lite joins the layers' titles ("mean, low, labelAt").
  const title = 'mean, 95% CI';
  const decimals = sharedDecimals(bars.map((bar) => bar.value));
  const rows = bars.map(({ arm, value }) => ({
    arm,
    mean: finiteOrNull(value.mean),
    low: hasInterval(value) ? value.low : null,
    high: hasInterval(value) ? value.high : null,
    labelAt: Math.max(0, ...[value.mean, value.low, value.high].filter(Number.isFinite)),
    label: `${formatInterval(value, false, decimals).mean}  (n=${value.n})`,
  }));
  return {
    config: CONFIG,
    width: 250,
    height: { step: 30 },
    data: { values: rows },
    encoding: {
      y: { field: 'arm', type: 'nominal', sort: [...arms], title: null, axis: { labelLimit: 170, labelPadding: 6, ticks: false, domain: false } },
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.62 }, opacity: 0.85 },
        encoding: {
          x: { field: 'mean', type: 'quantitative', title, axis: { tickCount: 4, ...largeNumberAxis(bars.flatMap((bar) => [bar.value.low, bar.value.high, bar.value.mean])) } },
          color: { field: 'arm', type: 'nominal', scale: armColors(arms), legend: null },
        },
      },
      {
        transform: [{ filter: 'datum.low !== null' }],
        mark: { type: 'errorbar', ticks: { size: 10 }, color: '#1d2330', thickness: 1.5 },
        encoding: { x: { field: 'low', type: 'quantitative', title }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 12, color: '#1d2330' },
        encoding: { x: { field: 'labelAt', type: 'quantitative', title }, text: { field: 'label' } },
      },
    ],
  };
}

/** `= 0.012` or `< 0.001`, to follow a `p`. */
const pText = (p: number): string => {
  const text = formatP(p);
  return text.startsWith('<') ? text : `= ${text}`;
};

/** One arm's paired difference from the baseline, for {@link differenceForestSpec}. */
export interface ArmDifference {
  arm: string;
  value: IntervalValue;
  /** Holm-adjusted p-value of the paired t test. */
  pHolm: number;
}

/**
 * A forest plot of one metric: each arm's paired difference from the baseline (replication by replication, common
 * random numbers) as a point with its 95% CI, against a dashed line at zero, and the difference, interval and p-value
 * written at the right. Filled points: Holm p < 0.05. This, not the overlap of the arms' own intervals, is what says
 * whether an arm moved the metric.
 */
export function differenceForestSpec(arms: readonly string[], baseline: string, differences: readonly ArmDifference[]): TopLevelSpec {
  const title = `difference from ${baseline} (mean, 95% CI)`;
  const decimals = sharedDecimals(differences.map((d) => d.value));
  const values = [0, ...differences.flatMap(({ value }) => [value.mean, value.low, value.high])];
  const domain = paddedDomain(values, 0.08);
  const rows = differences.map(({ arm, value, pHolm }) => {
    const text = formatInterval(value, true, decimals);
    return {
      arm,
      mean: finiteOrNull(value.mean),
      low: hasInterval(value) ? value.low : null,
      high: hasInterval(value) ? value.high : null,
      clear: pHolm < 0.05,
      label: `${text.mean} ${text.bounds}${Number.isFinite(pHolm) ? `  p ${pText(pHolm)}` : ''}`,
    };
  });
  const shown = arms.filter((arm) => differences.some((d) => d.arm === arm));
  const x = { field: 'mean', type: 'quantitative' as const, title, scale: { domain, nice: false, zero: false }, axis: { tickCount: 5, ...largeNumberAxis(values) } };
  const color = { field: 'arm', type: 'nominal' as const, scale: armColors(arms), legend: null };
  const y = { field: 'arm', type: 'nominal' as const, sort: shown, title: null, axis: { labelLimit: 150, labelPadding: 6, ticks: false, domain: false } };
  return {
    config: CONFIG,
    width: 220,
    height: { step: 34 },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#7F7F7F', strokeWidth: 1.2 }, encoding: { x: { field: 'zero', type: 'quantitative', title, scale: x.scale } } },
      {
        data: { values: rows },
        layer: [
          {
            transform: [{ filter: 'datum.low !== null' }],
            mark: { type: 'errorbar', ticks: { size: 10 }, thickness: 1.8 },
            encoding: { x: { field: 'low', type: 'quantitative', title, scale: x.scale }, x2: { field: 'high' }, y, color },
          },
          {
            transform: [{ filter: 'datum.clear && datum.mean !== null' }],
            mark: { type: 'point', filled: true, size: 80, opacity: 1 },
            encoding: { x, y, color },
          },
          {
            transform: [{ filter: '!datum.clear && datum.mean !== null' }],
            mark: { type: 'point', fill: 'white', size: 80, opacity: 1, strokeWidth: 2 },
            encoding: { x, y, stroke: color },
          },
          {
            mark: { type: 'text', align: 'left', baseline: 'middle', x: 228, fontSize: 11, color: '#1d2330' },
            encoding: { y, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}

/** One arm's mean and CI of a metric in one population segment. */
export interface SegmentBar {
  segment: string;
  arm: string;
  value: IntervalValue;
}

/**
 * One metric by population segment: a group of horizontal bars per segment, one bar per arm in the arms' colours,
 * with 95% CI whiskers. The fairness view: which segment carries an outcome, and how each arm shifts it.
 */
export function segmentBarsSpec(segments: readonly string[], arms: readonly string[], bars: readonly SegmentBar[]): TopLevelSpec {
  const title = 'mean, 95% CI';
  const rows = bars.map(({ segment, arm, value }) => ({
    segment,
    arm,
    mean: finiteOrNull(value.mean),
    low: hasInterval(value) ? value.low : null,
    high: hasInterval(value) ? value.high : null,
  }));
  const y = { field: 'segment', type: 'nominal' as const, sort: [...segments], title: null, axis: { labelLimit: 170, labelPadding: 6, ticks: false, domain: false } };
  const yOffset = { field: 'arm', type: 'nominal' as const, sort: [...arms] };
  return {
    config: CONFIG,
    width: 250,
    height: { step: 14, for: 'offset' },
    data: { values: rows },
    encoding: { y, yOffset },
    layer: [
      {
        mark: { type: 'bar', opacity: 0.85 },
        encoding: {
          x: { field: 'mean', type: 'quantitative', title, axis: { tickCount: 4, ...largeNumberAxis(bars.flatMap((bar) => [bar.value.low, bar.value.high, bar.value.mean])) } },
          color: { field: 'arm', type: 'nominal', scale: armColors(arms), legend: { orient: 'bottom', title: null } },
        },
      },
      {
        transform: [{ filter: 'datum.low !== null' }],
        mark: { type: 'errorbar', ticks: { size: 6 }, color: '#1d2330', thickness: 1.2 },
        encoding: { x: { field: 'low', type: 'quantitative', title }, x2: { field: 'high' } },
      },
    ],
  };
}

/** One arm's value on one day for a time-series chart. */
export interface DailyValue {
  arm: string;
  day: number;
  value: number;
}

/** The x axis of a line chart: the day of the run unless said otherwise. */
export interface SeriesAxis {
  title: string;
  /** Whole numbers only (days, hours). */
  integer: boolean;
  /** `%` labels for a share axis. */
  percent?: boolean;
}

const DAY_AXIS: SeriesAxis = { title: 'day', integer: true };

/** One line per arm (or series) of a quantity against the day of the run, or against another `axis`. */
export function dailySeriesSpec(title: string, arms: readonly string[], points: readonly DailyValue[], axis: SeriesAxis = DAY_AXIS, yAxis: { percent?: boolean; zero?: boolean } = {}): TopLevelSpec {
  const rows = points.map(({ arm, day, value }) => ({ arm, day, value: finiteOrNull(value) }));
  const many = points.length > 40 * Math.max(1, arms.length);
  const xAxis = axis.percent ? { format: '.0%' } : axis.integer ? { tickMinStep: 1, format: 'd' } : {};
  const yFormat = yAxis.percent ? { format: '.0%' } : largeNumberAxis(points.map((point) => point.value));
  return {
    config: CONFIG,
    width: 440,
    height: 220,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 2, ...(many ? {} : { point: { size: 16, filled: true } }) },
    encoding: {
      x: { field: 'day', type: 'quantitative', title: axis.title, axis: xAxis },
      y: { field: 'value', type: 'quantitative', title, scale: { zero: yAxis.zero ?? false }, axis: yFormat },
      color: { field: 'arm', type: 'nominal', scale: armColors(arms), legend: { orient: 'bottom', title: null, columns: 4 } },
    },
  };
}

/** One arm on the revenue versus welfare plane. */
export interface FrontierArm {
  arm: string;
  revenue: IntervalValue;
  welfare: IntervalValue;
  /** Whether no other arm has both more revenue and more welfare (joined by the dashed frontier line). */
  efficient: boolean;
}

/** A domain around the values with a margin on each side (a single value gets a margin of its own size, or 1). */
export function paddedDomain(values: readonly number[], margin = 0.06): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const span = high > low ? high - low : Math.abs(low) > 0 ? Math.abs(low) * 0.1 : 1;
  return [low - span * margin, high + span * margin];
}

const FRONTIER_WIDTH = 900;
const FRONTIER_HEIGHT = 420;
const FRONTIER_LABEL_SIZE = 12;

/**
 * Net revenue against consumer welfare, one labelled point per arm with CI whiskers in both directions, and a dashed
 * line through the arms no other arm beats on both (the frontier of what the policies trade off). The scales' domains
 * are set here, so that each label can be placed in pixels clear of every other label and point (labelLayout.ts);
 * a label moved away from its point is joined to it by a thin line.
 */
export function frontierSpec(arms: readonly string[], points: readonly FrontierArm[]): TopLevelSpec {
  const welfareValues = points.flatMap((point) => [point.welfare.mean, point.welfare.low, point.welfare.high]);
  const revenueValues = points.flatMap((point) => [point.revenue.mean, point.revenue.low, point.revenue.high]);
  const xDomain = paddedDomain(welfareValues);
  const yDomain = paddedDomain(revenueValues, 0.1);
  const toPixelX = (v: number) => ((v - xDomain[0]) / (xDomain[1] - xDomain[0])) * FRONTIER_WIDTH;
  const toPixelY = (v: number) => FRONTIER_HEIGHT - ((v - yDomain[0]) / (yDomain[1] - yDomain[0])) * FRONTIER_HEIGHT;
  const fromPixelX = (px: number) => xDomain[0] + (px / FRONTIER_WIDTH) * (xDomain[1] - xDomain[0]);
  const fromPixelY = (py: number) => yDomain[0] + ((FRONTIER_HEIGHT - py) / FRONTIER_HEIGHT) * (yDomain[1] - yDomain[0]);
  const drawn = points.filter((point) => Number.isFinite(point.welfare.mean) && Number.isFinite(point.revenue.mean));
  const sizes = drawn.map((point) => ({ width: estimateLabelWidth(point.arm, FRONTIER_LABEL_SIZE), height: FRONTIER_LABEL_SIZE + 4 }));
  const placed = placeLabels(
    drawn.map((point, k) => ({ x: toPixelX(point.welfare.mean), y: toPixelY(point.revenue.mean), ...sizes[k] })),
    { width: FRONTIER_WIDTH, height: FRONTIER_HEIGHT },
  );
  const labels = new Map(
    drawn.map((point, k) => {
      const label = placed[k];
      // The leader ends at the label's edge nearest the point.
      const px = toPixelX(point.welfare.mean);
      const py = toPixelY(point.revenue.mean);
      const edgeX = Math.min(Math.max(px, label.x), label.x + sizes[k].width);
      const edgeY = Math.min(Math.max(py, label.y - sizes[k].height / 2), label.y + sizes[k].height / 2);
      return [point.arm, { labelX: fromPixelX(label.x), labelY: fromPixelY(label.y), moved: label.moved, leaderX: fromPixelX(edgeX), leaderY: fromPixelY(edgeY) }];
    }),
  );
  const rows = points.map(({ arm, revenue, welfare, efficient }) => ({
    arm,
    efficient,
    revenue: finiteOrNull(revenue.mean),
    revenueLow: hasInterval(revenue) ? revenue.low : null,
    revenueHigh: hasInterval(revenue) ? revenue.high : null,
    welfare: finiteOrNull(welfare.mean),
    welfareLow: hasInterval(welfare) ? welfare.low : null,
    welfareHigh: hasInterval(welfare) ? welfare.high : null,
    labelX: labels.get(arm)?.labelX ?? null,
    labelY: labels.get(arm)?.labelY ?? null,
    moved: labels.get(arm)?.moved ?? false,
    leaderX: labels.get(arm)?.leaderX ?? null,
    leaderY: labels.get(arm)?.leaderY ?? null,
  }));
  const xScale = { domain: xDomain, zero: false, nice: false };
  const yScale = { domain: yDomain, zero: false, nice: false };
  const x = { field: 'welfare', type: 'quantitative' as const, title: 'consumer welfare (mean, 95% CI)', scale: xScale, axis: { tickCount: 6, ...largeNumberAxis(welfareValues) } };
  const y = { field: 'revenue', type: 'quantitative' as const, title: 'net revenue (mean, 95% CI)', scale: yScale, axis: { tickCount: 6, ...largeNumberAxis(revenueValues) } };
  const color = { field: 'arm', type: 'nominal' as const, scale: armColors(arms), legend: null };
  return {
    config: CONFIG,
    width: FRONTIER_WIDTH,
    height: FRONTIER_HEIGHT,
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: 'datum.efficient && datum.welfare !== null && datum.revenue !== null' }],
        mark: { type: 'line', strokeDash: [6, 4], color: '#7F7F7F', strokeWidth: 1.5 },
        encoding: { x, y, order: { field: 'welfare', type: 'quantitative' } },
      },
      {
        transform: [{ filter: 'datum.welfareLow !== null' }],
        mark: { type: 'errorbar', ticks: { size: 8 }, thickness: 1.5 },
        encoding: { x: { field: 'welfareLow', type: 'quantitative', title: x.title, scale: xScale, axis: x.axis }, x2: { field: 'welfareHigh' }, y, color },
      },
      {
        transform: [{ filter: 'datum.revenueLow !== null' }],
        mark: { type: 'errorbar', ticks: { size: 8 }, thickness: 1.5 },
        encoding: { y: { field: 'revenueLow', type: 'quantitative', title: y.title, scale: yScale, axis: y.axis }, y2: { field: 'revenueHigh' }, x, color },
      },
      {
        transform: [{ filter: 'datum.moved' }],
        mark: { type: 'rule', strokeWidth: 1, opacity: 0.7 },
        encoding: { x, y, x2: { field: 'leaderX' }, y2: { field: 'leaderY' }, color },
      },
      {
        mark: { type: 'point', filled: true, size: 110, opacity: 1, stroke: 'white', strokeWidth: 1 },
        encoding: { x, y, color },
      },
      {
        transform: [{ filter: 'datum.labelX !== null' }],
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: FRONTIER_LABEL_SIZE, fontWeight: 'bold' },
        encoding: {
          x: { field: 'labelX', type: 'quantitative', title: x.title, scale: xScale },
          y: { field: 'labelY', type: 'quantitative', title: y.title, scale: yScale },
          text: { field: 'arm' },
          color,
        },
      },
    ],
  };
}

/** The axes a sweep chart shares: the swept parameter across (numeric or in the given text order) and the metric up. */
function sweepAxes(parameter: string, metricName: string, points: readonly { x: number | string; value: IntervalValue }[]) {
  const numeric = points.every((point) => typeof point.x === 'number');
  const xEncoding = numeric
    ? { field: 'x', type: 'quantitative' as const, title: parameter, scale: { zero: false, nice: false, padding: 16 }, axis: { values: [...new Set(points.map((p) => p.x as number))] } }
    : { field: 'x', type: 'ordinal' as const, title: parameter, sort: [...new Set(points.map((p) => String(p.x)))], axis: { labelAngle: 0, labelLimit: 120 } };
  const yTitle = `${metricName} (mean, 95% CI)`;
  // Pixel padding keeps whisker caps and the band off the frame when an interval ends at the domain's edge.
  const yScale = { zero: false, padding: 8 };
  const yAxis = largeNumberAxis(points.flatMap((point) => [point.value.low, point.value.high, point.value.mean]));
  return { numeric, xEncoding, yTitle, yScale, yAxis };
}

/**
 * A metric against the swept parameter: mean line with a shaded 95% CI band and whiskers for a numeric parameter;
 * points with whiskers (no line, the values need not be ordered) for a parameter with text values.
 */
export function sweepMetricSpec(parameter: string, metricName: string, points: readonly { x: number | string; value: IntervalValue }[]): TopLevelSpec {
  const { numeric, xEncoding, yTitle, yScale, yAxis } = sweepAxes(parameter, metricName, points);
  const rows = points.map(({ x, value }, order) => ({
    x,
    order,
    mean: finiteOrNull(value.mean),
    low: hasInterval(value) ? value.low : null,
    high: hasInterval(value) ? value.high : null,
  }));
  const whiskers = {
    transform: [{ filter: 'datum.low !== null' }],
    mark: { type: 'errorbar' as const, ticks: { size: 8 }, color: '#0072B2', thickness: 1.5 },
    encoding: { x: xEncoding, y: { field: 'low', type: 'quantitative' as const, title: yTitle, scale: yScale, axis: yAxis }, y2: { field: 'high' } },
  };
  const dots = {
    mark: { type: 'point' as const, filled: true, size: 60, color: '#0072B2', opacity: 1 },
    encoding: { x: xEncoding, y: { field: 'mean', type: 'quantitative' as const, title: yTitle, scale: yScale, axis: yAxis } },
  };
  const layer = numeric
    ? [
        {
          transform: [{ filter: 'datum.low !== null' }],
          mark: { type: 'area' as const, color: '#0072B2', opacity: 0.15 },
          encoding: { x: xEncoding, y: { field: 'low', type: 'quantitative' as const, title: yTitle, scale: yScale, axis: yAxis }, y2: { field: 'high' } },
        },
        {
          mark: { type: 'line' as const, color: '#0072B2', strokeWidth: 2 },
          encoding: { x: xEncoding, y: { field: 'mean', type: 'quantitative' as const, title: yTitle, scale: yScale, axis: yAxis }, order: { field: 'x', type: 'quantitative' as const } },
        },
        whiskers,
        dots,
      ]
    : [whiskers, dots];
  return { config: CONFIG, width: 400, height: 220, data: { values: rows }, layer };
}

/** One segment's value of a metric at one point of a sweep. */
export interface SegmentSweepPoint {
  segment: string;
  x: number | string;
  value: IntervalValue;
}

/**
 * A metric measured per segment against the swept parameter: one line per segment (in the arms' palette, segments in
 * the given order) with 95% CI whiskers; for a parameter with text values, points side by side at each value.
 */
export function sweepSegmentSpec(parameter: string, metricName: string, segments: readonly string[], points: readonly SegmentSweepPoint[]): TopLevelSpec {
  const { numeric, xEncoding, yTitle, yScale, yAxis } = sweepAxes(parameter, metricName, points);
  const rows = points.map(({ segment, x, value }) => ({
    segment,
    x,
    mean: finiteOrNull(value.mean),
    low: hasInterval(value) ? value.low : null,
    high: hasInterval(value) ? value.high : null,
  }));
  const color = { field: 'segment', type: 'nominal' as const, scale: armColors(segments), legend: { orient: 'bottom' as const, title: null } };
  const offset = numeric ? {} : { xOffset: { field: 'segment', type: 'nominal' as const, sort: [...segments] } };
  const layer = [
    ...(numeric
      ? [
          {
            mark: { type: 'line' as const, strokeWidth: 2 },
            encoding: { x: xEncoding, y: { field: 'mean', type: 'quantitative' as const, title: yTitle, scale: yScale, axis: yAxis }, color, order: { field: 'x', type: 'quantitative' as const } },
          },
        ]
      : []),
    {
      transform: [{ filter: 'datum.low !== null' }],
      mark: { type: 'errorbar' as const, ticks: { size: 6 }, thickness: 1.3 },
      encoding: { x: xEncoding, ...offset, y: { field: 'low', type: 'quantitative' as const, title: yTitle, scale: yScale, axis: yAxis }, y2: { field: 'high' }, color },
    },
    {
      mark: { type: 'point' as const, filled: true, size: 50, opacity: 1 },
      encoding: { x: xEncoding, ...offset, y: { field: 'mean', type: 'quantitative' as const, title: yTitle, scale: yScale, axis: yAxis }, color },
    },
  ];
  return { config: CONFIG, width: 400, height: 220, data: { values: rows }, layer };
}

/** One parameter's Morris measures for {@link morrisBarsSpec}. */
export interface MorrisBar {
  parameter: string;
  muStar: number;
  sigma: number;
}

/** Colours of the two measures of each sensitivity chart (the first and second entries of the palette). */
const MEASURE_COLORS = { range: [PALETTE[0], PALETTE[1]] };

/**
 * Morris screening of one metric: a horizontal bar of mu* per parameter (most influential first, in the given order)
 * and a tick at sigma on the same axis, so that a parameter acting through interactions or non-linearly (sigma near
 * or above mu*) stands out. Both are in the metric's units per full parameter range; the label gives both values.
 */
export function morrisBarsSpec(bars: readonly MorrisBar[]): TopLevelSpec {
  const title = 'μ* (bars) and σ (ticks), metric units per full range';
  const rows = bars.map(({ parameter, muStar, sigma }) => ({
    parameter,
    muStar: finiteOrNull(muStar),
    sigma: finiteOrNull(sigma),
    labelAt: Math.max(0, ...[muStar, sigma].filter(Number.isFinite)),
    label: `μ* ${formatNumber(muStar)}   σ ${formatNumber(sigma)}`,
  }));
  const scale = { domain: ['μ*', 'σ'], ...MEASURE_COLORS };
  const legend = { orient: 'bottom' as const, title: null, direction: 'horizontal' as const };
  return {
    config: CONFIG,
    width: 460,
    height: { step: 30 },
    data: { values: rows },
    encoding: {
      y: { field: 'parameter', type: 'nominal', sort: bars.map((bar) => bar.parameter), title: null, axis: { labelLimit: 380, labelPadding: 6, ticks: false, domain: false } },
    },
    layer: [
      {
        transform: [{ filter: 'datum.muStar !== null' }],
        mark: { type: 'bar', height: { band: 0.62 }, opacity: 0.85 },
        encoding: {
          x: { field: 'muStar', type: 'quantitative', title, axis: { tickCount: 4, ...largeNumberAxis(bars.flatMap((bar) => [bar.muStar, bar.sigma])) } },
          color: { datum: 'μ*', type: 'nominal', scale, legend },
        },
      },
      {
        transform: [{ filter: 'datum.sigma !== null' }],
        mark: { type: 'tick', orient: 'vertical', thickness: 3, bandSize: 24 },
        encoding: { x: { field: 'sigma', type: 'quantitative', title }, color: { datum: 'σ', type: 'nominal', scale, legend } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 12, color: '#1d2330' },
        encoding: { x: { field: 'labelAt', type: 'quantitative', title }, text: { field: 'label' } },
      },
    ],
  };
}

/** One parameter's Sobol indices with their intervals for {@link sobolBarsSpec}. */
export interface SobolBar {
  parameter: string;
  s1: { value: number; low: number; high: number };
  st: { value: number; low: number; high: number };
}

/**
 * Sobol indices of one metric: for each parameter (most influential first, in the given order) a bar of the
 * first-order index S1 and one of the total-order index ST, each with its 95% bootstrap CI whisker and its value
 * written beside it. ST well above S1 marks a parameter that acts through interactions.
 */
export function sobolBarsSpec(bars: readonly SobolBar[]): TopLevelSpec {
  const title = 'Sobol index, 95% bootstrap CI';
  const indices = ['S1', 'ST'];
  const rows = bars.flatMap(({ parameter, s1, st }) =>
    ([['S1', s1], ['ST', st]] as const).map(([index, estimate]) => {
      const interval = Number.isFinite(estimate.low) && Number.isFinite(estimate.high);
      return {
        parameter,
        index,
        value: finiteOrNull(estimate.value),
        low: interval ? estimate.low : null,
        high: interval ? estimate.high : null,
        labelAt: Math.max(0, ...[estimate.value, estimate.low, estimate.high].filter(Number.isFinite)),
        // Three decimals like the report's table: indices are shares of variance.
        label: `${index} ${formatFixed(estimate.value, 3)}`,
      };
    }),
  );
  const yOffset = { field: 'index', type: 'nominal' as const, sort: indices, scale: { paddingInner: 0.08 } };
  return {
    config: CONFIG,
    width: 460,
    height: { step: 38 },
    data: { values: rows },
    encoding: {
      y: { field: 'parameter', type: 'nominal', sort: bars.map((bar) => bar.parameter), title: null, scale: { paddingInner: 0.3 }, axis: { labelLimit: 380, labelPadding: 6, ticks: false, domain: false } },
      yOffset,
    },
    layer: [
      {
        transform: [{ filter: 'datum.value !== null' }],
        mark: { type: 'bar', opacity: 0.85 },
        encoding: {
          x: { field: 'value', type: 'quantitative', title, axis: { tickCount: 5 } },
          color: { field: 'index', type: 'nominal', scale: { domain: indices, ...MEASURE_COLORS }, legend: { orient: 'bottom', title: null, direction: 'horizontal' } },
        },
      },
      {
        transform: [{ filter: 'datum.low !== null' }],
        mark: { type: 'errorbar', ticks: { size: 8 }, color: '#1d2330', thickness: 1.5 },
        encoding: { x: { field: 'low', type: 'quantitative', title }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 11, color: '#1d2330' },
        encoding: { x: { field: 'labelAt', type: 'quantitative', title }, text: { field: 'label' } },
      },
    ],
  };
}
