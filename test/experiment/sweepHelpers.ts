import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/cli.js';

export { ensureBuilt, mallsim, root, startMallsim, type CliResult } from '../helpers/cli.js';

/** A tiny scenario extending the default one (300 consumers, 8 days, 200 items): a run takes a fraction of a second. */
export function writeTinyScenario(folder: string): string {
  const file = path.join(folder, 'tiny.yaml');
  writeFileSync(file, `extends: ${path.join(root, 'scenarios/default.yaml')}\nname: tiny\nrun: { days: 8 }\npopulation: { size: 300 }\ncatalog: { items: 200 }\n`);
  return file;
}
