import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package version, read from package.json above this module (works from sim/ and from dist/sim/). */
export const VERSION: string = findVersion();

function findVersion(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    const candidate = path.join(folder, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mallsim' && pkg.version) return pkg.version;
    }
    folder = path.dirname(folder);
  }
  return 'unknown';
}
