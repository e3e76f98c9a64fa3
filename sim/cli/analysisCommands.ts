import os from 'node:os';
import path from 'node:path';
import type { Argv } from 'yargs';
import { calibrate, type CalibrationPoint, type CalibrationResult } from '../analysis/calibrate.js';
import { checkCalibratedFile, defaultCalibratedFile, writeCalibratedScenario } from '../analysis/calibratedScenario.js';
import { checkParamRanges, parseParamRanges, type ParamRange } from '../analysis/paramRanges.js';
import { createPhaseProgress } from '../analysis/progress.js';
import { analyseSensitivity, checkMetricNames, DEFAULT_SENSITIVITY_METRICS, SENSITIVITY_METHODS, sensitivityReportData, type SensitivityResult } from '../analysis/sensitivity.js';
import { formatSensitivityTables, writeSensitivityFolder } from '../analysis/sensitivityOutput.js';
import { readTargets, type MetricTarget } from '../analysis/targets.js';
import { formatTextTable } from '../analysis/textTable.js';
import { checkReportDestination, PendingReport } from '../output/reportFile.js';
import { prepareRunFolder } from '../output/runFolder.js';
import { formatNumber } from '../report/format.js';
import { loadScenario } from '../scenario/load.js';

const PARAMS_HELP = 'parameters and their ranges: path=lo..hi,path2=lo..hi (e.g. consumer.impulse.intercept=-7.6..-6.2)';

/**
 * Registers `mallsim calibrate` (fit parameters to target metrics: Latin-hypercube screening, then Nelder-Mead under
 * common random numbers; writes a scenario extending the original) and `mallsim sensitivity` (Morris or Sobol
 * indices of chosen metrics, printed ranked, written as Arrow and, with --report, drawn in an HTML page). Bad input throws ScenarioError, OutputError or
 * RangeError before any run, which the CLI turns into exit code 2.
 */
export function registerAnalysisCommands<T>(cli: Argv<T>): Argv<T> {
  return cli
    .command(
      'calibrate <scenario>',
      'fit scenario parameters so that summary metrics match targets',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file to calibrate (YAML or JSON)' })
          .option('targets', { type: 'string', demandOption: true, describe: 'YAML file: metric: value, or metric: {value, weight}' })
          .option('params', { type: 'string', array: true, demandOption: true, describe: PARAMS_HELP })
          .option('replications', { type: 'number', default: 2, describe: 'runs per candidate point; replication r uses seed run.seed + r at every point' })
          .option('screen', { type: 'number', describe: 'Latin-hypercube screening points (default 10 per parameter)' })
          .option('starts', { type: 'number', default: 3, describe: 'best screening points that start a Nelder-Mead search' })
          .option('max-evaluations', { type: 'number', describe: 'candidate points the Nelder-Mead searches may evaluate in all (default 30 per parameter)' })
          .option('workers', { type: 'number', default: os.availableParallelism(), describe: 'parallel runs' })
          .option('out', { type: 'string', describe: 'calibrated scenario file to write (default <scenario>-calibrated.yaml here); never replaced' })
          .option('seed', { type: 'number', describe: 'run seed of every candidate point and seed of the screening design (default: run.seed)' })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field while fitting: path=value (YAML value)' })
          .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' })
          .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors (and the JSON with --json)' }),
      async (args) => {
        const overrides = [...args.set, ...(args.seed !== undefined ? [`run.seed=${args.seed}`] : [])];
        const ranges = parseParamRanges(args.params);
        const targets = readTargets(args.targets);
        const out = args.out ?? defaultCalibratedFile(args.scenario);
        checkCalibratedFile(out);
        const scenario = loadScenario(args.scenario, { overrides }).scenario;
        const result = await calibrate({
          scenarioFile: args.scenario,
          overrides,
          ranges,
          targets,
          replications: args.replications,
          screen: args.screen,
          starts: args.starts,
          maxEvaluations: args['max-evaluations'],
          workers: args.workers,
          progress: (phase, runs) => createPhaseProgress({ label: `calibrate: ${phase}`, total: runs, quiet: args.quiet || args.json }),
        });
        writeCalibratedScenario({
          scenarioFile: args.scenario,
          file: out,
          name: `${scenario.name}-calibrated`,
          values: result.best.values,
          targets,
          distance: result.best.distance,
          seeds: result.seeds,
          overrides: args.set,
        });
        if (args.json) process.stdout.write(`${JSON.stringify(calibrationJson(result, ranges, targets, out), null, 2)}\n`);
        else if (!args.quiet) process.stdout.write(`${formatCalibration(scenario.name, result, ranges, targets)}\ncalibrated scenario: ${out}\n`);
      },
    )
    .command(
      'sensitivity <scenario>',
      'global sensitivity of summary metrics to parameters: Morris elementary effects or Sobol indices',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
          .option('params', { type: 'string', array: true, demandOption: true, describe: PARAMS_HELP })
          .option('method', { choices: SENSITIVITY_METHODS, demandOption: true, describe: 'morris (screening, r (k + 1) points) or sobol (variance shares, N (k + 2) points)' })
          .option('metrics', { type: 'string', describe: `summary metrics, comma-separated (default ${DEFAULT_SENSITIVITY_METRICS.join(',')})` })
          .option('samples', { type: 'number', default: 64, describe: 'sobol: base samples N' })
          .option('trajectories', { type: 'number', default: 10, describe: 'morris: trajectories r' })
          .option('levels', { type: 'number', default: 4, describe: 'morris: grid levels p (even)' })
          .option('replications', { type: 'number', default: 1, describe: 'runs per point, averaged; replication r uses seed run.seed + r at every point' })
          .option('workers', { type: 'number', default: os.availableParallelism(), describe: 'parallel runs' })
          .option('out', { type: 'string', describe: 'results folder, refused when not empty (default: a new output/<name>/sensitivity/run-NNN)' })
          .option('report', { type: 'string', describe: 'also write a self-contained HTML report (ranked bar charts and table) to this file; refused when it exists' })
          .option('seed', { type: 'number', describe: 'run seed of every point and seed of the design (default: run.seed)' })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field: path=value (YAML value)' })
          .option('json', { type: 'boolean', default: false, describe: 'print the indices as JSON' })
          .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors (and the JSON with --json)' }),
      async (args) => {
        const overrides = [...args.set, ...(args.seed !== undefined ? [`run.seed=${args.seed}`] : [])];
        const ranges = parseParamRanges(args.params);
        const metrics = args.metrics === undefined ? [...DEFAULT_SENSITIVITY_METRICS] : args.metrics.split(',').map((m) => m.trim()).filter((m) => m !== '');
        checkMetricNames(metrics);
        checkParamRanges(args.scenario, overrides, ranges);
        const scenario = loadScenario(args.scenario, { overrides }).scenario;
        const settings = { scenario: args.scenario, overrides, samples: args.samples, trajectories: args.trajectories, levels: args.levels, replications: args.replications };
        if (args.report !== undefined) checkReportDestination(args.report);
        // The folder is claimed (and a non-empty --out refused) before any run; it appears only once complete.
        const folder = prepareRunFolder({ out: args.out, root: 'output', scenarioName: path.join(scenario.name, 'sensitivity') });
        let result: SensitivityResult;
        let final: string;
        let report: PendingReport | null = null;
        try {
          result = await analyseSensitivity({
            scenarioFile: args.scenario,
            overrides,
            ranges,
            method: args.method,
            metrics,
            samples: args.samples,
            trajectories: args.trajectories,
            levels: args.levels,
            replications: args.replications,
            workers: args.workers,
            progress: (runs) => createPhaseProgress({ label: `sensitivity: ${args.method}`, total: runs, quiet: args.quiet || args.json }),
          });
          writeSensitivityFolder(folder.temp, result, settings);
          if (args.report !== undefined) {
            // Loaded only when asked for: the chart libraries take about a second to load.
            const { renderSensitivityReport } = await import('../report/sensitivityReport.js');
            report = new PendingReport(args.report, await renderSensitivityReport(sensitivityReportData(result, args.scenario, scenario.name)));
          }
          final = folder.commit();
          if (report !== null) {
            const pending = report;
            report = null;
            pending.commit('analysis');
          }
        } catch (error) {
          folder.discard();
          report?.discard();
          throw error;
        }
        if (args.json) process.stdout.write(`${JSON.stringify(sensitivityJson(result, final, args.report ?? null), null, 2)}\n`);
        else if (!args.quiet) {
          const runs = result.evaluations.length * result.seeds.length;
          process.stdout.write(
            `sensitivity of ${scenario.name}: ${result.method}, ${ranges.length} parameters, ${result.designPoints} design points (${result.evaluations.length} distinct) x ${result.seeds.length} replication(s) = ${runs} runs in ${result.wallSeconds.toFixed(1)} s\n\n` +
              `${formatSensitivityTables(result)}\n\nresults: ${final}\n${args.report !== undefined ? `report: ${args.report}\n` : ''}`,
          );
        }
      },
    );
}

/** The best points as a table, then the best point's metrics against the targets. */
function formatCalibration(name: string, result: CalibrationResult, ranges: readonly ParamRange[], targets: readonly MetricTarget[]): string {
  const shown = result.points.slice(0, 10);
  const best = formatTextTable(
    ['rank', 'phase', ...ranges.map((range) => range.path), 'distance'],
    shown.map((point, k) => [String(k + 1), point.phase, ...ranges.map((range) => formatNumber(point.values[range.path])), formatDistance(point.distance)]),
  );
  const fit = formatTextTable(
    ['metric', 'target', 'simulated', 'relative error', 'weight'],
    targets.map((t) => [t.metric, formatNumber(t.value), formatNumber(result.best.simulated[t.metric]), relativeError(result.best, t), formatNumber(t.weight)]),
  );
  const searches = result.searches.map((s) => `${s.evaluations} evaluations${s.converged ? ', converged' : ', stopped at its budget'}`).join('; ');
  return [
    `calibration of ${name}: ${result.points.length} points x ${result.seeds.length} replication(s) (seeds ${result.seeds.join(', ')}) = ${result.runs} runs in ${result.wallSeconds.toFixed(1)} s`,
    `Nelder-Mead searches: ${searches}`,
    '',
    `best points (distance = weighted sum of squared relative errors):`,
    best,
    '',
    'best point against the targets:',
    fit,
  ].join('\n');
}

function calibrationJson(result: CalibrationResult, ranges: readonly ParamRange[], targets: readonly MetricTarget[], file: string): unknown {
  const point = (p: CalibrationPoint): unknown => ({
    phase: p.phase,
    values: p.values,
    distance: finiteOrNull(p.distance),
    metrics: Object.fromEntries(targets.map((t) => [t.metric, finiteOrNull(p.simulated[t.metric])])),
  });
  return {
    file,
    params: ranges.map(({ path: parameter, lo, hi }) => ({ path: parameter, lo, hi })),
    targets,
    seeds: result.seeds,
    runs: result.runs,
    wallSeconds: result.wallSeconds,
    searches: result.searches,
    best: point(result.best),
    points: result.points.map(point),
  };
}

function sensitivityJson(result: SensitivityResult, folder: string, report: string | null): unknown {
  const fields = result.method === 'morris' ? (['muStar', 'mu', 'sigma'] as const) : (['s1', 's1Low', 's1High', 'st', 'stLow', 'stHigh'] as const);
  return {
    folder,
    report,
    method: result.method,
    seeds: result.seeds,
    designPoints: result.designPoints,
    distinctPoints: result.evaluations.length,
    undefinedOutputs: result.undefinedOutputs,
    rows: result.rows.map((row) => ({ metric: row.metric, parameter: row.parameter, rank: row.rank, ...Object.fromEntries(fields.map((f) => [f, finiteOrNull(row[f])])) })),
  };
}


function relativeError(point: CalibrationPoint, target: MetricTarget): string {
  const simulated = point.simulated[target.metric];
  if (!Number.isFinite(simulated)) return '–';
  if (target.value === 0) return `${formatNumber(simulated)} (absolute)`;
  const error = (simulated - target.value) / Math.abs(target.value);
  return `${error >= 0 ? '+' : ''}${(100 * error).toFixed(1)}%`;
}

function formatDistance(distance: number): string {
  if (distance === 0) return '0';
  return Number.isFinite(distance) ? distance.toExponential(3) : 'undefined';
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
