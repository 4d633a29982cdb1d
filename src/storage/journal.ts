/**
 * The write-ahead journal of {@link FileStorage}: an append-only file of changes with group commit. Every change
 * queued in the same tick of the event loop (and every change queued while the previous batch was being
 * flushed) goes to the file in one write and one fsync; each waiting writer is answered when its batch is on
 * disk. One fsync per batch instead of one file (and one fsync) per item per turn is what makes the file store
 * keep up with the memory store.
 *
 * Format: one line per change, `<crc32 of the JSON, 8 hex> <JSON>\n`, the JSON being
 * `{"k":key,"e":eTag,"d":document}` for a write and `{"k":key,"d":null}` for a delete. A crash can only tear
 * the last line of the last journal, which was never acknowledged: {@link decodeJournal} stops at the first
 * line that is incomplete or fails its checksum.
 *
 * Journals are numbered (`journal-<generation>.log`); the store starts a new generation at every checkpoint
 * and deletes the older ones once their items are safely in their own files.
 *
 * @example
 * const journal = await Journal.open(folder, 1, { durable: true });
 * await journal.append(encodeEntry({ key: 'k', eTag: 'e1', documentText: '{"v":1}' }));
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/** One change: a write (`documentText` is the document's JSON) or a delete (`documentText` undefined). */
export interface JournalEntry {
  key: string;
  eTag?: string;
  documentText?: string;
}

const JOURNAL_NAME = /^journal-(\d+)\.log$/;

export function journalFileName(generation: number): string {
  return `journal-${generation}.log`;
}

/** The generation of a journal file name, or undefined for any other file. */
export function journalGeneration(fileName: string): number | undefined {
  const match = JOURNAL_NAME.exec(fileName);
  return match ? Number(match[1]) : undefined;
}

/** zlib.crc32 from Node 20.15 on; a table-driven CRC-32 for older 20.x. Of a string's UTF-8 bytes, or of bytes. */
const crc32: (data: string | Buffer) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data) => zlib.crc32(data)
    : (() => {
        const table = Array.from({ length: 256 }, (_, n) => {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          return c >>> 0;
        });
        return (data: string | Buffer) => {
          let c = 0xffffffff;
          for (const byte of typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
            c = table[(c ^ byte) & 0xff] ^ (c >>> 8);
          return (c ^ 0xffffffff) >>> 0;
        };
      })();

const checksum = (data: string | Buffer) => crc32(data).toString(16).padStart(8, '0');

/** One journal line. The document is spliced in as text: it was serialised once, for the cache. */
export function encodeEntry(entry: JournalEntry): string {
  const json =
    entry.documentText === undefined
      ? `{"k":${JSON.stringify(entry.key)},"d":null}`
      : `{"k":${JSON.stringify(entry.key)},"e":${JSON.stringify(entry.eTag)},"d":${entry.documentText}}`;
  return `${checksum(json)} ${json}\n`;
}

/** The entries of a journal file's text, in order, up to the first torn or damaged line. */
export function decodeJournal(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  decodeLines(Buffer.from(text, 'utf8'), (entry) => entries.push(entry));
  return entries;
}

/** Bytes read from a journal file at a time; a longer line is put together from several reads. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Calls `onEntry` with each entry of a journal file, in order, up to the first torn or damaged line. The file is
 * read a chunk at a time and each document is cut out of its line as text, never parsed: replaying a 16 MB
 * journal after a crash holds about one line in memory, not the whole file and every version of every document
 * in it.
 */
export async function readJournal(file: string, onEntry: (entry: JournalEntry) => void): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    let pending = Buffer.alloc(0);
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(READ_CHUNK_BYTES, pending.length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      // The bytes after the last newline at the end of the file are a line whose write did not finish.
      if (bytesRead === 0) return;
      const bytes =
        pending.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      const { used, damaged } = decodeLines(bytes, onEntry);
      if (damaged) return;
      pending = Buffer.from(bytes.subarray(used));
    }
  } finally {
    await handle.close();
  }
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Decodes the complete lines of `bytes`; returns how many bytes they took, and whether a damaged line ended it. */
function decodeLines(bytes: Buffer, onEntry: (entry: JournalEntry) => void): { used: number; damaged: boolean } {
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end < 0) return { used: start, damaged: false };
    const entry = decodeLine(bytes.subarray(start, end));
    if (!entry) return { used: start, damaged: true };
    onEntry(entry);
    start = end + 1;
  }
}

/** One line (without its newline), or undefined when it fails its checksum or is not an entry. */
function decodeLine(line: Buffer): JournalEntry | undefined {
  if (line.length < 9 || line[8] !== 0x20) return undefined;
  const json = line.subarray(9);
  if (line.toString('latin1', 0, 8) !== checksum(json)) return undefined;
  return cutEntry(json) ?? parseEntry(json);
}

/**
 * The entry of a line as {@link encodeEntry} writes it, `{"k":…,"e":…,"d":…}` or `{"k":…,"d":null}`, with the
 * document cut out as text; undefined for any other layout (then parsed whole).
 */
function cutEntry(json: Buffer): JournalEntry | undefined {
  if (!startsWith(json, 0, '{"k":"')) return undefined;
  const keyEnd = endOfString(json, 5);
  const key = keyEnd < 0 ? undefined : parseString(json, 5, keyEnd);
  if (key === undefined) return undefined;
  if (startsWith(json, keyEnd, ',"d":null}') && keyEnd + 10 === json.length) return { key };
  if (!startsWith(json, keyEnd, ',"e":"')) return undefined;
  const eTagEnd = endOfString(json, keyEnd + 5);
  const eTag = eTagEnd < 0 ? undefined : parseString(json, keyEnd + 5, eTagEnd);
  if (eTag === undefined || !startsWith(json, eTagEnd, ',"d":') || json[json.length - 1] !== 0x7d) return undefined;
  const documentText = json.toString('utf8', eTagEnd + 5, json.length - 1);
  return documentText === 'null' ? { key } : { key, eTag, documentText };
}

/** A line of another layout: parsed, its document serialised again. */
function parseEntry(json: Buffer): JournalEntry | undefined {
  let parsed: { k?: unknown; e?: unknown; d?: unknown };
  try {
    parsed = JSON.parse(json.toString('utf8')) as typeof parsed;
  } catch {
    return undefined;
  }
  if (typeof parsed.k !== 'string') return undefined;
  return parsed.d === null || parsed.d === undefined
    ? { key: parsed.k }
    : { key: parsed.k, eTag: String(parsed.e), documentText: JSON.stringify(parsed.d) };
}

function startsWith(bytes: Buffer, at: number, text: string): boolean {
  return bytes.toString('latin1', at, at + text.length) === text;
}

/** The index just after the JSON string starting (with its quote) at `start`, or -1. */
function endOfString(bytes: Buffer, start: number): number {
  for (let i = start + 1; i < bytes.length; i++) {
    if (bytes[i] === BACKSLASH) i++;
    else if (bytes[i] === QUOTE) return i + 1;
  }
  return -1;
}

function parseString(bytes: Buffer, start: number, end: number): string | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8', start, end));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

interface Waiter {
  line: string;
  resolve: () => void;
  reject: (err: unknown) => void;
  /** Undoes the change in memory when its batch could not be written. */
  undo: () => void;
}

/** One open journal file with group commit. */
export class Journal {
  /** Bytes acknowledged so far. */
  bytes = 0;
  private queue: Waiter[] = [];
  private flushing?: Promise<void>;
  private scheduled = false;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
    private readonly durable: boolean,
  ) {}

  /** Creates (or reopens) `journal-<generation>.log` in `folder`, owner-only, and makes its name durable. */
  static async open(folder: string, generation: number, options: { durable: boolean; fileMode: number }) {
    const file = path.join(folder, journalFileName(generation));
    const handle = await fs.open(file, 'a', options.fileMode);
    const journal = new Journal(file, handle, options.durable);
    journal.bytes = (await handle.stat()).size;
    // A new file's directory entry must survive a power cut as well as its content.
    if (options.durable) await syncFolder(folder);
    return journal;
  }

  /**
   * Resolves once `line` (from {@link encodeEntry}) is written, and fsynced when durable, together with every
   * line appended in the same tick. If the batch fails, the `undo`s of its lines run newest first and each
   * `append` rejects.
   */
  append(line: string, undo: () => void): Promise<void> {
    if (this.closed) return Promise.reject(new Error('FileStorage: the journal is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject, undo });
      if (!this.scheduled && !this.flushing) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Waits for everything appended so far, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.scheduled) await (this.flushing ?? new Promise((r) => setImmediate(r)));
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      this.flushing = this.writeBatch(batch);
      await this.flushing;
      this.flushing = undefined;
    }
  }

  private async writeBatch(batch: Waiter[]): Promise<void> {
    const buffer = Buffer.from(batch.map((waiter) => waiter.line).join(''), 'utf8');
    const sizeBefore = this.bytes;
    try {
      let written = 0;
      while (written < buffer.length) {
        const { bytesWritten } = await this.handle.write(buffer, written, buffer.length - written);
        written += bytesWritten;
      }
      if (this.durable) await this.handle.datasync();
      this.bytes += buffer.length;
      for (const waiter of batch) waiter.resolve();
    } catch (err) {
      // Nothing of this batch was acknowledged: take it out of the file if possible, and out of memory.
      await this.handle.truncate(sizeBefore).catch(() => undefined);
      for (const waiter of [...batch].reverse()) waiter.undo();
      for (const waiter of batch) waiter.reject(err);
    }
  }
}

/** fsync of a folder: makes the creation, rename or removal of its entries durable. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
