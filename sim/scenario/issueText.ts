import type { z } from 'zod';
import { suggestion } from './didYouMean.js';
import { scenarioSchema } from './schema.js';
import { allowedKeys, describeNumber, expectedText, numberFacts, schemaAt } from './schemaIntrospection.js';

type PathSegment = string | number;

/** A validation problem in words, at a field path; `atKey` when the key itself (not its value) is wrong. */
export interface Problem {
  readonly path: PathSegment[];
  readonly message: string;
  readonly atKey: boolean;
}

const DISTRIBUTIONS = ['constant', 'uniform', 'normal', 'logNormal', 'beta', 'gamma'];

/** Turns one zod issue into plain messages: "expected an integer >= 1, got -3", "unknown key (did you mean ...)". */
export function describeIssue(issue: z.core.$ZodIssue, tree: unknown): Problem[] {
  const issuePath = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s)) as PathSegment[];
  const found = valueAt(tree, issuePath);
  const schema = schemaAt(scenarioSchema, issuePath);
  const problem = (message: string, at = issuePath, atKey = false): Problem[] => [{ path: at, message, atKey }];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...issuePath, key],
        message: `unknown key${suggestion(key, allowedKeys(schema))}`,
        atKey: true,
      }));
    case 'too_small':
    case 'too_big': {
      const facts = numberFacts(schema);
      if (facts && typeof found === 'number') {
        const exclusiveMin = issue.code === 'too_small' && issue.inclusive === false;
        const expected = exclusiveMin && facts.max === undefined ? describeNumber({ ...facts, min: Number(issue.minimum) }, true) : describeNumber(facts);
        return problem(`expected ${expected}, got ${show(found)}`);
      }
      if (Array.isArray(found)) return problem(`expected a list of ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)} entries, got ${found.length}`);
      return problem(issue.message);
    }
    case 'invalid_type': {
      if (found === undefined) return problem(`required, expected ${expectedText(schema)}`);
      const facts = numberFacts(schema);
      if (facts && issue.expected === 'int') return problem(`expected ${describeNumber(facts)}, got ${show(found)}`);
      return problem(`expected ${facts ? describeNumber(facts) : expectedText(schema) !== 'a value' ? expectedText(schema) : issue.expected}, got ${show(found)}`);
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const hint = typeof found === 'string' ? suggestion(found, options) : '';
      return problem(`expected one of ${options.join(', ')}, got ${show(found)}${hint}`);
    }
    case 'invalid_union':
      return describeUnion(issue, issuePath, found, tree);
    case 'custom':
      return problem(issue.message);
    default:
      return problem(issue.message);
  }
}

/** Unions here are distributions (a number or `{dist: ...}`): explain the branch the user was aiming for. */
function describeUnion(issue: z.core.$ZodIssueInvalidUnion, issuePath: PathSegment[], found: unknown, tree: unknown): Problem[] {
  if (typeof found === 'object' && found !== null && !Array.isArray(found)) {
    const dist = (found as Record<string, unknown>).dist;
    if (typeof dist !== 'string' || !DISTRIBUTIONS.includes(dist)) {
      const hint = typeof dist === 'string' ? suggestion(dist, DISTRIBUTIONS) : '';
      return [{ path: [...issuePath, 'dist'], message: `expected dist to be one of ${DISTRIBUTIONS.join(', ')}, got ${show(dist)}${hint}`, atKey: dist === undefined }];
    }
    const objectBranch = issue.errors.find((branch) => branch.some((inner) => inner.code !== 'invalid_type' || inner.path.length > 0));
    if (objectBranch) {
      return objectBranch.flatMap((inner) => describeIssue({ ...inner, path: [...issuePath, ...inner.path] } as z.core.$ZodIssue, tree));
    }
  }
  return [{ path: issuePath, message: `expected a number or a distribution such as {dist: beta, alpha: 2, beta: 3}, got ${show(found)}`, atKey: false }];
}

function valueAt(tree: unknown, segments: readonly PathSegment[]): unknown {
  let node = tree;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

