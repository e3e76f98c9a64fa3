import { METRIC_UNITS, METRICS } from '../metrics.js';
import type { ColumnSpec } from './arrowTableWriter.js';
import { consumerColumns, dayColumns, exposureColumns, hourColumns, pathColumns, purchaseColumns, regretColumns, segmentColumns } from './tables.js';

const TABLES: readonly { file: string; about: string; columns: readonly ColumnSpec[] }[] = [
  { file: 'purchases.arrow', about: 'one row per purchase, written when it happens', columns: purchaseColumns(['<segment names>']) },
  { file: 'regret.arrow', about: 'one row per delivered purchase, judged on delivery', columns: regretColumns() },
  { file: 'consumers.arrow', about: 'one row per consumer at the end of the run', columns: consumerColumns(['<segment names>']) },
  {
    file: 'segments.arrow',
    about: "one row per population segment at the end of the run: the same outcomes for each segment, for a fairness audit (who carries the impulse buying, regret, overspending and lost trust)",
    columns: segmentColumns(['<segment names>']),
  },
  { file: 'days.arrow', about: 'one row per simulated day', columns: dayColumns() },
  {
    file: 'paths.arrow',
    about:
      'one row per possible shopping-path transition per day (16 a day, zero counts too): how exposures move from shown to viewed, wanted, bought and kept, as a Markov chain (the funnel below)',
    columns: pathColumns(),
  },
  {
    file: 'hours.arrow',
    about: 'one row per hour of each simulated day (24 per day, hour 0 first): what happened in the hour, for time-of-day patterns',
    columns: hourColumns(),
  },
  { file: 'exposures.arrow', about: 'with `--exposures` only: one row per item shown (large)', columns: exposureColumns() },
];

function kindText(kind: ColumnSpec['kind']): string {
  if (typeof kind === 'string') return kind;
  return `dictionary: ${kind.dictionary.join(' \\| ')}`;
}

/** Markdown documenting every table, column and summary metric; output/README.md embeds it and a test keeps it current. */
export function describeTables(): string {
  const parts: string[] = [];
  for (const table of TABLES) {
    parts.push(`### \`${table.file}\`\n\n${table.about[0].toUpperCase()}${table.about.slice(1)}.\n`);
    parts.push('| column | type | meaning |\n| --- | --- | --- |');
    for (const column of table.columns) parts.push(`| \`${column.name}\` | ${kindText(column.kind)} | ${column.description ?? ''} |`);
    parts.push('');
  }
  parts.push(
    '### The shopping funnel',
    '',
    'Defined once, on exposures, from `paths.arrow`; each stage is a subset of the one before, so the funnel never widens:',
    '',
    '| stage | transitions counted |',
    '| --- | --- |',
    '| shown | every exposure (`shown` to `skipped` or `viewed`), search results included |',
    '| viewed | `shown` to `viewed` |',
    '| wanted | `viewed` to `chose` (a planned choice) plus `tempted` to `gave_in` (an impulse not resisted) |',
    '| bought | `chose` to `bought`, `gave_in` to `bought` and `carted` to `bought` (a cart item bought on review, days later) |',
    '| kept | `bought` to `kept` (delivered, judged and not returned; purchases of the last delivery days are never judged) |',
    '',
    'A wanted exposure that is not bought was `stopped` (spending cap, balance or stock) or `carted` and then `dropped`. Temptations that were `resisted` never reach `wanted`. Over a run every stage is at most the one before; on one day the cart can make `bought` exceed that day\'s `wanted`.',
    '',
  );
  parts.push('### Summary metrics (`manifest.json` `summary`, `--json`, and later `runs.arrow`)\n');
  parts.push('`mallsim --explain METRIC` prints a row of this table.\n');
  parts.push('| metric | unit | meaning |\n| --- | --- | --- |');
  for (const metric of METRICS) parts.push(`| \`${metric.name}\` | ${METRIC_UNITS[metric.name]} | ${metric.description} |`);
  parts.push(
    '',
    "Each segment's outcomes follow, as `metric@segment` (`impulse_share@impulsive`): the columns of `segments.arrow` for every segment, in the scenario's order. `mallsim compare --by segment` compares them.",
  );
  return `${parts.join('\n')}\n`;
}
