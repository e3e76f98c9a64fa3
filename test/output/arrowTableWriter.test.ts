import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { ArrowTableWriter, dictionaryCode, type ColumnSpec } from '../../sim/output/arrowTableWriter.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-arrow-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const specs = [
  { name: 'id', kind: 'int32', description: 'row id' },
  { name: 'small', kind: 'int8' },
  { name: 'mid', kind: 'int16' },
  { name: 'count', kind: 'uint32' },
  { name: 'ratio', kind: 'float32' },
  { name: 'price', kind: 'float64' },
  { name: 'flag', kind: 'bool' },
  { name: 'kind', kind: { dictionary: ['planned', 'impulse', 'cart'] }, description: 'purchase kind' },
] as const satisfies readonly ColumnSpec[];

function writeRows(file: string, rows: number, batchRows: number, offset = 0): number {
  const writer = new ArrowTableWriter(path.join(folder, file), specs, { batchRows, metadata: { scenario: 'test', seed: '3' } });
  const c = writer.columns;
  for (let k = 0; k < rows; k++) {
    const r = writer.nextRow();
    c.id[r] = k + offset;
    c.small[r] = -k;
    c.mid[r] = 1000 + k;
    c.count[r] = 3_000_000_000 + k;
    c.ratio[r] = k / 4;
    c.price[r] = k * 1.1;
    c.flag[r] = k % 3 === 0 ? 1 : 0;
    c.kind[r] = k % 3;
  }
  return writer.close();
}

const read = (file: string) => tableFromIPC(readFileSync(path.join(folder, file)));

describe('ArrowTableWriter', () => {
  it('round-trips every column kind across several record batches', () => {
    expect(writeRows('a.arrow', 10, 4)).toBe(10);
    const table = read('a.arrow');
    expect(table.numRows).toBe(10);
    expect(table.batches.length).toBe(3);
    expect(table.schema.fields.map((f) => String(f.type))).toEqual([
      'Int32',
      'Int8',
      'Int16',
      'Uint32',
      'Float32',
      'Float64',
      'Bool',
      'Dictionary<Int8, Utf8>',
    ]);
    const row7 = table.get(7)!.toJSON();
    expect(row7).toEqual({ id: 7, small: -7, mid: 1007, count: 3_000_000_007, ratio: 1.75, price: 7 * 1.1, flag: false, kind: 'impulse' });
    expect(Array.from(table.getChild('kind')!, String)).toEqual(['planned', 'impulse', 'cart', 'planned', 'impulse', 'cart', 'planned', 'impulse', 'cart', 'planned']);
    expect(Array.from(table.getChild('flag')!)).toEqual([true, false, false, true, false, false, true, false, false, true]);
  });

  it('keeps field descriptions and schema metadata', () => {
    writeRows('meta.arrow', 3, 10);
    const table = read('meta.arrow');
    expect(table.schema.fields[0].metadata.get('description')).toBe('row id');
    expect(table.schema.fields[7].metadata.get('description')).toBe('purchase kind');
    expect(table.schema.metadata.get('scenario')).toBe('test');
    expect(table.schema.metadata.get('seed')).toBe('3');
  });

  it('writes a valid file with the full schema and no rows', () => {
    expect(writeRows('empty.arrow', 0, 4)).toBe(0);
    const table = read('empty.arrow');
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(specs.map((s) => s.name));
  });

  it('gives identical bytes for identical rows and different bytes for different rows', () => {
    writeRows('same1.arrow', 50, 8);
    writeRows('same2.arrow', 50, 8);
    writeRows('other.arrow', 50, 8, 1);
    const bytes = (f: string) => readFileSync(path.join(folder, f));
    expect(bytes('same1.arrow').equals(bytes('same2.arrow'))).toBe(true);
    expect(bytes('same1.arrow').equals(bytes('other.arrow'))).toBe(false);
  });

  it('reuses one batch of buffers however many rows are written', () => {
    const writer = new ArrowTableWriter(path.join(folder, 'big.arrow'), specs, { batchRows: 1000 });
    const before = writer.columns.price;
    for (let k = 0; k < 25_500; k++) writer.columns.price[writer.nextRow()] = k;
    expect(writer.columns.price).toBe(before);
    expect(writer.columns.price.length).toBe(1000);
    expect(writer.rowCount).toBe(25_500);
    writer.close();
    const table = read('big.arrow');
    expect(table.batches.length).toBe(26);
    expect(table.getChild('price')!.get(25_499)).toBe(25_499);
  });

  it('removes its file on abort', () => {
    const file = path.join(folder, 'aborted.arrow');
    const writer = new ArrowTableWriter(file, specs);
    writer.nextRow();
    writer.abort();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses bad specifications with a message naming the column', () => {
    expect(() => new ArrowTableWriter(path.join(folder, 'x.arrow'), [{ name: 'a', kind: 'int32' }, { name: 'a', kind: 'bool' }])).toThrow(/duplicate column "a"/);
    expect(() => new ArrowTableWriter(path.join(folder, 'y.arrow'), specs, { batchRows: 0 })).toThrow(/batchRows must be an integer >= 1, got 0/);
    expect(dictionaryCode(specs[7], 'cart')).toBe(2);
    expect(() => dictionaryCode(specs[7], 'gift')).toThrow(/column "kind": "gift" is not one of planned, impulse, cart/);
  });
});
