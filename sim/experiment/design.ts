import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parse as parseYaml, parseDocument, type Document } from 'yaml';
import seedrandom from 'seedrandom';
import { ScenarioError, type Diagnostic } from '../scenario/load.js';

/**
 * An experimental design: the points of a sweep, each a set of `path -> value` overrides of the base scenario.
 * Parameters are dotted scenario paths (numeric segments index lists), in the order they were declared.
 */
export interface Design {
  readonly kind: 'grid' | 'points' | 'latinHypercube';
  /** Where it came from: the design file, or `--grid` for command-line grids. */
  readonly source: string;
  readonly parameters: readonly string[];
  readonly points: readonly Readonly<Record<string, unknown>>[];
  /** The design as declared (recorded in sweep.json). */
  readonly declared: unknown;
  /** Where a point's parameter was written (file position or the --grid flag), for error messages. */
  readonly locate: (parameter: string, point: number) => Omit<Diagnostic, 'path' | 'message'>;
}

/**
 * Builds a full-factorial design from `--grid path=v1,v2,...` flags. Each value is parsed as YAML (like --set); a
 * value starting with `[` is read as one YAML list, so values holding commas can be written `path=[{...}, {...}]`.
 * Lists expand (the product over flags, the first flag varying slowest), a single value stays constant.
 * @throws ScenarioError naming the flag when a flag is malformed, repeats a path or has an empty list.
 */
export function gridFromFlags(flags: readonly string[]): Design {
  const axes: [string, unknown[]][] = [];
  for (const flag of flags) {
    const at = (path: string, message: string): never => {
      throw new ScenarioError([{ file: `--grid ${flag}`, path, message }]);
    };
    const equals = flag.indexOf('=');
    const path = equals < 0 ? '' : flag.slice(0, equals).trim();
    if (equals < 0 || !isScenarioPath(path)) at('', 'expected path=v1,v2,..., e.g. platform.overPush.feedLength=20,30,40');
    if (axes.some(([p]) => p === path)) at(path, 'this path is given twice; put all its values in one --grid');
    const text = flag.slice(equals + 1).trim();
    let values: unknown[];
    try {
      values = text.startsWith('[') ? toList(parseYaml(text)) : text === '' ? [] : text.split(',').map((part) => parseYaml(part.trim()) as unknown);
    } catch (error) {
      return at(path, `values are not valid YAML (${(error as Error).message.split('\n')[0]})`);
    }
    if (values.length === 0) at(path, 'expected at least one value, got an empty list');
    axes.push([path, values]);
  }
  if (axes.length === 0) throw new ScenarioError([{ file: '--grid', path: '', message: 'expected at least one --grid path=v1,v2,...' }]);
  const flagOf = new Map(axes.map(([path], k) => [path, flags[k]]));
  return {
    kind: 'grid',
    source: '--grid',
    parameters: axes.map(([path]) => path),
    points: cartesian(axes),
    declared: { grid: Object.fromEntries(axes.map(([path, values]) => [path, values.length === 1 ? values[0] : values])) },
    locate: (parameter) => ({ file: `--grid ${flagOf.get(parameter) ?? parameter}` }),
  };
}

/**
 * Reads a design file (YAML or JSON) holding exactly one of
 * `grid: {path: [values...] | scalar}`, `points: [{path: value, ...}, ...]` or
 * `latinHypercube: {samples: N, seed: S, ranges: {path: {min, max, integer?}}}`.
 * @throws ScenarioError with the file, line, column and field of every problem.
 */
export function readDesignFile(file: string): Design {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError([{ file, path: '', message: `cannot read design file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const position = lines.linePos(error.pos[0]);
    throw new ScenarioError([{ file, line: position.line, column: position.col, path: '', message: `not valid YAML: ${error.message.split('\n')[0]}` }]);
  }
  const where = (segments: readonly (string | number)[]): Omit<Diagnostic, 'path' | 'message'> => ({ file, ...positionOf(document, lines, segments) });
  const fail = (segments: readonly (string | number)[], message: string): never => {
    throw new ScenarioError([{ ...where(segments), path: segments.join('.'), message }]);
  };
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  if (!isPlainObject(value)) return fail([], 'expected a mapping with one of grid, points or latinHypercube');
  const kinds = Object.keys(value);
  const unknown = kinds.filter((key) => !['grid', 'points', 'latinHypercube'].includes(key));
  if (unknown.length > 0) fail([unknown[0]], 'unknown key; a design holds one of grid, points or latinHypercube');
  if (kinds.length !== 1) fail([], `expected exactly one of grid, points or latinHypercube, got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`);
  const kind = kinds[0] as Design['kind'];
  const body = value[kind];
  const base = { kind, source: file, declared: value };
  if (kind === 'grid') return { ...base, ...gridPoints(body, fail), locate: (parameter) => where(['grid', parameter]) };
  if (kind === 'points') return { ...base, ...explicitPoints(body, fail), locate: (parameter, point) => where(['points', point, parameter]) };
  return { ...base, ...latinHypercube(body, fail), locate: (parameter) => where(['latinHypercube', 'ranges', parameter]) };
}

type Fail = (segments: readonly (string | number)[], message: string) => never;

function gridPoints(body: unknown, fail: Fail): { parameters: string[]; points: Record<string, unknown>[] } {
  if (!isPlainObject(body) || Object.keys(body).length === 0) return fail(['grid'], 'expected a mapping of scenario paths to a list of values or one value');
  const axes: [string, unknown[]][] = [];
  for (const [path, values] of Object.entries(body)) {
    if (!isScenarioPath(path)) fail(['grid', path], 'expected a dotted scenario path such as platform.overPush.feedLength');
    if (Array.isArray(values) && values.length === 0) fail(['grid', path], 'expected a non-empty list of values (or one value), got an empty list');
    axes.push([path, Array.isArray(values) ? values : [values]]);
  }
  return { parameters: axes.map(([path]) => path), points: cartesian(axes) };
}

function explicitPoints(body: unknown, fail: Fail): { parameters: string[]; points: Record<string, unknown>[] } {
  if (!Array.isArray(body) || body.length === 0) return fail(['points'], 'expected a non-empty list of points, each a mapping of scenario paths to values');
  const parameters: string[] = [];
  body.forEach((point, k) => {
    if (!isPlainObject(point) || Object.keys(point).length === 0) fail(['points', k], 'expected a non-empty mapping of scenario paths to values');
    for (const path of Object.keys(point as Record<string, unknown>)) {
      if (!isScenarioPath(path)) fail(['points', k, path], 'expected a dotted scenario path such as platform.overPush.feedLength');
      if (!parameters.includes(path)) parameters.push(path);
    }
  });
  return { parameters, points: body as Record<string, unknown>[] };
}

function latinHypercube(body: unknown, fail: Fail): { parameters: string[]; points: Record<string, unknown>[] } {
  const at = ['latinHypercube'];
  if (!isPlainObject(body)) return fail(at, 'expected a mapping with samples, seed and ranges');
  for (const key of Object.keys(body)) if (!['samples', 'seed', 'ranges'].includes(key)) fail([...at, key], 'unknown key; expected samples, seed or ranges');
  const { samples, seed, ranges } = body;
  if (!Number.isInteger(samples) || (samples as number) < 1) fail([...at, 'samples'], `expected an integer >= 1, got ${JSON.stringify(samples)}`);
  if (!Number.isInteger(seed) || (seed as number) < 0) fail([...at, 'seed'], `expected an integer >= 0, got ${JSON.stringify(seed)}`);
  if (!isPlainObject(ranges) || Object.keys(ranges).length === 0) return fail([...at, 'ranges'], 'expected a mapping of scenario paths to {min, max, integer?}');
  const dimensions = Object.entries(ranges).map(([path, range]) => {
    const here = [...at, 'ranges', path];
    if (!isScenarioPath(path)) fail(here, 'expected a dotted scenario path such as platform.overPush.feedLength');
    if (!isPlainObject(range)) return fail(here, `expected {min, max, integer?}, got ${JSON.stringify(range)}`);
    for (const key of Object.keys(range)) if (!['min', 'max', 'integer'].includes(key)) fail([...here, key], 'unknown key; expected min, max or integer');
    const { min, max, integer = false } = range;
    if (typeof min !== 'number' || !Number.isFinite(min)) fail([...here, 'min'], `expected a number, got ${JSON.stringify(min)}`);
    if (typeof max !== 'number' || !Number.isFinite(max)) fail([...here, 'max'], `expected a number, got ${JSON.stringify(max)}`);
    if ((min as number) >= (max as number)) fail(here, `expected min < max, got min ${min} and max ${max}`);
    if (typeof integer !== 'boolean') fail([...here, 'integer'], `expected true or false, got ${JSON.stringify(integer)}`);
    if (integer && (!Number.isInteger(min) || !Number.isInteger(max))) fail(here, `integer ranges need integer bounds, got min ${min} and max ${max}`);
    return { path, min: min as number, max: max as number, integer: integer as boolean };
  });
  return { parameters: dimensions.map((d) => d.path), points: latinHypercubePoints(dimensions, samples as number, seed as number) };
}

/** One dimension of a Latin hypercube. */
export interface HypercubeRange {
  readonly path: string;
  readonly min: number;
  readonly max: number;
  /** Integer values, each of min..max covering an equal share of the unit interval. */
  readonly integer: boolean;
}

/**
 * A Latin hypercube sample: each dimension's unit interval is cut into `samples` equal strata, every stratum is used
 * exactly once per dimension (in an order shuffled by the design's own seed) and a point falls uniformly within its
 * stratum. Reproducible: the same ranges, samples and seed give the same points.
 */
export function latinHypercubePoints(ranges: readonly HypercubeRange[], samples: number, seed: number): Record<string, unknown>[] {
  const random = seedrandom.tychei(`mallsim/design/${seed}`);
  const points: Record<string, unknown>[] = Array.from({ length: samples }, () => ({}));
  for (const range of ranges) {
    const strata = Array.from({ length: samples }, (_, k) => k);
    for (let k = samples - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [strata[k], strata[j]] = [strata[j], strata[k]];
    }
    for (let k = 0; k < samples; k++) {
      const unit = (strata[k] + random()) / samples;
      points[k][range.path] = range.integer
        ? Math.min(range.max, range.min + Math.floor(unit * (range.max - range.min + 1)))
        : range.min + unit * (range.max - range.min);
    }
  }
  return points;
}

/** Every combination of the axes' values, the first axis varying slowest. */
function cartesian(axes: readonly [string, readonly unknown[]][]): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [path, values] of axes) points = points.flatMap((point) => values.map((value) => ({ ...point, [path]: value })));
  return points;
}

function toList(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('expected a YAML list');
  return value;
}

function isScenarioPath(path: string): boolean {
  return path !== '' && path.split('.').every((segment) => segment !== '' && !/\s/.test(segment));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positionOf(document: Document, lines: LineCounter, segments: readonly (string | number)[]): { line?: number; column?: number } {
  for (let depth = segments.length; depth >= 0; depth--) {
    const prefix = segments.slice(0, depth);
    let offset: number | undefined;
    if (prefix.length === 0) {
      offset = document.contents?.range?.[0];
    } else {
      const parent = prefix.length === 1 ? document.contents : document.getIn(prefix.slice(0, -1), true);
      const last = prefix[prefix.length - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
        offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      } else {
        offset = (document.getIn(prefix, true) as { range?: [number, number, number] } | undefined)?.range?.[0];
      }
    }
    if (offset !== undefined) {
      const position = lines.linePos(offset);
      return { line: position.line, column: position.col };
    }
  }
  return {};
}
