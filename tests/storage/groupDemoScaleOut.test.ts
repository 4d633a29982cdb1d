/**
 * A group demo across two instances: two bot processes (`node dist/src/index.js`) on one blob container (azurite),
 * as two App Service instances without ARR affinity, with `DEMO_FEED=store`. The trainer starts a vote demo on
 * instance A; six participants join, propose and vote, three through A and three through B, all at once; the
 * projector is open on B (and, in the second test, a trainee joins on B with the code the trainer got from A).
 *
 * Every proposal, vote and join must reach the projector on the other instance, none lost and none doubled. The
 * delays are printed: from the answer (what the feed adds) and from the send (what the participant waits, turns and
 * eTag retries included). The figure (within 1 s of the answer) is measured by `npm run bench:demo-scaleout`;
 * this test only bounds the delay loosely, so that a feed that waits for some later event fails it.
 */
import { randomUUID } from 'crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { DEMO_JOIN_EVENT } from '../../dialogs';
import type { RoomSnapshot } from '../../src/core';
import { startAzurite, type Azurite } from '../../scripts/harness/azurite';
import { startBotProcess, startReplySink, type BotProcess, type ReplySink } from '../../scripts/harness/botProcess';
import {
  delaysOf,
  openProjectorStream,
  participantActivity,
  startGroupDemo,
  timedSend,
  waitUntil as until,
  type TimedChange,
} from '../../scripts/harness/groupDemoRoom';

/**
 * A change that takes longer than this after the bot answered is stuck, not slow (the feed reads the store every
 * 250 ms; on an idle machine the worst delay is about 300 ms). The 1 s target itself is the benchmark's.
 */
const STUCK_AFTER_MS = 5000;

let azurite: Azurite;
let sink: ReplySink;
let bots: BotProcess[] = [];

beforeAll(async () => {
  [azurite, sink] = await Promise.all([startAzurite(), startReplySink()]);
  const env = {
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite.connectionString,
    BLOB_CONTAINER: `demo-${randomUUID().slice(0, 8)}`,
    DEMO_FEED: 'store',
    DEMO_FEED_POLL_MS: '250',
    PROJECTOR: 'true',
    EMBEDDED_DIRECTLINE: 'true',
  };
  bots = await Promise.all([startBotProcess(env, { timeoutMs: 60_000 }), startBotProcess(env, { timeoutMs: 60_000 })]);
}, 120_000);

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.stop()));
  await Promise.all([azurite?.stop(), sink?.close()]);
});

interface Participant {
  id: string;
  name: string;
  /** Index of the instance this participant's messages reach (0 = A, 1 = B). */
  via: number;
  proposal: string;
}

const participants: Participant[] = [
  { id: 'p-anna', name: 'Anna', via: 0, proposal: 'Ik begrijp dat dit heel vervelend voor u is.' },
  { id: 'p-bram', name: 'Bram', via: 1, proposal: 'Dat zijn nu eenmaal de regels, meneer.' },
  { id: 'p-chen', name: 'Chen', via: 0, proposal: 'Wat is er precies gebeurd met uw aanvraag?' },
  { id: 'p-dewi', name: 'Dewi', via: 1, proposal: 'Ik kijk nu direct met u mee in het dossier.' },
  { id: 'p-emre', name: 'Emre', via: 0, proposal: 'U heeft gelijk dat dit te lang heeft geduurd.' },
  { id: 'p-fleur', name: 'Fleur', via: 1, proposal: 'Zullen we samen kijken wat vandaag nog kan?' },
];

function report(title: string, changes: TimedChange[]): void {
  const rows = changes.map((c) => ({ what: c.what, ...delaysOf(c) }));
  const worst = rows.reduce((a, b) => (b.afterAnswer > a.afterAnswer ? b : a));
  const worstSend = Math.max(...rows.map((r) => r.afterSend));
  console.log(
    `${title}: ${rows.length} changes; worst delay to the projector ${Math.max(0, worst.afterAnswer)} ms after the ` +
      `answer (${worst.what}), ${worstSend} ms after the send\n` +
      rows.map((r) => `  ${r.what.padEnd(22)} ${String(r.afterAnswer).padStart(6)} ms  ${r.afterSend} ms`).join('\n'),
  );
}

/** Opens a projector stream that must be accepted. */
async function openProjector(url: string) {
  const stream = await openProjectorStream(url);
  expect(stream.status, url).toBe(200);
  return stream;
}

describe('a group demo on two instances sharing one blob container (DEMO_FEED=store)', () => {
  it('every join, proposal and vote, on A or on B, reaches the projector on B, none lost, none doubled', async () => {
    const [a, b] = bots;
    const conversation = `demo-${randomUUID()}`;
    const trainer = { id: 'trainer-1', name: 'Tineke' };
    const roomId = await startGroupDemo(a, sink, conversation, trainer, 'vote');

    // The projector on B: the room was started on A and has never been played on B. A second one on A.
    const projector = await openProjector(`${b.baseUrl}/demo/${roomId}/events`);
    const projectorOnA = await openProjector(`${a.baseUrl}/demo/${roomId}/events`);
    try {
      await until(() => projector.latest(), 'the first snapshot');
      expect(projector.latest()).toMatchObject({ roomId, round: 1, phase: 'proposing' });

      const send = (p: Participant, extra: Partial<Activity>, what: string) =>
        timedSend(
          bots[p.via],
          sink,
          participantActivity(sink, conversation, p, extra),
          `${what} (${p.via === 0 ? 'A' : 'B'})`,
        );
      const names = (s: RoomSnapshot) => s.participants.map((p) => p.name);

      // 1. Everyone joins at once, half on each instance.
      const joins = await Promise.all(
        participants.map((p) =>
          send(p, { type: 'event', name: DEMO_JOIN_EVENT, value: { name: p.name } }, `${p.name} joins`),
        ),
      );
      await until(() => participants.every((p) => names(projector.latest()!).includes(p.name)), 'all six joined');
      for (const [i, p] of participants.entries())
        joins[i].shownAt = projector.firstShowing((s) => names(s).includes(p.name));

      // 2. Everyone proposes at once.
      const proposals = await Promise.all(
        participants.map((p) => send(p, { type: 'message', text: p.proposal }, `${p.name} proposes`)),
      );
      const proposed = (s: RoomSnapshot, p: Participant) => s.proposals.some((x) => x.text === p.proposal);
      await until(() => participants.every((p) => proposed(projector.latest()!, p)), 'all six proposals');
      for (const [i, p] of participants.entries()) proposals[i].shownAt = projector.firstShowing((s) => proposed(s, p));

      // 3. Everyone votes at once: for the next participant's proposal (Fleur for Anna's).
      const numbers = new Map(projector.latest()!.proposals.map((x) => [x.text, x.number]));
      const choice = (i: number) => participants[(i + 1) % participants.length];
      const votes = await Promise.all(
        participants.map((p, i) =>
          send(p, { type: 'message', text: `/vote ${numbers.get(choice(i).proposal)}` }, `${p.name} votes`),
        ),
      );
      const hasVoted = (s: RoomSnapshot, p: Participant) => s.participants.some((x) => x.name === p.name && x.voted);
      await until(() => projector.latest()!.votedCount === participants.length, 'all six votes');
      for (const [i, p] of participants.entries()) votes[i].shownAt = projector.firstShowing((s) => hasVoted(s, p));

      // None lost, none doubled: every proposal once with exactly the one vote cast for it, in every snapshot.
      const final = projector.latest()!;
      expect(final.proposals.map((x) => x.text).sort()).toEqual(participants.map((p) => p.proposal).sort());
      expect(final.proposals.map((x) => x.votes)).toEqual(participants.map(() => 1));
      expect(final).toMatchObject({ votedCount: 6, voterCount: 6, round: 1 });
      for (const { snapshot } of projector.seen) {
        const texts = snapshot.proposals.map((x) => x.text);
        expect(new Set(texts).size, 'no proposal shown twice').toBe(texts.length);
        expect(snapshot.proposals.every((x) => x.votes <= 1)).toBe(true);
        expect(new Set(names(snapshot)).size, 'no participant shown twice').toBe(snapshot.participants.length);
      }
      // The same snapshot is never sent twice in a row (the hub passes on changes only).
      const sent = projector.seen.map((s) => JSON.stringify(s.snapshot));
      expect(sent.filter((json, i) => i > 0 && json === sent[i - 1])).toEqual([]);

      // The projector on A follows the same room through the store: it ends up showing the same.
      await until(() => projectorOnA.latest()?.votedCount === participants.length, 'all six votes on A');
      expect(projectorOnA.latest()).toEqual(final);

      // 4. The trainer, who started on A, ends the demo through B: both projectors show the group debrief.
      await b.send(sink, participantActivity(sink, conversation, trainer, { text: '/end' }));
      for (const view of [projector, projectorOnA]) {
        const ended = await until(() => view.latest()?.ended && view.latest(), 'the debrief');
        expect(ended.debrief?.contributors.map((c) => c.name)).toEqual(
          expect.arrayContaining(participants.map((p) => p.name)),
        );
      }

      const changes = [...joins, ...proposals, ...votes];
      report('group demo, 2 instances, projector on B', changes);
      for (const change of changes) {
        expect(change.shownAt, `${change.what} reached the projector`).toBeDefined();
        expect(change.shownAt! - change.answeredAt, `${change.what}: delay after the answer`).toBeLessThanOrEqual(
          STUCK_AFTER_MS,
        );
      }
    } finally {
      await Promise.all([projector.close(), projectorOnA.close()]);
    }
  }, 120_000);

  it('a join code the trainer got on A opens the room on B: the join page, the guest token, the projector', async () => {
    const [a, b] = bots;
    // The trainer starts the demo in web chat on A's embedded Direct Line, which gives rooms a join code.
    const chat = await openChat(a.baseUrl);
    const started = await chat.say('trainer', '/demo municipal-benefits vote');
    const code = /\?join=(\w+)/.exec(started)?.[1];
    const roomId = /\/demo\/([\w-]{22})/.exec(started)?.[1];
    expect(code, started).toBeDefined();
    expect(roomId, started).toBeDefined();

    // B never saw this room or its code: both come from the store.
    const page = await fetch(`${b.baseUrl}/?join=${code}`);
    expect(page.status).toBe(200);
    const projectorPage = await (await fetch(`${b.baseUrl}/demo/${roomId}`)).text();
    expect(projectorPage).toContain(code);
    const joined = await fetch(`${b.baseUrl}/api/demo/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: code!.toLowerCase(), name: 'Gijs' }),
    });
    const body = (await joined.json()) as { conversationId?: string; token?: string; title?: string };
    expect(joined.status, JSON.stringify(body)).toBe(200);
    expect(body.conversationId).toBe(chat.conversationId);
    expect(body.token).toMatch(/\S{20,}/);
    // And a code that leads nowhere is still refused on B.
    const wrong = await fetch(`${b.baseUrl}/api/demo/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'ZZZZZZ', name: 'Gijs' }),
    });
    expect(wrong.status).toBe(404);
  }, 60_000);
});

/** A web chat on an instance's embedded Direct Line, over its plain HTTP API. */
async function openChat(base: string) {
  const domain = `${base}/v3/directline`;
  const { token } = (await (await fetch(`${domain}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const { conversationId } = (await (await fetch(`${domain}/conversations`, { method: 'POST', headers })).json()) as {
    conversationId: string;
  };
  const activities = `${domain}/conversations/${conversationId}/activities`;
  return {
    conversationId,
    /** Sends a message and returns the bot's replies to it, joined. */
    async say(from: string, text: string): Promise<string> {
      const posted = await fetch(activities, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'message', from: { id: from, name: from, role: 'user' }, text, locale: 'nl-NL' }),
      });
      const { id } = (await posted.json()) as { id: string };
      return until(async () => {
        const seen = ((await (await fetch(activities, { headers })).json()) as { activities: Partial<Activity>[] })
          .activities;
        const replies = seen.filter((r) => r.replyToId === id && r.from?.role === 'bot');
        return replies.length > 0 && replies.map((r) => r.text ?? '').join('\n');
      }, `an answer to ${text}`);
    },
  };
}
