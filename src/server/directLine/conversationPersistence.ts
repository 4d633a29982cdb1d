/**
 * Keeps the embedded Direct Line's conversations in the bot's own {@link Storage} (STORAGE=file, memory, blob or
 * cosmos), so a page reconnects after a restart, or a crash, with its token and watermark and goes on.
 *
 * One item per conversation, `embedded-directline/conversations/<id>`: its tokens, guests' included (as SHA-256
 * hashes, never the bearer tokens themselves), its activity log with the watermark sequence numbers, its user and the client
 * activity ids of recent posts (so a retry after a crash neither runs a turn twice nor loses it). The key holds
 * `/conversations/`, so the retention sweeper treats it like conversation state (CONVERSATION_RETENTION_HOURS).
 *
 * Writes are per conversation and coalesced: a change while a write of that conversation is in flight is
 * written once that write is done, with whatever the conversation holds by then (a reply batch is one or two
 * writes, not one per reply). Polls and stream frames write nothing. {@link ConversationPersistence.flush}
 * resolves once everything changed before the call is stored: the Direct Line answers a posted activity only
 * after that (honest acknowledgements).
 *
 * @example
 * const persistence = new ConversationPersistence(storage, log);
 * persistence.changed(id, () => snapshotOf(record));
 * await persistence.flush(id); // durable now
 */
import type { Storage } from 'botbuilder';
import type { Logger } from '../../logging';

/** An activity of the log (directLineStore's DlActivity; declared here so the store can import this module). */
export interface StoredActivity {
  type: string;
  id: string;
  timestamp: string;
  [key: string]: unknown;
}

/** What one conversation looks like in storage (plain JSON). */
export interface StoredConversation {
  /** Format version. */
  v: 1;
  id: string;
  createdAt: number;
  lastActiveAt: number;
  started: boolean;
  userId: string;
  userFixed: boolean;
  nextSeq: number;
  nextActivityNumber: number;
  /** [SHA-256 of the token (base64url), expiry in ms since epoch]. */
  tokens: [string, number][];
  log: { seq: number; activity: StoredActivity }[];
  /** Recent client posts: [clientActivityID, stored activity id, the turn ran]. */
  posts: [string, string, boolean][];
  /** Guest tokens (group demo rooms): [SHA-256 of the token, the guest's user id, watermark they see from]. */
  guests?: [string, string, number][];
}

export const STORAGE_PREFIX = 'embedded-directline/conversations/';

/** The storage key of one conversation. */
export function storageKeyOf(conversationId: string): string {
  return `${STORAGE_PREFIX}${conversationId}`;
}

type PersistenceLog = Pick<Logger, 'warn'>;

interface Writer {
  /** Bumped by every change. */
  version: number;
  /** The version the last finished write held. */
  storedVersion: number;
  snapshot: () => StoredConversation;
  /** Told each document once it is in storage. */
  onStored?: (document: StoredConversation) => void;
  writing: boolean;
  /** Callers of flush, each waiting for a version. */
  waiters: { version: number; resolve: () => void; reject: (error: Error) => void }[];
  /** Tail of this conversation's storage operations (writes and the final delete run in order). */
  tail: Promise<void>;
  removed: boolean;
}

export class ConversationPersistence {
  private readonly writers = new Map<string, Writer>();

  constructor(
    private readonly storage: Storage,
    private readonly log?: PersistenceLog,
  ) {}

  /** The stored conversation, or undefined when there is none (or it is unreadable: logged, treated as gone). */
  async load(conversationId: string): Promise<StoredConversation | undefined> {
    const key = storageKeyOf(conversationId);
    const items = await this.storage.read([key]);
    const item = items[key] as (Partial<StoredConversation> & { eTag?: string }) | undefined;
    if (!item) return undefined;
    if (!isStoredConversation(item) || item.id !== conversationId) {
      this.log?.warn('directline_stored_conversation_unreadable', { conversationId });
      return undefined;
    }
    return item;
  }

  /**
   * The conversation changed: write `snapshot()` soon (coalesced with other changes of this conversation; the
   * snapshot is taken when the write starts, so changes made together go in one write). `onStored` is told each
   * document once it is in storage.
   */
  changed(
    conversationId: string,
    snapshot: () => StoredConversation,
    onStored?: (document: StoredConversation) => void,
  ): void {
    let writer = this.writers.get(conversationId);
    if (!writer || writer.removed) {
      writer = {
        version: 0,
        storedVersion: 0,
        snapshot,
        writing: false,
        waiters: [],
        tail: writer?.tail ?? Promise.resolve(),
        removed: false,
      };
      this.writers.set(conversationId, writer);
    }
    writer.snapshot = snapshot;
    writer.onStored = onStored;
    writer.version += 1;
    this.kick(conversationId, writer);
  }

  /** Resolves when every change made before this call is stored; rejects when that write failed. */
  flush(conversationId: string): Promise<void> {
    const writer = this.writers.get(conversationId);
    if (!writer || writer.removed || writer.storedVersion >= writer.version) return Promise.resolve();
    return new Promise((resolve, reject) => {
      writer.waiters.push({ version: writer.version, resolve, reject });
      this.kick(conversationId, writer);
    });
  }

  /** Deletes the stored conversation, after any write of it still in flight. */
  remove(conversationId: string): Promise<void> {
    const writer = this.writers.get(conversationId);
    const after = writer?.tail ?? Promise.resolve();
    if (writer) {
      writer.removed = true;
      for (const waiter of writer.waiters) waiter.resolve();
      writer.waiters = [];
    }
    const deleted = after.then(() => this.storage.delete([storageKeyOf(conversationId)]));
    const tail = deleted.catch((error: Error) =>
      this.log?.warn('directline_delete_failed', { conversationId, error: error.message }),
    );
    if (writer) writer.tail = tail;
    void tail.then(() => {
      if (this.writers.get(conversationId) === writer) this.writers.delete(conversationId);
    });
    return deleted;
  }

  /** Starts a write when one is due and none is in flight. */
  private kick(conversationId: string, writer: Writer): void {
    if (writer.writing || writer.removed || writer.storedVersion >= writer.version) return;
    writer.writing = true;
    let version = writer.version;
    let document: StoredConversation | undefined;
    // Snapshot at the start of the write (a later tick than the change): an activity and the client id posted
    // with it are stored together, never one without the other.
    const write = writer.tail.then(() => {
      if (writer.removed) return;
      version = writer.version;
      document = writer.snapshot();
      return this.storage.write({ [storageKeyOf(conversationId)]: document });
    });
    writer.tail = write.then(
      () => {
        writer.writing = false;
        writer.storedVersion = Math.max(writer.storedVersion, version);
        if (document && !writer.removed) writer.onStored?.(document);
        this.settle(writer, (waiter) => waiter.version <= version, 'resolve');
        if (this.writers.get(conversationId) === writer && writer.storedVersion >= writer.version && !writer.removed) {
          // Nothing left to write: forget the writer (its snapshot holds the whole log).
          this.writers.delete(conversationId);
        } else {
          this.kick(conversationId, writer);
        }
      },
      (error: Error) => {
        writer.writing = false;
        this.log?.warn('directline_write_failed', { conversationId, error: error.message });
        // Callers waiting for this write get the error (the route answers 503, the client retries); the next
        // change or flush tries again.
        this.settle(writer, (waiter) => waiter.version <= version, 'reject', error);
      },
    );
  }

  private settle(
    writer: Writer,
    matches: (waiter: Writer['waiters'][number]) => boolean,
    how: 'resolve' | 'reject',
    error?: Error,
  ): void {
    const due = writer.waiters.filter(matches);
    writer.waiters = writer.waiters.filter((waiter) => !matches(waiter));
    for (const waiter of due) {
      if (how === 'resolve') waiter.resolve();
      else waiter.reject(error ?? new Error('write failed'));
    }
  }
}

function isStoredConversation(item: Partial<StoredConversation>): item is StoredConversation {
  return (
    item.v === 1 &&
    typeof item.id === 'string' &&
    typeof item.userId === 'string' &&
    typeof item.nextSeq === 'number' &&
    typeof item.nextActivityNumber === 'number' &&
    Array.isArray(item.tokens) &&
    Array.isArray(item.log) &&
    Array.isArray(item.posts) &&
    (item.guests === undefined || Array.isArray(item.guests))
  );
}
