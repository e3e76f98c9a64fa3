import { describe, expect, it } from 'vitest';
import { numbers, runInTemp, strings } from '../helpers/runs.js';
import { smallScenario } from '../helpers/scenarios.js';

describe('a session', () => {
  it('starts calm: an item skipped first in any app opening, the first of the day or a later one, meets baseline arousal', () => {
    const scenario = smallScenario({ run: { days: 6 }, population: { size: 400 }, consumer: { emotion: { decayPerExposure: 1 } } });
    const run = runInTemp(scenario, { exposures: true });
    try {
      const table = run.table('exposures');
      const slot = numbers(table, 'slot');
      const day = numbers(table, 'day');
      const consumer = numbers(table, 'consumer_id');
      const session = numbers(table, 'session');
      const emotion = numbers(table, 'emotion');
      const outcome = strings(table, 'outcome');
      const baseline = scenario.consumer.emotion.baseline;
      let laterSessions = 0;
      let aroused = 0;
      for (let r = 0; r < slot.length; r++) {
        if (emotion[r] > baseline + 1e-6) aroused++;
        // The first item of an app opening (a search's results and then the feed share one opening).
        const opens = r === 0 || consumer[r] !== consumer[r - 1] || day[r] !== day[r - 1] || session[r] !== session[r - 1];
        if (!opens || outcome[r] !== 'skipped') continue;
        if (session[r] > 0) laterSessions++;
        expect(emotion[r]).toBeCloseTo(baseline, 6);
      }
      console.log(`skipped first items of later sessions: ${laterSessions}; exposures above baseline arousal: ${aroused} of ${slot.length}`);
      // Arousal does build up within sessions (it is not fading), so a carried-over arousal would show.
      expect(aroused).toBeGreaterThan(slot.length / 4);
      expect(laterSessions).toBeGreaterThan(20);
    } finally {
      run.cleanup();
    }
  });
});
