import path from 'node:path';
import type { Argv } from 'yargs';
import { checkReportDestination } from '../output/reportFile.js';
import { DEFAULT_COMPARE_METRICS, resolveCompareMetrics } from '../experiment/compareMetrics.js';
import { gridFromFlags, readDesignFile } from '../experiment/design.js';
import { mergeShards } from '../experiment/merge.js';
import { readSweepRows, runSweep, SWEEP_FILES, writeSweepReport } from '../experiment/sweep.js';
import { METRICS } from '../metrics.js';
import { parseShard } from '../experiment/sweepPlan.js';
import { formatSweepResults } from '../experiment/sweepTable.js';

const METRIC_HELP = `metrics of the result table and --report, comma-separated (default: ${DEFAULT_COMPARE_METRICS.join(',')}); any of: ${METRICS.map((m) => m.name).join(', ')}`;

/** The text of --metrics as a list (yargs gives a string, or an array when the flag is repeated). */
const metricList = (value: string | string[] | undefined): string[] | undefined => (value === undefined ? undefined : ([] as string[]).concat(value));

/**
 * Registers `mallsim sweep` (a grid, explicit points or a Latin hypercube over scenario paths, times replications,
 * on parallel workers, resumable and shardable, optionally with an HTML report) and `mallsim merge` (shard folders into
 * one sweep folder, optionally with the report). Bad input throws ScenarioError, OutputError or RangeError before any
 * run starts, which the CLI turns into exit code 2.
 */
export function registerSweepCommands<T>(cli: Argv<T>): Argv<T> {
  return cli
    .command(
      'sweep <scenario>',
      'run a scenario over a grid, a list of points or a Latin hypercube of parameter values',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'base scenario file (YAML or JSON)' })
          .option('grid', { type: 'string', array: true, describe: 'path=v1,v2,... (values parsed as YAML; repeat for a full factorial)' })
          .option('design', { type: 'string', describe: 'design file (YAML): grid, points or latinHypercube' })
          .option('replications', { type: 'number', default: 1, describe: 'replications per point; replication r uses seed run.seed + r at every point' })
          .option('workers', { type: 'number', describe: 'parallel runs (default: the number of cores, divided by --threads)' })
          .option('threads', { type: 'number', describe: 'threads each run is simulated on (default 1; workers x threads may not exceed the cores; results are the same for any number)' })
          .option('out', { type: 'string', describe: 'sweep folder (default: a new output/<name>/sweep-NNN)' })
          .option('overwrite', { type: 'boolean', default: false, describe: 'replace a non-empty --out (removed once the new sweep is complete)' })
          .option('resume', { type: 'boolean', default: false, describe: 'continue an interrupted sweep in --out: run only what is missing' })
          .option('summary-only', { type: 'boolean', default: false, describe: "write runs.arrow only, not each run's tables" })
          .option('shard', { type: 'string', describe: 'run only slice i of n (1 <= i <= n) of the runs, for clusters; combine with mallsim merge' })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field of the base scenario: path=value (YAML value)' })
          .option('report', { type: 'string', describe: 'also write a self-contained HTML report (each metric against the swept parameter) once the sweep is complete; refused when the file exists' })
          .option('metrics', { type: 'string', describe: METRIC_HELP })
          .option('by', { choices: ['segment'] as const, describe: 'show each metric that is measured per segment once per population segment (impulse_share@impulsive, ...)' })
          .option('worlds', {
            type: 'number',
            describe: "markets the replications share, round-robin (replication r in world r mod N): adds how much of each metric's spread is the market's and how much behaviour's",
          })
          .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }),
      async (args) => {
        const grid = args.grid ?? [];
        if ((grid.length > 0) === (args.design !== undefined)) throw new RangeError('sweep: give either --grid path=v1,v2,... (repeatable) or --design FILE, not both or neither');
        const design = args.design !== undefined ? readDesignFile(args.design) : gridFromFlags(grid);
        const shard = args.shard !== undefined ? parseShard(args.shard) : null;
        const interrupted = (): void => {
          process.stderr.write('\nmallsim: sweep interrupted; completed runs are kept. Continue with the same command and --resume --out <folder>\n');
          process.exit(130);
        };
        process.once('SIGINT', interrupted);
        const result = await runSweep({
          scenarioFile: args.scenario,
          design,
          overrides: args.set,
          replications: args.replications,
          workers: args.workers,
          threads: args.threads,
          out: args.out,
          overwrite: args.overwrite,
          resume: args.resume,
          summaryOnly: args['summary-only'],
          shard,
          quiet: args.quiet,
          report: args.report,
          metrics: metricList(args.metrics),
          by: args.by,
          worlds: args.worlds,
        });
        process.removeListener('SIGINT', interrupted);
        if (args.quiet) return;
        const { plan } = result;
        const scope = shard ? `shard ${shard.index}/${shard.count}: ${result.total} of ${plan.runs.length} runs` : `${result.total} runs`;
        const resumed = result.total - result.ranNow;
        process.stdout.write(
          `sweep ${plan.scenarioName}: ${scope} (${plan.points.length} points x ${plan.replications} replications) in ${result.wallSeconds.toFixed(1)} s` +
            `${resumed > 0 ? `, ${resumed} already complete` : ''}\n` +
            `results: ${result.folder}\nruns table: ${path.join(result.folder, SWEEP_FILES.runs)}\n` +
            `${result.report !== null ? `report: ${result.report}\n` : ''}` +
            `${result.table !== null ? `\n${result.table}` : `merge the shards (mallsim merge) to see the results of the whole sweep\n`}`,
        );
      },
    )
    .command(
      'merge <shards..>',
      'combine the folders of a sharded sweep into one sweep folder',
      (y) =>
        y
          .positional('shards', { type: 'string', array: true, demandOption: true, describe: 'shard folders written by mallsim sweep --shard i/n' })
          .option('out', { type: 'string', demandOption: true, describe: 'merged sweep folder (must not exist or be empty)' })
          .option('copy', { type: 'boolean', default: false, describe: 'copy run folders instead of moving them out of the shards' })
          .option('report', { type: 'string', describe: 'also write the sweep report (self-contained HTML) of the merged sweep; refused when the file exists' })
          .option('metrics', { type: 'string', describe: METRIC_HELP })
          .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }),
      async (args) => {
        const metrics = resolveCompareMetrics(metricList(args.metrics), 'sweep');
        if (args.report !== undefined) checkReportDestination(args.report);
        const result = mergeShards({ shards: args.shards as string[], out: args.out, copy: args.copy });
        // The merged sweep is complete: its results, read back from the merged folder as a whole sweep prints them.
        const { manifest, rows } = readSweepRows(result.folder);
        if (args.report !== undefined) await writeSweepReport(args.report, manifest, rows, metrics);
        const table = formatSweepResults(manifest, rows, metrics, manifest.worlds ?? null);
        if (!args.quiet) process.stdout.write(`merged ${args.shards.length} shards, ${result.runs} runs\nresults: ${result.folder}\n${args.report !== undefined ? `report: ${args.report}\n` : ''}\n${table}`);
      },
    );
}
