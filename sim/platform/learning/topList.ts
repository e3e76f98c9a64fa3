/**
 * Inserts (id, value) into the descending list ids/values[offset .. offset + capacity) that holds `filled` entries;
 * returns the new fill. A top-K insertion: cheaper than sorting when K is small (tens).
 */
export function insertTop(
  ids: Int32Array,
  values: Float32Array | Float64Array,
  offset: number,
  capacity: number,
  filled: number,
  id: number,
  value: number,
): number {
  if (filled === capacity && value <= values[offset + capacity - 1]) return filled;
  let r = filled < capacity ? filled : capacity - 1;
  while (r > 0 && values[offset + r - 1] < value) {
    ids[offset + r] = ids[offset + r - 1];
    values[offset + r] = values[offset + r - 1];
    r--;
  }
  ids[offset + r] = id;
  values[offset + r] = value;
  return filled < capacity ? filled + 1 : filled;
}
