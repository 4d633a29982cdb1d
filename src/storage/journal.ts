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

/** zlib.crc32 from Node 20.15 on; a table-driven CRC-32 for older 20.x. */
const crc32: (text: string) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (text) => zlib.crc32(text)
    : (() => {
        const table = Array.from({ length: 256 }, (_, n) => {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          return c >>> 0;
        });
        return (text: string) => {
          let c = 0xffffffff;
          for (const byte of Buffer.from(text, 'utf8')) c = table[(c ^ byte) & 0xff] ^ (c >>> 8);
          return (c ^ 0xffffffff) >>> 0;
        };
      })();

/** One journal line. The document is spliced in as text: it was serialised once, for the cache. */
export function encodeEntry(entry: JournalEntry): string {
  const json =
    entry.documentText === undefined
      ? `{"k":${JSON.stringify(entry.key)},"d":null}`
      : `{"k":${JSON.stringify(entry.key)},"e":${JSON.stringify(entry.eTag)},"d":${entry.documentText}}`;
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** The entries of a journal file's text, in order, up to the first torn or damaged line. */
export function decodeJournal(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  const lines = text.split('\n');
  // The part after the last newline is a line whose write did not finish: never acknowledged.
  lines.pop();
  for (const line of lines) {
    const json = line.slice(9);
    if (line[8] !== ' ' || line.slice(0, 8) !== crc32(json).toString(16).padStart(8, '0')) break;
    let parsed: { k?: unknown; e?: unknown; d?: unknown };
    try {
      parsed = JSON.parse(json) as typeof parsed;
    } catch {
      break;
    }
    if (typeof parsed.k !== 'string') break;
    entries.push(
      parsed.d === null || parsed.d === undefined
        ? { key: parsed.k }
        : { key: parsed.k, eTag: String(parsed.e), documentText: JSON.stringify(parsed.d) },
    );
  }
  return entries;
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
