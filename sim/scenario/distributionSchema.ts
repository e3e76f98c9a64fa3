import { z } from 'zod';

/**
 * A trait or catalog distribution declared by name and parameters. A bare number is shorthand for a constant.
 * `min`/`max` clip draws (useful for a normal trait that must stay in [0, 1]); the engine also clips every draw
 * to the support of the quantity it sets, so a distribution can never produce an impossible state.
 */
const clip = {
  min: z.number().optional().describe('draws below this are raised to it'),
  max: z.number().optional().describe('draws above this are lowered to it'),
};

const positive = (what: string) => z.number().positive({ message: `${what} must be > 0` });

const declaredDistribution = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('constant'), value: z.number(), ...clip }),
  z.strictObject({ dist: z.literal('uniform'), min: z.number(), max: z.number() }),
  z.strictObject({ dist: z.literal('normal'), mean: z.number(), sd: z.number().nonnegative(), ...clip }),
  z.strictObject({
    dist: z.literal('logNormal'),
    mu: z.number().describe('mean of the logarithm'),
    sigma: z.number().nonnegative().describe('standard deviation of the logarithm'),
    ...clip,
  }),
  z.strictObject({ dist: z.literal('beta'), alpha: positive('alpha'), beta: positive('beta'), ...clip }),
  z.strictObject({ dist: z.literal('gamma'), shape: positive('shape'), scale: positive('scale'), ...clip }),
]);

export const distributionSchema = z
  .union([z.number().describe('a constant'), declaredDistribution])
  .superRefine((d, ctx) => {
    if (typeof d === 'number') return;
    if (d.dist === 'uniform' && d.max < d.min) {
      ctx.addIssue({ code: 'custom', message: `uniform needs max >= min, got min ${d.min} and max ${d.max}`, path: ['max'] });
    }
    if ('min' in d && 'max' in d && d.dist !== 'uniform' && d.min !== undefined && d.max !== undefined && d.max < d.min) {
      ctx.addIssue({ code: 'custom', message: `clip needs max >= min, got min ${d.min} and max ${d.max}`, path: ['max'] });
    }
  });

/** A declared distribution, as written in a scenario file. */
export type Distribution = z.infer<typeof distributionSchema>;
