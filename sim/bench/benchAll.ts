import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * `npm run bench [-- --large]`: the engine, policy and sweep benches, each in its own process so that each one's
 * peak memory is its own. With `--large` only the engine bench runs, at 1,000,000 consumers x 30 days.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const large = process.argv.includes('--large');
const benches = large ? [['bench.js', '--large']] : [['bench.js'], ['policyBench.js'], ['sweepBench.js']];
for (const [script, ...args] of benches) {
  const result = spawnSync(process.execPath, [path.join(here, script!), ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
