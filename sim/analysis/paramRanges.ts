import { ScenarioError, type Diagnostic } from '../scenario/load.js';
import type { Design } from '../experiment/design.js';
import { planSweep } from '../experiment/sweepPlan.js';

/** A scenario parameter varied over a closed interval. */
export interface ParamRange {
  /** Dotted scenario path, e.g. `consumer.impulse.intercept`. */
  readonly path: string;
  readonly lo: number;
  readonly hi: number;
  /** The flag text that declared it, `--params path=lo..hi`, for error messages. */
  readonly source: string;
}

/**
 * Parses `--params path=lo..hi,path2=lo..hi` (one or several flags, entries separated by commas). Bounds are plain
 * numbers (`-7.6..-6.2`, `1e-3..0.1`); each path may appear once.
 * @throws ScenarioError naming the entry for bad syntax, a bound that is not a number, lo >= hi or a repeated path.
 */
export function parseParamRanges(flags: string | readonly string[], flag = '--params'): ParamRange[] {
  const entries = ([] as string[])
    .concat(flags)
    .flatMap((text) => text.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new ScenarioError([{ file: flag, path: '', message: 'expected at least one path=lo..hi, e.g. consumer.impulse.intercept=-7.6..-6.2' }]);
  const ranges: ParamRange[] = [];
  for (const entry of entries) {
    const source = `${flag} ${entry}`;
    const fail = (path: string, message: string): never => {
      throw new ScenarioError([{ file: source, path, message }]);
    };
    const equals = entry.indexOf('=');
    const path = equals < 0 ? '' : entry.slice(0, equals).trim();
    if (equals < 0 || path === '' || path.split('.').some((segment) => segment === '' || /\s/.test(segment))) {
      fail('', 'expected path=lo..hi, e.g. consumer.impulse.intercept=-7.6..-6.2');
    }
    const bounds = entry.slice(equals + 1).split('..');
    if (bounds.length !== 2) fail(path, `expected a range lo..hi, got "${entry.slice(equals + 1)}"`);
    const [lo, hi] = bounds.map((text, k) => {
      const value = text.trim() === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(value)) fail(path, `expected a number for the ${k === 0 ? 'lower' : 'upper'} bound, got "${text}"`);
      return value;
    });
    if (lo >= hi) fail(path, `expected lo < hi, got lo ${lo} and hi ${hi}`);
    if (ranges.some((range) => range.path === path)) fail(path, 'this path is given twice; give each parameter one range');
    ranges.push({ path, lo, hi, source });
  }
  return ranges;
}

/** The parameter values of a point of the unit cube: coordinate u of range i becomes lo_i + u (hi_i - lo_i). */
export function valuesAt(ranges: readonly ParamRange[], unit: readonly number[]): Record<string, number> {
  return Object.fromEntries(ranges.map((range, i) => [range.path, range.lo + unit[i] * (range.hi - range.lo)]));
}

/** The unit-cube coordinates of parameter values (the inverse of {@link valuesAt}). */
export function unitOf(ranges: readonly ParamRange[], values: Readonly<Record<string, number>>): number[] {
  return ranges.map((range) => (values[range.path] - range.lo) / (range.hi - range.lo));
}

/**
 * A design of explicit points (parameter path to value) whose problems are reported against the `--params` entry
 * that declared the parameter.
 */
export function rangesDesign(ranges: readonly ParamRange[], points: readonly Record<string, number>[]): Design {
  const sourceOf = new Map(ranges.map((range) => [range.path, range.source]));
  return {
    kind: 'points',
    source: ranges.map((range) => range.source).join(' '),
    parameters: ranges.map((range) => range.path),
    points,
    declared: { params: Object.fromEntries(ranges.map((range) => [range.path, [range.lo, range.hi]])) },
    locate: (parameter) => ({ file: sourceOf.get(parameter) ?? '--params' }),
  };
}

/**
 * Checks the ranges against the scenario through the loader: every path must be a numeric field of the scenario and
 * both bounds and the midpoint must be valid values there (so a share cannot range past 1, an integer field
 * cannot be varied continuously).
 * @throws ScenarioError located at the `--params` entry (or the scenario file, for the scenario's own problems).
 */
export function checkParamRanges(scenarioFile: string, overrides: readonly string[], ranges: readonly ParamRange[]): void {
  // One point per plan: a plan of several points would label its messages with a design point the user never wrote.
  for (const u of [0, 1, 0.5]) {
    const corner = valuesAt(ranges, ranges.map(() => u));
    let plan: ReturnType<typeof planSweep>;
    try {
      plan = planSweep({ scenarioFile, overrides, design: rangesDesign(ranges, [corner]), replications: 1, summaryOnly: true, out: '.' });
    } catch (error) {
      throw error instanceof ScenarioError ? new ScenarioError(error.diagnostics.map((d) => blameRange(d, ranges))) : error;
    }
    for (const range of ranges) {
      const resolved = plan.points[0].values[range.path];
      if (typeof resolved !== 'number') {
        throw new ScenarioError([{ file: range.source, path: range.path, message: `expected a numeric scenario field, but it holds ${JSON.stringify(resolved) ?? 'nothing'}` }]);
      }
    }
  }
}

/**
 * A problem on the way to a range's path (an unknown key above it, such as `consumer.impluse` of
 * `consumer.impluse.intercept`) is reported by the loader against the scenario file that holds the nearest known
 * parent; it belongs to the --params entry that named the path.
 */
function blameRange(diagnostic: Diagnostic, ranges: readonly ParamRange[]): Diagnostic {
  if (diagnostic.file.startsWith('--params')) return diagnostic;
  const range = ranges.find((r) => diagnostic.path !== '' && (r.path === diagnostic.path || r.path.startsWith(`${diagnostic.path}.`)));
  return range ? { file: range.source, path: diagnostic.path, message: diagnostic.message } : diagnostic;
}
