import { formatTextTable } from '../analysis/textTable.js';
import { replicationSeed } from '../run.js';
import type { WorldsBreakdown } from './worldVariance.js';

/**
 * The variance between and within worlds as text: per metric and arm (or sweep point), a run's standard deviation between markets and
 * within one market, and the market's share of the variance.
 */
export function formatWorldsTable(breakdown: WorldsBreakdown, baseSeed: number, unit: 'arm' | 'point' = 'arm'): string {
  const { worlds } = breakdown;
  const lastWorld = replicationSeed(baseSeed, worlds - 1);
  const rows = breakdown.metrics.flatMap(({ metric, arms }) =>
    arms.map((row) => [`${metric} (${row.arm})`, sd(row.betweenSd), sd(row.withinSd), Number.isFinite(row.worldShare) ? `${(100 * row.worldShare).toFixed(0)}%` : '-', String(row.n)]),
  );
  return [
    '',
    `the market's share of the spread: ${worlds} world${worlds === 1 ? '' : 's'} (catalog and population seeds ${worlds === 1 ? baseSeed : `${baseSeed}-${lastWorld}`}), replication r in world r mod ${worlds}`,
    formatTextTable([`metric (${unit})`, 'sd between worlds', 'sd within a world', 'world share', 'n'], rows),
    '',
  ].join('\n');
}

function sd(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? value.toFixed(0) : magnitude >= 1 ? value.toFixed(2) : value.toPrecision(3);
}
