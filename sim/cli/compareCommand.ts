import type { Argv } from 'yargs';
import { METRICS } from '../metrics.js';
import { replicationSeed } from '../run.js';
import { planCompare, runCompare, type CompareResult } from '../experiment/compare.js';
import { compareJson } from '../experiment/compareJson.js';
import { DEFAULT_COMPARE_METRICS } from '../experiment/compareMetrics.js';
import { describePrecision } from '../experiment/comparePrecision.js';
import { formatCompareTable } from '../experiment/compareTable.js';
import { formatWorldsTable } from '../experiment/worldsTable.js';

const METRIC_HELP = `metrics to compare, comma-separated (default: ${DEFAULT_COMPARE_METRICS.join(',')}); any of: ${METRICS.map((m) => m.name).join(', ')}`;

/**
 * Registers `mallsim compare <scenarios..>`: arms under common random numbers, means with t intervals, paired
 * differences from the baseline with Holm-adjusted p-values, runs.arrow, and optionally adaptive replication and an
 * HTML report. Bad input throws before anything is written (the CLI exits 2).
 */
export function registerCompareCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'compare <scenarios..>',
    'compare scenarios (arms) under common random numbers: means, paired differences, CIs',
    (y) =>
      y
        .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'two or more scenario files, one per arm' })
        .option('replications', { type: 'number', describe: 'replications per arm (default 5; with --precision the first round, default 3)' })
        .option('baseline', { type: 'string', describe: 'baseline arm: a name or a scenario file (default: the first arm)' })
        .option('metrics', { type: 'string', describe: METRIC_HELP })
        .option('json', { type: 'boolean', default: false, describe: 'print the comparison as JSON' })
        .option('out', { type: 'string', describe: 'results folder, refused when not empty (default: a new output/compare/run-NNN)' })
        .option('workers', { type: 'number', describe: 'parallel runs (default: the number of cores, divided by --threads)' })
        .option('threads', { type: 'number', describe: 'threads each run is simulated on (default 1; workers x threads may not exceed the cores; results are the same for any number)' })
        .option('precision', { type: 'number', describe: 'add replications until the relative 95% CI half-width of the first metric is below this in every arm' })
        .option('max-replications', { type: 'number', describe: 'limit of --precision (default 50)' })
        .option('report', { type: 'string', describe: 'also write a self-contained HTML report to this file (refused when it exists)' })
        .option('by', { choices: ['segment'] as const, describe: 'compare each metric that is measured per segment once per population segment (impulse_share@impulsive, ...), with the same paired intervals' })
        .option('worlds', {
          type: 'number',
          describe: 'markets the replications share, round-robin (replication r in world r mod N): reports how much of each metric\'s spread is the market\'s and how much behaviour\'s (default: a new market per replication)',
        })
        .option('summary-only', { type: 'boolean', default: false, describe: "keep runs.arrow and compare.json only, not each run's tables" })
        .option('arm-names', { choices: ['scenario', 'stem'] as const, default: 'scenario' as const, describe: "name arms by the scenario's name or by file name" })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field in every arm: path=value (YAML value)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors (and the JSON with --json)' }),
    async (args) => {
      const options = {
        files: args.scenarios as string[],
        overrides: args.set,
        armNames: args['arm-names'],
        baseline: args.baseline,
        metrics: args.metrics === undefined ? undefined : ([] as string[]).concat(args.metrics),
        replications: args.replications,
        precision: args.precision,
        maxReplications: args['max-replications'],
        workers: args.workers,
        threads: args.threads,
        out: args.out,
        summaryOnly: args['summary-only'],
        report: args.report,
        worlds: args.worlds,
        by: args.by,
      };
      const plan = planCompare(options);
      const progress = args.quiet ? undefined : new ProgressLine();
      if (progress && !plan.seed.agreed) {
        progress.note(`note: the arms declare different run.seed values; every arm uses ${plan.arms[0].name}'s (${plan.seed.seed}) so that replications pair up`);
      }
      const result = await runCompare(
        {
          ...options,
          onRound: (round, runs, replications) => progress?.note(`round ${round}: ${runs} runs (${plan.arms.length} arms up to ${replications} replications) on ${Math.min(plan.workers, runs)} workers`),
          onRunComplete: (done, planned) => progress?.update(done, planned),
        },
        plan,
      );
      progress?.done();
      printResult(result, args.json, args.quiet);
    },
  );
}

function printResult(result: CompareResult, json: boolean, quiet: boolean): void {
  if (json) {
    const context = { folder: result.folder, arms: result.arms, seed: { base: result.seed.seed, agreed: result.seed.agreed }, precision: result.precision, worlds: result.worlds };
    const body = compareJson(result.statistics, context) as Record<string, unknown>;
    process.stdout.write(`${JSON.stringify({ ...body, report: result.report }, null, 2)}\n`);
    return;
  }
  if (quiet) return;
  const lines = [formatCompareTable(result.statistics)];
  const { seed, agreed } = result.seed;
  const n = result.statistics.replications;
  lines.push(`seeds ${seed}-${replicationSeed(seed, n - 1)}: replication r runs with seed ${seed} + r in every arm${agreed ? '' : ` (the first arm's run.seed; the arms declared different ones)`}\n`);
  if (result.worlds) lines.push(formatWorldsTable(result.worlds, seed));
  if (result.precision) lines.push(`${describePrecision(result.precision)}\n`);
  lines.push(`results: ${result.folder}\n`);
  if (result.report) lines.push(`report: ${result.report}\n`);
  process.stdout.write(lines.join('\n'));
}

/**
 * Progress on stderr: one line rewritten in place on a terminal; otherwise a line every 10 seconds at most, so that
 * logs of long comparisons show life without one line per run.
 */
class ProgressLine {
  private readonly terminal = process.stderr.isTTY === true;
  private readonly started = process.hrtime.bigint();
  private lastPrinted = 0;
  private open = false;

  note(message: string): void {
    this.clear();
    process.stderr.write(`${message}\n`);
  }

  update(done: number, planned: number): void {
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const text = `${done}/${planned} runs done, ${seconds.toFixed(0)} s`;
    if (this.terminal) {
      process.stderr.write(`\r${text}`);
      this.open = true;
    } else if (seconds - this.lastPrinted >= 10 || done === planned) {
      this.lastPrinted = seconds;
      process.stderr.write(`${text}\n`);
    }
  }

  done(): void {
    this.clear();
  }

  private clear(): void {
    if (this.open) process.stderr.write('\r\x1b[K');
    this.open = false;
  }
}
