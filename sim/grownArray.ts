type GrowableArray = Int32Array | Uint8Array | Float64Array;

/** A copy of `array` in a new array of the same type and `length` elements (for columns that grow by doubling). */
export function grownArray<T extends GrowableArray>(array: T, length: number): T {
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  return grown;
}
