import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PendingReport } from '../../sim/output/reportFile.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-report-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a pending report', () => {
  it('moves into place and leaves no hidden file behind', () => {
    const file = path.join(work, 'report.html');
    new PendingReport(file, '<html>new</html>').commit('run');
    expect(readFileSync(file, 'utf8')).toBe('<html>new</html>');
    expect(readdirSync(work).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('never replaces a file that appeared while the results were made, naming the flag', () => {
    const file = path.join(work, 'taken.html');
    const pending = new PendingReport(file, '<html>new</html>', '--out');
    writeFileSync(file, 'the user\'s own file');
    expect(() => pending.commit('sweep')).toThrow(/^--out .*taken\.html: appeared while the sweep ran; not replaced/);
    expect(readFileSync(file, 'utf8')).toBe('the user\'s own file');
    expect(existsSync(path.join(work, `.taken.html.tmp-${process.pid}`))).toBe(false);
  });
});
