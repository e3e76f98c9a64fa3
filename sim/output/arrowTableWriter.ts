import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import {
  AsyncByteQueue,
  Bool,
  Dictionary,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int8,
  makeData,
  makeVector,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Uint32,
  Utf8,
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow';

/**
 * The type of one column. The string kinds map to the Arrow type of the same name (`bool` is Arrow `Bool`, bit-packed
 * on disk). `{ dictionary }` is a dictionary-encoded Utf8 column over a fixed list of strings: the file holds the list
 * once and each row holds a code (its index in the list), stored as Int8 for up to 128 values and Int16 up to 32,768.
 */
export type ColumnKind =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'uint32'
  | 'float32'
  | 'float64'
  | 'bool'
  | { readonly dictionary: readonly string[] };

/** One column of a table. `description` is stored as the Arrow field metadata key `description`. */
export interface ColumnSpec<Name extends string = string> {
  readonly name: Name;
  readonly kind: ColumnKind;
  readonly description?: string;
}

/**
 * The typed array a column is filled through: dictionary codes for dictionary columns, 0/1 bytes for bool columns
 * (any non-zero byte reads back as true).
 */
export type ColumnBuffer = Int8Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;

/** Options of {@link ArrowTableWriter}. */
export interface ArrowTableWriterOptions {
  /** Rows per record batch (default 65,536). Memory is one batch of buffers, whatever the row count. */
  readonly batchRows?: number;
  /** Schema-level metadata (software version, scenario, seed, ...), written in the file footer. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The default batch: large enough that per-batch overhead (flatbuffer headers, syscalls) is noise. */
const DEFAULT_BATCH_ROWS = 65_536;

/** Codes 0..n-1 must fit the signed index type, so Int8 holds 128 values and Int16 32,768. */
const INT8_DICTIONARY_SIZE = 128;
const INT16_DICTIONARY_SIZE = 32_768;

const NUMERIC_KINDS = {
  int8: { type: () => new Int8(), Array: Int8Array },
  int16: { type: () => new Int16(), Array: Int16Array },
  int32: { type: () => new Int32(), Array: Int32Array },
  uint32: { type: () => new Uint32(), Array: Uint32Array },
  float32: { type: () => new Float32(), Array: Float32Array },
  float64: { type: () => new Float64(), Array: Float64Array },
} as const;

type NumericKind = keyof typeof NUMERIC_KINDS;

/**
 * The byte sink handed to Arrow's file writer. `RecordBatchWriter.reset(sink)` keeps a sink only if it is an
 * `AsyncByteQueue`; any other object is silently swapped for a fresh in-memory queue that nothing drains (so a plain
 * `{ write }` object would receive nothing and the whole file would pile up in memory). Subclassing the queue and
 * writing each chunk straight to the descriptor keeps the writer synchronous: when `write(batch)` returns, the bytes
 * are in the file and the column buffers they point into can be reused.
 */
class FileDescriptorSink extends AsyncByteQueue {
  /** Bytes written so far; lets the table writer notice a batch that Arrow silently dropped. */
  bytesWritten = 0;

  constructor(private readonly fd: number) {
    super();
  }

  override write(value: Parameters<AsyncByteQueue['write']>[0]): void {
    // Arrow's writer only ever passes Uint8Array views here (it normalises chunks before calling the sink).
    if (!ArrayBuffer.isView(value)) throw new TypeError('ArrowTableWriter: unexpected non-binary chunk from apache-arrow');
    const bytes = value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    // writeSync may write less than asked (rare for regular files, but allowed), so loop until the chunk is out.
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(this.fd, bytes, done, bytes.byteLength - done);
    this.bytesWritten += bytes.byteLength;
  }
}

/** One column: its reusable buffer and how to view the first `length` rows of it as Arrow data. */
interface ColumnSlot {
  readonly spec: ColumnSpec;
  readonly buffer: ColumnBuffer;
  readonly toData: (length: number, firstRow: number) => Data;
}

/**
 * Streams one Arrow IPC file (the random-access "file" format, `.arrow`) to disk in record batches.
 *
 * Rows go into reusable typed-array buffers: `const r = writer.nextRow(); writer.columns.price[r] = 9.5;`. When a
 * batch is full it is serialized and written synchronously, then the same buffers are reused, so appending a row
 * allocates nothing and memory stays at one batch. Every column of every row must be set: a cell left unset keeps
 * whatever an earlier batch put there. The same rows always give byte-identical files.
 *
 * Call {@link close} to finish the file (without it the footer is missing and the file is unreadable), or
 * {@link abort} to delete it.
 */
export class ArrowTableWriter<Name extends string> {
  /**
   * The current batch's column buffers, indexed by the row number that {@link nextRow} returned. Bool columns are
   * Uint8Array 0/1; dictionary columns hold codes (see {@link dictionaryCode}). The buffers are the same objects for
   * the writer's whole life, so hot loops may hold on to them.
   */
  readonly columns: { readonly [K in Name]: ColumnBuffer };

  private readonly path: string;
  private readonly slots: readonly ColumnSlot[];
  private readonly schema: Schema;
  private readonly structType: Struct;
  private readonly sink: FileDescriptorSink;
  private readonly writer: RecordBatchFileWriter;
  private readonly fd: number;
  /** batchRows while open, 0 afterwards: lets nextRow() test one comparison and still refuse rows after close. */
  private limit: number;
  private pending = 0;
  private flushed = 0;
  private state: 'open' | 'closed' | 'aborted' | 'failed' = 'open';

  /**
   * Creates (or truncates) the file at `path` and writes the Arrow file header.
   * @throws RangeError on duplicate or empty column names, no columns, a bad `batchRows`, an unknown kind, or a
   *   dictionary that is empty, has duplicates or more than 32,768 values.
   */
  constructor(path: string, columns: readonly ColumnSpec<Name>[], options: ArrowTableWriterOptions = {}) {
    const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
    if (!Number.isInteger(batchRows) || batchRows < 1) {
      throw new RangeError(`ArrowTableWriter(${path}): batchRows must be an integer >= 1, got ${batchRows}`);
    }
    validateColumns(path, columns);
    const metadata = new Map<string, string>();
    for (const [key, value] of Object.entries(options.metadata ?? {})) {
      if (typeof value !== 'string') throw new TypeError(`ArrowTableWriter(${path}): metadata "${key}" must be a string`);
      metadata.set(key, value);
    }

    // Dictionary ids are written into the file; Arrow's default is a process-wide counter, which would make the bytes
    // depend on how many dictionaries were created before. The column index is stable.
    const fields = columns.map((spec, index) => {
      const fieldMetadata = spec.description === undefined ? null : new Map([['description', spec.description]]);
      return new Field(spec.name, arrowType(spec.kind, index), false, fieldMetadata);
    });
    this.schema = new Schema(fields, metadata);
    this.structType = new Struct(fields);
    this.slots = columns.map((spec, index) => makeSlot(spec, fields[index].type, batchRows));
    const buffers: Record<string, ColumnBuffer> = Object.create(null);
    for (const slot of this.slots) buffers[slot.spec.name] = slot.buffer;
    this.columns = Object.freeze(buffers) as { readonly [K in Name]: ColumnBuffer };

    this.path = path;
    this.limit = batchRows;
    this.fd = openSync(path, 'w');
    try {
      this.sink = new FileDescriptorSink(this.fd);
      this.writer = new RecordBatchFileWriter();
      // Writes the leading magic now; the schema itself goes in the footer, so a file with no rows is still complete.
      this.writer.reset(this.sink, this.schema);
    } catch (error) {
      closeSync(this.fd);
      rmSync(path, { force: true });
      throw error;
    }
  }

  /** Total rows appended so far (written and buffered). */
  get rowCount(): number {
    return this.flushed + this.pending;
  }

  /**
   * Reserves the next row and returns its index within the current batch buffers, writing out a full batch first.
   * @throws Error once the writer is closed or aborted.
   */
  nextRow(): number {
    if (this.pending >= this.limit) this.flush();
    return this.pending++;
  }

  /**
   * Appends `count` rows copied from `source` (columns of this table's buffer types, such as a {@link columnBufferOf}
   * buffer), starting at row `from`: the same bytes as filling the rows one by one, in bulk copies.
   */
  appendRows(source: { readonly [K in Name]: ColumnBuffer }, from: number, count: number): void {
    while (count > 0) {
      if (this.pending >= this.limit) this.flush();
      const take = Math.min(count, this.limit - this.pending);
      for (const slot of this.slots) {
        const column = source[slot.spec.name as Name];
        slot.buffer.set(column.subarray(from, from + take) as never, this.pending);
      }
      this.pending += take;
      from += take;
      count -= take;
    }
  }

  /**
   * Writes the buffered rows as one record batch (nothing if there are none). Batches are normally written by
   * {@link nextRow}; call this only to bound how much a crash could lose.
   * @throws RangeError if a dictionary column holds a code outside its dictionary (the row is named).
   */
  flush(): void {
    if (this.state !== 'open') throw new Error(`ArrowTableWriter(${this.path}): writer is ${this.state}`);
    const length = this.pending;
    if (length === 0) return;
    const children = this.slots.map((slot) => slot.toData(length, this.flushed));
    const data = makeData({ type: this.structType, length, nullCount: 0, children });
    const before = this.sink.bytesWritten;
    this.writer.write(new RecordBatch(this.schema, data));
    // Arrow's write() silently closes the writer instead of throwing when a batch's schema does not match; a batch
    // that produced no bytes means data was lost, which must not pass unnoticed.
    if (this.sink.bytesWritten === before) {
      throw new Error(`ArrowTableWriter(${this.path}): apache-arrow wrote nothing for a batch of ${length} rows`);
    }
    this.flushed += length;
    this.pending = 0;
  }

  /**
   * Flushes, writes the file footer and closes the file. Calling it again returns the same count.
   * @returns the number of rows in the file.
   * @throws Error if the writer was aborted or an earlier close failed.
   */
  close(): number {
    if (this.state === 'closed') return this.flushed;
    if (this.state !== 'open') throw new Error(`ArrowTableWriter(${this.path}): cannot close, writer is ${this.state}`);
    let finished = false;
    try {
      this.flush();
      // close() = reset() (writes the footer: schema, dictionary and batch offsets) + closing the sink.
      this.writer.close();
      finished = true;
    } finally {
      closeSync(this.fd);
      this.state = finished ? 'closed' : 'failed';
      this.limit = 0;
    }
    return this.flushed;
  }

  /**
   * Closes and deletes the file, for a failed run. Safe to call in any state, including after {@link close}: a run
   * that fails after finishing some tables wants none of them.
   */
  abort(): void {
    if (this.state === 'open') closeSync(this.fd);
    this.state = 'aborted';
    this.limit = 0;
    this.pending = 0;
    rmSync(this.path, { force: true });
  }
}

/**
 * The code of `value` in a dictionary column, i.e. its index in the dictionary. Linear search: meant for precomputing
 * codes outside hot loops.
 * @throws TypeError if the column is not a dictionary column; RangeError if the value is not in the dictionary.
 */
export function dictionaryCode(spec: ColumnSpec, value: string): number {
  if (typeof spec.kind !== 'object') throw new TypeError(`column "${spec.name}" is not a dictionary column (kind ${spec.kind})`);
  const code = spec.kind.dictionary.indexOf(value);
  if (code < 0) {
    throw new RangeError(`column "${spec.name}": "${value}" is not in its dictionary (${spec.kind.dictionary.join(', ')})`);
  }
  return code;
}

function validateColumns(path: string, columns: readonly ColumnSpec[]): void {
  if (columns.length === 0) throw new RangeError(`ArrowTableWriter(${path}): a table needs at least one column`);
  const seen = new Set<string>();
  for (const spec of columns) {
    const where = `ArrowTableWriter(${path}): column "${spec.name}"`;
    if (typeof spec.name !== 'string' || spec.name.length === 0) throw new RangeError(`ArrowTableWriter(${path}): empty column name`);
    if (seen.has(spec.name)) throw new RangeError(`${where} is defined twice (duplicate column name)`);
    seen.add(spec.name);
    const kind = spec.kind;
    if (typeof kind === 'object' && kind !== null) {
      const dictionary = kind.dictionary;
      if (!Array.isArray(dictionary) || dictionary.length === 0) throw new RangeError(`${where}: dictionary must be a non-empty list`);
      if (dictionary.length > INT16_DICTIONARY_SIZE) {
        throw new RangeError(`${where}: dictionary has ${dictionary.length} values, at most ${INT16_DICTIONARY_SIZE} are supported`);
      }
      const values = new Set<string>();
      for (const value of dictionary) {
        if (typeof value !== 'string') throw new RangeError(`${where}: dictionary values must be strings`);
        // Codes are looked up by value, so a repeated value would make its code ambiguous.
        if (values.has(value)) throw new RangeError(`${where}: dictionary value "${value}" appears twice`);
        values.add(value);
      }
    } else if (kind !== 'bool' && !Object.hasOwn(NUMERIC_KINDS, kind as string)) {
      throw new RangeError(`${where}: unknown kind ${JSON.stringify(kind)}`);
    }
  }
}

function arrowType(kind: ColumnKind, index: number): DataType {
  if (typeof kind === 'object') {
    const codes = kind.dictionary.length <= INT8_DICTIONARY_SIZE ? new Int8() : new Int16();
    return new Dictionary(new Utf8(), codes, index, false);
  }
  return kind === 'bool' ? new Bool() : NUMERIC_KINDS[kind].type();
}

/** A typed array of `length` rows of a column of kind `kind`, of the type the table writer fills for it. */
export function columnBufferOf(kind: ColumnKind, length: number): ColumnBuffer {
  if (typeof kind === 'object') return kind.dictionary.length <= INT8_DICTIONARY_SIZE ? new Int8Array(length) : new Int16Array(length);
  if (kind === 'bool') return new Uint8Array(length);
  return new NUMERIC_KINDS[kind].Array(length);
}

function makeSlot(spec: ColumnSpec, type: DataType, batchRows: number): ColumnSlot {
  const kind = spec.kind;
  if (typeof kind === 'object') return dictionarySlot(spec, kind.dictionary, type as Dictionary<Utf8, Int8 | Int16>, batchRows);
  if (kind === 'bool') return boolSlot(spec, type as Bool, batchRows);
  return numericSlot(spec, kind, type, batchRows);
}

function numericSlot(spec: ColumnSpec, kind: NumericKind, type: DataType, batchRows: number): ColumnSlot {
  const buffer = new NUMERIC_KINDS[kind].Array(batchRows);
  // A subarray is a view: Arrow writes straight from the buffer, no copy.
  const toData = (length: number): Data => makeData({ type: type as Int32, length, nullCount: 0, data: buffer.subarray(0, length) as Int32Array });
  return { spec, buffer, toData };
}

function boolSlot(spec: ColumnSpec, type: Bool, batchRows: number): ColumnSlot {
  const buffer = new Uint8Array(batchRows);
  // Rounded up to whole 8-byte words: Arrow copies a bitmap whose length is not a multiple of 8, and reusing this one
  // avoids both that copy and a fresh allocation per batch.
  const bits = new Uint8Array(alignTo8((batchRows + 7) >>> 3));
  const toData = (length: number): Data => {
    const bitmap = packBits(buffer, length, bits);
    return makeData({ type, length, nullCount: 0, data: bitmap });
  };
  return { spec, buffer, toData };
}

function dictionarySlot(spec: ColumnSpec, values: readonly string[], type: Dictionary<Utf8, Int8 | Int16>, batchRows: number): ColumnSlot {
  const buffer = values.length <= INT8_DICTIONARY_SIZE ? new Int8Array(batchRows) : new Int16Array(batchRows);
  // One Vector for all batches: Arrow writes a dictionary batch only when it sees a new dictionary instance, and the
  // file format forbids replacing a dictionary, so a fresh vector per batch would make the second batch throw.
  const dictionary = utf8Vector(values);
  const size = values.length;
  const toData = (length: number, firstRow: number): Data => {
    // A bad code would be written happily and only fail (or read as garbage) when the file is opened; catch it here.
    for (let row = 0; row < length; row++) {
      const code = buffer[row];
      if (code < 0 || code >= size) {
        throw new RangeError(`column "${spec.name}": code ${code} at row ${firstRow + row} is outside its dictionary of ${size} values`);
      }
    }
    return makeData({ type, length, nullCount: 0, data: buffer.subarray(0, length), dictionary });
  };
  return { spec, buffer, toData };
}

/** A single-chunk Utf8 vector, built directly so the dictionary is one Data (several would be written as deltas). */
function utf8Vector(values: readonly string[]): Vector<Utf8> {
  return makeVector(utf8Data(values));
}

/** Strings as one Utf8 Data: offsets and bytes built directly from the encoded strings. */
export function utf8Data(values: readonly string[]): Data<Utf8> {
  const encoder = new TextEncoder();
  const encoded = values.map((value) => encoder.encode(value));
  const valueOffsets = new Int32Array(values.length + 1);
  for (let k = 0; k < encoded.length; k++) valueOffsets[k + 1] = valueOffsets[k] + encoded[k].byteLength;
  const bytes = new Uint8Array(valueOffsets[values.length]);
  for (let k = 0; k < encoded.length; k++) bytes.set(encoded[k], valueOffsets[k]);
  return makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets, data: bytes });
}

function alignTo8(bytes: number): number {
  return (bytes + 7) & ~7;
}

/**
 * Packs the first `length` bytes of `values` (non-zero = true) into `bits`, least significant bit first as Arrow
 * wants, and returns the packed prefix padded with zero bytes to a multiple of 8. Bits past `length` are cleared so
 * stale rows from an earlier batch cannot change the file's bytes.
 */
function packBits(values: Uint8Array, length: number, bits: Uint8Array): Uint8Array {
  const wholeBytes = length >>> 3;
  for (let byte = 0, row = 0; byte < wholeBytes; byte++, row += 8) {
    bits[byte] =
      (values[row] !== 0 ? 1 : 0) |
      (values[row + 1] !== 0 ? 2 : 0) |
      (values[row + 2] !== 0 ? 4 : 0) |
      (values[row + 3] !== 0 ? 8 : 0) |
      (values[row + 4] !== 0 ? 16 : 0) |
      (values[row + 5] !== 0 ? 32 : 0) |
      (values[row + 6] !== 0 ? 64 : 0) |
      (values[row + 7] !== 0 ? 128 : 0);
  }
  let usedBytes = wholeBytes;
  if ((length & 7) !== 0) {
    let last = 0;
    for (let row = wholeBytes << 3; row < length; row++) if (values[row] !== 0) last |= 1 << (row & 7);
    bits[usedBytes++] = last;
  }
  const padded = alignTo8(usedBytes);
  bits.fill(0, usedBytes, padded);
  return bits.subarray(0, padded);
}
