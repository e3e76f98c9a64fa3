import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../sim/validation/facts.js';
import { passes } from '../../sim/validation/validate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Facts every check of which passes at --fast scale. The others are reported by the suite: 4, 8, 10 and 16 need the
 * full suite's population or replications to clear their bounds, and the model document's calibration section says
 * which checks the full suite still fails and why.
 */
const REPRODUCED = [1, 2, 3, 5, 6, 7, 9, 11, 12, 13, 14, 15];

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
  it('runs every fact it can, prints effects with CIs next to bounds, and exits 1 when a check fails', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'dist/sim/cli.js'), 'validate', '--fast', '--json', '--workers', '2'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as {
      replications: number;
      checks: { fact: number; what: string; effect: { mean: number | null; low: number | null; high: number | null; n: number }; pass: boolean }[];
      skipped: { fact: number }[];
    };
    for (const check of result.checks) {
      console.log(`${check.fact}. ${check.what}: ${check.effect.mean?.toFixed(4)} [${check.effect.low?.toFixed(4)}, ${check.effect.high?.toFixed(4)}] ${check.pass ? 'pass' : 'FAIL'}`);
      expect(check.effect.n).toBe(result.replications);
    }
    const factsSeen = new Set([...result.checks.map((c) => c.fact), ...result.skipped.map((s) => s.fact)]);
    expect([...factsSeen].sort((a, b) => a - b)).toEqual(FACTS.map((f) => f.id));
    for (const id of REPRODUCED) {
      const checks = result.checks.filter((check) => check.fact === id);
      expect(checks.length).toBeGreaterThan(0);
      for (const check of checks) expect(check.pass, `fact ${id}: ${check.what}`).toBe(true);
    }
    expect(run.status).toBe(result.checks.every((check) => check.pass) ? 0 : 1);
  });
});
