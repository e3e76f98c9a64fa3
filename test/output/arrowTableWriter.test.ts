import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataType, RecordBatchFileReader, tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { ArrowTableWriter, dictionaryCode, type ColumnSpec } from '../../sim/output/arrowTableWriter.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-arrow-writer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** More than 128 values, so its codes need Int16. */
const MANY = Array.from({ length: 300 }, (_, k) => `item_${k}`);

const specs = [
  { name: 'id', kind: 'int32', description: 'row id' },
  { name: 'small', kind: 'int8' },
  { name: 'mid', kind: 'int16' },
  { name: 'count', kind: 'uint32' },
  { name: 'ratio', kind: 'float32' },
  { name: 'price', kind: 'float64' },
  { name: 'flag', kind: 'bool' },
  { name: 'purchase_kind', kind: { dictionary: ['planned', 'impulse', 'cart'] }, description: 'how it was bought' },
  { name: 'item', kind: { dictionary: MANY } },
] as const satisfies readonly ColumnSpec[];

const KINDS = ['planned', 'impulse', 'cart'];

const file = (name: string) => path.join(folder, name);

/** Writes `rows` rows whose values are simple functions of the row number (shifted by `offset`). */
function writeRows(name: string, rows: number, batchRows: number, offset = 0): number {
  const writer = new ArrowTableWriter(file(name), specs, { batchRows, metadata: { scenario: 'test', seed: '3' } });
  const c = writer.columns;
  for (let k = 0; k < rows; k++) {
    const r = writer.nextRow();
    const v = k + offset;
    c.id[r] = v;
    c.small[r] = -v;
    c.mid[r] = 1000 + v;
    c.count[r] = 3_000_000_000 + v;
    c.ratio[r] = v / 4;
    c.price[r] = v * 1.1;
    c.flag[r] = v % 3 === 0 ? 1 : 0;
    c.purchase_kind[r] = v % 3;
    c.item[r] = (v * 7) % MANY.length;
  }
  return writer.close();
}

const read = (name: string): Table => tableFromIPC(readFileSync(file(name)));
const footer = (name: string) => RecordBatchFileReader.from(readFileSync(file(name))).open();

describe('ArrowTableWriter', () => {
  it('round-trips every column kind across several record batches', () => {
    expect(writeRows('kinds.arrow', 10, 4)).toBe(10);
    const table = read('kinds.arrow');
    expect(table.numRows).toBe(10);
    expect(table.batches.length).toBe(3);
    expect(table.batches.map((b) => b.numRows)).toEqual([4, 4, 2]);
    expect(table.schema.fields.map((f) => f.name)).toEqual(specs.map((s) => s.name));
    expect(table.schema.fields.map((f) => String(f.type))).toEqual([
      'Int32',
      'Int8',
      'Int16',
      'Uint32',
      'Float32',
      'Float64',
      'Bool',
      'Dictionary<Int8, Utf8>',
      'Dictionary<Int16, Utf8>',
    ]);
    const types = table.schema.fields.map((f) => f.type);
    expect(DataType.isBool(types[6])).toBe(true);
    expect(DataType.isDictionary(types[7]) && DataType.isUtf8(types[7].dictionary)).toBe(true);

    const range = Array.from({ length: 10 }, (_, k) => k);
    const column = (name: string) => Array.from(table.getChild(name)!);
    expect(column('id')).toEqual(range);
    expect(column('small')).toEqual(range.map((k) => (k === 0 ? 0 : -k)));
    expect(column('mid')).toEqual(range.map((k) => 1000 + k));
    expect(column('count')).toEqual(range.map((k) => 3_000_000_000 + k));
    expect(column('ratio')).toEqual(range.map((k) => k / 4));
    expect(column('price')).toEqual(range.map((k) => k * 1.1));
    expect(column('flag')).toEqual(range.map((k) => k % 3 === 0));
    expect(column('purchase_kind')).toEqual(range.map((k) => KINDS[k % 3]));
    expect(column('item')).toEqual(range.map((k) => MANY[(k * 7) % MANY.length]));
  });

  it('writes each dictionary once, however many batches use it', () => {
    writeRows('dictionaries.arrow', 25, 4);
    const reader = footer('dictionaries.arrow');
    expect(reader.numRecordBatches).toBe(7);
    expect(reader.numDictionaries).toBe(2);
  });

  it('keeps field descriptions and schema metadata', () => {
    writeRows('meta.arrow', 3, 10);
    const { schema } = read('meta.arrow');
    expect(schema.fields[0].metadata.get('description')).toBe('row id');
    expect(schema.fields[7].metadata.get('description')).toBe('how it was bought');
    expect(schema.fields[1].metadata.size).toBe(0);
    expect([...schema.metadata]).toEqual([
      ['scenario', 'test'],
      ['seed', '3'],
    ]);
  });

  it('writes a valid file with the full schema and no rows', () => {
    expect(writeRows('empty.arrow', 0, 4)).toBe(0);
    const table = read('empty.arrow');
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(specs.map((s) => s.name));
    expect(String(table.schema.fields[7].type)).toBe('Dictionary<Int8, Utf8>');
    expect(table.schema.metadata.get('scenario')).toBe('test');
    expect(footer('empty.arrow').numRecordBatches).toBe(0);
  });

  it('gives identical bytes for identical rows and different bytes for different rows', () => {
    // 13 rows in batches of 8: the short last batch sits on stale rows of the first, which must not leak into the file.
    writeRows('same1.arrow', 13, 8);
    writeRows('same2.arrow', 13, 8);
    writeRows('other.arrow', 13, 8, 1);
    const bytes = (name: string) => readFileSync(file(name));
    expect(bytes('same1.arrow').equals(bytes('same2.arrow'))).toBe(true);
    expect(bytes('same1.arrow').equals(bytes('other.arrow'))).toBe(false);
  });

  it('reuses one batch of buffers however many rows are written', () => {
    const writer = new ArrowTableWriter(file('reuse.arrow'), specs, { batchRows: 1000 });
    const before = writer.columns.price;
    for (let k = 0; k < 25_500; k++) {
      const r = writer.nextRow();
      writer.columns.price[r] = k;
      writer.columns.item[r] = k % MANY.length;
    }
    expect(writer.columns.price).toBe(before);
    expect(writer.columns.price.length).toBe(1000);
    expect(writer.rowCount).toBe(25_500);
    expect(writer.close()).toBe(25_500);
    const table = read('reuse.arrow');
    expect(table.batches.length).toBe(26);
    expect(table.getChild('price')!.get(25_499)).toBe(25_499);
    expect(table.getChild('item')!.get(25_499)).toBe(MANY[25_499 % MANY.length]);
  });

  it('writes buffered rows as a batch on flush() and ignores an empty flush', () => {
    const writer = new ArrowTableWriter(file('flush.arrow'), [{ name: 'x', kind: 'int32' }], { batchRows: 100 });
    writer.flush();
    writer.columns.x[writer.nextRow()] = 1;
    writer.columns.x[writer.nextRow()] = 2;
    writer.flush();
    writer.flush();
    writer.columns.x[writer.nextRow()] = 3;
    expect(writer.close()).toBe(3);
    expect(writer.close()).toBe(3);
    const table = read('flush.arrow');
    expect(table.batches.map((b) => b.numRows)).toEqual([2, 1]);
    expect(Array.from(table.getChild('x')!)).toEqual([1, 2, 3]);
  });

  it('refuses rows after close', () => {
    const writer = new ArrowTableWriter(file('closed.arrow'), [{ name: 'x', kind: 'int32' }]);
    writer.close();
    expect(() => writer.nextRow()).toThrow(/closed/);
    expect(read('closed.arrow').numRows).toBe(0);
  });

  it('removes its file on abort, open or already closed', () => {
    const open = file('aborted.arrow');
    const writer = new ArrowTableWriter(open, specs);
    writer.nextRow();
    expect(existsSync(open)).toBe(true);
    writer.abort();
    expect(existsSync(open)).toBe(false);
    expect(() => writer.nextRow()).toThrow(/aborted/);
    expect(() => writer.close()).toThrow(/aborted/);

    const done = file('aborted-after-close.arrow');
    const finished = new ArrowTableWriter(done, specs);
    finished.close();
    finished.abort();
    expect(existsSync(done)).toBe(false);
  });

  it('refuses bad specifications with a message naming the column', () => {
    const bad = (columns: readonly ColumnSpec[], batchRows?: number) => () => new ArrowTableWriter(file('bad.arrow'), columns, { batchRows });
    expect(
      bad([
        { name: 'a', kind: 'int32' },
        { name: 'a', kind: 'bool' },
      ]),
    ).toThrow(/column "a" is defined twice/);
    expect(bad(specs, 0)).toThrow(RangeError);
    expect(bad(specs, 0)).toThrow(/batchRows must be an integer >= 1, got 0/);
    expect(bad(specs, 2.5)).toThrow(/batchRows/);
    expect(bad([{ name: 'k', kind: { dictionary: ['x', 'x'] } }])).toThrow(/column "k".*"x" appears twice/);
    expect(bad([{ name: 'k', kind: { dictionary: [] } }])).toThrow(/column "k".*non-empty/);
    expect(bad([{ name: 'k', kind: 'int64' as never }])).toThrow(/column "k".*unknown kind/);
    expect(existsSync(file('bad.arrow'))).toBe(false);

    expect(dictionaryCode(specs[7], 'cart')).toBe(2);
    expect(dictionaryCode(specs[8], 'item_299')).toBe(299);
    expect(() => dictionaryCode(specs[7], 'gift')).toThrow(/column "purchase_kind": "gift" is not in its dictionary \(planned, impulse, cart\)/);
    expect(() => dictionaryCode(specs[0], 'x')).toThrow(/column "id" is not a dictionary column/);
  });

  it('refuses a dictionary code outside the dictionary, naming the column and row', () => {
    const writer = new ArrowTableWriter(file('badcode.arrow'), [{ name: 'k', kind: { dictionary: ['a', 'b'] } }], { batchRows: 4 });
    for (let k = 0; k < 5; k++) writer.columns.k[writer.nextRow()] = k === 4 ? 2 : 0;
    expect(() => writer.close()).toThrow(/column "k": code 2 at row 4 is outside its dictionary of 2 values/);
    writer.abort();
    expect(existsSync(file('badcode.arrow'))).toBe(false);
  });
});
