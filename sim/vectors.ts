/** Small helpers over vectors stored inside flat typed arrays (row `row` of width `dims`). */

/** Scales row `row` of `values` to unit length; leaves an all-zero row alone. */
export function normalizeRow(values: Float32Array | Float64Array, row: number, dims: number): void {
  const o = row * dims;
  let sum = 0;
  for (let k = 0; k < dims; k++) sum += values[o + k] * values[o + k];
  if (sum <= 0) return;
  const scale = 1 / Math.sqrt(sum);
  for (let k = 0; k < dims; k++) values[o + k] *= scale;
}

/**
 * Dot product of `dims` values of `x` from `xo` and of `y` from `yo`. Four accumulators break the chain of
 * dependent additions, which is what limits a plain loop in V8.
 */
export function dotAt(x: Float32Array | Float64Array, xo: number, y: Float32Array | Float64Array, yo: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < dims; k += 4) {
    s0 += x[xo + k] * y[yo + k];
    s1 += x[xo + k + 1] * y[yo + k + 1];
    s2 += x[xo + k + 2] * y[yo + k + 2];
    s3 += x[xo + k + 3] * y[yo + k + 3];
  }
  for (; k < dims; k++) s0 += x[xo + k] * y[yo + k];
  return s0 + s1 + (s2 + s3);
}
