import seedrandom from 'seedrandom';

/** A percentile bootstrap interval for a mean, with the number of values and resamples behind it. */
export interface BootstrapInterval {
  /** The mean of the values themselves (not of the resamples). */
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
  readonly resamples: number;
}

export interface BootstrapOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Number of resamples (default 10,000: the percentiles then move by well under a tenth of the interval). */
  readonly resamples?: number;
  /** Seed of the resampling generator; the same seed and values give the same interval. */
  readonly seed: string;
}

/** Default number of bootstrap resamples. */
export const BOOTSTRAP_RESAMPLES = 10_000;

/**
 * Percentile bootstrap confidence interval of the mean (Efron and Tibshirani 1993, ch. 13): draw `resamples` samples of
 * size n with replacement, take each one's mean, and report the empirical level/2 and 1 - level/2 quantiles (the
 * smallest resample mean with at least that share of resample means at or below it). NaN values are left out and not
 * counted in n, as in `meanInterval`. The generator is seedrandom's Tyche-i seeded with `seed`, so the interval is
 * reproducible. With fewer than two values there is no interval (NaN bounds).
 */
export function percentileBootstrap(values: readonly number[], options: BootstrapOptions): BootstrapInterval {
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap level: expected a number in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap resamples: expected an integer >= 1, got ${resamples}`);
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  const mean = n === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, low: Number.NaN, high: Number.NaN, n, resamples };
  const random = seedrandom.tychei(options.seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += finite[Math.floor(random() * n)];
    means[b] = sum / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  return { mean, low: empiricalQuantile(means, tail), high: empiricalQuantile(means, 1 - tail), n, resamples };
}

/** The smallest sorted value with at least a share q of the values at or below it. */
function empiricalQuantile(sorted: Float64Array, q: number): number {
  // The small epsilon keeps q * length = 250.0000000001 from rounding up to the next rank.
  const rank = Math.max(1, Math.ceil(q * sorted.length - 1e-9));
  return sorted[Math.min(sorted.length, rank) - 1];
}
