/**
 * `npm run bench:demo-scaleout`: a group demo on two bot processes sharing one blob container (azurite, started
 * here on loopback) with `DEMO_FEED=store`, and how long each change takes to reach the projectors. The trainer
 * starts a vote demo on instance A; six participants join, three through A and three through B; then, round after
 * round, all six propose at once, all six vote at once, and the trainer picks the majority (through A and B in
 * turn). A projector is open on each instance.
 *
 * Prints, per kind of change and per projector (on the instance that took the change, on the other one), the
 * delay from the bot's answer (the turn saved) to the projector: p50, p95 and max; the worst delay from the send
 * (turn and eTag retries included); and the changes lost or shown twice (both should be 0).
 *
 * Options: --rounds N (5), --poll-ms N (250, DEMO_FEED_POLL_MS).
 */
import { randomUUID } from 'crypto';
import { DEMO_JOIN_EVENT } from '../dialogs';
import type { RoomSnapshot } from '../src/core';
import { startAzurite } from './harness/azurite';
import { startBotProcess, startReplySink, type BotProcess } from './harness/botProcess';
import {
  delaysOf,
  openProjectorStream,
  participantActivity,
  startGroupDemo,
  timedSend,
  waitUntil,
  type Person,
  type ProjectorStream,
  type TimedChange,
} from './harness/groupDemoRoom';
import { numberArg, percentile } from './harness/benchArgs';

/** Calm, varied answers: the customer stays in the conversation for many rounds. */
const LINES = [
  'Ik begrijp dat dit heel vervelend voor u is.',
  'Wat is er precies gebeurd met uw aanvraag?',
  'Ik kijk nu direct met u mee in het dossier.',
  'U heeft gelijk dat dit te lang heeft geduurd.',
  'Zullen we samen kijken wat vandaag nog kan?',
  'Ik hoor dat u zich niet serieus genomen voelt.',
  'Dank u dat u het zo duidelijk uitlegt.',
  'Ik zoek uit wie dit vandaag nog kan oppakken.',
];

interface Kind {
  kind: 'join' | 'proposal' | 'vote' | 'pick';
  /** Index of the instance that took the change. */
  via: number;
  change: TimedChange;
  /** When each projector (0 = on A, 1 = on B) first showed it. */
  shownOn: (number | undefined)[];
}

async function main(): Promise<void> {
  const rounds = numberArg('rounds', 5);
  const pollMs = numberArg('poll-ms', 250);
  const [azurite, sink] = await Promise.all([startAzurite(), startReplySink()]);
  const env = {
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite.connectionString,
    BLOB_CONTAINER: `bench-demo-${randomUUID().slice(0, 8)}`,
    DEMO_FEED: 'store',
    DEMO_FEED_POLL_MS: String(pollMs),
    PROJECTOR: 'true',
    LOG_LEVEL: 'info',
  };
  const bots: BotProcess[] = await Promise.all([
    startBotProcess(env, { timeoutMs: 60_000 }),
    startBotProcess(env, { timeoutMs: 60_000 }),
  ]);
  const projectors: ProjectorStream[] = [];
  try {
    const conversation = `bench-demo-${randomUUID()}`;
    const trainer: Person = { id: 'trainer', name: 'Tineke' };
    const roomId = await startGroupDemo(bots[0], sink, conversation, trainer, 'vote');
    for (const bot of bots) projectors.push(await openProjectorStream(`${bot.baseUrl}/demo/${roomId}/events`));
    const latest = () => projectors[1].latest();
    await waitUntil(() => projectors.every((p) => p.latest()), 'both projectors');

    const people = ['Anna', 'Bram', 'Chen', 'Dewi', 'Emre', 'Fleur'].map((name, i) => ({
      id: `p-${name.toLowerCase()}`,
      name,
      via: i % 2,
    }));
    const measured: Kind[] = [];
    /** Sends all at once, waits until both projectors show each, and notes when. */
    const together = async (
      kind: Kind['kind'],
      sends: { via: number; who: Person; text?: string; event?: boolean; shows: (s: RoomSnapshot) => boolean }[],
    ) => {
      const changes = await Promise.all(
        sends.map(({ via, who, text, event }) =>
          timedSend(
            bots[via],
            sink,
            participantActivity(
              sink,
              conversation,
              who,
              event ? { type: 'event', name: DEMO_JOIN_EVENT, value: { name: who.name } } : { text },
            ),
            `${who.name} ${kind}`,
          ),
        ),
      );
      for (const projector of projectors)
        await waitUntil(() => sends.every((s) => projector.firstShowing(s.shows)), `${kind}s on the projector`, 10_000);
      for (const [i, send] of sends.entries())
        measured.push({
          kind,
          via: send.via,
          change: changes[i],
          shownOn: projectors.map((p) => p.firstShowing(send.shows)),
        });
    };

    await together(
      'join',
      people.map((p) => ({
        via: p.via,
        who: p,
        event: true,
        shows: (s: RoomSnapshot) => s.participants.some((x) => x.name === p.name),
      })),
    );
    let doubled = 0;
    let lost = 0;
    let played = 0;
    for (let round = 1; round <= rounds && !latest()!.ended; round++) {
      const lines = people.map((p, i) => `${LINES[(round + i) % LINES.length]} (${round}${p.name[0]})`);
      await together(
        'proposal',
        people.map((p, i) => ({
          via: p.via,
          who: p,
          text: lines[i],
          shows: (s: RoomSnapshot) => s.round === round && s.proposals.some((x) => x.text === lines[i]),
        })),
      );
      const favourite = lines[round % people.length];
      const number = latest()!.proposals.find((x) => x.text === favourite)!.number;
      await together(
        'vote',
        people.map((p) => ({
          via: p.via,
          who: p,
          text: `/vote ${number}`,
          shows: (s: RoomSnapshot) => s.round === round && s.participants.some((x) => x.name === p.name && x.voted),
        })),
      );
      const before = latest()!;
      const texts = before.proposals.map((x) => x.text);
      doubled += texts.length - new Set(texts).size + Math.max(0, before.votedCount - people.length);
      lost += lines.filter((l) => !texts.includes(l)).length + (people.length - before.votedCount);
      await together('pick', [
        {
          via: round % 2,
          who: trainer,
          text: '/pick majority',
          shows: (s: RoomSnapshot) => s.round > round || s.ended,
        },
      ]);
      played = round;
    }

    console.log(
      `Group demo on 2 instances (one blob container, DEMO_FEED=store, poll ${pollMs} ms): 6 participants ` +
        `(3 through each instance), ${played} vote rounds, projectors on both instances.\n`,
    );
    console.log(
      '| Change | Projector | Count | p50 after answer (ms) | p95 | Max | Max after send (ms) |\n' +
        '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const kind of ['join', 'proposal', 'vote', 'pick'] as const) {
      for (const where of ['same instance', 'other instance'] as const) {
        const rows = measured
          .filter((m) => m.kind === kind)
          .map((m) => {
            const shownAt = m.shownOn[where === 'same instance' ? m.via : 1 - m.via];
            return delaysOf({ ...m.change, ...(shownAt !== undefined ? { shownAt } : {}) });
          });
        const afterAnswer = rows.map((r) => Math.max(0, r.afterAnswer)).sort((a, b) => a - b);
        const afterSend = Math.max(...rows.map((r) => r.afterSend));
        console.log(
          `| ${kind} | ${where} | ${rows.length} | ${percentile(afterAnswer, 50)} | ${percentile(afterAnswer, 95)} | ` +
            `${afterAnswer[afterAnswer.length - 1]} | ${afterSend} |`,
        );
      }
    }
    // Every snapshot either projector received: no proposal twice, never more votes than voters.
    for (const { snapshot } of projectors.flatMap((p) => p.seen)) {
      const texts = snapshot.proposals.map((x) => x.text);
      if (new Set(texts).size !== texts.length || snapshot.votedCount > people.length) doubled += 1;
    }
    const worst = Math.max(...measured.flatMap((m) => m.shownOn.map((at) => (at ?? NaN) - m.change.answeredAt)));
    console.log(
      `\nWorst delay to a projector after the answer: ${worst} ms (${worst <= 1000 ? 'within' : 'ABOVE'} 1 s). ` +
        `Lost: ${lost}. Shown twice: ${doubled}.`,
    );
  } finally {
    await Promise.all(projectors.map((p) => p.close()));
    await Promise.all(bots.map((bot) => bot.stop()));
    await Promise.all([azurite.stop(), sink.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
