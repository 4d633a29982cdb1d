import { createServer as createHttpServer, type Server as HttpServer } from 'http';
import type { AddressInfo } from 'net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectLine, type Activity, type DirectLineOptions } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import { silentLogger } from '../../src/logging';
import { attachActivityStreams } from '../../src/server/directLine/activityStream';
import { DirectLineStore } from '../../src/server/directLine/directLineStore';
import { installXhrShim } from './support/xhrShim';
import { startTestServer, TEST_GREETING, type TestServer } from './support/testServer';

interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
}

interface Frame {
  activities: Array<{ id: string; type: string; text?: string }>;
  watermark: string;
}

type DlSeen = Activity & { text?: string; replyToId?: string };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

async function startConversation(): Promise<Started> {
  const res = await fetch(`${server.domain}/conversations`, { method: 'POST' });
  expect(res.status).toBe(201);
  return (await res.json()) as Started;
}

async function post(conversation: Started, text: string): Promise<string> {
  const res = await fetch(`${server.domain}/conversations/${conversation.conversationId}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${conversation.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', text }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

/** Opens a stream and collects its text frames (empty heartbeat frames as ''). */
function openStream(url: string): Promise<{ socket: WebSocket; frames: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const frames: string[] = [];
    socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
    socket.once('open', () => resolve({ socket, frames }));
    socket.once('error', reject);
  });
}

/** The HTTP status the server refuses a stream upgrade with. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => reject(new Error('the stream opened')));
    socket.once('error', () => undefined);
  });
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const parsed = (frames: string[]): Frame[] => frames.filter((f) => f !== '').map((f) => JSON.parse(f) as Frame);

describe('embedded Direct Line stream with the official botframework-directlinejs client (webSocket: true)', () => {
  it('gets the greeting and the answers over the stream, without polling, and resumes after the server drops the socket', async () => {
    const uninstall = installXhrShim();
    // directlinejs only streams when a global WebSocket exists (node 20 has none).
    const global = globalThis as { WebSocket?: unknown };
    const previousWebSocket = global.WebSocket;
    global.WebSocket = WebSocket;
    const polls: string[] = [];
    const reconnects: string[] = [];
    const onRequest = (req: { method?: string; url?: string }) => {
      if (req.method === 'GET' && /\/activities/.test(req.url ?? '')) polls.push(req.url ?? '');
      if (req.method === 'GET' && /\/conversations\/[\w-]+\?watermark=/.test(req.url ?? ''))
        reconnects.push(req.url ?? '');
    };
    server.app.server.server.on('request', onRequest);
    const token = ((await (await fetch(`${server.domain}/tokens/generate`, { method: 'POST' })).json()) as Started)
      .token;
    const options = { domain: server.domain, token, webSocket: true, WebSocket, random: () => 0 };
    const directLine = new DirectLine(options as DirectLineOptions);
    const received: DlSeen[] = [];
    const subscription = directLine.activity$.subscribe((a) => received.push(a));
    const send = (activity: Record<string, unknown>) =>
      new Promise<string>((resolve, reject) =>
        directLine.postActivity({ from: { id: 'trainee-1' }, ...activity } as Activity).subscribe(resolve, reject),
      );
    try {
      await send({ type: 'event', name: 'webchat/join', value: { lang: 'nl' } });
      const greeting = await until(
        () => received.find((a) => String(a.text).startsWith(TEST_GREETING)),
        'the greeting over the stream',
      );
      expect(greeting.text).toBe(`${TEST_GREETING} (nl)`);
      const first = await send({ type: 'message', text: 'een' });
      await until(() => received.find((a) => a.replyToId === first), 'the answer to "een"');

      // The server drops every open stream (a restart of a proxy, say); the client reconnects with its watermark.
      server.app.streams?.dropAll();
      const second = await send({ type: 'message', text: 'twee' });
      const reply = await until(() => received.find((a) => a.replyToId === second), 'the answer after reconnecting');
      expect(reply.text).toBe('echo: twee');
      // Nothing twice: the resume starts after the last watermark the client saw.
      const ids = received.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(polls).toEqual([]);
      expect(reconnects).toHaveLength(1);
      expect(reconnects[0]).toMatch(/\?watermark=4$/);
    } finally {
      server.app.server.server.removeListener('request', onRequest);
      subscription.unsubscribe();
      directLine.end();
      global.WebSocket = previousWebSocket;
      uninstall();
    }
  }, 30_000);
});

describe('embedded Direct Line stream frames', () => {
  it('conversation start, token generation and reconnect all return a streamUrl on this server', async () => {
    const started = await startConversation();
    expect(started.streamUrl).toBe(
      `${server.baseUrl.replace('http', 'ws')}/v3/directline/conversations/${started.conversationId}/stream?t=${started.token}`,
    );
    const generated = (await (await fetch(`${server.domain}/tokens/generate`, { method: 'POST' })).json()) as Started;
    expect(generated.streamUrl).toContain(`/conversations/${generated.conversationId}/stream?t=`);
    const reconnect = await fetch(`${server.domain}/conversations/${started.conversationId}?watermark=4`, {
      headers: { Authorization: `Bearer ${started.token}` },
    });
    expect(((await reconnect.json()) as Started).streamUrl).toMatch(/stream\?t=[\w-]+&watermark=4$/);
  });

  it('pushes each activity set as { activities, watermark } and resumes after ?watermark=', async () => {
    const conversation = await startConversation();
    const { socket, frames } = await openStream(conversation.streamUrl);
    const id = await post(conversation, 'hallo');
    await until(() => (parsed(frames).length >= 2 ? true : undefined), 'two frames');
    const [user, bot] = parsed(frames);
    expect(user).toEqual({ activities: [expect.objectContaining({ id, text: 'hallo' })], watermark: '1' });
    expect(bot).toEqual({ activities: [expect.objectContaining({ text: 'echo: hallo' })], watermark: '2' });
    socket.close();

    await post(conversation, 'nog eens');
    const resumed = await openStream(`${conversation.streamUrl}&watermark=2`);
    await until(() => (parsed(resumed.frames).length >= 1 ? true : undefined), 'the backlog frame');
    expect(parsed(resumed.frames)[0]).toMatchObject({
      activities: [{ text: 'nog eens' }, { text: 'echo: nog eens' }],
      watermark: '4',
    });
    resumed.socket.close();

    // Without a watermark the whole kept log comes first, so what was posted before the socket opened is not lost.
    const fresh = await openStream(conversation.streamUrl);
    await until(() => (parsed(fresh.frames).length >= 1 ? true : undefined), 'the whole log');
    expect(parsed(fresh.frames)[0]?.activities.map((a) => a.text)).toEqual([
      'hallo',
      'echo: hallo',
      'nog eens',
      'echo: nog eens',
    ]);
    fresh.socket.close();
  });

  it("one conversation's token cannot open another conversation's stream", async () => {
    const a = await startConversation();
    const b = await startConversation();
    const streamOfA = a.streamUrl.replace(a.token, b.token);
    expect(await refusedStatus(streamOfA)).toBe(401);
    expect(await refusedStatus(a.streamUrl.replace(/\?.*$/, ''))).toBe(401);
    expect(await refusedStatus(a.streamUrl.replace(a.conversationId, 'no-such-conversation'))).toBe(401);
    expect(await refusedStatus(`${server.baseUrl.replace('http', 'ws')}/somewhere-else`)).toBe(404);
  });

  it('refuses an expired token with 403', async () => {
    let now = 1_000;
    const store = new DirectLineStore({ tokenTtlMs: 1_000, now: () => now });
    const http = await listening(createHttpServer());
    const streams = attachActivityStreams(http, { store, log: silentLogger });
    try {
      const { conversationId, token } = store.create();
      now += 2_000;
      expect(
        await refusedStatus(`${wsBase(http)}/v3/directline/conversations/${conversationId}/stream?t=${token}`),
      ).toBe(403);
    } finally {
      streams.close();
      http.close();
    }
  });

  it('sends an empty frame as heartbeat and closes the stream when the conversation ends', async () => {
    const store = new DirectLineStore();
    const http = await listening(createHttpServer());
    const streams = attachActivityStreams(http, { store, log: silentLogger, heartbeatMs: 50 });
    try {
      const { conversationId, token } = store.create();
      const { socket, frames } = await openStream(
        `${wsBase(http)}/v3/directline/conversations/${conversationId}/stream?t=${token}`,
      );
      await until(() => (frames.includes('') ? true : undefined), 'a heartbeat', 2_000);
      expect(streams.openCount).toBe(1);
      const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
      store.forget(conversationId);
      expect(await closed).toBe(1000);
    } finally {
      streams.close();
      http.close();
    }
  });
});

function listening(http: HttpServer): Promise<HttpServer> {
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(http)));
}

function wsBase(http: HttpServer): string {
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
}
