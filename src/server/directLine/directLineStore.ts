/**
 * In-memory state of the embedded Direct Line: conversations, their tokens and their activity logs.
 *
 * Bounded on every axis, in bytes as well as counts: idle conversations expire (default 1 hour); the number of
 * conversations is capped; each activity log keeps only its newest entries within a byte budget per
 * conversation; all logs together stay within a byte budget for the whole Direct Line; one activity may not be
 * larger than `maxActivityBytes` (413, as Azure's Direct Line refuses oversized activities); tokens expire
 * (30 minutes, like the Direct Line service; refresh issues a new one).
 *
 * Eviction takes idle conversations only, oldest first: a conversation nobody has started (a token that was
 * never used), or one without an open stream that has not been polled or posted to for `activeWindowMs`.
 * A conversation someone is using is never evicted: when only such conversations are left, a new one (or a
 * new activity over the byte budget) is refused with {@link DirectLineBusyError} (503, retry later).
 *
 * Watermarks: every log entry gets an increasing sequence number; a client that polls with `watermark=N`
 * receives the entries after N and the new watermark. An updated activity is moved to the end of the log with
 * the same id, so polling clients see the new version. With persistence, polls and streams see an entry only
 * once it is in storage, so a watermark a client holds never points past what a restart brings back (else the
 * next activities after a crash would reuse numbers the client had already passed).
 *
 * Streams: {@link DirectLineStore.subscribe} hands every stored activity, with its watermark, to the open
 * WebSocket streams of its conversation (activityStream.ts) the moment it is stored.
 *
 * Persistence: with a {@link ConversationPersistence} (the bot's storage), every change of a conversation (created,
 * token issued, started, activity stored, updated or deleted, a post's turn done) is written to storage, and a
 * conversation this process does not hold is restored from storage when a request names it or one of its tokens
 * ({@link DirectLineStore.restore}, {@link DirectLineStore.restoreForToken}; the routes call them first). Removing
 * a conversation (expired, evicted, forgotten) deletes it from storage as well. The budgets count the
 * conversations held in memory; a restored one is held again, so it counts again (and may evict idle ones).
 * Tokens are kept as SHA-256 hashes only; a token is 43 random characters followed by its conversation id, so
 * the conversation of a token can be found after a restart.
 */
import { createHash } from 'crypto';
import { ConversationPersistence, type StoredConversation } from './conversationPersistence';
import { newId, newToken, TOKEN_RANDOM_LENGTH } from './tokens';

/** An activity as the Direct Line client sees it (plain JSON). */
export interface DlActivity {
  type: string;
  id: string;
  /** ISO 8601. */
  timestamp: string;
  [key: string]: unknown;
}

export interface DlConversation {
  readonly id: string;
  readonly createdAt: number;
  lastActiveAt: number;
  /** Set once the client called POST /conversations (or posted its first activity). */
  started: boolean;
  /** The user's id when the client sends none (`dl_…`), or the one given when starting the conversation. */
  userId: string;
  /** The conversation belongs to a remembered trainee: every user activity is from `userId`, whatever it claims. */
  userFixed: boolean;
  /** Tail of the turn queue: turns of one conversation run one after another. */
  turns: Promise<void>;
  /** Turns queued or running (bounded by the delivery's queue limit). */
  pendingTurns: number;
}

export interface IssuedToken {
  conversationId: string;
  token: string;
  /** Seconds. */
  expiresIn: number;
}

/** What a Direct Line client receives per poll or per stream frame. */
export interface ActivitySet {
  activities: DlActivity[];
  watermark: string;
}

/** An open stream of one conversation. */
export interface ConversationListener {
  /** Called with each activity as it is stored (or moved to the end by an update). */
  activities(set: ActivitySet): void;
  /** The conversation expired, was evicted or forgotten. */
  ended(): void;
}

export interface CreateOptions {
  /** A chosen id (a remembered trainee's conversation); a fresh random one otherwise. */
  id?: string;
  /** The trainee's fixed user id; posted activities carry it as `from.id`. */
  userId?: string;
}

/**
 * Someone who joined this conversation (a group demo room, joinRoute.ts): what they post is from `id`, whatever the
 * conversation's own user is, and they see the activities after watermark `since` only (not what the owner said
 * before the room started).
 */
export interface Guest {
  id: string;
  since: number;
}

/** `guest`: the token is a guest's (see {@link Guest}). */
export type TokenCheck =
  { ok: true; conversationId: string; guest?: Guest } | { ok: false; reason: 'unknown' | 'expired' };

/** The embedded Direct Line is full of conversations in use: retry later (503 with Retry-After). */
export class DirectLineBusyError extends Error {
  readonly statusCode = 503;
  readonly retryAfterSeconds = 30;
  constructor(what: string) {
    super(`DirectLineStore: ${what}`);
    this.name = 'DirectLineBusyError';
  }
}

/** One activity larger than the Direct Line accepts (413). */
export class ActivityTooLargeError extends Error {
  readonly statusCode = 413;
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`Activity of ${bytes} bytes is over the limit of ${limit} bytes`);
    this.name = 'ActivityTooLargeError';
  }
}

export interface DirectLineStoreOptions {
  /** Where conversations are kept across restarts; in memory only without it. */
  persistence?: ConversationPersistence;
  maxConversations?: number;
  /** All activity logs together, in bytes (JSON). Default 64 MiB. */
  maxBytes?: number;
  /** One conversation's log, in bytes; the oldest entries go first. Default 1 MiB. */
  maxBytesPerConversation?: number;
  /** One activity a client posts, in bytes. Default 64 KiB. */
  maxActivityBytes?: number;
  /** A conversation polled, posted to or streamed within this window counts as in use (never evicted). Default 2 min. */
  activeWindowMs?: number;
  idleMs?: number;
  maxActivitiesPerConversation?: number;
  tokenTtlMs?: number;
  now?: () => number;
}

interface Entry {
  seq: number;
  activity: DlActivity;
  bytes: number;
}

/** A post by the client, remembered by its `clientActivityID` so a retry joins it (also after a restart). */
export interface RememberedPost {
  activityId: string;
  /** Its turn ran (the client may have missed the answer). */
  done: boolean;
}

interface ConversationRecord extends DlConversation {
  log: Entry[];
  logBytes: number;
  nextSeq: number;
  nextActivityNumber: number;
  /** SHA-256 of the token → expiry (ms since epoch). */
  tokens: Map<string, number>;
  /** SHA-256 of the token → the guest it was issued to (group demo participants who joined this conversation). */
  guests: Map<string, Guest>;
  listeners: Set<ConversationListener>;
  /** clientActivityID → post, oldest first. */
  posts: Map<string, RememberedPost>;
  /** `lastActiveAt` as last written to storage. */
  storedActiveAt: number;
  /**
   * With persistence: the last sequence number in storage. Clients (polls, streams) see entries up to it only,
   * so a watermark a client holds never points past what a restart brings back.
   */
  durableSeq: number;
}

/** Conversation ids: random (newId) or a trainee's (traineeIdentity.ts), URL-safe base64 either way. */
const CONVERSATION_ID = /^[\w-]{1,128}$/;

/** How many recent client posts each conversation remembers (for retries). */
const REMEMBERED_POSTS = 32;

/** How long an idle conversation (and its activity log) is kept, by default: one hour. */
export const DIRECT_LINE_IDLE_MS = 60 * 60 * 1000;
/**
 * How often the storage sweep looks for stored conversations no process holds (left by a restart); the server
 * runs it (createServer.ts) with {@link DirectLineStore.storedMaxAgeMs}.
 */
export const DIRECT_LINE_STORAGE_SWEEP_MS = 15 * 60 * 1000;
/**
 * The longest a web chat conversation's messages are kept after its last message, by default: removed from
 * memory and storage after an hour idle; one left in storage by a restart goes at the next storage sweep after
 * its last write is an hour and a quarter old (polls write at most every quarter of an hour).
 */
export const DIRECT_LINE_KEPT_MS = (DIRECT_LINE_IDLE_MS * 5) / 4 + DIRECT_LINE_STORAGE_SWEEP_MS;

export class DirectLineStore {
  readonly maxConversations: number;
  readonly idleMs: number;
  readonly maxActivitiesPerConversation: number;
  readonly tokenTtlMs: number;
  readonly maxBytes: number;
  readonly maxBytesPerConversation: number;
  readonly maxActivityBytes: number;
  readonly activeWindowMs: number;
  private totalBytes = 0;
  private readonly now: () => number;
  private readonly conversations = new Map<string, ConversationRecord>();
  /** SHA-256 of a token → its conversation id. */
  private readonly tokenIndex = new Map<string, string>();
  private readonly persistence?: ConversationPersistence;
  /** Restores under way, so two requests for one conversation load it once. */
  private readonly restoring = new Map<string, Promise<boolean>>();

  constructor(options: DirectLineStoreOptions = {}) {
    this.maxConversations = options.maxConversations ?? 1000;
    this.idleMs = options.idleMs ?? DIRECT_LINE_IDLE_MS;
    this.maxActivitiesPerConversation = options.maxActivitiesPerConversation ?? 500;
    this.tokenTtlMs = options.tokenTtlMs ?? 30 * 60 * 1000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxBytesPerConversation = options.maxBytesPerConversation ?? 1024 * 1024;
    this.maxActivityBytes = options.maxActivityBytes ?? 64 * 1024;
    this.activeWindowMs = options.activeWindowMs ?? 2 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.persistence = options.persistence;
  }

  /**
   * A stored conversation whose last write is older than this has been idle past `idleMs` (a conversation in
   * use is written at least every quarter of `idleMs`, see {@link get}): the storage sweep deletes it.
   */
  get storedMaxAgeMs(): number {
    return (this.idleMs * 5) / 4;
  }

  /** Bytes (JSON) of all activity logs together. */
  get bytes(): number {
    return this.totalBytes;
  }

  get size(): number {
    return this.conversations.size;
  }

  /**
   * Creates a conversation with its first token; expires idle ones and, when full, evicts the least recently
   * active idle one (throws {@link DirectLineBusyError} when every conversation is in use). With an `id` that is
   * still live, that conversation gets a new token instead.
   */
  create(options: CreateOptions = {}): IssuedToken {
    this.sweep();
    if (options.id !== undefined && this.get(options.id)) return this.issueToken(options.id);
    while (this.conversations.size >= this.maxConversations) {
      if (!this.evictIdle()) throw new DirectLineBusyError('every conversation is in use');
    }
    const now = this.now();
    const record: ConversationRecord = {
      id: options.id ?? newId(),
      createdAt: now,
      lastActiveAt: now,
      started: false,
      userId: options.userId ?? `dl_${newId()}`,
      userFixed: options.userId !== undefined,
      turns: Promise.resolve(),
      pendingTurns: 0,
      log: [],
      logBytes: 0,
      nextSeq: 1,
      nextActivityNumber: 0,
      tokens: new Map(),
      guests: new Map(),
      listeners: new Set(),
      posts: new Map(),
      storedActiveAt: now,
      durableSeq: 0,
    };
    this.conversations.set(record.id, record);
    return this.issueToken(record.id);
  }

  /**
   * Brings a stored conversation back into memory (after a restart, or once it was evicted from memory only);
   * true when the conversation is held now. Expired conversations are deleted instead. Throws
   * {@link DirectLineBusyError} when it does not fit the budgets even after evicting idle conversations.
   */
  restore(conversationId: string): Promise<boolean> {
    if (this.conversations.has(conversationId)) return Promise.resolve(true);
    // Only ids this store could have made (a stranger's path or token picks the storage key otherwise).
    if (!this.persistence || !CONVERSATION_ID.test(conversationId)) return Promise.resolve(false);
    let pending = this.restoring.get(conversationId);
    if (!pending) {
      pending = this.load(conversationId).finally(() => this.restoring.delete(conversationId));
      this.restoring.set(conversationId, pending);
    }
    return pending;
  }

  /** Restores the conversation a token belongs to (see {@link restore}); false when there is none. */
  restoreForToken(token: string | undefined): Promise<boolean> {
    const conversationId = conversationIdOfToken(token);
    return conversationId === undefined ? Promise.resolve(false) : this.restore(conversationId);
  }

  /** Resolves once every change of the conversation so far is in storage (at once without persistence). */
  flush(conversationId: string): Promise<void> {
    return this.persistence?.flush(conversationId) ?? Promise.resolve();
  }

  /**
   * Marks the conversation started (POST /conversations or its first activity); `userId` is the one the client
   * gave, taken unless the conversation belongs to a remembered trainee.
   */
  start(conversationId: string, userId?: string): void {
    const record = this.require(conversationId, 'start');
    if (record.started) return;
    record.started = true;
    if (userId && !record.userFixed) record.userId = userId;
    this.changed(record);
  }

  /** The post remembered for this client activity id, if any. */
  postOf(conversationId: string, clientActivityId: string | undefined): RememberedPost | undefined {
    if (clientActivityId === undefined) return undefined;
    return this.conversations.get(conversationId)?.posts.get(clientActivityId);
  }

  /** Remembers a client post (stored with the activity, so a retry after a crash finds it). */
  rememberPost(conversationId: string, clientActivityId: string, activityId: string): void {
    const record = this.require(conversationId, 'rememberPost');
    record.posts.delete(clientActivityId);
    record.posts.set(clientActivityId, { activityId, done: false });
    while (record.posts.size > REMEMBERED_POSTS) record.posts.delete(record.posts.keys().next().value as string);
    this.changed(record);
  }

  /** The post's turn ran (or, with `failed`, failed: forgotten, so the client's retry runs it for real). */
  settlePost(conversationId: string, clientActivityId: string, failed = false): void {
    const record = this.conversations.get(conversationId);
    const post = record?.posts.get(clientActivityId);
    if (!record || !post) return;
    if (failed) record.posts.delete(clientActivityId);
    else post.done = true;
    this.changed(record);
  }

  /** An activity of the log by id (a post whose turn must run again after a restart). */
  activityById(conversationId: string, activityId: string): DlActivity | undefined {
    return this.conversations.get(conversationId)?.log.find((e) => e.activity.id === activityId)?.activity;
  }

  /**
   * A new token for an existing conversation (older tokens stay valid until they expire). With `guest` the token is
   * a guest's: activities posted with it are from the guest, and refreshing it keeps it a guest's.
   */
  issueToken(conversationId: string, guest?: Guest): IssuedToken {
    const record = this.require(conversationId, 'issueToken');
    const now = this.now();
    for (const [token, expiresAt] of record.tokens) {
      if (expiresAt <= now) this.dropToken(record, token);
    }
    const token = `${newToken()}${record.id}`;
    const hash = tokenHash(token);
    record.tokens.set(hash, now + this.tokenTtlMs);
    if (guest !== undefined) record.guests.set(hash, guest);
    this.tokenIndex.set(hash, record.id);
    this.changed(record);
    return { conversationId: record.id, token, expiresIn: Math.floor(this.tokenTtlMs / 1000) };
  }

  /** Which conversation a token belongs to, or why it is not valid. */
  checkToken(token: string | undefined): TokenCheck {
    const hash = token === undefined ? undefined : tokenHash(token);
    const conversationId = hash === undefined ? undefined : this.tokenIndex.get(hash);
    const record = conversationId === undefined ? undefined : this.conversations.get(conversationId);
    const expiresAt = record?.tokens.get(hash as string);
    if (!record || expiresAt === undefined) return { ok: false, reason: 'unknown' };
    if (expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    const guest = record.guests.get(hash as string);
    return guest === undefined
      ? { ok: true, conversationId: record.id }
      : { ok: true, conversationId: record.id, guest };
  }

  /** The watermark of the newest activity stored so far (0 before the first). */
  lastWatermark(conversationId: string): number {
    return this.require(conversationId, 'lastWatermark').nextSeq - 1;
  }

  /** True when the conversation is kept (without counting as activity). */
  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /** The conversation, or undefined when unknown or expired. Counts as activity (keeps it alive). */
  get(conversationId: string): DlConversation | undefined {
    const record = this.conversations.get(conversationId);
    if (!record) return undefined;
    const now = this.now();
    if (now - record.lastActiveAt > this.idleMs) {
      this.remove(record);
      return undefined;
    }
    record.lastActiveAt = now;
    // Polls write nothing, but a conversation polled for long must not look expired after a restart.
    if (now - record.storedActiveAt > this.idleMs / 4) this.changed(record);
    return record;
  }

  /**
   * Appends an activity: assigns id (`<conversationId>|0000001`) and timestamp; returns the stored copy. A client's
   * activity (`from: 'client'`) over `maxActivityBytes`, or any over the conversation's budget, throws
   * {@link ActivityTooLargeError}; one that does not fit the whole budget even after evicting idle conversations
   * throws {@link DirectLineBusyError}.
   */
  append(
    conversationId: string,
    activity: { type: string; [key: string]: unknown },
    from: 'client' | 'bot' = 'bot',
  ): DlActivity {
    const record = this.require(conversationId, 'append');
    this.assertFits(activity, from === 'client' ? this.maxActivityBytes : this.maxBytesPerConversation);
    record.nextActivityNumber += 1;
    const stored: DlActivity = {
      ...activity,
      id: `${record.id}|${String(record.nextActivityNumber).padStart(7, '0')}`,
      timestamp: new Date(this.now()).toISOString(),
    };
    this.push(record, stored);
    this.changed(record);
    return stored;
  }

  /** Replaces an activity by id (moved to the end of the log so pollers get it); false when not found. */
  update(conversationId: string, activityId: string, activity: Record<string, unknown>): boolean {
    const record = this.require(conversationId, 'update');
    const index = record.log.findIndex((e) => e.activity.id === activityId);
    if (index < 0) return false;
    this.assertFits(activity, this.maxBytesPerConversation);
    const [old] = record.log.splice(index, 1);
    this.release(record, old.bytes);
    const stored: DlActivity = {
      ...activity,
      type: typeof activity.type === 'string' ? activity.type : old.activity.type,
      id: activityId,
      timestamp: old.activity.timestamp,
    };
    this.push(record, stored);
    this.changed(record);
    return true;
  }

  /** Removes an activity by id; false when not found. */
  delete(conversationId: string, activityId: string): boolean {
    const record = this.require(conversationId, 'delete');
    const index = record.log.findIndex((e) => e.activity.id === activityId);
    if (index < 0) return false;
    const [removed] = record.log.splice(index, 1);
    this.release(record, removed.bytes);
    this.changed(record);
    return true;
  }

  /** Activities after `watermark` (all kept ones when absent) and the watermark to send next time. */
  activitiesSince(conversationId: string, watermark?: number): ActivitySet {
    const record = this.require(conversationId, 'activitiesSince');
    const after = watermark ?? 0;
    const last = this.persistence ? record.durableSeq : record.nextSeq - 1;
    const entries = record.log.filter((e) => e.seq > after && e.seq <= last);
    return { activities: entries.map((e) => e.activity), watermark: String(Math.max(last, 0)) };
  }

  /**
   * Calls `listener` with every activity stored from now on; returns the unsubscribe function. Read the backlog
   * with {@link activitiesSince} in the same tick, so nothing falls between the two.
   */
  subscribe(conversationId: string, listener: ConversationListener): () => void {
    const record = this.require(conversationId, 'subscribe');
    record.listeners.add(listener);
    return () => record.listeners.delete(listener);
  }

  /** Removes a conversation, its log and its tokens now ("forget me"); false when it was not there. */
  forget(conversationId: string): boolean {
    const record = this.conversations.get(conversationId);
    if (!record) {
      // Not in memory, but maybe in storage (after a restart).
      void this.persistence?.remove(conversationId).catch(() => undefined);
      return false;
    }
    this.remove(record);
    return true;
  }

  /** Drops idle conversations (called on create and by the server's timer). */
  sweep(): void {
    const now = this.now();
    for (const record of this.conversations.values()) {
      if (now - record.lastActiveAt > this.idleMs) this.remove(record);
    }
  }

  /** True when the conversation is in use: streamed, or polled or posted to within the active window. */
  isActive(conversationId: string): boolean {
    const record = this.conversations.get(conversationId);
    return record !== undefined && !this.isIdle(record, this.now());
  }

  private isIdle(record: ConversationRecord, now: number): boolean {
    if (!record.started) return true;
    if (record.listeners.size > 0 || record.pendingTurns > 0) return false;
    return now - record.lastActiveAt > this.activeWindowMs;
  }

  private assertFits(activity: Record<string, unknown>, limit: number): void {
    const bytes = byteSize(activity);
    if (bytes > limit) throw new ActivityTooLargeError(bytes, limit);
  }

  private push(record: ConversationRecord, activity: DlActivity): void {
    const bytes = byteSize(activity);
    // Make room: first this conversation's own oldest entries, then idle conversations, else refuse.
    while (record.log.length > 0 && record.logBytes + bytes > this.maxBytesPerConversation) {
      this.release(record, (record.log.shift() as Entry).bytes);
    }
    while (this.totalBytes + bytes > this.maxBytes) {
      if (!this.evictIdle(record)) throw new DirectLineBusyError('the byte budget is used by conversations in use');
    }
    const seq = record.nextSeq++;
    record.log.push({ seq, activity, bytes });
    record.logBytes += bytes;
    this.totalBytes += bytes;
    if (record.log.length > this.maxActivitiesPerConversation) {
      const dropped = record.log.splice(0, record.log.length - this.maxActivitiesPerConversation);
      for (const entry of dropped) this.release(record, entry.bytes);
    }
    record.lastActiveAt = this.now();
    // With persistence, streams get it once it is stored (publish).
    if (this.persistence) return;
    const set: ActivitySet = { activities: [activity], watermark: String(seq) };
    for (const listener of record.listeners) listener.activities(set);
  }

  /** Hands the entries up to `storedSeq` (now in storage) to the conversation's open streams. */
  private publish(record: ConversationRecord, storedSeq: number): void {
    if (storedSeq <= record.durableSeq) return;
    const from = record.durableSeq;
    record.durableSeq = storedSeq;
    if (this.conversations.get(record.id) !== record) return;
    const activities = record.log.filter((e) => e.seq > from && e.seq <= storedSeq).map((e) => e.activity);
    if (activities.length === 0) return;
    const set: ActivitySet = { activities, watermark: String(storedSeq) };
    for (const listener of record.listeners) listener.activities(set);
  }

  private require(conversationId: string, caller: string): ConversationRecord {
    const record = this.conversations.get(conversationId);
    if (!record) throw new Error(`DirectLineStore.${caller}: unknown conversation`);
    return record;
  }

  /** Evicts the least recently active idle conversation (never `keep`); false when there is none. */
  private evictIdle(keep?: ConversationRecord): boolean {
    const now = this.now();
    let oldest: ConversationRecord | undefined;
    for (const record of this.conversations.values()) {
      if (record === keep || !this.isIdle(record, now)) continue;
      if (!oldest || record.lastActiveAt < oldest.lastActiveAt) oldest = record;
    }
    if (oldest) this.remove(oldest);
    return oldest !== undefined;
  }

  private release(record: ConversationRecord, bytes: number): void {
    record.logBytes -= bytes;
    this.totalBytes -= bytes;
  }

  private remove(record: ConversationRecord): void {
    void this.persistence?.remove(record.id).catch(() => undefined);
    this.totalBytes -= record.logBytes;
    record.logBytes = 0;
    record.log = [];
    for (const token of record.tokens.keys()) this.tokenIndex.delete(token);
    this.conversations.delete(record.id);
    for (const listener of record.listeners) listener.ended();
    record.listeners.clear();
  }

  private dropToken(record: ConversationRecord, hash: string): void {
    record.tokens.delete(hash);
    record.guests.delete(hash);
    this.tokenIndex.delete(hash);
  }

  /** Writes the conversation to storage soon (coalesced; see conversationPersistence.ts). */
  private changed(record: ConversationRecord): void {
    record.storedActiveAt = record.lastActiveAt;
    this.persistence?.changed(
      record.id,
      () => toStored(record),
      (stored) => this.publish(record, stored.nextSeq - 1),
    );
  }

  private async load(conversationId: string): Promise<boolean> {
    const persistence = this.persistence as ConversationPersistence;
    const stored = await persistence.load(conversationId);
    // Another request may have created or restored it meanwhile.
    if (this.conversations.has(conversationId)) return true;
    if (!stored) return false;
    const now = this.now();
    if (now - stored.lastActiveAt > this.idleMs) {
      await persistence.remove(conversationId);
      return false;
    }
    this.sweep();
    while (this.conversations.size >= this.maxConversations) {
      if (!this.evictIdle()) throw new DirectLineBusyError('every conversation is in use');
    }
    const record: ConversationRecord = {
      id: stored.id,
      createdAt: stored.createdAt,
      // Someone asks for it right now.
      lastActiveAt: now,
      started: stored.started,
      userId: stored.userId,
      userFixed: stored.userFixed,
      turns: Promise.resolve(),
      pendingTurns: 0,
      log: [],
      logBytes: 0,
      nextSeq: stored.nextSeq,
      nextActivityNumber: stored.nextActivityNumber,
      tokens: new Map(stored.tokens.filter(([, expiresAt]) => expiresAt > now)),
      guests: new Map((stored.guests ?? []).map(([hash, id, since]) => [hash, { id, since }])),
      listeners: new Set(),
      posts: new Map(stored.posts.map(([clientId, activityId, done]) => [clientId, { activityId, done }])),
      storedActiveAt: stored.lastActiveAt,
      durableSeq: stored.nextSeq - 1,
    };
    const entries = stored.log.map(({ seq, activity }) => ({ seq, activity, bytes: byteSize(activity) }));
    const bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
    this.conversations.set(record.id, record);
    while (this.totalBytes + bytes > this.maxBytes) {
      if (!this.evictIdle(record)) {
        this.conversations.delete(record.id);
        throw new DirectLineBusyError('the byte budget is used by conversations in use');
      }
    }
    record.log = entries;
    record.logBytes = bytes;
    this.totalBytes += bytes;
    for (const hash of record.tokens.keys()) this.tokenIndex.set(hash, record.id);
    return true;
  }
}

/** The conversation as it is stored. */
function toStored(record: ConversationRecord): StoredConversation {
  return {
    v: 1,
    id: record.id,
    createdAt: record.createdAt,
    lastActiveAt: record.lastActiveAt,
    started: record.started,
    userId: record.userId,
    userFixed: record.userFixed,
    nextSeq: record.nextSeq,
    nextActivityNumber: record.nextActivityNumber,
    tokens: [...record.tokens],
    log: record.log.map(({ seq, activity }) => ({ seq, activity })),
    posts: [...record.posts].map(([clientId, post]) => [clientId, post.activityId, post.done]),
    guests: [...record.guests].map(([hash, guest]) => [hash, guest.id, guest.since]),
  };
}

/** Tokens are kept (and stored) as their SHA-256 only. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** The conversation id a token ends with (after its {@link TOKEN_RANDOM_LENGTH} random characters). */
export function conversationIdOfToken(token: string | undefined): string | undefined {
  return token !== undefined && token.length > TOKEN_RANDOM_LENGTH ? token.slice(TOKEN_RANDOM_LENGTH) : undefined;
}

/** Size of an activity as JSON, in bytes (what it costs in memory, roughly, and on the wire). */
export function byteSize(activity: unknown): number {
  return Buffer.byteLength(JSON.stringify(activity) ?? '', 'utf8');
}
