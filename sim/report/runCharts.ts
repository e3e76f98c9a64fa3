/**
 * Vega-Lite specifications of the single-run report's own charts (the daily lines and per-segment bars are shared
 * with the comparison report, in charts.ts). Plain values in, a spec with its data inline out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { armColors, CONFIG, finiteOrNull, largeNumberAxis } from './charts.js';
import { formatFixed, formatNumber } from './format.js';
import type { ConsumerDistribution } from './reportData.js';

/** A quantity split into parts that add up, one stacked area per part, by day. */
export function stackedDailySpec(title: string, parts: readonly string[], points: readonly { series: string; day: number; value: number }[]): TopLevelSpec {
  const rank = new Map(parts.map((part, k) => [part, k]));
  const rows = points.map(({ series, day, value }) => ({ series, day, value: finiteOrNull(value), order: rank.get(series) ?? 0 }));
  return {
    config: CONFIG,
    width: 440,
    height: 220,
    data: { values: rows },
    mark: { type: 'area', opacity: 0.85, line: { strokeWidth: 1 } },
    encoding: {
      x: { field: 'day', type: 'quantitative', title: 'day', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'value', type: 'quantitative', title, stack: 'zero', axis: largeNumberAxis(points.map((p) => p.value)) },
      color: { field: 'series', type: 'nominal', scale: armColors(parts), sort: [...parts], legend: { orient: 'bottom', title: null } },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

/**
 * The shopping funnel: one horizontal bar per stage, widest first, each labelled with its count and the share of the
 * stage before it that reached it.
 */
export function funnelSpec(stages: readonly { stage: string; count: number }[]): TopLevelSpec {
  const rows = stages.map(({ stage, count }, k) => {
    const before = k > 0 ? stages[k - 1].count : Number.NaN;
    const share = before > 0 ? `  (${formatFixed((100 * count) / before, 1)}% of ${stages[k - 1].stage})` : '';
    return { stage, count: finiteOrNull(count), label: `${formatNumber(count)}${share}` };
  });
  const order = stages.map((s) => s.stage);
  return {
    config: CONFIG,
    width: 300,
    height: { step: 34 },
    data: { values: rows },
    encoding: { y: { field: 'stage', type: 'nominal', sort: order, title: null, axis: { labelPadding: 6, ticks: false, domain: false } } },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 }, color: '#0072B2', opacity: 0.85 },
        // A symmetric log scale: the stages span five orders of magnitude, and a stage may be 0 (a run without purchases).
        encoding: {
          x: { field: 'count', type: 'quantitative', title: 'count (log scale)', scale: { type: 'symlog', domain: [0, Math.max(10, ...stages.map((s) => s.count).filter(Number.isFinite))] }, axis: { tickCount: 5, labelExpr: "format(datum.value, '~s')" } },
          x2: { datum: 0 },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', x: 308, fontSize: 12, color: '#1d2330' },
        encoding: { text: { field: 'label' } },
      },
    ],
  };
}

/** Bars by hour of the day, stacked by part (e.g. impulse and other purchases). */
export function hourBarsSpec(title: string, parts: readonly string[], rows: readonly { hour: number; series: string; value: number }[]): TopLevelSpec {
  const rank = new Map(parts.map((part, k) => [part, k]));
  return {
    config: CONFIG,
    width: 440,
    height: 200,
    data: { values: rows.map((row) => ({ ...row, value: finiteOrNull(row.value), order: rank.get(row.series) ?? 0 })) },
    mark: { type: 'bar', opacity: 0.85 },
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: 'hour of the day', axis: { labelAngle: 0, values: [0, 3, 6, 9, 12, 15, 18, 21] } },
      y: { field: 'value', type: 'quantitative', title, stack: 'zero' },
      color: { field: 'series', type: 'nominal', scale: armColors(parts), sort: [...parts], legend: parts.length > 1 ? { orient: 'bottom', title: null } : null },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

/** A histogram of a per-consumer quantity: share of consumers per bin, the bins' ranges on the axis. */
export function histogramSpec(distribution: ConsumerDistribution): TopLevelSpec {
  const rows = distribution.bins.map((bin, k) => {
    const last = k === distribution.bins.length - 1;
    const label = distribution.integer
      ? bin.high - bin.low <= 1 && !last
        ? formatNumber(bin.low)
        : last
          ? `${formatNumber(bin.low)}+`
          : `${formatNumber(bin.low)}-${formatNumber(bin.high - 1)}`
      : last
        ? `${formatNumber(bin.low)}+`
        : formatNumber(bin.low);
    return { bin: label, share: bin.share };
  });
  return {
    config: CONFIG,
    width: 440,
    height: 200,
    data: { values: rows },
    mark: { type: 'bar', color: '#0072B2', opacity: 0.85 },
    encoding: {
      x: { field: 'bin', type: 'ordinal', sort: rows.map((r) => r.bin), title: distribution.integer ? distribution.unit : `${distribution.unit} (bin from)`, axis: { labelAngle: -45, labelOverlap: 'greedy' } },
      y: { field: 'share', type: 'quantitative', title: 'share of consumers', axis: { format: '.0%' } },
    },
  };
}

/** The best-selling items: one horizontal bar each, most sold on top, labelled with purchases and GMV. */
export function topItemsSpec(items: readonly { item: number; category: number; purchases: number; gmv: number }[]): TopLevelSpec {
  const rows = items.map((entry) => ({ name: `item ${entry.item}, category ${entry.category}`, purchases: entry.purchases, label: `${formatNumber(entry.purchases)} bought, GMV ${formatNumber(entry.gmv)}` }));
  return {
    config: CONFIG,
    width: 260,
    height: { step: 18 },
    data: { values: rows },
    encoding: { y: { field: 'name', type: 'nominal', sort: rows.map((r) => r.name), title: null, axis: { labelPadding: 6, ticks: false, domain: false, labelLimit: 260 } } },
    layer: [
      { mark: { type: 'bar', height: { band: 0.75 }, color: '#009E73', opacity: 0.85 }, encoding: { x: { field: 'purchases', type: 'quantitative', title: 'purchases', axis: { tickCount: 4 } } } },
      { mark: { type: 'text', align: 'left', baseline: 'middle', x: 266, fontSize: 11, color: '#1d2330' }, encoding: { text: { field: 'label' } } },
    ],
  };
}
