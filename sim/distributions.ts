import { randomBeta, randomGamma, randomLogNormal, randomNormal, randomUniform } from 'd3-random';
import type { Distribution } from './scenario/distributionSchema.js';
import type { RandomSource } from './rng.js';

/** A sampler of one declared distribution, bound to a random source. */
export type Sampler = () => number;

/** The range a drawn quantity must lie in, whatever its declared distribution (a trait's support). */
export interface Support {
  readonly min: number;
  readonly max: number;
}

/**
 * Binds a declared distribution to a source with d3-random. Parameters were validated by the scenario schema, so a
 * bad parameter never gets here as a NaN. Draws are clipped to the declared min/max and then to the quantity's support.
 */
export function makeSampler(dist: Distribution, source: RandomSource, support: Support): Sampler {
  if (typeof dist === 'number') {
    const value = clip(dist, support.min, support.max);
    return () => value;
  }
  const lo = Math.max(support.min, 'min' in dist && dist.dist !== 'uniform' && dist.min !== undefined ? dist.min : -Infinity);
  const hi = Math.min(support.max, 'max' in dist && dist.dist !== 'uniform' && dist.max !== undefined ? dist.max : Infinity);
  const raw = rawSampler(dist, source);
  return () => clip(raw(), lo, hi);
}

function rawSampler(dist: Exclude<Distribution, number>, source: RandomSource): Sampler {
  switch (dist.dist) {
    case 'constant': {
      const value = dist.value;
      return () => value;
    }
    case 'uniform':
      return randomUniform.source(source)(dist.min, dist.max);
    case 'normal':
      return randomNormal.source(source)(dist.mean, dist.sd);
    case 'logNormal':
      return randomLogNormal.source(source)(dist.mu, dist.sigma);
    case 'beta':
      return randomBeta.source(source)(dist.alpha, dist.beta);
    case 'gamma':
      return randomGamma.source(source)(dist.shape, dist.scale);
  }
}

function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
