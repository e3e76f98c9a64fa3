/**
 * The consumer's `reach` categories with the highest observed affinity (views and purchases, decayed), best first,
 * written to `out`; returns how many have positive affinity. O(categories * reach), no allocation.
 */
export function favouriteCategories(affinity: Float32Array, consumer: number, categories: number, out: Int32Array): number {
  const reach = out.length;
  out.fill(-1);
  const o = consumer * categories;
  for (let c = 0; c < categories; c++) {
    const value = affinity[o + c];
    if (value <= 0) continue;
    for (let r = 0; r < reach; r++) {
      const held = out[r];
      if (held < 0 || value > affinity[o + held]) {
        // A loop, not copyWithin: a builtin call per insertion cost more than the few moves it saves.
        for (let s = reach - 1; s > r; s--) out[s] = out[s - 1];
        out[r] = c;
        break;
      }
    }
  }
  let found = 0;
  while (found < reach && out[found] >= 0) found++;
  return found;
}
