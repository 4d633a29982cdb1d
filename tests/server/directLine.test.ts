import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectLine, ConnectionStatus, type Activity, type DirectLineOptions } from 'botframework-directlinejs';
import { DirectLineStore } from '../../src/server/directLine/directLineStore';
import { MAX_BODY_BYTES } from '../../src/server/createServer';
import { startReplySink } from '../../scripts/harness/botProcess';
import { installXhrShim } from './support/xhrShim';
import { startTestServer, TEST_GREETING, type TestServer } from './support/testServer';

interface TokenResponse {
  conversationId: string;
  token: string;
  expires_in: number;
}

interface ActivitySet {
  activities: Array<Record<string, unknown> & { id: string; type: string; timestamp: string }>;
  watermark: string;
}

/** An activity as received, with the fields these tests read. */
type DlSeen = Activity & { text?: string; replyToId?: string; timestamp?: string };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

/** Any answer of the Direct Line routes, with the fields these tests read. */
interface Reply {
  id?: string;
  token?: string;
  conversationId?: string;
  error?: { code: string; message: string };
}

async function call(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; json: Reply }> {
  const res = await fetch(`${server.domain}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Reply };
}

async function startConversation(): Promise<TokenResponse> {
  const { status, json } = await call('POST', '/conversations', undefined, {});
  expect(status).toBe(201);
  return json as TokenResponse;
}

describe('embedded Direct Line with the official botframework-directlinejs client', () => {
  it('connects with webSocket: false, gets the greeting after webchat/join, and an answer to a message', async () => {
    const uninstall = installXhrShim();
    const { token } = (await call('POST', '/tokens/generate')).json as TokenResponse;
    // Node 20 has no global WebSocket; the client reads the constructor even when polling, so hand it a stub.
    const options = { domain: server.domain, token, webSocket: false, pollingInterval: 200, WebSocket: class {} };
    const directLine = new DirectLine(options as DirectLineOptions);
    const received: DlSeen[] = [];
    const waitFor = (predicate: (a: DlSeen) => boolean, what: string) =>
      new Promise<DlSeen>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10_000);
        const check = () => {
          const hit = received.find(predicate);
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          } else setTimeout(check, 50);
        };
        check();
      });
    const subscription = directLine.activity$.subscribe((a) => received.push(a));
    try {
      const joinId = await new Promise<string>((resolve, reject) =>
        directLine
          .postActivity({
            type: 'event',
            name: 'webchat/join',
            value: { lang: 'nl' },
            from: { id: 'trainee-1' },
          })
          .subscribe(resolve, reject),
      );
      expect(directLine.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
      const greeting = await waitFor(
        (a) => a.type === 'message' && String(a.text).startsWith(TEST_GREETING),
        'greeting',
      );
      expect(greeting.text).toBe(`${TEST_GREETING} (nl)`);
      expect(greeting.replyToId).toBe(joinId);

      const messageId = await new Promise<string>((resolve, reject) =>
        directLine
          .postActivity({
            type: 'message',
            text: 'Goedemiddag, waarmee kan ik helpen?',
            from: { id: 'trainee-1', role: 'user' },
          })
          .subscribe(resolve, reject),
      );
      const echoOfUser = await waitFor((a) => a.id === messageId, 'the echo of our own message');
      expect(echoOfUser.from).toMatchObject({ id: 'trainee-1', role: 'user' });
      const reply = await waitFor((a) => a.replyToId === messageId, 'the bot reply');
      expect(reply).toMatchObject({
        type: 'message',
        text: 'echo: Goedemiddag, waarmee kan ik helpen?',
        from: { role: 'bot' },
      });
      expect(reply.id).toMatch(/\|\d{7}$/);
      expect(Number.isNaN(Date.parse(String(reply.timestamp)))).toBe(false);
    } finally {
      subscription.unsubscribe();
      directLine.end();
      uninstall();
    }
  });
});

describe('embedded Direct Line REST API', () => {
  it('starts a conversation, posts an activity and pages the log with watermarks', async () => {
    const { conversationId, token, expires_in } = await startConversation();
    expect(conversationId).toMatch(/^[\w-]{16,}$/);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(expires_in).toBeGreaterThan(0);

    const posted = await call('POST', `/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text: 'hallo',
      from: { id: 'u1' },
    });
    expect(posted.status).toBe(200);
    expect(posted.json.id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));

    const first = (await call('GET', `/conversations/${conversationId}/activities`, token)).json as ActivitySet;
    const [user, bot] = first.activities;
    expect(user).toMatchObject({
      id: posted.json.id,
      type: 'message',
      text: 'hallo',
      from: { id: 'u1', role: 'user' },
    });
    expect(bot).toMatchObject({
      type: 'message',
      text: 'echo: hallo',
      replyToId: posted.json.id,
      from: { role: 'bot' },
    });
    expect(bot?.recipient).toBeUndefined();
    expect(bot?.serviceUrl).toBeUndefined();
    expect(first.watermark).toBe('2');

    const none = (await call('GET', `/conversations/${conversationId}/activities?watermark=${first.watermark}`, token))
      .json as ActivitySet;
    expect(none).toEqual({ activities: [], watermark: '2' });

    await call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: 'nog eens' });
    const next = (await call('GET', `/conversations/${conversationId}/activities?watermark=${first.watermark}`, token))
      .json as ActivitySet;
    expect(next.activities.map((a) => a.text)).toEqual(['nog eens', 'echo: nog eens']);
    expect(next.watermark).toBe('4');
    // No from id given: the conversation's own dl_ user id.
    expect((next.activities[0]?.from as { id: string }).id).toMatch(/^dl_/);
  });

  it('starts the conversation that a generated token belongs to', async () => {
    const generated = (await call('POST', '/tokens/generate')).json as TokenResponse;
    const started = await call('POST', '/conversations', generated.token, {});
    expect(started.status).toBe(201);
    expect(started.json.conversationId).toBe(generated.conversationId);
  });

  it('refreshes a token; the new one works', async () => {
    const { conversationId, token } = await startConversation();
    const refreshed = await call('POST', '/tokens/refresh', token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.conversationId).toBe(conversationId);
    expect(refreshed.json.token).not.toBe(token);
    const got = await call('GET', `/conversations/${conversationId}/activities`, refreshed.json.token);
    expect(got.status).toBe(200);
    expect((await call('POST', '/tokens/refresh', 'not-a-token')).status).toBe(401);
  });

  it('answers 401 for a missing, wrong or other conversation token', async () => {
    const a = await startConversation();
    const b = await startConversation();
    const path = `/conversations/${a.conversationId}/activities`;
    for (const token of [undefined, 'wrong-token', b.token]) {
      const res = await call('GET', path, token);
      expect(res.status).toBe(401);
      expect(res.json.error?.code).toBe('Unauthorized');
      expect((await call('POST', path, token, { type: 'message', text: 'x' })).status).toBe(401);
    }
  });

  it('answers 401 for an unknown conversation, as for a wrong token (ids cannot be probed)', async () => {
    const { token } = await startConversation();
    const res = await call('GET', '/conversations/does-not-exist/activities', token);
    expect(res.status).toBe(401);
    expect(res.json.error?.code).toBe('Unauthorized');
  });

  it('answers 400 for malformed JSON, a non-activity and a bad watermark', async () => {
    const { conversationId, token } = await startConversation();
    const path = `/conversations/${conversationId}/activities`;
    const malformed = await call('POST', path, token, '{"type": "message", "text": ');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error?.message).toMatch(/Malformed JSON/);
    expect((await call('POST', path, token, { text: 'no type' })).status).toBe(400);
    expect((await call('POST', path, token, { type: 'conversationUpdate' })).status).toBe(400);
    expect((await call('GET', `${path}?watermark=abc`, token)).status).toBe(400);
  });

  it(`answers 413 for a body over ${MAX_BODY_BYTES} bytes`, async () => {
    const { conversationId, token } = await startConversation();
    const res = await call('POST', `/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text: 'x'.repeat(MAX_BODY_BYTES + 10),
    });
    expect(res.status).toBe(413);
    expect(res.json.error?.code).toBe('PayloadTooLarge');
  });

  it('tells the client when the bot fails (the error handler still answers the user)', async () => {
    const { conversationId, token } = await startConversation();
    const posted = await call('POST', `/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text: 'crash',
    });
    expect(posted.status).toBe(200);
    const log = (await call('GET', `/conversations/${conversationId}/activities`, token)).json as ActivitySet;
    expect(log.activities.at(-1)).toMatchObject({
      from: { role: 'bot' },
      text: 'Er ging iets mis / Something went wrong',
    });
  });
});

describe('server routes around the Direct Line', () => {
  it('answers /healthz with the persona count', async () => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', personas: 3 });
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await fetch(`${server.baseUrl}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual({ error: { code: 'NotFound', message: 'No route for GET /nope' } });
  });

  it('serves the page in Dutch by default and English with ?lang=en', async () => {
    const nl = await (await fetch(`${server.baseUrl}/`)).text();
    expect(nl).toContain('<html lang="nl">');
    expect(nl).toContain('Oefenen met de-escalatie');
    expect(nl).toContain('"locale":"nl-NL"');
    const en = await (await fetch(`${server.baseUrl}/?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('"locale":"en-US"');
    expect(en).toContain('webchat/join');
  });

  it('serves the Web Chat bundle from node_modules', async () => {
    const res = await fetch(`${server.baseUrl}/webchat/webchat.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect((await res.text()).length).toBeGreaterThan(1_000_000);
  });

  it('refuses connector calls without the connector key, before looking at the conversation', async () => {
    const res = await fetch(`${server.baseUrl}/v3/conversations/unknown/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'spoofed' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('/api/messages', () => {
  it('runs the bot for a channel activity; the reply goes to the activity serviceUrl', async () => {
    // A reply sink on loopback plays the channel (the embedded connector wants its per-process key).
    const sink = await startReplySink();
    const conversationId = 'emulator-conversation';
    const res = await fetch(`${server.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'emulator-1',
        text: 'via api/messages',
        channelId: 'emulator',
        serviceUrl: sink.serviceUrl,
        from: { id: 'emulator-user', role: 'user' },
        recipient: { id: 'bot', role: 'bot' },
        conversation: { id: conversationId },
      }),
    });
    expect(res.status).toBe(200);
    expect(sink.received.get(conversationId)?.at(-1)).toMatchObject({
      text: 'echo: via api/messages',
      replyToId: 'emulator-1',
    });
    await sink.close();
  });
});

const CREDENTIALS = {
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppId: '00000000-0000-0000-0000-00000000b0a7',
  MicrosoftAppPassword: 'not-a-real-password',
  MicrosoftAppTenantId: '00000000-0000-0000-0000-00000000a1a1',
};

describe('with app credentials configured', () => {
  let hosted: TestServer;
  let hostedWithDirectLine: TestServer;
  beforeAll(async () => {
    hosted = await startTestServer(CREDENTIALS);
    hostedWithDirectLine = await startTestServer({ ...CREDENTIALS, EMBEDDED_DIRECTLINE: 'true' });
  });
  afterAll(async () => {
    await hosted?.close();
    await hostedWithDirectLine?.close();
  });

  it('rejects unauthenticated /api/messages calls with 401', async () => {
    const res = await fetch(`${hosted.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'x',
        channelId: 'msteams',
        serviceUrl: 'https://example.org',
        conversation: { id: 'c' },
      }),
    });
    expect(res.status).toBe(401);
  });

  it('has no embedded Direct Line unless EMBEDDED_DIRECTLINE=true', async () => {
    expect((await fetch(`${hosted.domain}/conversations`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${hosted.baseUrl}/api/directline/token`, { method: 'POST' })).status).toBe(503);
  });

  it('with EMBEDDED_DIRECTLINE=true the bot still answers (no AAD call), and the connector demands its key', async () => {
    const started = await fetch(`${hostedWithDirectLine.domain}/conversations`, { method: 'POST' });
    const { conversationId, token } = (await started.json()) as TokenResponse;
    const posted = await fetch(`${hostedWithDirectLine.domain}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hallo' }),
    });
    expect(posted.status).toBe(200);
    const log = (await (
      await fetch(`${hostedWithDirectLine.domain}/conversations/${conversationId}/activities`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as ActivitySet;
    expect(log.activities.at(-1)).toMatchObject({
      text: 'echo: hallo',
      from: { role: 'bot', id: CREDENTIALS.MicrosoftAppId },
    });

    const spoofed = await fetch(`${hostedWithDirectLine.baseUrl}/v3/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'spoofed' }),
    });
    expect(spoofed.status).toBe(401);
  });
});

describe('embedded Direct Line with DIRECTLINE_SECRET', () => {
  let secured: TestServer;
  beforeAll(async () => {
    secured = await startTestServer({ DIRECTLINE_SECRET: 'local-secret' });
  });
  afterAll(async () => {
    await secured?.close();
  });

  it('requires the secret to generate tokens or start conversations, and accepts it on conversation calls', async () => {
    const post = (path: string, token?: string) =>
      fetch(`${secured.domain}${path}`, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });
    expect((await post('/tokens/generate')).status).toBe(401);
    expect((await post('/conversations', 'wrong')).status).toBe(401);
    const started = await post('/conversations', 'local-secret');
    expect(started.status).toBe(201);
    const { conversationId } = (await started.json()) as TokenResponse;
    const got = await fetch(`${secured.domain}/conversations/${conversationId}/activities`, {
      headers: { Authorization: 'Bearer local-secret' },
    });
    expect(got.status).toBe(200);
    // The page's own token route still works (it is the token server for the page).
    expect((await fetch(`${secured.baseUrl}/api/directline/token`, { method: 'POST' })).status).toBe(200);
  });
});

describe('DirectLineStore bounds', () => {
  it('expires idle conversations, caps their number and keeps only the newest activities', () => {
    let now = 1_000_000;
    const store = new DirectLineStore({
      maxConversations: 2,
      idleMs: 1000,
      maxActivitiesPerConversation: 3,
      now: () => now,
    });
    const a = store.create();
    now += 10;
    const b = store.create();
    now += 10;
    store.get(a.conversationId); // a is now the most recently active
    const c = store.create(); // evicts b
    expect(store.size).toBe(2);
    expect(store.get(b.conversationId)).toBeUndefined();
    expect(store.checkToken(b.token)).toEqual({ ok: false, reason: 'unknown' });

    for (let i = 1; i <= 5; i += 1) store.append(c.conversationId, { type: 'message', text: String(i) });
    const all = store.activitiesSince(c.conversationId);
    expect(all.activities.map((x) => x.text)).toEqual(['3', '4', '5']);
    expect(all.watermark).toBe('5');

    now += 2000;
    store.sweep();
    expect(store.size).toBe(0);
  });

  it('reports expired tokens as expired', () => {
    let now = 0;
    const store = new DirectLineStore({ tokenTtlMs: 1000, idleMs: 10_000, now: () => now });
    const issued = store.create();
    expect(store.checkToken(issued.token)).toEqual({ ok: true, conversationId: issued.conversationId });
    now = 1500;
    expect(store.checkToken(issued.token)).toEqual({ ok: false, reason: 'expired' });
  });
});
