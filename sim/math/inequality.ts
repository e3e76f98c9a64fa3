/**
 * Gini coefficient of non-negative values (0 = equal, toward 1 = concentrated). `scratch` must be at least as long
 * as `values`; it is overwritten, so the caller allocates it once.
 */
export function gini(values: ArrayLike<number>, scratch: Float64Array): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = scratch.subarray(0, n);
  for (let k = 0; k < n; k++) sorted[k] = values[k];
  sorted.sort();
  let total = 0;
  let weighted = 0;
  for (let k = 0; k < n; k++) {
    total += sorted[k];
    weighted += (k + 1) * sorted[k];
  }
  if (total <= 0) return 0;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** Shannon entropy (nats) of counts; 0 when there are none. */
export function entropy(counts: ArrayLike<number>, offset = 0, length = counts.length - offset): number {
  let total = 0;
  for (let k = 0; k < length; k++) total += counts[offset + k];
  if (total <= 0) return 0;
  let h = 0;
  for (let k = 0; k < length; k++) {
    const p = counts[offset + k] / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

/**
 * Gini–Simpson diversity of counts, estimated without bias: the chance that two different counted units (two
 * purchases of one buyer) fall in different categories, 1 - sum c (c - 1) / (n (n - 1)); 0 below two units. Its
 * expectation does not depend on n, whereas the plain entropy estimate grows with n alone, so a scenario that sells
 * less would look less diverse only because each buyer bought fewer items (Simpson 1949; the order-2 member of the
 * Rényi entropies).
 */
export function simpsonDiversity(counts: ArrayLike<number>, offset = 0, length = counts.length - offset): number {
  let total = 0;
  let pairs = 0;
  for (let k = 0; k < length; k++) {
    const c = counts[offset + k];
    total += c;
    pairs += c * (c - 1);
  }
  return total < 2 ? 0 : 1 - pairs / (total * (total - 1));
}
