import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { METRICS } from '../metrics.js';
import { suggestion } from '../scenario/didYouMean.js';
import { ScenarioError, type Diagnostic } from '../scenario/load.js';

/** A calibration target: the value a summary metric should take, and its weight in the distance. */
export interface MetricTarget {
  readonly metric: string;
  readonly value: number;
  readonly weight: number;
}

/**
 * Reads a targets file (YAML or JSON): a mapping of summary metric names to a number, or to `{value, weight}`
 * (weight > 0, default 1).
 * @throws ScenarioError with the file, line, column and metric of every problem; an unknown metric gets a
 *   did-you-mean.
 */
export function readTargets(file: string): MetricTarget[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError([{ file, path: '', message: `cannot read targets file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const position = lines.linePos(document.errors[0].pos[0]);
    throw new ScenarioError([{ file, line: position.line, column: position.col, path: '', message: `not valid YAML: ${document.errors[0].message.split('\n')[0]}` }]);
  }
  const problems: Diagnostic[] = [];
  const report = (metric: string, key: string | undefined, message: string): void => {
    problems.push({ file, ...positionOf(document, lines, metric, key), path: key === undefined ? metric : `${metric}.${key}`, message });
  };
  const value: unknown = document.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: 'expected a mapping of summary metric names to target values, e.g. "impulse_share: 0.35"' }]);
  }
  const names = METRICS.map((m) => m.name);
  const targets: MetricTarget[] = [];
  for (const [metric, spec] of Object.entries(value as Record<string, unknown>)) {
    if (!names.includes(metric)) {
      report(metric, undefined, `unknown metric${suggestion(metric, names)}; expected one of the summary metrics (${names.join(', ')})`);
      continue;
    }
    const parsed = parseTarget(spec, (key, message) => {
      report(metric, key, message);
      return undefined;
    });
    if (parsed) targets.push({ metric, ...parsed });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return targets;
}

function parseTarget(spec: unknown, report: (key: string | undefined, message: string) => undefined): { value: number; weight: number } | undefined {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec)) return report(undefined, `expected a finite number, got ${spec}`);
    return { value: spec, weight: 1 };
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return report(undefined, `expected a number or {value, weight}, got ${JSON.stringify(spec)}`);
  const { value, weight = 1, ...rest } = spec as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) return report(extra[0], 'unknown key; expected value or weight');
  if (typeof value !== 'number' || !Number.isFinite(value)) return report('value', `expected a finite number, got ${JSON.stringify(value)}`);
  if (typeof weight !== 'number' || !(weight > 0) || !Number.isFinite(weight)) return report('weight', `expected a number > 0, got ${JSON.stringify(weight)}`);
  return { value, weight };
}

function positionOf(document: Document, lines: LineCounter, metric: string, key: string | undefined): { line?: number; column?: number } {
  const keyOffset = (map: unknown, name: string): number | undefined => {
    if (!isMap(map)) return undefined;
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
    return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  };
  const offset = (key !== undefined ? keyOffset(document.get(metric, true), key) : undefined) ?? keyOffset(document.contents, metric);
  if (offset === undefined) return {};
  const position = lines.linePos(offset);
  return { line: position.line, column: position.col };
}
