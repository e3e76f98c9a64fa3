import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('randomness', () => {
  it('never uses Math.random in sim/: every draw comes from a named, seeded stream', () => {
    const files = sourceFiles(path.resolve(__dirname, '../sim'));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) => /Math\s*\.\s*random/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
