/**
 * The projector routes on a real restify server (127.0.0.1, free port): the page, the Server-Sent Events
 * stream, the 404 for unknown rooms, escaping, and the hub's bounds and expiry.
 */
import * as restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomSnapshot } from '../../src/core/demo';
import { silentLogger } from '../../src/logging';
import { installErrorFormatting } from '../../src/server/errors';
import { isRoomId, newRoomId } from '../../dialogs';
import { openEventStream, type StreamEvent } from '../../scripts/harness/eventStream';
import { DemoHub } from '../../src/server/projector/demoHub';
import { jsonForScript } from '../../src/server/projector/projectorPage';
import {
  projectorUrl,
  registerProjectorRoutes,
  type ProjectorRoutes,
} from '../../src/server/projector/projectorRoutes';

const INJECTION = '<script>alert(1)</script>';

function snapshot(roomId: string, overrides: Partial<RoomSnapshot> = {}): RoomSnapshot {
  return {
    roomId,
    title: 'Uitkering niet ontvangen',
    customerName: 'Mevrouw Jansen',
    lang: 'nl',
    paused: false,
    mode: 'open',
    majorityAllowed: false,
    trainerName: 'Tineke',
    anger: 70,
    band: 'angry',
    bandName: 'boos',
    transcript: [
      { role: 'customer', turn: 0, text: 'Waar blijft mijn geld?', anger: 70, delta: 0, labels: [], labelNames: [] },
    ],
    proposals: [],
    ended: false,
    turns: 0,
    round: 1,
    phase: 'proposing',
    votedCount: 0,
    voterCount: 0,
    hidePredictionsUntilPick: false,
    briefing: { title: 'Uitkering niet ontvangen', text: 'Mevrouw Jansen belt.', canOffer: [], cannotOffer: [] },
    participants: [{ name: 'Tineke', role: 'trainer', voted: false, proposed: false }],
    angerCurve: [70],
    ...overrides,
  };
}

let server: restify.Server;
let base: string;
let hub: DemoHub;
let routes: ProjectorRoutes;

beforeAll(async () => {
  server = restify.createServer({ handleUncaughtExceptions: false });
  installErrorFormatting(server, () => undefined);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  hub = new DemoHub({ sweepIntervalMs: 0 });
  routes = registerProjectorRoutes(server, { hub, log: silentLogger, heartbeatMs: 200, maxStreamsPerRoom: 3 });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  routes?.closeStreams();
  hub?.close();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
  });
});

/** The projector's event stream, with a wait for the event a test expects. */
async function openStream(url: string) {
  const stream = await openEventStream(url);
  const { res, events, ended } = stream;
  const waitFor = async (predicate: (e: StreamEvent) => boolean, what: string): Promise<StreamEvent> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const hit = events.find(predicate);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    res,
    events,
    waitFor,
    snapshots: () =>
      events.filter((e) => e.event === 'snapshot').map((e) => JSON.parse(e.data ?? '{}') as RoomSnapshot),
    ended,
    close: () => stream.close(),
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('room ids', () => {
  it('are 128 random bits in base64url, and only those are rooms', () => {
    const ids = new Set(Array.from({ length: 200 }, newRoomId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(isRoomId(id)).toBe(true);
    for (const bad of ['', 'abc', '../../etc/passwd', 'a'.repeat(23), 'a'.repeat(21) + '!'])
      expect(isRoomId(bad)).toBe(false);
    expect(projectorUrl('https://bot.example.org/', 'abc')).toBe('https://bot.example.org/demo/abc');
  });
});

describe('GET /demo/:roomId', () => {
  it('serves the page in the room language, self-contained, not cached or indexed; ?lang=en switches the chrome', async () => {
    const roomId = newRoomId();
    hub.publish(roomId, snapshot(roomId));
    const res = await fetch(`${base}/demo/${roomId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/connect-src 'self'/);
    const html = await res.text();
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).toContain('Boosheid');
    expect(html).toContain('Uitkering niet ontvangen');
    // No external resources: the only reference is the empty data: icon (stops the favicon request).
    expect(html.match(/\b(src|href)="[^"]*"/g)).toEqual(['href="data:,"']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(html).toContain(`<script nonce="${nonce}">`);

    const en = await (await fetch(`${base}/demo/${roomId}?lang=en`)).text();
    expect(en).toMatch(/<html lang="en">/);
    expect(en).toContain('Anger');
  });

  it('unknown, malformed and expired rooms get a friendly 404 page in both languages', async () => {
    for (const path of [`/demo/${newRoomId()}`, '/demo/nope', '/demo/%3Cscript%3E']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).toContain('Deze demo bestaat niet (meer)');
      expect(html).toContain('This demo does not exist (any more)');
      expect(html).not.toContain('<script>');
    }
    const events = await fetch(`${base}/demo/${newRoomId()}/events`);
    expect(events.status).toBe(404);
    expect(await events.json()).toEqual({ error: { code: 'NotFound', message: 'No such demo room' } });
  });

  it('shows an HTML-injection attempt as text: escaped in the markup, JSON that cannot close its script', async () => {
    const roomId = newRoomId();
    hub.publish(
      roomId,
      snapshot(roomId, {
        title: `Titel ${INJECTION}`,
        transcript: [
          { role: 'customer', turn: 0, text: 'Hallo', anger: 70, delta: 0, labels: [], labelNames: [] },
          {
            role: 'trainee',
            author: `<img src=x onerror=alert(2)>`,
            turn: 1,
            text: INJECTION,
            anger: 70,
            labels: [],
            labelNames: [],
          },
        ],
      }),
    );
    const html = await (await fetch(`${base}/demo/${roomId}`)).text();
    expect(html).not.toContain(INJECTION);
    expect(html).not.toContain('<img');
    expect(html).toContain('Titel &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    // The page script builds nodes with textContent; it never assigns HTML.
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(JSON.parse(jsonForScript({ t: '</script>\u2028&' }))).toEqual({ t: '</script>\u2028&' });
  });
});

describe('GET /demo/:roomId/events', () => {
  it('sends the last snapshot at once, then every publish, with heartbeats; cleans up when the viewer leaves', async () => {
    const roomId = newRoomId();
    hub.publish(roomId, snapshot(roomId, { anger: 70 }));
    const stream = await openStream(`${base}/demo/${roomId}/events`);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers.get('cache-control')).toMatch(/no-cache/);

    const first = await stream.waitFor((e) => e.event === 'snapshot', 'the first snapshot');
    expect(first.id).toBe('1');
    expect((JSON.parse(first.data!) as { anger: number }).anger).toBe(70);

    hub.publish(roomId, snapshot(roomId, { anger: 55, band: 'tense', bandName: 'gespannen', paused: true }));
    const second = await stream.waitFor((e) => e.event === 'snapshot' && e.id === '2', 'the second snapshot');
    expect(JSON.parse(second.data!)).toMatchObject({ anger: 55, paused: true });

    await stream.waitFor((e) => e.comment === 'ping', 'a heartbeat');
    expect(hub.subscriberCount(roomId)).toBe(1);
    expect(routes.streamCount()).toBe(1);

    await stream.close();
    await until(() => hub.subscriberCount(roomId) === 0 && routes.streamCount() === 0, 'the stream to be cleaned up');
  });

  it('stays open well past a heartbeat and delivers a late publish (no buffering, no timeout)', async () => {
    const roomId = newRoomId();
    hub.publish(roomId, snapshot(roomId));
    const stream = await openStream(`${base}/demo/${roomId}/events`);
    await stream.waitFor((e) => e.event === 'snapshot', 'the first snapshot');
    await new Promise((r) => setTimeout(r, 700));
    hub.publish(roomId, snapshot(roomId, { anger: 12, band: 'calm', bandName: 'kalm' }));
    await stream.waitFor((e) => e.event === 'snapshot' && e.id === '2', 'the late snapshot');
    expect(stream.snapshots().map((s) => s.anger)).toEqual([70, 12]);
    await stream.close();
  });

  it('two rooms never see each other’s snapshots', async () => {
    const a = newRoomId();
    const b = newRoomId();
    hub.publish(a, snapshot(a, { anger: 61 }));
    hub.publish(b, snapshot(b, { anger: 33, band: 'calm', bandName: 'kalm' }));
    const streamA = await openStream(`${base}/demo/${a}/events`);
    const streamB = await openStream(`${base}/demo/${b}/events`);
    await streamA.waitFor((e) => e.event === 'snapshot', 'a');
    await streamB.waitFor((e) => e.event === 'snapshot', 'b');
    hub.publish(a, snapshot(a, { anger: 62 }));
    await streamA.waitFor((e) => e.id === '2', 'a again');
    await new Promise((r) => setTimeout(r, 100));
    expect(streamA.snapshots().map((s) => [s.roomId, s.anger])).toEqual([
      [a, 61],
      [a, 62],
    ]);
    expect(streamB.snapshots().map((s) => [s.roomId, s.anger])).toEqual([[b, 33]]);
    await streamA.close();
    await streamB.close();
  });

  it('tells the viewer and closes the stream when the room is removed', async () => {
    const roomId = newRoomId();
    hub.publish(roomId, snapshot(roomId));
    const stream = await openStream(`${base}/demo/${roomId}/events`);
    await stream.waitFor((e) => e.event === 'snapshot', 'the first snapshot');
    hub.remove(roomId);
    const closed = await stream.waitFor((e) => e.event === 'closed', 'the closed event');
    // The reason tells the page how soon to try again: a room that went away is retried slowly.
    expect(JSON.parse(closed.data ?? '{}')).toEqual({ reason: 'room' });
    await stream.ended;
    expect(routes.streamCount()).toBe(0);
    expect((await fetch(`${base}/demo/${roomId}`)).status).toBe(404);
  });

  it('limits the viewers per room', async () => {
    const roomId = newRoomId();
    hub.publish(roomId, snapshot(roomId));
    const streams = [];
    for (let i = 0; i < 3; i++) streams.push(await openStream(`${base}/demo/${roomId}/events`));
    const refused = await fetch(`${base}/demo/${roomId}/events`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    for (const s of streams) await s.close();
  });
});

describe('DemoHub', () => {
  it('keeps the last snapshot, forgets idle rooms and evicts the least recently published beyond the bound', () => {
    let now = 0;
    const local = new DemoHub({ maxRooms: 2, idleMs: 1_000, sweepIntervalMs: 0, now: () => now });
    const closed: string[] = [];
    local.publish('a', snapshot('a', { anger: 1 }));
    local.publish('b', snapshot('b', { anger: 2 }));
    local.subscribe(
      'a',
      () => undefined,
      () => closed.push('a'),
    );
    local.subscribe(
      'b',
      () => undefined,
      () => closed.push('b'),
    );
    local.publish('a', snapshot('a', { anger: 3 }));
    expect(local.last('a')).toMatchObject({ seq: 2, snapshot: { anger: 3 } });

    local.publish('c', snapshot('c'));
    expect([local.has('a'), local.has('b'), local.has('c')]).toEqual([true, false, true]);
    expect(closed).toEqual(['b']);

    now = 999;
    expect(local.has('a')).toBe(true);
    now = 1_001;
    expect(local.has('a')).toBe(false);
    expect(local.subscribe('a', () => undefined)).toBeUndefined();
    expect(closed).toEqual(['b', 'a']);
    local.close();
  });

  it('a throwing listener is dropped without hurting the others', () => {
    const local = new DemoHub({ sweepIntervalMs: 0 });
    local.publish('r', snapshot('r'));
    const seen: number[] = [];
    local.subscribe('r', () => {
      throw new Error('broken viewer');
    });
    local.subscribe('r', (s) => seen.push(s.anger));
    local.publish('r', snapshot('r', { anger: 40 }));
    local.publish('r', snapshot('r', { anger: 41 }));
    expect(seen).toEqual([40, 41]);
    expect(local.subscriberCount('r')).toBe(1);
    local.close();
  });
});
