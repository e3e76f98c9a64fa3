import type { RunResult } from '../run.js';

/** The metrics the run command prints, with their labels and formats. */
const PRINTED: readonly { metric: string; label: string; format: (v: number) => string }[] = [
  { metric: 'consumers', label: 'consumers', format: integer },
  { metric: 'active_users', label: 'active users', format: integer },
  { metric: 'purchases', label: 'purchases', format: integer },
  { metric: 'purchases_per_active_day', label: 'purchases per active user-day', format: fixed(4) },
  { metric: 'impulse_share', label: 'impulse share of purchases', format: percent },
  { metric: 'impulse_buyer_share', label: 'buyers with an impulse purchase', format: percent },
  { metric: 'regret_buyer_share', label: 'buyers who regretted a purchase', format: percent },
  { metric: 'regret_rate', label: 'regret rate (per evaluated purchase)', format: percent },
  { metric: 'return_rate', label: 'return rate', format: percent },
  { metric: 'gmv', label: 'GMV', format: money },
  { metric: 'net_revenue', label: 'net revenue', format: money },
  { metric: 'consumer_welfare', label: 'consumer welfare', format: money },
  { metric: 'trust_start', label: 'trust at start', format: fixed(3) },
  { metric: 'trust_end', label: 'trust at end', format: fixed(3) },
  { metric: 'churn_share', label: 'churned', format: percent },
];

/** A plain-text table of the key metrics, one column per replication (and their mean when there are several). */
export function formatSummaryTable(scenarioName: string, runs: readonly RunResult[]): string {
  const headers = ['metric', ...runs.map((run) => `seed ${run.seed}`)];
  if (runs.length > 1) headers.push('mean');
  const rows = PRINTED.map(({ metric, label, format }) => {
    const values = runs.map((run) => run.summary[metric]);
    const cells = values.map((v) => (Number.isFinite(v) ? format(v) : '-'));
    if (runs.length > 1) {
      const finite = values.filter(Number.isFinite);
      cells.push(finite.length > 0 ? format(finite.reduce((a, b) => a + b, 0) / finite.length) : '-');
    }
    return [label, ...cells];
  });
  const widths = headers.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]) => cells.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ');
  const seconds = runs.reduce((a, run) => a + run.wallSeconds, 0);
  return [
    `${scenarioName}: ${runs.length} run(s) in ${seconds.toFixed(1)} s`,
    line(headers),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

function integer(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

function percent(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}

function money(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

function fixed(digits: number): (v: number) => string {
  return (v) => v.toFixed(digits);
}
