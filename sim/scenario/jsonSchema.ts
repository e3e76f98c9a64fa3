import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/**
 * The scenario JSON Schema (draft 2020-12) that editors use for completion and checking: generated from the same
 * zod schema that validates runs, so the two cannot disagree. Field descriptions and defaults are kept.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    $id: 'https://mallsim.dev/scenario.schema.json',
    title: 'mallsim scenario',
    description: 'A mallsim scenario: population, catalog, consumer behaviour and platform policy. See docs/MODEL.md.',
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema')),
  };
}
