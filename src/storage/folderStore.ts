/**
 * The engine under {@link FileStorage}: one per data folder in a process, shared by every FileStorage on that
 * folder (the bot's state, progress, the Direct Line's records) so that they see one another's writes.
 *
 * Where an item lives:
 * - **memory**: every item read or written is kept (up to `cacheBytes`, least recently used dropped first), so
 *   reads after the first come from memory. Items written again and again without being read in between (the
 *   embedded Direct Line's conversation logs, which it holds itself) keep only their eTag once their file is
 *   written: their text would be memory spent twice;
 * - **the journal** (./journal): a write is acknowledged once its line is in the journal and the journal is
 *   fsynced, with every other write of the same tick (group commit);
 * - **its own file** (`<keyToFileName(key)>`, `{"key","eTag","document"}`, the layout of the earlier file
 *   store): written when the item is created, and from then on at most once per `flushIntervalMs` with its
 *   latest version. The files are what the retention sweeper ages and what other processes read.
 *
 * A checkpoint (when the journal passes `maxJournalBytes`, when writes pause, and on {@link FolderStore.checkpoint})
 * starts a new journal, writes every changed item to its file, fsyncs those files and the folder, and deletes
 * the older journals. At start the journals left by a crash are replayed over the files, in order, so nothing
 * acknowledged is lost; a torn last line was never acknowledged and is ignored. A folder of the earlier layout
 * (files only) is simply a folder without journals.
 *
 * Read-only users (a CLI export, a test) replay the journals into memory but never write or delete anything;
 * only the first write or delete in a process makes it the folder's writer. Two writing processes on one folder
 * are not coordinated; scale out with STORAGE=blob or cosmos.
 */
import { randomUUID } from 'crypto';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import type { StoreItem, StoreItems } from 'botbuilder';
import { FILE_MODE, FOLDER_MODE, keyToFileName } from './fileNames';
import { encodeEntry, Journal, journalFileName, journalGeneration, readJournal, syncFolder } from './journal';

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

export interface FolderStoreOptions {
  /** fsync the journal (and, at checkpoints, the files): acknowledged writes survive a machine crash too. */
  durable: boolean;
  /** Changed items reach their own files at most this long after the write. */
  flushIntervalMs: number;
  /** A checkpoint starts a new journal once the current one is this large. */
  maxJournalBytes: number;
  /** Memory for cached items (JSON characters); the least recently used unchanged ones go first. */
  cacheBytes: number;
}

/** What memory knows of one key. */
interface Entry {
  /** Undefined when the item does not exist (never written, or deleted). */
  eTag?: string;
  /**
   * The document (the item without its eTag) as JSON; undefined when the item does not exist, or when only its
   * file holds it (an item that exists, unchanged since its file was written, whose text was dropped).
   */
  text?: string;
  /** The item's own file exists (a new item's file is written before its write is acknowledged). */
  onDisk: boolean;
  /** Read since this version was written. */
  read?: boolean;
  /** The version before this one was read: the item is read between writes, worth keeping in memory. */
  readBefore?: boolean;
}

/** Files opened at once by a checkpoint. */
const PARALLEL_FILES = 16;

const openStores = new Map<string, FolderStore>();

/**
 * The engine of `folder` in this process, made on first use. `shared: false` gives a private engine instead: a
 * fresh view of what is on disk now, for a test or tool that reads a folder another process writes.
 */
export function folderStoreFor(folder: string, options: FolderStoreOptions, shared = true): FolderStore {
  const resolved = path.resolve(folder);
  if (!shared) return new FolderStore(resolved, options);
  let store = openStores.get(resolved);
  if (!store) {
    store = new FolderStore(resolved, options);
    openStores.set(resolved, store);
  }
  return store;
}

/** The engine already serving `folder` in this process, if any (the retention sweeper deletes through it). */
export function liveFolderStore(folder: string): FolderStore | undefined {
  return openStores.get(path.resolve(folder));
}

export class FolderStore {
  private readonly entries = new Map<string, Entry>();
  /** Keys whose latest version is newer than their file. Never dropped from memory. */
  private readonly dirty = new Set<string>();
  /** Keys whose file was written since the last checkpoint and is not fsynced yet. */
  private readonly unsynced = new Set<string>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly fileTasks = new Map<string, Promise<void>>();
  private cachedChars = 0;
  private journal?: { generation: number; opening: Promise<Journal> };
  private nextGeneration = 1;
  /** Journals found at start, deleted by the first checkpoint. */
  private replayedGenerations: number[] = [];
  private opened?: Promise<void>;
  private writable?: Promise<void>;
  private flushTimer?: NodeJS.Timeout;
  private checkpointing?: Promise<void>;
  private writesSinceFlush = 0;

  constructor(
    readonly folder: string,
    private readonly options: FolderStoreOptions,
  ) {}

  /** Items' JSON characters in memory (plus a little per key). */
  get cachedCharacters(): number {
    return this.cachedChars;
  }

  async read(keys: string[]): Promise<StoreItems> {
    await this.open();
    const items: StoreItems = {};
    await Promise.all(keys.filter((key) => !this.entries.has(key)).map((key) => this.load(key)));
    for (const key of keys) {
      let entry = this.entries.get(key);
      // Dropped from memory while another key loaded (only when the cache is full), or only its file holds its
      // text (an unchanged item, so the file holds this very version): load it again.
      while (!entry || (entry.eTag !== undefined && entry.text === undefined)) {
        if (entry) this.forget(key, entry);
        await this.load(key);
        entry = this.entries.get(key);
      }
      entry.read = true;
      this.touch(key, entry);
      if (entry.text !== undefined) {
        const document = JSON.parse(entry.text) as StoreItem;
        document.eTag = entry.eTag;
        items[key] = document;
      }
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, item]) => {
        const { eTag, ...document } = (item ?? {}) as StoreItem;
        const text = JSON.stringify(document);
        return this.change(key, (current) => {
          if (typeof eTag === 'string' && eTag !== '*' && eTag !== '') {
            if (current.eTag !== eTag) throw new ETagConflictError(key);
          }
          return { eTag: randomUUID(), text, onDisk: current.onDisk, readBefore: current.read === true };
        });
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) => this.change(key, (current) => ({ onDisk: current.onDisk, readBefore: current.read === true }))),
    );
  }

  /**
   * Deletes `key` if its stored version is still `eTag` and nothing newer waits for its file (the sweeper read
   * that version's file and found it expired). Returns whether it deleted.
   */
  async expire(key: string, eTag: string): Promise<boolean> {
    return this.change(key, (current) => (current.eTag !== eTag || this.dirty.has(key) ? undefined : { onDisk: true }));
  }

  /**
   * Writes every changed item to its own file, fsyncs them and the folder, and deletes the journals they came
   * from. Runs by itself when writes pause; call it before copying the folder or at shutdown.
   */
  checkpoint(): Promise<void> {
    this.checkpointing ??= this.runCheckpoint().finally(() => (this.checkpointing = undefined));
    return this.checkpointing;
  }

  /**
   * One change of one key: waits for the key's current version, lets `decide` turn it into the next one
   * (throwing to refuse, undefined to leave it), and commits that through the journal. The decision and the
   * change in memory happen in one synchronous step, so concurrent changes of a key see each other.
   */
  private async change(key: string, decide: (current: Entry) => Entry | undefined): Promise<boolean> {
    if (typeof key !== 'string' || key.length === 0) throw new Error('FileStorage: keys must be non-empty strings');
    await this.open();
    await this.makeWritable();
    while (!this.entries.has(key)) await this.load(key);
    const previous = this.entries.get(key)!;
    const next = decide(previous);
    if (!next) return false;
    this.setEntry(key, next);
    this.dirty.add(key);
    this.writesSinceFlush++;
    const line = encodeEntry({ key, eTag: next.eTag, documentText: next.text });
    await this.appendToJournal(line, () => {
      // The batch failed: nothing was acknowledged; back to the previous version unless a later change won.
      if (this.entries.get(key) === next) this.setEntry(key, previous);
      this.dirty.add(key);
    });
    // A new item gets its own file at once, a deleted one loses it at once; updates wait for the next flush.
    if (next.eTag === undefined || !next.onDisk) await this.materialize(key).catch(() => undefined);
    this.scheduleFlush();
    return true;
  }

  private appendToJournal(line: string, undo: () => void): Promise<void> {
    if (!this.journal) {
      const generation = this.nextGeneration++;
      const opening = Journal.open(this.folder, generation, { durable: this.options.durable, fileMode: FILE_MODE });
      this.journal = { generation, opening };
      opening.catch(() => {
        if (this.journal?.opening === opening) this.journal = undefined;
      });
    }
    // Taken synchronously: lines are appended in the order of the changes, and a checkpoint that retires this
    // journal waits on the same promise after these appends.
    return this.journal.opening.then(
      (journal) => journal.append(line, undo),
      (err: unknown) => {
        undo();
        throw err;
      },
    );
  }

  private open(): Promise<void> {
    this.opened ??= this.replay().catch((err: unknown) => {
      this.opened = undefined;
      throw err;
    });
    return this.opened;
  }

  /** Loads what the journals of an earlier run hold: newer than the files they name. */
  private async replay(): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const generations = names
      .map(journalGeneration)
      .filter((g): g is number => g !== undefined)
      .sort((a, b) => a - b);
    for (const generation of generations) {
      await readJournal(path.join(this.folder, journalFileName(generation)), (entry) => {
        this.setEntry(entry.key, { eTag: entry.eTag, text: entry.documentText, onDisk: false });
        this.dirty.add(entry.key);
      });
    }
    this.replayedGenerations = generations;
    this.nextGeneration = (generations.at(-1) ?? 0) + 1;
  }

  private makeWritable(): Promise<void> {
    this.writable ??= (async () => {
      await fs.mkdir(this.folder, { recursive: true, mode: FOLDER_MODE });
      // An existing folder keeps its mode through mkdir: set it.
      await fs.chmod(this.folder, FOLDER_MODE);
      // A crash left journals: their items go to their files with the next flush.
      if (this.replayedGenerations.length > 0) this.scheduleFlush();
    })().catch((err: unknown) => {
      this.writable = undefined;
      throw err;
    });
    return this.writable;
  }

  private fileOf(key: string): string {
    return path.join(this.folder, keyToFileName(key));
  }

  /** Reads a key's own file into memory (unless a change got there first). */
  private load(key: string): Promise<void> {
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.readFile(key)
        .then((entry) => {
          if (!this.entries.has(key)) this.setEntry(key, entry);
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  private async readFile(key: string): Promise<Entry> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { onDisk: false };
      throw err;
    }
    let record: { key?: unknown; eTag?: unknown; document?: unknown };
    try {
      record = JSON.parse(text) as typeof record;
    } catch (err) {
      throw new Error(`FileStorage: ${file} is not valid JSON (${(err as Error).message})`);
    }
    if (record.key !== key) {
      // Only possible for hashed long names: a SHA-256 collision or a hand-edited file.
      throw new Error(`FileStorage: ${file} holds key "${String(record.key)}", expected "${key}"`);
    }
    return { eTag: String(record.eTag), text: JSON.stringify(record.document ?? {}), onDisk: true };
  }

  /** Brings a key's own file up to its latest version (or removes it), one file operation per key at a time. */
  private materialize(key: string): Promise<void> {
    return this.fileTask(key, async () => {
      const entry = this.entries.get(key);
      if (!this.dirty.has(key) || !entry) return;
      this.dirty.delete(key);
      try {
        const file = this.fileOf(key);
        if (entry.eTag === undefined) {
          await fs.rm(file, { force: true });
        } else if (entry.text === undefined) {
          // Only its file holds this version's text (a failed batch brought it back): nothing to write.
        } else {
          const record = `{"key":${JSON.stringify(key)},"eTag":${JSON.stringify(entry.eTag)},"document":${entry.text}}`;
          await writeAtomically(file, record);
        }
        entry.onDisk = entry.eTag !== undefined;
        this.unsynced.add(key);
        // Written twice without a read in between: from now on only the file keeps this version's text.
        if (!entry.read && !entry.readBefore && !this.dirty.has(key)) this.dropText(key, entry);
      } catch (err) {
        this.dirty.add(key);
        throw err;
      }
    });
  }

  private async materializeAll(): Promise<void> {
    await inBatches([...this.dirty], (key) => this.materialize(key));
  }

  private async runCheckpoint(): Promise<void> {
    await this.open();
    if (!this.journal && this.replayedGenerations.length === 0 && this.dirty.size === 0 && this.unsynced.size === 0)
      return;
    await this.makeWritable();
    // New changes go to a new journal from here on; the retired ones are deleted once their items are safe.
    const retired = [...this.replayedGenerations];
    const current = this.journal;
    this.journal = undefined;
    if (current) {
      retired.push(current.generation);
      const journal = await current.opening.catch(() => undefined);
      await journal?.close();
    }
    await this.materializeAll();
    const written = [...this.unsynced];
    this.unsynced.clear();
    try {
      if (this.options.durable) {
        await inBatches(written, (key) => this.fileTask(key, () => syncFile(this.fileOf(key))));
        await syncFolder(this.folder);
      }
    } catch (err) {
      for (const key of written) this.unsynced.add(key);
      this.replayedGenerations = retired;
      throw err;
    }
    for (const generation of retired) await fs.rm(path.join(this.folder, journalFileName(generation)), { force: true });
    // A deleted journal must stay deleted: replayed after newer files, it would bring back older versions.
    if (this.options.durable && retired.length > 0) await syncFolder(this.folder);
    this.replayedGenerations = [];
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.options.flushIntervalMs);
    this.flushTimer.unref();
  }

  /** The periodic write-behind: changed items to their files; a checkpoint when writes paused or the journal grew. */
  private async flush(): Promise<void> {
    const paused = this.writesSinceFlush === 0;
    this.writesSinceFlush = 0;
    try {
      const journal = this.journal && (await this.journal.opening.catch(() => undefined));
      if (paused || (journal?.bytes ?? 0) > this.options.maxJournalBytes) await this.checkpoint();
      else await this.materializeAll();
    } catch (err) {
      if (!existsSync(this.folder)) {
        // The folder was deleted under us (a test's temporary folder): nothing left to keep.
        this.dispose();
        return;
      }
      void err; // tried again at the next flush
    }
    if (this.journal || this.dirty.size > 0 || this.unsynced.size > 0 || this.replayedGenerations.length > 0)
      this.scheduleFlush();
  }

  private dispose(): void {
    if (openStores.get(this.folder) === this) openStores.delete(this.folder);
    clearTimeout(this.flushTimer);
    void this.journal?.opening.then((journal) => journal.close()).catch(() => undefined);
    this.journal = undefined;
  }

  /** Runs `task` after every earlier file operation on the same key has settled. */
  private fileTask(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.fileTasks.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.fileTasks.set(key, tail);
    void tail.then(() => {
      if (this.fileTasks.get(key) === tail) this.fileTasks.delete(key);
    });
    return run;
  }

  private setEntry(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) {
      this.cachedChars -= sizeOf(key, old);
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.cachedChars += sizeOf(key, entry);
    if (this.cachedChars > this.options.cacheBytes) this.evict();
  }

  /** Marks a key as recently used (a Map keeps insertion order: the first keys are the least recently used). */
  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.cachedChars <= this.options.cacheBytes * 0.9) return;
      if (this.dirty.has(key) || this.fileTasks.has(key)) continue;
      this.forget(key, entry);
    }
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.cachedChars -= sizeOf(key, entry);
  }

  /** Keeps the item's eTag (a write needs no file read) and leaves its text to its file, which holds it now. */
  private dropText(key: string, entry: Entry): void {
    if (this.entries.get(key) !== entry || entry.text === undefined || !entry.onDisk) return;
    this.cachedChars -= entry.text.length;
    entry.text = undefined;
  }
}

function sizeOf(key: string, entry: Entry): number {
  return key.length + (entry.text?.length ?? 0) + 64;
}

async function inBatches<T>(items: T[], task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL_FILES)
    await Promise.all(items.slice(i, i + PARALLEL_FILES).map(task));
}

/** Temporary file in the same folder, then a rename: a crash leaves the old or the new file, never half of one. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(temp, content, { encoding: 'utf8', mode: FILE_MODE });
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

async function syncFile(file: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // deleted since: nothing to keep
    throw err;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
