import { readFileSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parse as parseYaml, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { describeIssue } from './issueText.js';
import { estimateRunMemory, formatBytes } from './resourceEstimate.js';
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

/** The memory a run may use: this machine's, unless the user names another (`--max-memory`). */
export interface MemoryLimit {
  readonly bytes: number;
  /** Where the limit comes from, for the message. */
  readonly source: string;
}

/** This machine's memory as the limit of one run. */
export function machineMemoryLimit(): MemoryLimit {
  return { bytes: totalmem(), source: "this machine's memory; --max-memory sets another limit" };
}

/** Options of loading a scenario. */
export interface LoadOptions {
  readonly overrides?: readonly string[];
  /** Refuse a scenario whose run is estimated to need more (default: this machine's memory). */
  readonly memoryLimit?: MemoryLimit;
}

/** Loads, merges, overrides and validates a scenario file. Throws ScenarioError on any problem. */
export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  const source = applyOverrides(readScenarioSource(file), options.overrides ?? []);
  return { scenario: validateScenarioSource(source, options.memoryLimit), files: [...source.files], overrides: [...source.overrides] };
}

/** Validates an in-memory scenario object (library use); problems are reported against `label`. */
export function resolveScenarioObject(input: unknown, label = '<scenario>', memoryLimit?: MemoryLimit): Scenario {
  if (!isPlainObject(input)) throw new ScenarioError([{ file: label, path: '', message: 'expected a mapping at the top level' }]);
  return validateScenarioSource({ tree: input, origins: new Map(), files: [label], overrides: [] }, memoryLimit);
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

/**
 * Validates a source against the scenario schema, then checks that its run fits in memory (estimated before
 * anything is allocated); every problem becomes a located diagnostic.
 */
export function validateScenarioSource(source: ScenarioSource, memoryLimit: MemoryLimit = machineMemoryLimit()): Scenario {
  const result = scenarioSchema.safeParse(source.tree);
  if (result.success) {
    refuseWhatDoesNotFit(source, result.data, memoryLimit);
    return result.data;
  }
  const diagnostics = result.error.issues.flatMap((issue) => describeIssue(issue as z.core.$ZodIssue, source.tree)).map((problem) => locate(source, problem.path, problem.message, problem.atKey));
  throw new ScenarioError(dedupe(diagnostics));
}

/** Refuses a run estimated to need more memory than the limit, naming the field that takes the most. */
function refuseWhatDoesNotFit(source: ScenarioSource, scenario: Scenario, limit: MemoryLimit): void {
  const estimate = estimateRunMemory(scenario);
  if (estimate.bytes <= limit.bytes) return;
  const largest = estimate.parts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const advice = limit.bytes <= estimate.baseBytes ? `any run needs about ${formatBytes(estimate.baseBytes)}` : `lower ${largest.field}`;
  const message = `a run needs about ${formatBytes(estimate.bytes)} by estimate (${largest.what}: ${formatBytes(largest.bytes)}), more than the limit of ${formatBytes(limit.bytes)} (${limit.source}); ${advice}`;
  throw new ScenarioError([locate(source, largest.field.split('.'), message, false)]);
}

function readChain(absolute: string, display: string, stack: readonly string[], origins: Map<string, Origin>, extendedBy?: string): { tree: Record<string, unknown>; files: string[] } {
  const { document, lines, value } = readDocument(absolute, display, extendedBy);
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
  // What the user wrote, joined onto the extending file's folder only when it is relative.
  const parentDisplay = path.isAbsolute(parentRef as string) ? (parentRef as string) : path.join(path.dirname(display), parentRef as string);
  const chain = [...stack, absolute];
  if (chain.includes(parentAbsolute)) {
    const names = [...chain.slice(chain.indexOf(parentAbsolute)), parentAbsolute].map((f) => path.relative(process.cwd(), f) || f);
    at(`extends makes a cycle: ${names.join(' -> ')}`);
  }
  const problem = scenarioFileProblem(parentAbsolute);
  if (problem !== undefined) at(`${JSON.stringify(parentRef)} (${parentAbsolute}) ${problem}`);
  const parent = readChain(parentAbsolute, parentDisplay, chain, origins, display);
  recordOrigins(origins, [], own, origin);
  return { tree: deepMerge(parent.tree, own), files: [display, ...parent.files] };
}

/** A scenario file is at most this large: anything bigger is not a scenario someone wrote. */
const MAX_SCENARIO_BYTES = 4 * 2 ** 20;
/** Alias expansions one file may make: plenty for anchors reused across segments, far too few for an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/** Why a path cannot be a scenario file (missing, a folder, too large), or undefined when it can. */
function scenarioFileProblem(absolute: string): string | undefined {
  let stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
  }
  if (stats.isDirectory()) return 'is a folder, expected a scenario file (YAML or JSON)';
  if (!stats.isFile()) return 'is not a regular file, expected a scenario file (YAML or JSON)';
  if (stats.size > MAX_SCENARIO_BYTES) return `is ${formatBytes(stats.size)}, more than a scenario file may be (${formatBytes(MAX_SCENARIO_BYTES)})`;
  return undefined;
}

function readDocument(absolute: string, display: string, extendedBy?: string): { document: Document; lines: LineCounter; value: Record<string, unknown> } {
  // The path as written and, where it differs, the file actually read.
  const shown = path.isAbsolute(display) || path.resolve(display) === absolute ? display : `${display} (${absolute})`;
  const context = extendedBy === undefined ? '' : ` (the scenario that ${extendedBy} extends)`;
  const problem = scenarioFileProblem(absolute);
  if (problem !== undefined) throw new ScenarioError([{ file: display, path: '', message: shown === display ? problem : `${shown} ${problem}` }]);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ScenarioError([{ file: display, path: '', message: `cannot read ${shown} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ScenarioError(
      document.errors.map((error) => {
        const position = lines.linePos(error.pos[0]);
        return { file: display, line: position.line, column: position.col, path: '', message: `not valid YAML${context}: ${error.message.split('\n')[0]}` };
      }),
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const firstAlias = firstAliasOffset(document);
    const position = firstAlias === undefined ? { line: 1, col: 1 } : lines.linePos(firstAlias);
    const tooMany = error instanceof ReferenceError && /alias/i.test(error.message);
    const message = tooMany ? `too many aliases: expanding them would make more than ${MAX_ALIAS_COUNT} copies (an alias bomb?)` : `cannot be read as a scenario${context}: ${(error as Error).message.split('\n')[0]}`;
    throw new ScenarioError([{ file: display, line: position.line, column: position.col, path: '', message }]);
  }
  if (!isPlainObject(value)) {
    const found = value === null ? 'nothing' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new ScenarioError([{ file: display, line: 1, column: 1, path: '', message: `expected a scenario (a mapping at the top level), got ${found}${context}` }]);
  }
  return { document, lines, value };
}

/** Where the first alias of a document is written, for a located error. */
function firstAliasOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
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
