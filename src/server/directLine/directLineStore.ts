/**
 * In-memory state of the embedded Direct Line: conversations, their tokens and their activity logs.
 *
 * Bounded on every axis: idle conversations expire (default 1 hour), the number of conversations is capped
 * (the least recently active one is evicted), each activity log keeps only its newest entries, and tokens
 * expire (30 minutes, like the Direct Line service; refresh issues a new one).
 *
 * Watermarks: every log entry gets an increasing sequence number; a client that polls with `watermark=N`
 * receives the entries after N and the new watermark. An updated activity is moved to the end of the log with
 * the same id, so polling clients see the new version.
 *
 * Streams: {@link DirectLineStore.subscribe} hands every stored activity, with its watermark, to the open
 * WebSocket streams of its conversation (activityStream.ts) the moment it is stored.
 */
import { newId, newToken } from './tokens';

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

export type TokenCheck = { ok: true; conversationId: string } | { ok: false; reason: 'unknown' | 'expired' };

export interface DirectLineStoreOptions {
  maxConversations?: number;
  idleMs?: number;
  maxActivitiesPerConversation?: number;
  tokenTtlMs?: number;
  now?: () => number;
}

interface Entry {
  seq: number;
  activity: DlActivity;
}

interface ConversationRecord extends DlConversation {
  log: Entry[];
  nextSeq: number;
  nextActivityNumber: number;
  /** token → expiry (ms since epoch). */
  tokens: Map<string, number>;
  listeners: Set<ConversationListener>;
}

export class DirectLineStore {
  readonly maxConversations: number;
  readonly idleMs: number;
  readonly maxActivitiesPerConversation: number;
  readonly tokenTtlMs: number;
  private readonly now: () => number;
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly tokenIndex = new Map<string, string>();

  constructor(options: DirectLineStoreOptions = {}) {
    this.maxConversations = options.maxConversations ?? 1000;
    this.idleMs = options.idleMs ?? 60 * 60 * 1000;
    this.maxActivitiesPerConversation = options.maxActivitiesPerConversation ?? 500;
    this.tokenTtlMs = options.tokenTtlMs ?? 30 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.conversations.size;
  }

  /**
   * Creates a conversation with its first token; expires idle ones and evicts the oldest when full. With an `id`
   * that is still live, that conversation gets a new token instead.
   */
  create(options: CreateOptions = {}): IssuedToken {
    this.sweep();
    if (options.id !== undefined && this.get(options.id)) return this.issueToken(options.id);
    while (this.conversations.size >= this.maxConversations) this.evictLeastRecentlyActive();
    const now = this.now();
    const record: ConversationRecord = {
      id: options.id ?? newId(),
      createdAt: now,
      lastActiveAt: now,
      started: false,
      userId: options.userId ?? `dl_${newId()}`,
      userFixed: options.userId !== undefined,
      turns: Promise.resolve(),
      log: [],
      nextSeq: 1,
      nextActivityNumber: 0,
      tokens: new Map(),
      listeners: new Set(),
    };
    this.conversations.set(record.id, record);
    return this.issueToken(record.id);
  }

  /** A new token for an existing conversation (older tokens stay valid until they expire). */
  issueToken(conversationId: string): IssuedToken {
    const record = this.require(conversationId, 'issueToken');
    const now = this.now();
    for (const [token, expiresAt] of record.tokens) {
      if (expiresAt <= now) this.dropToken(record, token);
    }
    const token = newToken();
    record.tokens.set(token, now + this.tokenTtlMs);
    this.tokenIndex.set(token, record.id);
    return { conversationId: record.id, token, expiresIn: Math.floor(this.tokenTtlMs / 1000) };
  }

  /** Which conversation a token belongs to, or why it is not valid. */
  checkToken(token: string | undefined): TokenCheck {
    const conversationId = token === undefined ? undefined : this.tokenIndex.get(token);
    const record = conversationId === undefined ? undefined : this.conversations.get(conversationId);
    const expiresAt = record?.tokens.get(token as string);
    if (!record || expiresAt === undefined) return { ok: false, reason: 'unknown' };
    if (expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, conversationId: record.id };
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
    return record;
  }

  /** Appends an activity: assigns id (`<conversationId>|0000001`) and timestamp; returns the stored copy. */
  append(conversationId: string, activity: { type: string; [key: string]: unknown }): DlActivity {
    const record = this.require(conversationId, 'append');
    record.nextActivityNumber += 1;
    const stored: DlActivity = {
      ...activity,
      id: `${record.id}|${String(record.nextActivityNumber).padStart(7, '0')}`,
      timestamp: new Date(this.now()).toISOString(),
    };
    this.push(record, stored);
    return stored;
  }

  /** Replaces an activity by id (moved to the end of the log so pollers get it); false when not found. */
  update(conversationId: string, activityId: string, activity: Record<string, unknown>): boolean {
    const record = this.require(conversationId, 'update');
    const index = record.log.findIndex((e) => e.activity.id === activityId);
    if (index < 0) return false;
    const [old] = record.log.splice(index, 1);
    const stored: DlActivity = {
      ...activity,
      type: typeof activity.type === 'string' ? activity.type : old.activity.type,
      id: activityId,
      timestamp: old.activity.timestamp,
    };
    this.push(record, stored);
    return true;
  }

  /** Removes an activity by id; false when not found. */
  delete(conversationId: string, activityId: string): boolean {
    const record = this.require(conversationId, 'delete');
    const index = record.log.findIndex((e) => e.activity.id === activityId);
    if (index < 0) return false;
    record.log.splice(index, 1);
    return true;
  }

  /** Activities after `watermark` (all kept ones when absent) and the watermark to send next time. */
  activitiesSince(conversationId: string, watermark?: number): ActivitySet {
    const record = this.require(conversationId, 'activitiesSince');
    const after = watermark ?? 0;
    const entries = record.log.filter((e) => e.seq > after);
    const last = record.nextSeq - 1;
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
    if (!record) return false;
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

  private push(record: ConversationRecord, activity: DlActivity): void {
    const seq = record.nextSeq++;
    record.log.push({ seq, activity });
    if (record.log.length > this.maxActivitiesPerConversation) {
      record.log.splice(0, record.log.length - this.maxActivitiesPerConversation);
    }
    record.lastActiveAt = this.now();
    const set: ActivitySet = { activities: [activity], watermark: String(seq) };
    for (const listener of record.listeners) listener.activities(set);
  }

  private require(conversationId: string, caller: string): ConversationRecord {
    const record = this.conversations.get(conversationId);
    if (!record) throw new Error(`DirectLineStore.${caller}: unknown conversation`);
    return record;
  }

  private evictLeastRecentlyActive(): void {
    let oldest: ConversationRecord | undefined;
    for (const record of this.conversations.values()) {
      if (!oldest || record.lastActiveAt < oldest.lastActiveAt) oldest = record;
    }
    if (oldest) this.remove(oldest);
  }

  private remove(record: ConversationRecord): void {
    for (const token of record.tokens.keys()) this.tokenIndex.delete(token);
    this.conversations.delete(record.id);
    for (const listener of record.listeners) listener.ended();
    record.listeners.clear();
  }

  private dropToken(record: ConversationRecord, token: string): void {
    record.tokens.delete(token);
    this.tokenIndex.delete(token);
  }
}
