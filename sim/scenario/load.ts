import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parse as parseYaml, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { describeIssue } from './issueText.js';
import { scenarioSchema, type Scenario } from './schema.js';

/** One problem in a scenario: where it is and what is wrong. */
export interface Diagnostic {
  /** The file (as the user named it) or `--set path=value` that supplied the value. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Dotted field path, e.g. `platform.overPush.feedLength`. */
  readonly path: string;
  readonly message: string;
}

/** A scenario that cannot be used; its message has one line per problem, `file:line:col path: message`. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}

/** `file:line:col path: message`, leaving out what is unknown. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : `${d.file}:`;
  return d.path ? `${place} ${d.path}: ${d.message}` : `${place}${d.line !== undefined ? ':' : ''} ${d.message}`;
}

type PathSegment = string | number;

/** Where a value came from: a node of a parsed file, or a command-line override. */
type Origin =
  | { readonly kind: 'file'; readonly file: string; readonly document: Document; readonly lines: LineCounter }
  | { readonly kind: 'override'; readonly text: string };

/**
 * A scenario tree before validation: the extends chain merged, overrides applied, with the origin of every value so
 * that a problem can be reported where the user wrote it.
 */
export interface ScenarioSource {
  readonly tree: Record<string, unknown>;
  readonly origins: ReadonlyMap<string, Origin>;
  /** Files read, the named one first, then what it extends. */
  readonly files: readonly string[];
  readonly overrides: readonly string[];
}

/** A loaded scenario with its provenance. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly files: string[];
  readonly overrides: string[];
}

/** Loads, merges, overrides and validates a scenario file. Throws ScenarioError on any problem. */
export function loadScenario(file: string, options: { overrides?: readonly string[] } = {}): LoadedScenario {
  const source = applyOverrides(readScenarioSource(file), options.overrides ?? []);
  return { scenario: validateScenarioSource(source), files: [...source.files], overrides: [...source.overrides] };
}

/** Validates an in-memory scenario object (library use); problems are reported against `label`. */
export function resolveScenarioObject(input: unknown, label = '<scenario>'): Scenario {
  if (!isPlainObject(input)) throw new ScenarioError([{ file: label, path: '', message: 'expected a mapping at the top level' }]);
  return validateScenarioSource({ tree: input, origins: new Map(), files: [label], overrides: [] });
}

/** Reads a scenario file and the chain it extends into one merged tree (no validation yet). */
export function readScenarioSource(file: string): ScenarioSource {
  const origins = new Map<string, Origin>();
  const { tree, files } = readChain(path.resolve(file), file, [], origins);
  return { tree, origins, files, overrides: [] };
}

/** A new source with `path=value` overrides applied in order (the input is not changed). */
export function applyOverrides(source: ScenarioSource, overrides: readonly string[]): ScenarioSource {
  if (overrides.length === 0) return source;
  const tree = structuredClone(source.tree);
  const origins = new Map(source.origins);
  for (const text of overrides) {
    const { path: segments, value } = parseOverride(text);
    setIn(tree, segments, value, text);
    recordOrigins(origins, segments, value, { kind: 'override', text });
  }
  return { tree, origins, files: source.files, overrides: [...source.overrides, ...overrides] };
}

/** Splits `a.b.0.c=value` into its path (numeric segments index lists) and its YAML-parsed value. */
export function parseOverride(text: string): { path: PathSegment[]; value: unknown } {
  const equals = text.indexOf('=');
  const key = equals < 0 ? '' : text.slice(0, equals).trim();
  if (equals < 0 || key === '' || key.split('.').some((s) => s === '')) {
    throw new ScenarioError([{ file: `--set ${text}`, path: '', message: 'expected path=value, e.g. platform.overPush.feedLength=40' }]);
  }
  let value: unknown;
  try {
    value = parseYaml(text.slice(equals + 1));
  } catch (error) {
    throw new ScenarioError([{ file: `--set ${text}`, path: key, message: `value is not valid YAML (${(error as Error).message.split('\n')[0]})` }]);
  }
  return { path: key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), value };
}

/** Validates a source against the scenario schema; every problem becomes a located diagnostic. */
export function validateScenarioSource(source: ScenarioSource): Scenario {
  const result = scenarioSchema.safeParse(source.tree);
  if (result.success) return result.data;
  const diagnostics = result.error.issues.flatMap((issue) => describeIssue(issue as z.core.$ZodIssue, source.tree)).map((problem) => locate(source, problem.path, problem.message, problem.atKey));
  throw new ScenarioError(dedupe(diagnostics));
}

function readChain(absolute: string, display: string, stack: readonly string[], origins: Map<string, Origin>): { tree: Record<string, unknown>; files: string[] } {
  const { document, lines, value } = readDocument(absolute, display);
  const origin: Origin = { kind: 'file', file: display, document, lines };
  const own = { ...value };
  const parentRef = own.extends;
  delete own.extends;
  if (parentRef === undefined) {
    recordOrigins(origins, [], own, origin);
    return { tree: own, files: [display] };
  }
  const at = (message: string): never => {
    throw new ScenarioError([{ file: display, ...positionOf(origin, ['extends'], false), path: 'extends', message }]);
  };
  if (typeof parentRef !== 'string' || parentRef === '') at(`expected a relative path to another scenario, got ${JSON.stringify(parentRef)}`);
  const parentAbsolute = path.resolve(path.dirname(absolute), parentRef as string);
  const parentDisplay = path.join(path.dirname(display), parentRef as string);
  const chain = [...stack, absolute];
  if (chain.includes(parentAbsolute)) {
    const names = [...chain.slice(chain.indexOf(parentAbsolute)), parentAbsolute].map((f) => path.relative(process.cwd(), f) || f);
    at(`extends makes a cycle: ${names.join(' -> ')}`);
  }
  if (!existsSync(parentAbsolute)) at(`cannot find "${parentRef}" (looked for ${parentDisplay})`);
  const parent = readChain(parentAbsolute, parentDisplay, chain, origins);
  recordOrigins(origins, [], own, origin);
  return { tree: deepMerge(parent.tree, own), files: [display, ...parent.files] };
}

function readDocument(absolute: string, display: string): { document: Document; lines: LineCounter; value: Record<string, unknown> } {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ScenarioError([{ file: display, path: '', message: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ScenarioError(
      document.errors.map((error) => {
        const position = lines.linePos(error.pos[0]);
        return { file: display, line: position.line, column: position.col, path: '', message: `not valid YAML: ${error.message.split('\n')[0]}` };
      }),
    );
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  if (!isPlainObject(value)) throw new ScenarioError([{ file: display, line: 1, column: 1, path: '', message: 'expected a mapping at the top level' }]);
  return { document, lines, value };
}

/** Objects merge key by key; lists and scalars from the child replace the parent's. */
function deepMerge(parent: Record<string, unknown>, child: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    const inherited = merged[key];
    merged[key] = isPlainObject(inherited) && isPlainObject(value) ? deepMerge(inherited, value) : value;
  }
  return merged;
}

function setIn(tree: Record<string, unknown>, segments: readonly PathSegment[], value: unknown, text: string): void {
  let node: unknown = tree;
  for (let k = 0; k < segments.length - 1; k++) {
    const segment = segments[k];
    const container = node as Record<PathSegment, unknown>;
    if (Array.isArray(container) && typeof segment === 'number' && segment >= container.length) {
      throw new ScenarioError([{ file: `--set ${text}`, path: segments.slice(0, k + 1).join('.'), message: `index ${segment} is past the end of the list (length ${container.length})` }]);
    }
    if (!isPlainObject(container[segment]) && !Array.isArray(container[segment])) container[segment] = {};
    node = container[segment];
  }
  (node as Record<PathSegment, unknown>)[segments[segments.length - 1]] = value;
}

const pathKey = (segments: readonly PathSegment[]): string => segments.join('\u0000');

/** Records `origin` for a path and every path below it. */
function recordOrigins(origins: Map<string, Origin>, prefix: readonly PathSegment[], value: unknown, origin: Origin): void {
  origins.set(pathKey(prefix), origin);
  if (Array.isArray(value)) value.forEach((item, k) => recordOrigins(origins, [...prefix, k], item, origin));
  else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) recordOrigins(origins, [...prefix, key], item, origin);
}

/** Finds who supplied `segments` (or its closest ancestor) and where in their text. */
function locate(source: ScenarioSource, segments: readonly PathSegment[], message: string, atKey: boolean): Diagnostic {
  const dotted = segments.join('.');
  for (let depth = segments.length; depth >= 0; depth--) {
    const prefix = segments.slice(0, depth);
    const origin = source.origins.get(pathKey(prefix));
    if (!origin) continue;
    if (origin.kind === 'override') return { file: `--set ${origin.text}`, path: dotted, message };
    return { file: origin.file, ...positionOf(origin, prefix, atKey && depth === segments.length), path: dotted, message };
  }
  return { file: source.files[0] ?? '<scenario>', path: dotted, message };
}

function positionOf(origin: Extract<Origin, { kind: 'file' }>, segments: readonly PathSegment[], atKey: boolean): { line?: number; column?: number } {
  const { document, lines } = origin;
  let offset: number | undefined;
  if (segments.length === 0) {
    offset = document.contents?.range?.[0] ?? 0;
  } else if (atKey || !document.hasIn(segments)) {
    const parent = segments.length === 1 ? document.contents : document.getIn(segments.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segments[segments.length - 1]));
      offset = (isScalar(pair?.key) ? pair.key.range?.[0] : undefined) ?? parent.range?.[0];
    }
  } else {
    const node = document.getIn(segments, true) as { range?: [number, number, number] } | undefined;
    offset = node?.range?.[0];
  }
  if (offset === undefined) return {};
  const position = lines.linePos(offset);
  return { line: position.line, column: position.col };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
