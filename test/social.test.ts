import { describe, expect, it } from 'vitest';
import { SOURCE_SOCIAL } from '../sim/codes.js';
import { namedStream } from '../sim/rng.js';
import { buildSocialNetwork, INBOX_SLOTS, SocialNetwork } from '../sim/social.js';
import { numbers, runInTemp, strings } from './helpers/runs.js';
import { smallScenario } from './helpers/scenarios.js';

const params = { meanFriends: 10, rewiring: 0.1, kols: 0, kolFollowers: 10 };

function degrees(network: SocialNetwork): number[] {
  return Array.from({ length: network.size }, (_, i) => network.degree(i));
}

describe('friendship networks', () => {
  it('small world: symmetric, no self-loops, about meanFriends friends each', () => {
    const network = buildSocialNetwork(2000, { ...params, network: 'small-world' }, namedStream(1, 'g'))!;
    const d = degrees(network);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    expect(mean).toBeGreaterThan(9.5);
    expect(mean).toBeLessThanOrEqual(10);
    for (let i = 0; i < 200; i++) {
      for (let k = network.friendStart[i]; k < network.friendStart[i + 1]; k++) {
        const j = network.friends[k];
        expect(j).not.toBe(i);
        expect(Array.from(network.friends.subarray(network.friendStart[j], network.friendStart[j + 1]))).toContain(i);
      }
    }
    // Rewiring 0.1 keeps most ring neighbours: consumer 500 still knows 501.
    expect(Array.from(network.friends.subarray(network.friendStart[500], network.friendStart[501]))).toContain(501);
  });

  it('scale free: the same mean degree but hubs far above it', () => {
    const network = buildSocialNetwork(5000, { ...params, network: 'scale-free' }, namedStream(1, 'g'))!;
    const d = degrees(network);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    console.log(`scale-free: mean degree ${mean.toFixed(2)}, max ${Math.max(...d)}`);
    expect(mean).toBeGreaterThan(9);
    expect(mean).toBeLessThan(10.5);
    expect(Math.max(...d)).toBeGreaterThan(8 * mean);
  });

  it('none builds nothing', () => {
    expect(buildSocialNetwork(100, { ...params, network: 'none' }, namedStream(1, 'g'))).toBeNull();
  });
});

describe('sharing and posts', () => {
  const network = new SocialNetwork(
    4,
    { start: Int32Array.from([0, 2, 3, 4, 4]), neighbours: Int32Array.from([1, 2, 0, 0]) },
    { accounts: Int32Array.from([3]), start: Int32Array.from([0, 2]), followers: Int32Array.from([1, 2]) },
  );
  const stock = Int32Array.from([5, 5, 5, 0, 5, 5, 5, 5, 5, 5, 5, 5]);

  it('delivers a share to every friend, counting friends who shared the same item', () => {
    expect(network.share(1, 7, 0)).toBe(1); // consumer 1's only friend is 0
    expect(network.share(2, 7, 1)).toBe(1);
    expect(network.share(2, 9, 1)).toBe(1);
    expect(network.waiting(0)).toBe(2);
    // The freshest post first; on a tie, the one more friends shared.
    expect(network.takePost(0, 1, 3, stock)).toBe(7);
    expect(network.takenSharers).toBe(2);
    expect(network.takePost(0, 1, 3, stock)).toBe(9);
    expect(network.takePost(0, 1, 3, stock)).toBe(-1);
  });

  it('KOL shares reach followers; stale and sold-out posts are not shown', () => {
    network.share(3, 3, 0); // a KOL (consumer 3) shares item 3, which is sold out
    network.share(3, 4, 0);
    expect(network.takePost(1, 0, 3, stock)).toBe(4);
    expect(network.takePost(1, 0, 3, stock)).toBe(-1);
    network.share(3, 5, 0);
    expect(network.takePost(2, 3, 3, stock)).toBe(-1); // shared on day 0, three days old on day 3
  });

  it('an inbox keeps the latest shares when it overflows', () => {
    for (let item = 0; item < INBOX_SLOTS + 2; item++) network.share(1, item + 1, 10 + item);
    expect(network.waiting(0)).toBe(INBOX_SLOTS);
    expect(network.takePost(0, 10 + INBOX_SLOTS + 1, 100, Int32Array.from({ length: 20 }, () => 1))).toBe(INBOX_SLOTS + 2);
  });
});

describe('a run with a network', () => {
  it('satisfied buyers share, and friends see and buy from posts', () => {
    const scenario = smallScenario({
      population: { size: 1500 },
      run: { days: 15 },
      social: { network: 'small-world', shareChance: 0.5, postShare: 0.3, kols: 5, kolFollowers: 200 },
    });
    const run = runInTemp(scenario, { exposures: true });
    try {
      const shares = numbers(run.table('days'), 'shares').reduce((a, b) => a + b, 0);
      const sources = strings(run.table('exposures'), 'source');
      const posts = sources.filter((s) => s === 'social').length;
      const bought = strings(run.table('purchases'), 'source').filter((s) => s === 'social').length;
      console.log(`shares ${shares}, post exposures ${posts}, purchases from posts ${bought}`);
      expect(shares).toBe(run.result.summary.shares);
      expect(shares).toBeGreaterThan(50);
      expect(posts).toBeGreaterThan(shares);
      expect(bought).toBeGreaterThan(0);
      expect(SOURCE_SOCIAL).toBe(4);
    } finally {
      run.cleanup();
    }
  });
});
