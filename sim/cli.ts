#!/usr/bin/env node
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import yargs from 'yargs';
import { threadsForRun } from './experiment/concurrentMemory.js';
import { hideBin } from 'yargs/helpers';
import { registerAnalysisCommands } from './cli/analysisCommands.js';
import { registerCompareCommand } from './cli/compareCommand.js';
import { registerEvaluateCommand } from './cli/evaluateCommand.js';
import { formatSummaryTable } from './cli/summaryTable.js';
import { registerSweepCommands } from './cli/sweepCommand.js';
import { describeFailure, EXIT_BAD_INPUT } from './cli/failure.js';
import { registerValidateCommand } from './cli/validateCommand.js';
import { OutputError } from './output/runFolder.js';
import { runScenario } from './run.js';
import { scenarioJsonSchema } from './scenario/jsonSchema.js';
import { loadScenario, machineMemoryLimit, ScenarioError, type MemoryLimit } from './scenario/load.js';
import { estimateRunSeconds, formatDuration } from './scenario/resourceEstimate.js';
import { VERSION } from './version.js';
import { explainMetric } from './cli/explainMetric.js';
import { registerReportCommand, writeFolderReport } from './cli/reportCommand.js';
import { checkReportDestination } from './output/reportFile.js';


async function main(argv: string[]): Promise<void> {
  // `mallsim --explain METRIC` needs no command: it answers before the commands are parsed.
  const explain = argv.indexOf('--explain');
  if (explain >= 0) {
    const name = argv[explain + 1];
    if (name === undefined || name.startsWith('-')) throw new RangeError('--explain: name a metric, e.g. mallsim --explain impulse_share');
    process.stdout.write(explainMetric(name));
    return;
  }
  await registerReportCommand(registerValidateCommand(registerAnalysisCommands(registerSweepCommands(registerEvaluateCommand(registerCompareCommand(yargs(argv)))))))
    .scriptName('mallsim')
    .version(VERSION)
    .strict()
    .command(
      'run <scenario>',
      'simulate a scenario and write Arrow tables',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
          .option('seed', { type: 'number', describe: 'run seed (overrides run.seed)' })
          .option('replications', { type: 'number', default: 1, describe: 'replications; replication r uses seed + r' })
          .option('out', { type: 'string', describe: 'output folder (default: a new output/<name>/run-NNN)' })
          .option('overwrite', { type: 'boolean', default: false, describe: 'replace a non-empty --out folder' })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field: path=value (YAML value)' })
          .option('exposures', { type: 'boolean', default: false, describe: 'also write exposures.arrow (large)' })
          .option('threads', { type: 'number', describe: 'threads one run is simulated on (default: every core with 5,000 consumers or more each, as memory allows; at most one per 1,024 consumers); the tables are the same for any number' })
          .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' })
          .option('report', { type: 'string', describe: 'also write the run report (self-contained HTML: days, funnel, consumers, segments, sales) to this file, or with no file to report.html in the results folder; never replaced' })
          .option('max-memory', { type: 'string', describe: "refuse a run estimated to need more memory than this (e.g. 8GiB, 512MiB; default: this machine's memory)" })
          .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }),
      async (args) => {
        const overrides = [...args.set];
        if (args.seed !== undefined) overrides.push(`run.seed=${args.seed}`);
        const memoryLimit = args.maxMemory === undefined ? machineMemoryLimit() : parseMemoryLimit(args.maxMemory);
        const loaded = loadScenario(args.scenario, { overrides, memoryLimit });
        // `--report` with no file puts report.html in the new results folder, which cannot hold one yet.
        if (args.report) checkReportDestination(args.report);
        const threads = threadsForRun(loaded.scenario, args.threads, os.availableParallelism(), memoryLimit);
        // More threads than cores run, slower than as many as the cores: the user asked for it, so it is only said.
        if (!args.quiet && threads > os.availableParallelism()) {
          process.stderr.write(`mallsim: note: --threads ${threads} on ${os.availableParallelism()} cores; the run is usually fastest with one thread per core\n`);
        }
        const seconds = estimateRunSeconds(loaded.scenario, args.replications);
        // A long run says so before it starts, so that a mistyped size is seen at once, not hours later.
        if (!args.quiet && seconds >= LONG_RUN_SECONDS) {
          const consumerDays = loaded.scenario.population.size * loaded.scenario.run.days * args.replications;
          process.stderr.write(`mallsim: estimated run time about ${formatDuration(seconds)} (${consumerDays.toLocaleString('en-US')} consumer-days on one core)\n`);
        }
        const result = runScenario(loaded.scenario, {
          replications: args.replications,
          out: args.out,
          overwrite: args.overwrite,
          exposures: args.exposures,
          threads,
          files: loaded.files,
          overrides,
        });
        // The results are committed first: a report that cannot be drawn never costs the run.
        let report: { file: string } | null = null;
        try {
          report = args.report === undefined ? null : await writeFolderReport(result.folder, args.report || undefined, { flag: '--report' });
        } catch (error) {
          // The run's results are complete and kept: say where, whatever went wrong with drawing them.
          process.stderr.write(`mallsim: the run finished; results: ${result.folder}\n`);
          throw error;
        }
        if (args.quiet) return;
        if (args.json) {
          const runs = result.runs.map((run) => ({ folder: run.folder, seed: run.seed, replication: run.replication, wallSeconds: run.wallSeconds, threads: run.threads, rowCounts: run.rowCounts, summary: finiteOrNull(run.summary) }));
          process.stdout.write(`${JSON.stringify({ scenario: loaded.scenario.name, folder: result.folder, report: report?.file ?? null, runs }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${formatSummaryTable(loaded.scenario.name, result.runs)}\nresults: ${result.folder}\n${report !== null ? `report: ${report.file}\n` : ''}`);
      },
    )
    .command(
      'schema',
      'print the scenario JSON Schema (for editor completion)',
      (y) =>
        y
          .option('out', { type: 'string', describe: 'write to this file instead of stdout' })
          .option('overwrite', { type: 'boolean', default: false, describe: 'replace an existing --out file' }),
      (args) => {
        const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
        if (!args.out) {
          process.stdout.write(text);
          return;
        }
        if (existsSync(args.out) && !args.overwrite) throw new OutputError(`${args.out}: exists; choose another --out or pass --overwrite`);
        writeFileSync(args.out, text);
      },
    )
    .option('explain', { type: 'string', describe: 'print what a summary metric (or metric@segment) means and its unit, and exit' })
    .demandCommand(1, 'name a command: run, report, compare, sweep, merge, validate, calibrate, sensitivity, evaluate-policies or schema')
    .fail((message: string | undefined, error: Error | undefined) => {
      if (error) throw error;
      process.stderr.write(`mallsim: ${message}\nrun "mallsim --help" for usage\n`);
      process.exit(EXIT_BAD_INPUT);
    })
    .parseAsync();
}

/** A run estimated to take longer than this announces its estimate first. */
const LONG_RUN_SECONDS = 60;

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** `--max-memory 8GiB`, `512MiB`, `2e9`: a positive amount of memory. */
export function parseMemoryLimit(text: string): MemoryLimit {
  const match = /^\s*([0-9]*\.?[0-9]+(?:e[0-9]+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? BYTE_UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  const bytes = match && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isFinite(bytes) || bytes <= 0) throw new ScenarioError([{ file: `--max-memory ${text}`, path: '', message: 'expected an amount of memory such as 8GiB, 512MiB or 2e9 (bytes)' }]);
  return { bytes, source: `--max-memory ${text}` };
}

function finiteOrNull(summary: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
}

main(hideBin(process.argv)).catch((error: unknown) => {
  const { code, text } = describeFailure(error);
  process.stderr.write(text);
  process.exit(code);
});
