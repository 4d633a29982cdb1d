/**
 * Joining a group demo from another browser, over HTTP against the whole app (STORAGE=memory): `/demo` in web
 * chat gives a join link, `POST /api/demo/join` hands a guest token to the room's conversation, what a guest posts
 * is theirs (whatever it claims), the trainer's trainee id and what the trainer's chat held before the room never
 * reach a guest (poll or stream), and the projector shows the code with its QR code. Plus the join codes and the guest view on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { newRoomId, t } from '../../dialogs';
import { DemoHub } from '../../src/server/projector/demoHub';
import { JoinCodes } from '../../src/server/projector/joinCodes';
import { guestActivitySet, ownerAlias } from '../../src/server/directLine/guestView';
import { displayName, guestIdFor, JOIN_PATH } from '../../src/server/joinRoute';
import type { RoomSnapshot } from '../../src/core';

let app: RunningApp;
let base: string;

beforeAll(async () => {
  app = await startApp({ env: { PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory' } }, { log: silentLogger });
  base = app.url.replace(/\/$/, '');
});

afterAll(async () => {
  await app?.close();
});

interface Dl {
  conversationId: string;
  token: string;
  userId: string;
  username?: string;
  streamUrl: string;
}

async function post(path: string, body: unknown, token?: string): Promise<{ status: number; json: Dl }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Dl };
}

interface Activity {
  type: string;
  text?: string;
  from: { id: string; name?: string; role?: string };
  recipient?: { id: string };
}

async function activities(conversationId: string, token: string): Promise<Activity[]> {
  const res = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { activities: Activity[] }).activities;
}

/** A trainer on the web chat page who started a vote demo; returns their Direct Line and the join code. */
async function trainerWithRoom(): Promise<{ trainer: Dl; code: string; projectorPath: string }> {
  const trainer = (await post('/api/directline/token', {})).json;
  await post('/v3/directline/conversations', { user: { id: trainer.userId } }, trainer.token);
  const send = (activity: object) =>
    post(`/v3/directline/conversations/${trainer.conversationId}/activities`, activity, trainer.token);
  await send({ type: 'event', name: 'webchat/join', value: { lang: 'nl' }, from: { id: trainer.userId } });
  await send({ type: 'message', text: '/demo municipal-benefits vote', from: { id: trainer.userId } });
  const started = (await activities(trainer.conversationId, trainer.token)).find((a) => /\?join=/.test(a.text ?? ''));
  const code = /\?join=([A-Z0-9]{6})/.exec(started?.text ?? '')?.[1];
  const projectorPath = /(\/demo\/[\w-]{22})/.exec(started?.text ?? '')?.[1];
  if (!code || !projectorPath) throw new Error(`no join link in: ${started?.text}`);
  return { trainer, code, projectorPath };
}

describe('joining a web chat demo room by its code', () => {
  it('gives a guest token to the room conversation; the guest speaks as themselves and the room knows their name', async () => {
    const { trainer, code } = await trainerWithRoom();
    // Typed the way people type codes: lower case, with a space.
    const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`;
    const joined = await post(JOIN_PATH, { code: typed, name: '  Anna\u0007 de Vries ' });
    expect(joined.status).toBe(200);
    const anna = joined.json;
    expect(anna.conversationId).toBe(trainer.conversationId);
    expect(anna.username).toBe('Anna de Vries');
    expect(anna.userId).toMatch(/^g_[\w-]{22}$/);
    expect(anna.streamUrl).toContain(`/conversations/${trainer.conversationId}/stream`);

    const send = (activity: object) =>
      post(`/v3/directline/conversations/${anna.conversationId}/activities`, activity, anna.token);
    await send({ type: 'event', name: 'demo/join', value: { name: anna.username }, from: { name: anna.username } });
    // The guest claims to be the trainer: the message is still theirs.
    await send({
      type: 'message',
      text: 'Ik hoor dat u heel boos bent.',
      from: { id: trainer.userId, name: 'Anna de Vries' },
    });
    const log = await activities(trainer.conversationId, trainer.token);
    const proposal = log.find((a) => a.text === 'Ik hoor dat u heel boos bent.');
    expect(proposal?.from).toMatchObject({ id: anna.userId, name: 'Anna de Vries', role: 'user' });
    expect(log.some((a) => a.text === 'Anna de Vries doet mee.')).toBe(true);
    expect(log.some((a) => /Voorstel 1 van Anna de Vries/.test(a.text ?? ''))).toBe(true);
  });

  it("never shows the trainer's trainee id to a guest: not when polling, not on the stream, not after a token refresh", async () => {
    const { trainer, code } = await trainerWithRoom();
    const bram = (await post(JOIN_PATH, { code, name: 'Bram' })).json;
    // The trainer proposes an answer of their own: the room sees it, under an alias.
    await post(
      `/v3/directline/conversations/${trainer.conversationId}/activities`,
      { type: 'message', text: 'Wat kan ik voor u doen?', from: { id: trainer.userId } },
      trainer.token,
    );

    const polled = JSON.stringify(await activities(bram.conversationId, bram.token));
    expect(polled).not.toContain(trainer.userId);
    // Nor what was said in the trainer's chat before the room started: the guest sees the room from its start.
    expect(polled).not.toContain(t('welcome', 'nl').slice(0, 30));
    expect(polled).not.toContain('/demo municipal-benefits vote');
    expect(polled).toContain('Groepsdemo gestart');
    expect(polled).toContain(ownerAlias(trainer.userId));
    // The trainer's own view is unchanged: their messages carry their own id.
    expect(JSON.stringify(await activities(trainer.conversationId, trainer.token))).toContain(trainer.userId);

    const frames: string[] = [];
    const socket = new WebSocket(bram.streamUrl);
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (data: Buffer) => {
        frames.push(data.toString('utf8'));
        if (frames.some((f) => f.includes('Wat kan ik voor u doen?'))) resolve();
      });
      socket.on('error', reject);
    });
    socket.close();
    expect(frames.join('')).not.toContain(trainer.userId);
    expect(frames.join('')).not.toContain('/demo municipal-benefits vote');

    // A refreshed guest token is still a guest's: what it posts is Bram's, never the trainer's.
    const refreshed = await post('/v3/directline/tokens/refresh', {}, bram.token);
    expect(refreshed.status).toBe(200);
    await post(
      `/v3/directline/conversations/${bram.conversationId}/activities`,
      { type: 'message', text: 'Wat is er precies gebeurd?', from: { id: trainer.userId } },
      refreshed.json.token,
    );
    const log = await activities(trainer.conversationId, trainer.token);
    expect(log.find((a) => a.text === 'Wat is er precies gebeurd?')?.from.id).toBe(bram.userId);
  });

  it.each([
    { why: 'an unknown code', body: { code: 'ZZZZZZ', name: 'Chen' }, status: 404 },
    { why: 'a code that cannot be one', body: { code: 'O0I1L!', name: 'Chen' }, status: 404 },
    { why: 'no name', body: { code: 'ZZZZZZ', name: '   ' }, status: 400 },
    { why: 'no body at all', body: {}, status: 400 },
  ])('refuses $why with $status', async ({ body, status }) => {
    expect((await post(JOIN_PATH, body)).status).toBe(status);
  });

  it('serves the join page for /?join=<code> and shows the code and its QR code on the projector', async () => {
    const { code, projectorPath } = await trainerWithRoom();
    const page = await (await fetch(`${base}/?join=${code.toLowerCase()}`)).text();
    expect(page).toContain('id="join-form"');
    expect(page).toContain(`value="${code}"`);
    expect(page).toContain('Uw naam');
    const english = await (await fetch(`${base}/?join=${code}&lang=en`)).text();
    expect(english).toContain('Your name');

    const projector = await (await fetch(base + projectorPath)).text();
    expect(projector).toContain(`<span id="join-code" class="join-code">${code}</span>`);
    expect(projector).toMatch(/<div class="qr"><svg [^>]*viewBox/);
    expect(projector).toContain(`/?join=${code}`);
  });
});

function snapshotOf(roomId: string): RoomSnapshot {
  return { roomId } as RoomSnapshot;
}

describe('join codes', () => {
  it('lead to the room while it is on the hub, only for conversations a browser can join', () => {
    let now = 0;
    const hub = new DemoHub({ sweepIntervalMs: 0, idleMs: 1000, now: () => now });
    const codes = new JoinCodes(hub);
    const roomId = newRoomId();
    hub.publish(roomId, snapshotOf(roomId));
    expect(codes.register(roomId, 'K7PXQ2', 'conv-1')).toBe(false); // nothing joinable until the server says
    codes.acceptConversations((id) => id === 'conv-1');
    expect(codes.register(roomId, 'K7PXQ2', 'teams-chat')).toBe(false);
    expect(codes.register(roomId, 'K7PXQ2', 'conv-1')).toBe(true);
    expect(codes.find('k7p-xq2')).toEqual({ roomId, conversationId: 'conv-1', since: 0 });
    expect(codes.isOpen(roomId, 'K7PXQ2')).toBe(true);

    const other = newRoomId();
    hub.publish(other, snapshotOf(other));
    expect(codes.register(other, 'K7PXQ2', 'conv-1'), 'a code of a live room is not handed out twice').toBe(false);

    now = 5000; // the room expired on the hub: its code leads nowhere
    expect(codes.find('K7PXQ2')).toBeUndefined();
    expect(codes.size).toBe(0);
    hub.close();
  });
});

describe('what a guest sees', () => {
  it.each([
    { field: 'from', activity: { from: { id: 't_owner', role: 'user' } } },
    { field: 'recipient', activity: { recipient: { id: 't_owner' } } },
  ])("replaces the owner's id in $field by its alias and leaves other ids alone", ({ activity }) => {
    const set = guestActivitySet(
      {
        activities: [
          { type: 'message', id: '1', timestamp: '', ...activity },
          { type: 'message', id: '2', timestamp: '', from: { id: 'g_other', role: 'user' } },
        ],
        watermark: '2',
      },
      't_owner',
    );
    expect(JSON.stringify(set)).not.toContain('t_owner');
    expect(JSON.stringify(set)).toContain(ownerAlias('t_owner'));
    expect(set.activities[1]?.from).toEqual({ id: 'g_other', role: 'user' });
  });

  it.each([
    { typed: 'Anna', shown: 'Anna' },
    { typed: '  Anna\n de Vries ', shown: 'Anna de Vries' },
    { typed: 'x'.repeat(80), shown: 'x'.repeat(40) },
    { typed: '\u200b\u0007', shown: '' },
    { typed: 42, shown: '' },
  ])('shows the display name $typed as "$shown"', ({ typed, shown }) => {
    expect(displayName(typed)).toBe(shown);
  });

  it('gives one browser one stable guest id per room, which does not reveal its trainee id', () => {
    const id = guestIdFor('t_abcdefghijklmnopqrstuv', 'conv-1');
    expect(guestIdFor('t_abcdefghijklmnopqrstuv', 'conv-1')).toBe(id);
    expect(guestIdFor('t_abcdefghijklmnopqrstuv', 'conv-2')).not.toBe(id);
    expect(id).not.toContain('abcdefghijklmnopqrstuv');
  });
});
