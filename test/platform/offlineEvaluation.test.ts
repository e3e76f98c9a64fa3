import { describe, expect, it } from 'vitest';
import { defaultOfflineOptions, evaluatePolicies, formatOfflineTable } from '../../sim/platform/offlineEvaluation.js';

describe('offline evaluation on a planted log split by time', () => {
  const result = evaluatePolicies(defaultOfflineOptions());
  const row = (name: string) => {
    const found = result.rows.find((r) => r.policy === name);
    if (!found) throw new Error(`no row for ${name}`);
    return found;
  };

  it('prints the figures', () => {
    console.log(formatOfflineTable(result));
    expect(result.evaluatedConsumers).toBeGreaterThan(1000);
    expect(result.heldOutPurchases).toBeGreaterThan(result.evaluatedConsumers);
  });

  it('ranks popularity above random', () => {
    expect(row('popularity').hitRate).toBeGreaterThan(row('random').hitRate);
    expect(row('popularity').ndcg).toBeGreaterThan(row('random').ndcg);
  });

  it.each(['item-cf', 'user-cf', 'mf', 'bandit', 'hybrid'])('ranks %s above popularity on HR@20 or NDCG@20', (name) => {
    const learned = row(name);
    const baseline = row('popularity');
    expect(learned.hitRate > baseline.hitRate || learned.ndcg > baseline.ndcg).toBe(true);
  });

  it('is reproducible', () => {
    const options = { ...defaultOfflineOptions(), policies: ['mf', 'bandit'] as const };
    const again = evaluatePolicies({ ...options, policies: [...options.policies] });
    for (const r of again.rows) {
      expect(r.hitRate).toBe(row(r.policy).hitRate);
      expect(r.ndcg).toBe(row(r.policy).ndcg);
    }
  });
});
