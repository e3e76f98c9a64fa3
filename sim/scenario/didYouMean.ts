/** Levenshtein distance between two short strings (keys, enum values). */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * The closest of `options` to `word`, when it is close enough to be a plausible typo (at most a third of the
 * word's length, and at least 1 edit), compared case-insensitively; otherwise undefined.
 */
export function closestMatch(word: string, options: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    const distance = editDistance(word.toLowerCase(), option.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = option;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** " (did you mean "x"?)" or "". */
export function suggestion(word: string, options: readonly string[]): string {
  const match = closestMatch(word, options);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
