/**
 * Deterministic pseudo-random numbers from integer keys, for learners' initial values and sampling in overnight
 * training: reproducible from the inputs alone, with no stream to thread through and no global generator.
 */

/** MurmurHash3's 32-bit finalizer of a and b combined. */
export function hash32(a: number, b: number): number {
  let h = Math.imul(a | 0, 0x9e3779b1) ^ (b | 0);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) determined by (a, b). */
export function hashUniform(a: number, b: number): number {
  return hash32(a, b) / 4294967296;
}
