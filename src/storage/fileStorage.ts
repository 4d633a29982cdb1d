/**
 * A botbuilder {@link Storage} that keeps one JSON file per key in a folder: the embedded default of
 * `npm start` (STORAGE=file). It behaves like the Azure stores the bot uses in production:
 *
 * - **eTags.** Every write gives the item a new eTag, returned by `read`. A write whose `eTag` differs from the
 *   stored one (or names an item that no longer exists) throws {@link ETagConflictError} (HTTP-like status 412,
 *   message as botbuilder's own stores: `Storage: error writing "<key>" due to eTag conflict.`). A write with
 *   `eTag: '*'` or without an eTag overwrites.
 * - **Atomic writes.** The new content goes to a temporary file in the same folder, is flushed, and is renamed
 *   over the old file, so a crash leaves either the old or the new item, never half of one.
 * - **Serialised per key** inside the process: the eTag check and the rename of one key never interleave.
 *   Two *processes* sharing one folder are not coordinated; scale out with STORAGE=blob or cosmos.
 * - **Any key.** Keys (`msteams/conversations/a:1…`) are encoded into portable file names (lower-case letters,
 *   digits and `-` kept, everything else `_xx` hex bytes; safe on case-insensitive file systems); very long keys
 *   are shortened with a SHA-256 of the key. The key is also stored in the file.
 * - **Private.** The folder is made (or set to) 0700 and every file is written 0600: the files hold what
 *   trainees typed, and other users of the machine may not read them.
 *
 * @example
 * const storage = new FileStorage('/var/lib/bot/data');
 * const conversationState = new ConversationState(storage);
 */
import { createHash, randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Storage, StoreItems } from 'botbuilder';

/** Thrown when a write carries an eTag that is no longer the stored one. */
export class ETagConflictError extends Error {
  /** Like the Azure SDKs' errors: 412 Precondition Failed. */
  readonly statusCode = 412;
  readonly code = 'PreconditionFailed';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export interface FileStorageOptions {
  /** fsync each file before the rename (default true): the write survives a machine crash, not only a process crash. */
  durable?: boolean;
}

/** What one file holds. */
interface FileRecord {
  key: string;
  eTag: string;
  document: Record<string, unknown>;
}

const MAX_NAME = 200;
/** Owner only. */
export const FILE_MODE = 0o600;
export const FOLDER_MODE = 0o700;

/**
 * Encodes a storage key into a file name made of `[a-z0-9_-]` (plus `~` before a hash for long keys).
 * Injective for names up to {@link MAX_NAME} characters; longer ones end with the key's SHA-256.
 */
export function keyToFileName(key: string): string {
  if (typeof key !== 'string' || key.length === 0) throw new Error('FileStorage: keys must be non-empty strings');
  let encoded = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const isSafe = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d;
    encoded += isSafe ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`;
  }
  if (encoded.length > MAX_NAME) {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    encoded = `${encoded.slice(0, MAX_NAME - 65)}~${hash}`;
  }
  return `${encoded}.json`;
}

export class FileStorage implements Storage {
  private readonly durable: boolean;
  private readonly locks = new Map<string, Promise<unknown>>();
  private ready?: Promise<void>;

  /** @param folder where the item files go; created on first use. */
  constructor(
    readonly folder: string,
    options: FileStorageOptions = {},
  ) {
    if (!folder) throw new Error('FileStorage: a folder is required (DATA_DIR)');
    this.folder = path.resolve(folder);
    this.durable = options.durable ?? true;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new Error('FileStorage.read: keys must be an array');
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const record = await this.readRecord(key);
        if (record) items[key] = { ...record.document, eTag: record.eTag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new Error('FileStorage.write: changes must be an object');
    await this.ensureFolder();
    await Promise.all(
      Object.entries(changes).map(([key, item]) =>
        this.withKeyLock(key, async () => {
          const { eTag, ...document } = (item ?? {}) as Record<string, unknown>;
          if (typeof eTag === 'string' && eTag !== '*' && eTag !== '') {
            const current = await this.readRecord(key);
            if (!current || current.eTag !== eTag) throw new ETagConflictError(key);
          }
          const record: FileRecord = { key, eTag: randomUUID(), document };
          await this.writeAtomically(this.fileOf(key), JSON.stringify(record));
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new Error('FileStorage.delete: keys must be an array');
    await Promise.all(
      keys.map((key) =>
        this.withKeyLock(key, async () => {
          await fs.rm(this.fileOf(key), { force: true });
        }),
      ),
    );
  }

  private fileOf(key: string): string {
    return path.join(this.folder, keyToFileName(key));
  }

  private async readRecord(key: string): Promise<FileRecord | undefined> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    let record: FileRecord;
    try {
      record = JSON.parse(text) as FileRecord;
    } catch (err) {
      throw new Error(`FileStorage: ${file} is not valid JSON (${(err as Error).message})`);
    }
    if (record.key !== key) {
      // Only possible for hashed long names: a SHA-256 collision or a hand-edited file.
      throw new Error(`FileStorage: ${file} holds key "${record.key}", expected "${key}"`);
    }
    return record;
  }

  private async writeAtomically(file: string, content: string): Promise<void> {
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      const handle = await fs.open(temp, 'w', FILE_MODE);
      try {
        await handle.writeFile(content, 'utf8');
        if (this.durable) await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  private ensureFolder(): Promise<void> {
    this.ready ??= fs.mkdir(this.folder, { recursive: true, mode: FOLDER_MODE }).then(
      // An existing folder keeps its mode through mkdir: set it.
      () => fs.chmod(this.folder, FOLDER_MODE),
      (err: unknown) => {
        this.ready = undefined;
        throw err;
      },
    );
    return this.ready;
  }

  /** Runs `task` after every earlier task of the same key has settled. */
  private withKeyLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return run;
  }
}
