import { describe, expect, it } from 'vitest';
import { EVENT_IMPRESSION, EVENT_PURCHASE, EVENT_VIEW } from '../../../sim/platform/learning/interactionLog.js';
import { runInTemp } from '../../helpers/runs.js';
import { smallScenario } from '../../helpers/scenarios.js';

describe('the bandit in a whole run', () => {
  it('receives every impression, view and purchase of the day in its log, so it has rewards to learn from', () => {
    const scenario = smallScenario({ run: { days: 3 }, population: { size: 300 }, platform: { policy: 'bandit' } });
    const counts = { impressions: 0, views: 0, purchases: 0, exposures: 0 };
    let loggedDays = 0;
    const run = runInTemp(scenario, {
      onDay: (_day, world) => {
        const log = world.platform.observations.log;
        if (log === null) return;
        loggedDays++;
        // After the night the log holds exactly the day just ended.
        for (let e = log.oldest; e < log.head; e++) {
          const kind = log.kind[log.indexOf(e)];
          if (kind === EVENT_IMPRESSION) counts.impressions++;
          else if (kind === EVENT_VIEW) counts.views++;
          else if (kind === EVENT_PURCHASE) counts.purchases++;
        }
        counts.exposures += world.today.exposures;
      },
    });
    run.cleanup();
    console.log(`bandit log over ${loggedDays} days: ${JSON.stringify(counts)}`);
    expect(loggedDays).toBe(3);
    expect(counts.impressions).toBeGreaterThan(0.9 * counts.exposures);
    expect(counts.views).toBeGreaterThan(0);
  });
});
