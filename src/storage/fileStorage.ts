/**
 * A botbuilder {@link Storage} in a folder on this machine: the embedded default of `npm start` (STORAGE=file).
 * It behaves like the Azure stores the bot uses in production:
 *
 * - **eTags.** Every write gives the item a new eTag, returned by `read`. A write whose `eTag` differs from the
 *   stored one (or names an item that no longer exists) throws {@link ETagConflictError} (HTTP-like status 412,
 *   message as botbuilder's own stores: `Storage: error writing "<key>" due to eTag conflict.`). A write with
 *   `eTag: '*'` or without an eTag overwrites.
 * - **Durable and fast.** A write is acknowledged once it is in the folder's journal, fsynced together with
 *   every other write of the same tick (group commit); reads come from memory. Each item also has its own file
 *   (`keyToFileName(key)`, holding `{"key","eTag","document"}`), written when the item is created and kept up
 *   to date within a second; a crash (kill -9 or power cut) loses no acknowledged write and tears no file:
 *   the next start replays the journal. See ./folderStore for the how.
 * - **One engine per folder** in a process: every FileStorage on a folder shares its memory and journal. Two
 *   *processes* writing one folder are not coordinated; scale out with STORAGE=blob or cosmos.
 * - **Any key.** Keys are encoded into portable file names (./fileNames).
 * - **Private.** The folder is made (or set to) 0700 and every file is written 0600: the files hold what
 *   trainees typed, and other users of the machine may not read them.
 *
 * Folders written by the earlier layout (one fsynced file per key, no journal) load as they are.
 *
 * @example
 * const storage = new FileStorage('/var/lib/bot/data');
 * const conversationState = new ConversationState(storage);
 */
import * as path from 'path';
import type { Storage, StoreItems } from 'botbuilder';
import { folderStoreFor, type FolderStore, type FolderStoreOptions } from './folderStore';

export { ETagConflictError } from './folderStore';
export { FILE_MODE, FOLDER_MODE, keyToFileName } from './fileNames';

export interface FileStorageOptions {
  /**
   * fsync the journal before acknowledging a write, and the files at checkpoints (default true): a write
   * survives a machine crash, not only a process crash.
   */
  durable?: boolean;
  /** Changed items reach their own files within this many milliseconds (default 1000). */
  flushIntervalMs?: number;
  /** Journal size that starts a checkpoint (default 16 MB). */
  maxJournalBytes?: number;
  /**
   * Memory for cached items, in JSON characters (default 16 MB); unchanged items are dropped first, least recently
   * used first. Items written again and again without a read in between keep only their eTag in any case.
   */
  cacheBytes?: number;
  /**
   * Share the folder's engine with the other FileStorages of this process (default true). `false` reads the
   * folder afresh: for a test or tool reading a folder that another process writes (never write through it
   * while another FileStorage serves the folder).
   */
  shared?: boolean;
}

export class FileStorage implements Storage {
  private readonly engine: FolderStore;

  /** @param folder where the items go; created on first write. */
  constructor(
    readonly folder: string,
    options: FileStorageOptions = {},
  ) {
    if (!folder) throw new Error('FileStorage: a folder is required (DATA_DIR)');
    this.folder = path.resolve(folder);
    const engineOptions: FolderStoreOptions = {
      durable: options.durable ?? true,
      flushIntervalMs: options.flushIntervalMs ?? 1000,
      maxJournalBytes: options.maxJournalBytes ?? 16 * 1024 * 1024,
      cacheBytes: options.cacheBytes ?? 16 * 1024 * 1024,
    };
    this.engine = folderStoreFor(this.folder, engineOptions, options.shared ?? true);
  }

  read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) return Promise.reject(new Error('FileStorage.read: keys must be an array'));
    return this.engine.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object')
      return Promise.reject(new Error('FileStorage.write: changes must be an object'));
    return this.engine.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) return Promise.reject(new Error('FileStorage.delete: keys must be an array'));
    return this.engine.delete(keys);
  }

  /**
   * Puts every item in its own file (fsynced) and deletes the journal: the folder then holds one file per item
   * and nothing else. Runs by itself when writes pause; call it before copying the folder or at shutdown.
   */
  checkpoint(): Promise<void> {
    return this.engine.checkpoint();
  }

  /** What the folder's items take in memory now, in JSON characters (bounded by `cacheBytes`). */
  get cachedCharacters(): number {
    return this.engine.cachedCharacters;
  }
}
