/*
 * Logistic function by table lookup with linear interpolation. Math.exp in the per-exposure chain costs about
 * 27 ns in V8 (PERF-NOTES); the table is exact to about 1e-6, far below any behavioural parameter's precision.
 */
const RANGE = 16;
const STEPS_PER_UNIT = 256;
const SIZE = 2 * RANGE * STEPS_PER_UNIT + 1;
const table = new Float64Array(SIZE + 1);
for (let k = 0; k <= SIZE; k++) table[k] = 1 / (1 + Math.exp(-(k / STEPS_PER_UNIT - RANGE)));

/** 1 / (1 + exp(-x)), tabulated; saturates beyond |x| = 16 where it differs from 0 or 1 by < 1.2e-7. */
export function logistic(x: number): number {
  if (x <= -RANGE) return 0;
  if (x >= RANGE) return 1;
  const position = (x + RANGE) * STEPS_PER_UNIT;
  const k = position | 0;
  const t = position - k;
  return table[k] + (table[k + 1] - table[k]) * t;
}

/** Clamps x to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
