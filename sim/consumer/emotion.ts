/** Arousal after one more exposure: the part above baseline fades by `kept` (emotion decays to a baseline). */
export function fadeArousal(arousal: number, baseline: number, kept: number): number {
  return baseline + (arousal - baseline) * kept;
}

/**
 * Arousal raised by a stimulus of strength `gain` (resonance, urgency, live hype, social proof). Saturating: the
 * step shrinks as arousal nears 1, so it stays in [0, 1].
 */
export function raiseArousal(arousal: number, gain: number): number {
  return arousal + (1 - arousal) * (gain < 1 ? gain : 1);
}

/** Emotional resonance: content that matches interests arouses (Zheng: interest and resonance drive impulse buying). */
export function resonance(match: number): number {
  return match > 0 ? match * match : 0;
}
