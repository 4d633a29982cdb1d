/**
 * Optimistic concurrency for the bot's state, so that two instances behind one load balancer (or two turns of
 * one conversation arriving together) never lose a turn.
 *
 * Why this exists: botbuilder's `BotState.saveChanges()` always writes with `eTag: '*'` (last writer wins), so
 * two turns that read the same state and both save silently drop one of them. The helpers here save with the
 * eTag that was read, and on a conflict read again and run the work again:
 *
 * - {@link TurnRunner}: runs the turns of one conversation one after the other in this process (the one queue),
 *   each through {@link runTurnWithRetry}.
 * - {@link runTurnWithRetry}: a whole turn as a transaction. Loads the given BotStates fresh, runs the turn with
 *   outgoing activities held back, saves each changed state with its read eTag, and on a conflict throws the
 *   held activities away and runs the turn again on the new state. The replies go out once, after the save.
 * - {@link updateWithRetry}: read-modify-write of one storage item (progress, reports) outside BotState.
 * - {@link withETagRetry}: the loop under both: retries a function on {@link isETagConflict}, with jittered backoff.
 *
 * @example
 * // In the bot (an ActivityHandler subclass), instead of super.run + saveChanges:
 * private readonly turns = new TurnRunner({ storage, states: [conversationState, userState] });
 * public override async run(context: TurnContext): Promise<void> {
 *   await this.turns.run(context, (ctx) => super.run(ctx));
 * }
 *
 * Only botbuilder's public API is used: BotState.load/get/getStorageKey and Storage.read/write.
 */
import {
  TurnContext,
  calculateChangeHash,
  type Activity,
  type ResourceResponse,
  type Storage,
  type StoreItem,
} from 'botbuilder';

/** True for an eTag conflict from any of our stores: FileStorage, MemoryStorage, BlobsStorage, CosmosDbPartitionedStorage. */
export function isETagConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (e.statusCode === 412 || e.code === 412 || e.code === 'PreconditionFailed' || e.code === 'ConditionNotMet')
    return true;
  return typeof e.message === 'string' && /due to eTag conflict/i.test(e.message);
}

export interface RetryOptions {
  /** Attempts in all, the first one included (default 10). */
  maxAttempts?: number;
  /** Backoff before attempt n+1 is random in [0, min(maxDelayMs, baseDelayMs * 2^n)] (defaults 5 and 250 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each retry, e.g. to log `storage.etag-retry`. */
  onRetry?: (attempt: number, err: unknown) => void;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt(n)` (n = 1, 2, …) until it does not throw an eTag conflict. Other errors, and the conflict of the
 * last attempt, are thrown. `attempt` must redo its reads: retrying a write with the same stale eTag is useless.
 */
export async function withETagRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 10;
  const base = options.baseDelayMs ?? 5;
  const cap = options.maxDelayMs ?? 250;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error('withETagRetry: maxAttempts must be a whole number >= 1');
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (n >= maxAttempts || !isETagConflict(err)) throw err;
      options.onRetry?.(n, err);
      await sleep(Math.floor(random() * Math.min(cap, base * 2 ** n)));
    }
  }
}

/**
 * Reads one item, lets `mutate` change (or replace) it, and writes it back with the eTag that was read; on a
 * conflict it reads again and calls `mutate` again. Returns what was written. `mutate` gets `undefined` when
 * the item does not exist yet, and should be a pure function of its input.
 *
 * @example
 * await updateWithRetry(storage, `progress/${userId}`, (p = { sessions: {} }) => ({ ...p, sessions: { ...p.sessions, [id]: summary } }));
 */
export async function updateWithRetry<T extends object>(
  storage: Storage,
  key: string,
  mutate: (current: T | undefined) => T | Promise<T>,
  options?: RetryOptions,
): Promise<T> {
  return withETagRetry(async () => {
    const items = await storage.read([key]);
    const stored = items[key] as (T & StoreItem) | undefined;
    let current: T | undefined;
    let eTag: string | undefined;
    if (stored) {
      const { eTag: readETag, ...rest } = stored;
      current = rest as unknown as T;
      eTag = readETag;
    }
    const next = await mutate(current);
    // No eTag on a first write: the Storage interface cannot say "only if absent", so two first writes race.
    await storage.write({ [key]: { ...next, eTag: eTag ?? '*' } });
    return next;
  }, options);
}

/**
 * What a turn reads and writes: a BotState whose storage key can be computed from the turn (ConversationState,
 * UserState, PrivateConversationState all fit).
 */
export interface KeyedBotState {
  load(context: TurnContext, force?: boolean): Promise<unknown>;
  get(context: TurnContext): unknown;
  getStorageKey(context: TurnContext): string | undefined;
}

export interface TurnRetryOptions extends RetryOptions {
  /** Where the states are saved: the Storage they were constructed with. */
  storage: Storage;
  /** The states the turn reads and writes, most contended first (normally [conversationState, userState]). */
  states: KeyedBotState[];
}

/** Property in each saved state document listing the last activity ids whose changes it holds. */
export const APPLIED_ACTIVITIES_PROPERTY = '_appliedActivityIds';
/** Recent activity ids kept per state document: enough for a retry and a channel redelivery, small in storage. */
const APPLIED_KEEP = 8;

/**
 * Runs one turn so that concurrent turns of the same conversation (in this or another instance) are neither
 * lost nor interleaved:
 *
 * 1. every state in `states` is loaded fresh from storage (its eTag remembered);
 * 2. `turn(turnContext)` runs on a child of `context` that holds back what it sends (the sends resolve at once
 *    with an empty id; the turn state, activity and adapter are the parent's);
 * 3. each changed state is written with the eTag read in step 1 (not with `'*'` as `saveChanges` does);
 * 4. on an eTag conflict the held activities are dropped and the turn runs again from step 1, up to
 *    `maxAttempts`; on success the held activities go out through `context.sendActivities`, in order, so
 *    middleware (transcript logging) sees each reply once, with its real id.
 *
 * Each saved state also records the activity id (see {@link APPLIED_ACTIVITIES_PROPERTY}), so if a later state
 * conflicts after an earlier one was saved, the retry does not apply the turn to the earlier one twice, and the
 * replies sent are those of the attempt that saved the first state (they match what the conversation holds);
 * the retry only brings the later states up to date. The first turn of a conversation should run alone (a
 * conversationUpdate does): the Storage interface cannot "create only if absent", so two turns racing to create
 * one document can still lose one.
 *
 * Rules for the turn: use the context it is given, do not call `saveChanges` yourself (the helper saves), do
 * not rely on the ids returned by `sendActivity` (they are empty), and keep side effects other than state and
 * replies idempotent: the turn may run more than once. `updateActivity`/`deleteActivity` are not held back.
 * A turn that throws (other than an eTag conflict) sends nothing it held and saves nothing; the error goes on to
 * the adapter's onTurnError.
 */
export async function runTurnWithRetry(
  context: TurnContext,
  options: TurnRetryOptions,
  turn: (context: TurnContext) => Promise<void>,
): Promise<void> {
  const { states, storage } = options;
  if (!Array.isArray(states) || states.length === 0)
    throw new Error('runTurnWithRetry: a non-empty options.states is required');
  if (!storage) throw new Error('runTurnWithRetry: options.storage is required');
  const activityId = context.activity?.id;

  // The replies of the attempt that saved the first state: they match what the conversation now holds.
  let committedReplies: Partial<Activity>[] | undefined;
  const holding = await withETagRetry(async () => {
    // A fresh child per attempt: its turn state starts as a copy of the parent's (adapter services, clients).
    const child = new HoldingTurnContext(context);
    const loaded = [];
    for (const state of states) {
      const { document, cacheKey, snapshot } = await loadFresh(child, state, storage);
      loaded.push({
        state,
        cacheKey,
        eTag: typeof document.eTag === 'string' ? document.eTag : undefined,
        snapshot,
        // Saved by an earlier attempt of this very turn: keep it as stored.
        alreadyApplied: activityId !== undefined && readApplied(document).includes(activityId),
      });
    }
    await turn(child);
    for (const { state, cacheKey, eTag, snapshot, alreadyApplied } of loaded) {
      const document = state.get(child) as StoreItem | undefined;
      if (!document || alreadyApplied || JSON.stringify(document) === snapshot) continue;
      const key = state.getStorageKey(child);
      if (!key)
        throw new Error('runTurnWithRetry: a state has no storage key for this activity (no conversation or from id?)');
      const rest: StoreItem = { ...document };
      delete rest.eTag;
      const applied =
        activityId === undefined ? readApplied(document) : [...readApplied(document), activityId].slice(-APPLIED_KEEP);
      const saved = { ...rest, [APPLIED_ACTIVITIES_PROPERTY]: applied };
      await storage.write({ [key]: { ...saved, eTag: eTag ?? '*' } });
      committedReplies ??= child.held;
      // A later saveChanges() in this turn (an error handler's, say) must find nothing to write, but BotState
      // compares with the hash of what it loaded. Forget the turn's copy instead of reading the saved one back
      // (a read and a hash per state per turn): saveChanges then has nothing to save, and the next accessor
      // read in this turn loads the saved version.
      if (cacheKey === undefined) await state.load(child, true);
      else child.turnState.delete(cacheKey);
    }
    return child;
  }, options);

  // What the turn put in its turn state (the states' caches, locale, …) becomes the parent's.
  for (const [key, value] of holding.turnState) context.turnState.set(key, value);
  const held = committedReplies ?? holding.held;
  if (held.length > 0) await context.sendActivities(held);
}

/**
 * A TurnContext with its parent's adapter, activity and services and a copy of its turn state, whose sends are
 * only collected.
 */
class HoldingTurnContext extends TurnContext {
  readonly held: Partial<Activity>[] = [];

  constructor(parent: TurnContext) {
    super(parent);
    for (const [key, value] of parent.turnState) this.turnState.set(key, value);
  }

  override sendActivities(activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    this.held.push(...activities.map((activity) => ({ ...activity })));
    return Promise.resolve(activities.map(() => ({ id: '' })));
  }
}

/**
 * Runs the turns of one conversation one after the other in this process (two messages arriving together wait
 * for each other instead of conflicting), each as a {@link runTurnWithRetry} transaction. Turns of different
 * conversations run side by side; turns on other instances are kept apart by the eTags.
 */
export class TurnRunner {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly options: TurnRetryOptions) {}

  async run(context: TurnContext, turn: (context: TurnContext) => Promise<void>): Promise<void> {
    const key = context.activity.conversation?.id ?? '';
    const previous = this.queues.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => runTurnWithRetry(context, this.options, turn));
    const settled = current.catch(() => undefined);
    this.queues.set(key, settled);
    try {
      await current;
    } finally {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    }
  }
}

/** Per BotState, the turn-state key of its cache entry, learnt on its first load (see {@link loadFresh}). */
const cacheKeys = new WeakMap<KeyedBotState, unknown>();

/**
 * Loads a state's document fresh from storage into the turn, as `state.load(context, true)` does, with its JSON
 * snapshot (change detection by plain JSON: the stored form, and far cheaper than botbuilder's replacer-driven
 * hash). The first load goes through BotState to learn its cache key; later loads read the storage directly and
 * fill that cache entry with a hash computed only if something asks for it (a `saveChanges` in the turn), since
 * computing it on every load cost more than the save.
 */
async function loadFresh(
  context: TurnContext,
  state: KeyedBotState,
  storage: Storage,
): Promise<{ document: StoreItem; cacheKey: unknown; snapshot: string }> {
  const known = cacheKeys.get(state);
  const key = known === undefined ? undefined : state.getStorageKey(context);
  if (key !== undefined) {
    const items = await storage.read([key]);
    const document = (items[key] as StoreItem | undefined) ?? {};
    const snapshot = JSON.stringify(document);
    let hash: string | undefined;
    context.turnState.set(known, {
      state: document,
      // The document as read is plain JSON, so its snapshot parses back to an equal value with the same hash.
      get hash(): string {
        return (hash ??= calculateChangeHash(JSON.parse(snapshot) as StoreItem));
      },
    });
    return { document, cacheKey: known, snapshot };
  }
  const document = (await state.load(context, true)) as StoreItem;
  const cacheKey = turnStateKeyHolding(context, document);
  if (cacheKey !== undefined) cacheKeys.set(state, cacheKey);
  return { document, cacheKey, snapshot: JSON.stringify(document) };
}

/**
 * The turn-state key under which a BotState cached the document it just loaded (BotState keeps `{ state, hash }`
 * under a private symbol); undefined if no entry holds it, in which case the caller falls back to a reload.
 */
function turnStateKeyHolding(context: TurnContext, document: StoreItem): unknown {
  for (const [key, value] of context.turnState)
    if ((value as { state?: unknown } | undefined)?.state === document) return key;
  return undefined;
}

function readApplied(document: StoreItem): string[] {
  const value: unknown = document[APPLIED_ACTIVITIES_PROPERTY];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
