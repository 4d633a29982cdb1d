/**
 * Budgets, not counts (issue 20, findings 1, 2 and 5): the embedded Direct Line keeps within byte budgets,
 * refuses oversized activities, bounds each conversation's turn queue, limits how fast one client creates
 * conversations, evicts only idle conversations, and acknowledges a posted activity only once its turn ran.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DirectLineStore } from '../../src/server/directLine/directLineStore';
import { call, startConversation, startHeldServer, type HeldServer } from './directLineServer';

let server: HeldServer | undefined;
afterEach(async () => {
  server?.release();
  await server?.close();
  server = undefined;
});

const NO_RATE_LIMIT = { DIRECTLINE_RATE_PER_MINUTE: '100000' };

describe('eviction takes idle conversations only', () => {
  it('a flood of anonymous token requests leaves a conversation in use alone', async () => {
    server = await startHeldServer(NO_RATE_LIMIT, { store: new DirectLineStore({ maxConversations: 20 }) });
    const victim = await startConversation(server.domain);
    const activities = `${server.domain}/conversations/${victim.conversationId}/activities`;
    expect((await call(activities, 'POST', victim.token, { type: 'message', text: 'hallo' })).status).toBe(200);

    for (let i = 0; i < 100; i += 1) {
      expect((await call(`${server.baseUrl}/api/directline/token`, 'POST')).status).toBe(200);
    }

    const poll = await call(activities, 'GET', victim.token);
    expect(poll.status).toBe(200);
    expect(server.app.directLine?.size).toBeLessThanOrEqual(20);
  });

  it('when every conversation is in use, a new one is refused with 503 and Retry-After instead', async () => {
    server = await startHeldServer(NO_RATE_LIMIT, { store: new DirectLineStore({ maxConversations: 2 }) });
    for (let i = 0; i < 2; i += 1) {
      const { conversationId, token } = await startConversation(server.domain);
      await call(`${server.domain}/conversations/${conversationId}/activities`, 'POST', token, { type: 'typing' });
    }
    const refused = await call(`${server.domain}/conversations`, 'POST', undefined, {});
    expect(refused.status).toBe(503);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(String((refused.json.error as { message: string }).message)).toMatch(/druk.*busy/s);
  });
});

describe('byte budgets', () => {
  it('many conversations of large typing activities stay within the whole budget', async () => {
    const store = new DirectLineStore({ maxBytes: 2 * 1024 * 1024, maxBytesPerConversation: 256 * 1024 });
    server = await startHeldServer(NO_RATE_LIMIT, { store });
    const large = { type: 'typing', channelData: { filler: 'x'.repeat(60 * 1024) } };
    const statuses = new Set<number>();
    for (let c = 0; c < 12; c += 1) {
      const { conversationId, token } = await startConversation(server.domain);
      for (let i = 0; i < 8; i += 1) {
        const posted = await call(`${server.domain}/conversations/${conversationId}/activities`, 'POST', token, large);
        statuses.add(posted.status);
      }
    }
    expect([...statuses].every((status) => status === 200 || status === 503)).toBe(true);
    expect(store.bytes).toBeGreaterThan(0);
    expect(store.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('one conversation keeps its newest activities within its own budget', () => {
    const store = new DirectLineStore({ maxBytesPerConversation: 10 * 1024 });
    const { conversationId } = store.create();
    for (let i = 0; i < 20; i += 1) store.append(conversationId, { type: 'message', text: `${i} ${'x'.repeat(1000)}` });
    const kept = store.activitiesSince(conversationId).activities;
    expect(store.bytes).toBeLessThanOrEqual(10 * 1024);
    expect(kept.at(-1)?.text).toMatch(/^19 /);
    expect(kept.length).toBeLessThan(20);
  });

  it('an activity over the size limit is refused with 413 (as Azure Direct Line does)', async () => {
    server = await startHeldServer({ DIRECTLINE_ACTIVITY_KB: '64' });
    const { conversationId, token } = await startConversation(server.domain);
    const posted = await call(`${server.domain}/conversations/${conversationId}/activities`, 'POST', token, {
      type: 'typing',
      channelData: { filler: 'x'.repeat(100 * 1024) },
    });
    expect(posted.status).toBe(413);
    expect(server.app.directLine?.activitiesSince(conversationId).activities).toEqual([]);
  });
});

describe('rate limits per client', () => {
  it.each([
    ['the page token route', '/api/directline/token'],
    ['tokens/generate', '/v3/directline/tokens/generate'],
    ['starting a conversation', '/v3/directline/conversations'],
  ])('%s answers 429 with Retry-After past the burst', async (_name, path) => {
    server = await startHeldServer({ DIRECTLINE_RATE_PER_MINUTE: '5' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i += 1) {
      const answer = await call(`${server.baseUrl}${path}`, 'POST', undefined, {});
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.retryAfter;
    }
    expect(statuses.slice(0, 10).every((status) => status === 200 || status === 201)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('turn queues and acknowledgements', () => {
  it('a conversation with a full turn queue answers 429 with Retry-After; the queued turns all run', async () => {
    server = await startHeldServer({ DIRECTLINE_QUEUED_TURNS: '3' }, { turnTimeoutMs: 30_000 });
    const { conversationId, token } = await startConversation(server.domain);
    const url = `${server.domain}/conversations/${conversationId}/activities`;
    server.hold();
    const queued = [1, 2, 3].map((n) => call(url, 'POST', token, { type: 'message', text: `m${n}` }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await call(url, 'POST', token, { type: 'message', text: 'm4' });
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('1');
    server.release();
    expect((await Promise.all(queued)).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(server.turns).toEqual(['m1', 'm2', 'm3']);
  });

  it('a turn that has not run is not acknowledged: 503 to retry; the retry joins it and gets 200 once it ran', async () => {
    server = await startHeldServer({}, { turnTimeoutMs: 300 });
    const { conversationId, token } = await startConversation(server.domain);
    const url = `${server.domain}/conversations/${conversationId}/activities`;
    const activity = { type: 'message', text: 'hallo', channelData: { clientActivityID: 'client-1' } };
    server.hold();
    const first = await call(url, 'POST', token, activity);
    expect(first.status).toBe(503);
    expect(Number(first.retryAfter)).toBeGreaterThan(0);
    expect(server.turns).toEqual([]);
    server.release();
    const retried = await call(url, 'POST', token, activity);
    expect(retried.status).toBe(200);
    expect(server.turns).toEqual(['hallo']);
    const users = server.app.directLine
      ?.activitiesSince(conversationId)
      .activities.filter((a) => (a.from as { role?: string }).role === 'user');
    expect(users?.map((a) => a.id)).toEqual([retried.json.id]);
  }, 30_000);
});
