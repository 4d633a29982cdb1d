/**
 * Web chat conversations survive restarts (issue 20, finding 2): the embedded Direct Line keeps conversations,
 * tokens and watermarks in the bot's storage. A "restart" here is a new DirectLineStore (and server) on the same
 * storage; tests/hardening/restartProcess.test.ts does the same with a real process killed with SIGKILL.
 */
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConversationPersistence,
  storageKeyOf,
  type StoredConversation,
} from '../../src/server/directLine/conversationPersistence';
import {
  DirectLineBusyError,
  DirectLineStore,
  type DirectLineStoreOptions,
} from '../../src/server/directLine/directLineStore';
import { call, startHeldServer, type HeldServer } from './directLineServer';
import { FlakyStorage } from './support';

const message = (text: string) => ({ type: 'message', text });

/** A store on `storage`, as a process would build it at start. */
const storeOn = (storage: MemoryStorage, options: DirectLineStoreOptions = {}) =>
  new DirectLineStore({ persistence: new ConversationPersistence(storage), ...options });

async function storedItem(storage: MemoryStorage, conversationId: string): Promise<StoredConversation | undefined> {
  const key = storageKeyOf(conversationId);
  return (await storage.read([key]))[key] as StoredConversation | undefined;
}

describe('a conversation outlives its process', () => {
  it('the same token, the same watermark and the next activity id go on after a restart', async () => {
    const storage = new MemoryStorage();
    const before = storeOn(storage);
    const { conversationId, token } = before.create();
    before.start(conversationId, 'trainee-7');
    before.append(conversationId, message('goedemiddag'), 'client');
    before.append(conversationId, message('Wat kan ik voor u doen?'));
    await before.flush(conversationId);
    const { watermark } = before.activitiesSince(conversationId);
    expect(watermark).toBe('2');

    const after = storeOn(storage);
    expect(after.checkToken(token)).toEqual({ ok: false, reason: 'unknown' });
    expect(await after.restoreForToken(token)).toBe(true);
    expect(after.checkToken(token)).toEqual({ ok: true, conversationId });
    expect(after.get(conversationId)).toMatchObject({ started: true, userId: 'trainee-7' });
    expect(after.activitiesSince(conversationId).activities.map((a) => a.text)).toEqual([
      'goedemiddag',
      'Wat kan ik voor u doen?',
    ]);
    expect(after.activitiesSince(conversationId, Number(watermark)).activities).toEqual([]);

    const next = after.append(conversationId, message('Mijn uitkering is niet overgemaakt.'), 'client');
    expect(next.id).toBe(`${conversationId}|0000003`);
    await after.flush(conversationId);
    expect(after.activitiesSince(conversationId, Number(watermark))).toEqual({
      activities: [next],
      watermark: String(Number(watermark) + 1),
    });
  });

  it.each([
    ['a token of another conversation', (t: string, other: string) => t.slice(0, 43) + other],
    ['a token with a changed random part', (t: string) => `${t[0] === 'A' ? 'B' : 'A'}${t.slice(1)}`],
    ['a token that is only a conversation id', (t: string) => t.slice(43)],
  ])('%s is refused after a restart too', async (_name, forge) => {
    const storage = new MemoryStorage();
    const before = storeOn(storage);
    const mine = before.create();
    const other = before.create();
    await Promise.all([before.flush(mine.conversationId), before.flush(other.conversationId)]);

    const after = storeOn(storage);
    const forged = forge(mine.token, other.conversationId);
    await after.restoreForToken(forged);
    expect(after.checkToken(forged)).toEqual({ ok: false, reason: 'unknown' });
  });

  it.each([['../../etc/passwd'], ['a b'], ['x'.repeat(129)], ['']])(
    'a token ending in %j (no conversation id) reads nothing from storage',
    async (tail) => {
      const storage = new FlakyStorage();
      expect(await storeOn(storage).restoreForToken(`${'A'.repeat(43)}${tail}`)).toBe(false);
      expect(storage.reads).toBe(0);
    },
  );

  it('keeps tokens as hashes only: the stored item does not hold the bearer token', async () => {
    const storage = new MemoryStorage();
    const store = storeOn(storage);
    const { conversationId, token } = store.create();
    await store.flush(conversationId);
    expect(JSON.stringify(await storedItem(storage, conversationId))).not.toContain(token.slice(0, 43));
  });

  it('a guest token (group demo room) stays a guest token after a restart, stored as a hash, its id in it', async () => {
    const storage = new MemoryStorage();
    const before = storeOn(storage);
    const { conversationId } = before.create();
    before.start(conversationId, 'trainer-1');
    before.append(conversationId, message('before the room'), 'client');
    const guest = { id: 'g_guest', since: 1 };
    const { token } = before.issueToken(conversationId, guest);
    await before.flush(conversationId);
    expect(token.endsWith(conversationId)).toBe(true);
    expect(JSON.stringify(await storedItem(storage, conversationId))).not.toContain(token.slice(0, 43));

    const after = storeOn(storage);
    expect(await after.restoreForToken(token)).toBe(true);
    expect(after.checkToken(token)).toEqual({ ok: true, conversationId, guest });
    const refreshed = after.issueToken(conversationId, guest);
    expect(refreshed.token.endsWith(conversationId)).toBe(true);
    expect(after.checkToken(refreshed.token)).toEqual({ ok: true, conversationId, guest });
  });

  it('an expired token stays expired after a restart', async () => {
    let now = 1_000_000;
    const storage = new MemoryStorage();
    const before = storeOn(storage, { tokenTtlMs: 1000, now: () => now });
    const { conversationId, token } = before.create();
    await before.flush(conversationId);
    now += 2000;
    const after = storeOn(storage, { tokenTtlMs: 1000, now: () => now });
    expect(await after.restore(conversationId)).toBe(true);
    expect(after.checkToken(token).ok).toBe(false);
  });
});

describe('clients see only what a restart brings back', () => {
  it('polls and streams get an activity once it is in storage, never a watermark past it', async () => {
    const storage = new FlakyStorage();
    const store = storeOn(storage);
    const { conversationId } = store.create();
    await store.flush(conversationId);
    const frames: string[] = [];
    store.subscribe(conversationId, { activities: (set) => frames.push(set.watermark), ended: () => undefined });
    storage.failWrites = 1;
    store.append(conversationId, message('niet opgeslagen'));
    await expect(store.flush(conversationId)).rejects.toThrow();
    expect(store.activitiesSince(conversationId)).toEqual({ activities: [], watermark: '0' });
    expect(frames).toEqual([]);

    // A crash now would restore the conversation without it, and no client was told more.
    const restarted = storeOn(storage);
    expect(await restarted.restore(conversationId)).toBe(true);
    expect(restarted.activitiesSince(conversationId)).toEqual({ activities: [], watermark: '0' });

    // Without a crash, the next write succeeds and the clients get it.
    await store.flush(conversationId);
    expect(store.activitiesSince(conversationId).watermark).toBe('1');
    expect(frames).toEqual(['1']);
  });

  it('an activity and the client id posted with it are stored in one write', async () => {
    const storage = new FlakyStorage();
    const store = storeOn(storage);
    const { conversationId } = store.create();
    await store.flush(conversationId);
    const writes = storage.writes;
    const stored = store.append(conversationId, message('hallo'), 'client');
    store.rememberPost(conversationId, 'client-1', stored.id);
    await store.flush(conversationId);
    expect(storage.writes - writes).toBe(1);
    expect((await storedItem(storage, conversationId))?.posts).toEqual([['client-1', stored.id, false]]);
  });
});

describe('writes: per change, coalesced, never per poll', () => {
  it('polls and reads write nothing', async () => {
    const storage = new FlakyStorage();
    const store = storeOn(storage);
    const { conversationId } = store.create();
    store.append(conversationId, message('hallo'), 'client');
    await store.flush(conversationId);
    const writes = storage.writes;
    for (let i = 0; i < 50; i += 1) {
      store.get(conversationId);
      store.activitiesSince(conversationId, i % 2);
    }
    await store.flush(conversationId);
    expect(storage.writes).toBe(writes);
  });

  it('a batch of replies in one go is at most two writes, and all of it is stored', async () => {
    const storage = new FlakyStorage();
    const store = storeOn(storage);
    const { conversationId } = store.create();
    await store.flush(conversationId);
    const writes = storage.writes;
    for (let i = 1; i <= 10; i += 1) store.append(conversationId, message(`antwoord ${i}`));
    await store.flush(conversationId);
    expect(storage.writes - writes).toBeLessThanOrEqual(2);
    expect((await storedItem(storage, conversationId))?.log).toHaveLength(10);
  });

  it('flush fails while storage fails (the route answers 503), and succeeds on the next try', async () => {
    const storage = new FlakyStorage();
    const store = storeOn(storage);
    const { conversationId } = store.create();
    await store.flush(conversationId);
    storage.failWrites = 1;
    store.append(conversationId, message('hallo'), 'client');
    await expect(store.flush(conversationId)).rejects.toThrow(/storage unavailable/);
    await store.flush(conversationId);
    expect((await storedItem(storage, conversationId))?.log.map((e) => e.activity.text)).toEqual(['hallo']);
  });
});

describe('removal and budgets hold with storage', () => {
  it.each([
    ['forgotten ("forget me")', (store: DirectLineStore, id: string) => store.forget(id)],
    [
      'expired when idle',
      (store: DirectLineStore, _id: string, advance: (ms: number) => void) => {
        advance(2 * 60 * 60 * 1000);
        store.sweep();
      },
    ],
  ])('a conversation %s is deleted from storage as well', async (_name, removeIt) => {
    let now = 5_000_000;
    const storage = new MemoryStorage();
    const store = storeOn(storage, { now: () => now });
    const { conversationId, token } = store.create();
    store.append(conversationId, message('persoonlijk verhaal'), 'client');
    await store.flush(conversationId);
    removeIt(store, conversationId, (ms) => (now += ms));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await storedItem(storage, conversationId)).toBeUndefined();
    const after = storeOn(storage, { now: () => now });
    expect(await after.restoreForToken(token)).toBe(false);
  });

  it('forgetting a conversation this process never loaded deletes it from storage', async () => {
    const storage = new MemoryStorage();
    const before = storeOn(storage);
    const { conversationId } = before.create();
    await before.flush(conversationId);
    storeOn(storage).forget(conversationId);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await storedItem(storage, conversationId)).toBeUndefined();
  });

  it('a conversation idle past its lifetime is not restored, and is deleted', async () => {
    let now = 5_000_000;
    const storage = new MemoryStorage();
    const before = storeOn(storage, { now: () => now });
    const { conversationId } = before.create();
    await before.flush(conversationId);
    now += 2 * 60 * 60 * 1000;
    expect(await storeOn(storage, { now: () => now }).restore(conversationId)).toBe(false);
    expect(await storedItem(storage, conversationId)).toBeUndefined();
  });

  it('a restored conversation counts against the budgets: it evicts idle conversations, oldest first', async () => {
    let now = 5_000_000;
    const storage = new MemoryStorage();
    const before = storeOn(storage, { now: () => now });
    const restored = before.create();
    before.append(restored.conversationId, message('x'.repeat(2000)), 'client');
    await before.flush(restored.conversationId);

    const after = storeOn(storage, { maxConversations: 2, now: () => now });
    const oldestIdle = after.create();
    now += 1000;
    const newerIdle = after.create();
    now += 1000;
    expect(await after.restore(restored.conversationId)).toBe(true);
    expect(after.has(oldestIdle.conversationId)).toBe(false);
    expect(after.has(newerIdle.conversationId)).toBe(true);
    expect(after.size).toBe(2);
  });

  it('a restored conversation that does not fit beside conversations in use is refused (503), not forced in', async () => {
    const storage = new MemoryStorage();
    const before = storeOn(storage);
    const restored = before.create();
    before.append(restored.conversationId, message('x'.repeat(2000)), 'client');
    await before.flush(restored.conversationId);

    const after = storeOn(storage, { maxBytes: 3000 });
    const inUse = after.create();
    after.start(inUse.conversationId);
    after.append(inUse.conversationId, message('y'.repeat(1500)), 'client');
    await expect(after.restore(restored.conversationId)).rejects.toBeInstanceOf(DirectLineBusyError);
    expect(after.bytes).toBeLessThanOrEqual(3000);
    expect(after.has(inUse.conversationId)).toBe(true);
  });
});

describe('over HTTP: a restart between two requests', () => {
  const servers: HeldServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  const start = async (storage: MemoryStorage) => {
    const server = await startHeldServer({}, { store: storeOn(storage) });
    servers.push(server);
    return server;
  };

  it('poll, reconnect and refresh go on with the same token and watermark', async () => {
    const storage = new MemoryStorage();
    const first = await start(storage);
    const started = await call(`${first.domain}/conversations`, 'POST', undefined, {});
    const { conversationId, token } = started.json as { conversationId: string; token: string };
    const posted = await call(`${first.domain}/conversations/${conversationId}/activities`, 'POST', token, {
      ...message('hallo'),
      channelData: { clientActivityID: 'c-1' },
    });
    expect(posted.status).toBe(200);
    const polled = await call(`${first.domain}/conversations/${conversationId}/activities`, 'GET', token);
    const watermark = String(polled.json.watermark);
    await first.close();

    const second = await start(storage);
    const activities = `${second.domain}/conversations/${conversationId}/activities`;
    expect((await call(`${activities}?watermark=${watermark}`, 'GET', token)).json).toEqual({
      activities: [],
      watermark,
    });
    const reconnect = await call(
      `${second.domain}/conversations/${conversationId}?watermark=${watermark}`,
      'GET',
      token,
    );
    expect(reconnect.status).toBe(200);
    expect(String(reconnect.json.streamUrl)).toMatch(new RegExp(`watermark=${watermark}$`));
    const refreshed = await call(`${second.domain}/tokens/refresh`, 'POST', token);
    expect(refreshed.status).toBe(200);

    // The client's retry of an answered post is answered again, not run twice.
    const retried = await call(activities, 'POST', token, {
      ...message('hallo'),
      channelData: { clientActivityID: 'c-1' },
    });
    expect(retried.status).toBe(200);
    expect(retried.json.id).toBe(posted.json.id);
    expect(second.turns).toEqual([]);
    expect((await call(activities, 'GET', token)).json.activities).toHaveLength(2);
  });

  it('a reply is in storage before the bot goes on (to save its state), so a crash cannot lose an answered turn', async () => {
    // Writes take a while, as a file's fsync does: a reply's write is still under way when the connector answers.
    class SlowStorage extends MemoryStorage {
      override async write(changes: StoreItems): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return super.write(changes);
      }
    }
    const storage = new SlowStorage();
    const storedWhenBotWentOn: string[][] = [];
    const server = await startHeldServer(
      {},
      {
        store: storeOn(storage),
        afterReply: async (conversationId) => {
          const log = (await storedItem(storage, conversationId))?.log ?? [];
          storedWhenBotWentOn.push(log.map((entry) => String(entry.activity.text)));
        },
      },
    );
    servers.push(server);
    const { conversationId, token } = (await call(`${server.domain}/conversations`, 'POST', undefined, {})).json as {
      conversationId: string;
      token: string;
    };
    for (const [n, text] of ['hallo', 'waar blijft mijn geld?'].entries()) {
      const posted = await call(`${server.domain}/conversations/${conversationId}/activities`, 'POST', token, {
        ...message(text),
        channelData: { clientActivityID: `c-${n}` },
      });
      expect(posted.status).toBe(200);
    }
    expect(storedWhenBotWentOn).toEqual([
      ['hallo', 'echo 1'],
      ['hallo', 'echo 1', 'waar blijft mijn geld?', 'echo 2'],
    ]);
  });

  it('a turn cut off by a crash runs once, on the retry, for the activity already stored', async () => {
    const storage = new MemoryStorage();
    const crashed = await startHeldServer({}, { store: storeOn(storage), turnTimeoutMs: 200 });
    crashed.hold(); // the turn never ends: the process "dies" during it
    const { conversationId, token } = (await call(`${crashed.domain}/conversations`, 'POST', undefined, {})).json as {
      conversationId: string;
      token: string;
    };
    const post = { ...message('waar blijft mijn geld?'), channelData: { clientActivityID: 'c-9' } };
    const unanswered = await call(`${crashed.domain}/conversations/${conversationId}/activities`, 'POST', token, post);
    expect(unanswered.status).toBe(503);
    await crashed.close();

    const second = await start(storage);
    const activities = `${second.domain}/conversations/${conversationId}/activities`;
    const retried = await call(activities, 'POST', token, post);
    expect(retried.status).toBe(200);
    expect(second.turns).toEqual(['waar blijft mijn geld?']);
    const log = (await call(activities, 'GET', token)).json.activities as { id: string; text: string }[];
    expect(log.map((a) => a.text)).toEqual(['waar blijft mijn geld?', 'echo 1']);
    expect(log[0].id).toBe(retried.json.id);
  });
});
