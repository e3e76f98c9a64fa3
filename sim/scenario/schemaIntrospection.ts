import type { z } from 'zod';

/** The parts of zod's internal definitions we read to explain a validation problem. */
interface Definition {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
}

function definitionOf(schema: z.ZodType): Definition {
  return (schema as unknown as { _zod: { def: Definition } })._zod.def;
}

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** Strips defaults, optionals and pipes down to the schema that checks values. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = definitionOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The schema that governs `path` inside `root` (through objects, arrays and unions), or undefined. */
export function schemaAt(root: z.ZodType, path: readonly (string | number)[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const segment of path) {
    if (current === undefined) return undefined;
    current = childSchema(unwrap(current), segment);
  }
  return current;
}

function childSchema(schema: z.ZodType, segment: string | number): z.ZodType | undefined {
  const def = definitionOf(schema);
  if (def.type === 'object' && def.shape) return def.shape[String(segment)];
  if (def.type === 'array' && def.element) return def.element;
  if (def.type === 'union' && def.options) {
    for (const option of def.options) {
      const found = childSchema(unwrap(option), segment);
      if (found) return found;
    }
  }
  return undefined;
}

/** The keys an object schema (or any object branch of a union) allows. */
export function allowedKeys(schema: z.ZodType | undefined): string[] {
  if (schema === undefined) return [];
  const def = definitionOf(unwrap(schema));
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.type === 'union' && def.options) return [...new Set(def.options.flatMap((option) => allowedKeys(option)))];
  return [];
}

/** Numeric facts of a number schema: integer or not, and its bounds. */
export interface NumberFacts {
  integer: boolean;
  min?: number;
  max?: number;
}

/** Facts of the number schema at a path, if it is one. */
export function numberFacts(schema: z.ZodType | undefined): NumberFacts | undefined {
  if (schema === undefined) return undefined;
  const inner = unwrap(schema) as unknown as { _zod: { def: { type: string } }; isInt?: boolean; minValue?: number | null; maxValue?: number | null };
  if (inner._zod.def.type !== 'number') return undefined;
  const finite = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) || Math.abs(v) >= Number.MAX_SAFE_INTEGER ? undefined : v);
  return { integer: inner.isInt === true, min: finite(inner.minValue), max: finite(inner.maxValue) };
}

/** A short description of what a schema expects, for "required" messages. */
export function expectedText(schema: z.ZodType | undefined): string {
  if (schema === undefined) return 'a value';
  const facts = numberFacts(schema);
  if (facts) return describeNumber(facts);
  const def = definitionOf(unwrap(schema));
  switch (def.type) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).join(', ')}`;
    default:
      return 'a value';
  }
}

/** "an integer >= 1", "a number in [0, 1]", "a number > 0". */
export function describeNumber(facts: NumberFacts, exclusiveMin = false): string {
  const noun = facts.integer ? 'an integer' : 'a number';
  if (facts.min !== undefined && facts.max !== undefined) return `${noun} in [${facts.min}, ${facts.max}]`;
  if (facts.min !== undefined) return `${noun} ${exclusiveMin ? '>' : '>='} ${facts.min}`;
  if (facts.max !== undefined) return `${noun} <= ${facts.max}`;
  return noun;
}
