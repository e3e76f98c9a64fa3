import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../sim/validation/facts.js';
import { FAST, factSizing, passes, uniqueArms } from '../../sim/validation/validate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('passes', () => {
  const interval = (mean: number, low: number, high: number) => ({ mean, low, high, halfWidth: (high - low) / 2, n: 3 });
  it('judges a range by the mean and a direction by the whole interval', () => {
    expect(passes(interval(0.6, 0.4, 0.8), { kind: 'range', min: 0.55, max: 0.65 })).toBe(true);
    expect(passes(interval(0.7, 0.6, 0.8), { kind: 'range', min: 0.55, max: 0.65 })).toBe(false);
    expect(passes(interval(0.2, 0.1, 0.3), { kind: 'above', min: 0 })).toBe(true);
    expect(passes(interval(0.2, -0.1, 0.5), { kind: 'above', min: 0 })).toBe(false);
    expect(passes(interval(-0.4, -0.5, -0.31), { kind: 'below', max: -0.3 })).toBe(true);
    expect(passes(interval(Number.NaN, Number.NaN, Number.NaN), { kind: 'range', min: 0, max: 1 })).toBe(false);
  });
});

describe('mallsim validate --fast', () => {
  it('runs every fact at its size, prints effects with CIs next to bounds, and every check passes', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'dist/sim/cli.js'), 'validate', '--fast', '--json', '--workers', '2'], {
      cwd: root,
      encoding: 'utf8',
      // About 700 s on 2 cores beside the rest of the suite: room for a slower machine.
      timeout: 1_800_000,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as {
      checks: { fact: number; what: string; consumers: number; effect: { mean: number | null; low: number | null; high: number | null; n: number }; pass: boolean }[];
      skipped: { fact: number }[];
      wallSeconds: number;
    };
    for (const check of result.checks) {
      const fact = FACTS.find((f) => f.id === check.fact)!;
      const sizing = factSizing(fact, true);
      console.log(
        `${check.fact}. ${check.what}: ${check.effect.mean?.toFixed(4)} [${check.effect.low?.toFixed(4)}, ${check.effect.high?.toFixed(4)}] ` +
          `n ${check.effect.n}, ${check.consumers} consumers: ${check.pass ? 'pass' : 'FAIL'}`,
      );
      expect(check.effect.n).toBe(sizing.replications);
      expect(check.consumers).toBe(sizing.sample ?? 20_000);
    }
    console.log(`validate --fast: ${result.checks.filter((c) => c.pass).length} of ${result.checks.length} checks pass in ${result.wallSeconds.toFixed(0)} s`);
    const factsSeen = new Set([...result.checks.map((c) => c.fact), ...result.skipped.map((s) => s.fact)]);
    expect([...factsSeen].sort((a, b) => a - b)).toEqual(FACTS.map((f) => f.id));
    expect(result.skipped).toEqual([]);
    for (const check of result.checks) expect(check.pass, `fact ${check.fact}: ${check.what}`).toBe(true);
    expect(run.status).toBe(0);
  }, 1_800_000);
});

describe('mallsim validate with a failing check', () => {
  it('prints FAIL next to the check and exits 1', () => {
    // Cooling-off set to 0 days makes the cooling-off arm the default arm: no effect, so the check cannot clear -30%.
    const args = ['validate', '--fast', '--facts', '7', '--replications', '2', '--set', 'population.size=300', '--set', 'run.days=10', '--set', 'platform.nudges.coolingOffDays=0', '--quiet'];
    const run = spawnSync(process.execPath, [path.join(root, 'dist/sim/cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(run.stdout).toMatch(/unplanned purchases .* 0\.0000 +\[0\.0000, 0\.0000\] +2 +300 +CI < -0\.3 +FAIL/);
    expect(run.stdout).toContain('1 of 3 checks pass');
    expect(run.status).toBe(1);
  });
});

describe('replications and sizes per fact', () => {
  const fact = (id: number) => FACTS.find((f) => f.id === id)!;

  it('gives a rare-outcome fact its own replications, and a crowd-driven fact the whole market under --fast', () => {
    expect(factSizing(fact(8), false)).toEqual({ sample: null, replications: 20 });
    expect(factSizing(fact(8), true)).toEqual({ sample: 5000, replications: 20 });
    expect(factSizing(fact(8), false, 7)).toEqual({ sample: null, replications: 7 });
    expect(factSizing(fact(8), true, 3)).toEqual({ sample: 5000, replications: 3 });
    expect(factSizing(fact(9), false)).toEqual({ sample: null, replications: 5 });
    expect(factSizing(fact(9), true)).toEqual({ sample: FAST.population, replications: FAST.replications });
    for (const id of [3, 4, 10, 14, 19, 20, 22]) expect(factSizing(fact(id), true)).toEqual({ sample: null, replications: FAST.replications });
    // Drift's part in the filter-bubble trend, small beside the market's draw, gets more replications in both suites.
    expect(factSizing(fact(16), true)).toEqual({ sample: null, replications: 10 });
    expect(factSizing(fact(16), false)).toEqual({ sample: null, replications: 10 });
    expect(factSizing(fact(11), true)).toEqual({ sample: FAST.population, replications: 20 });
  });

  it('runs an arm once per size, as often as its most demanding fact at that size needs', () => {
    const facts = FACTS.filter((f) => [4, 8, 9].includes(f.id));
    const arms = uniqueArms(facts, (f) => factSizing(f, true));
    expect(Object.fromEntries(arms.map((arm) => [arm.key, arm.replications]))).toEqual({
      default: 5,
      'default platform.overPush.liveShare=0 platform.overPush.urgencyShare=0 catalog.limitedOfferShare=0': 5,
      'default @5000': 20,
      'budget-reminder @5000': 20,
      'default @2000': 5,
      'over-push @2000': 5,
    });
    const full = uniqueArms(facts, (f) => factSizing(f, false));
    expect(full.find((arm) => arm.key === 'default')!.replications).toBe(20);
  });
});
