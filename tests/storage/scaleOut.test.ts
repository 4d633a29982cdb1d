/**
 * Scale-out: two bot processes (`node dist/src/index.js`) on two ports share one blob container (azurite), as two
 * App Service instances without ARR affinity do. One conversation's turns go alternately to both, then several
 * turns of that conversation arrive at both at the same moment. No turn may be lost and the saved session must
 * hold every trainee reply exactly once.
 *
 * botbuilder's `saveChanges` writes with eTag '*' (last writer wins), so the bot runs every turn through
 * `runTurnWithRetry` (src/storage/retry.ts): state read with its eTag, replies held until the save succeeds, the
 * turn run again on a conflict. The burst test sends one conversation's turns to both processes at once.
 */
import { randomUUID } from 'crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityHandler, type Activity } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { isSessionLog, replaySession, type SessionLog } from '../../src/core';
import { runTurnWithRetry } from '../../src/storage/retry';
import { shippedClassifier, shippedLibrary, shippedStage } from '../support/shippedContent';
import { RecordingAdapter } from './recordingAdapter';
import { startAzurite, type Azurite } from '../../scripts/harness/azurite';
import {
  startBotProcess,
  startReplySink,
  textOf,
  type BotProcess,
  type ReplySink,
} from '../../scripts/harness/botProcess';
import { practiceBotOn } from '../../scripts/harness/inProcessBot';

let azurite: Azurite;
let sink: ReplySink;
let bots: BotProcess[] = [];
let container: string;

beforeAll(async () => {
  [azurite, sink] = await Promise.all([startAzurite(), startReplySink()]);
  container = `scale-${randomUUID().slice(0, 8)}`;
  const env = { STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: container };
  bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
});

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.stop()));
  await Promise.all([azurite?.stop(), sink?.close()]);
});

/** Whether the practice bot saves its turns through runTurnWithRetry (needed for concurrent turns across instances). */
const isRolePlayTurn = (replies: { channelData?: unknown }[]) =>
  replies.some((r) => typeof (r.channelData as { anger?: unknown } | undefined)?.anger === 'number');
/** Neutral trainee lines: they neither end the role-play nor provoke a walk-out. */
const line = (n: number) => `Ik noteer het even, moment alstublieft (${n}).`;

interface SavedTurn {
  index: number;
  traineeText: string;
}
/** The role-play inside the saved conversation state: its stored log, replayed the way the bot replays it. */
async function savedTurns(conversation: string): Promise<SavedTurn[]> {
  const key = `emulator/conversations/${conversation}/`;
  const items = await new BlobsStorage(azurite.connectionString, container).read([key]);
  const find = (node: unknown): SessionLog | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    if (isSessionLog((node as { log?: unknown }).log)) return (node as { log: SessionLog }).log;
    for (const child of Object.values(node)) {
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const log = find(items[key]);
  expect(log, 'a saved role-play').toBeDefined();
  return replaySession(shippedStage(log!.personaId), log!).turns;
}
/** Each line once, and turn indexes 1..n without gaps or repeats (no interleaved, half-applied turns). */
function expectWhole(turns: SavedTurn[], lines: string[]): void {
  const texts = turns.map((t) => t.traineeText);
  for (const l of lines)
    expect(
      texts.filter((t) => t === l),
      l,
    ).toHaveLength(1);
  expect(turns.map((t) => t.index)).toEqual(turns.map((_, i) => turns[0].index + i));
}

describe('two bot processes sharing one blob container', () => {
  it('one conversation, turns sent alternately to both: every turn continues the same role-play', async () => {
    const conversation = `alt-${randomUUID()}`;
    expect(bots[0].port).not.toBe(bots[1].port);
    await bots[0].send(sink, sink.joined(conversation));
    expect(isRolePlayTurn(await bots[1].send(sink, sink.message(conversation, '/start municipal-benefits')))).toBe(
      true,
    );
    for (let n = 1; n <= 6; n++) {
      const replies = await bots[n % 2].send(sink, sink.message(conversation, line(n)));
      expect(isRolePlayTurn(replies), `turn ${n} on bot ${n % 2}: ${textOf(replies)}`).toBe(true);
    }
    const turns = await savedTurns(conversation);
    expectWhole(turns, [1, 2, 3, 4, 5, 6].map(line));
    expect(turns.map((t) => t.traineeText)).toEqual([1, 2, 3, 4, 5, 6].map(line)); // and in order
  });

  it('turns of one conversation arriving at both at once: none lost, none doubled, each answered', async () => {
    const conversation = `burst-${randomUUID()}`;
    await bots[0].send(sink, sink.joined(conversation));
    expect(isRolePlayTurn(await bots[0].send(sink, sink.message(conversation, '/start municipal-benefits')))).toBe(
      true,
    );
    const burst = [11, 12, 13, 14, 15, 16];
    const replies = await Promise.all(burst.map((n, i) => bots[i % 2].send(sink, sink.message(conversation, line(n)))));
    for (const [i, r] of replies.entries())
      expect(isRolePlayTurn(r), `burst turn ${burst[i]}: ${textOf(r)}`).toBe(true);
    expectWhole(await savedTurns(conversation), burst.map(line));
    // The session still works afterwards.
    expect(isRolePlayTurn(await bots[1].send(sink, sink.message(conversation, line(17))))).toBe(true);
  });
});

describe('the practice bot through runTurnWithRetry, two instances on one blob container (in process)', () => {
  const personas = shippedLibrary;
  const classifier = shippedClassifier;

  /** One instance: its own storage client, states and bot; turns run the bot's handlers inside runTurnWithRetry. */
  function instance() {
    const storage = new BlobsStorage(azurite.connectionString, container);
    const { bot, conversationState, userState } = practiceBotOn(storage, { personas, classifier });
    return (context: Parameters<typeof runTurnWithRetry>[0]) =>
      runTurnWithRetry(context, { storage, states: [conversationState, userState], maxAttempts: 30 }, (ctx) =>
        ActivityHandler.prototype.run.call(bot, ctx),
      );
  }

  it('a burst of turns of one conversation on both: none lost, none doubled, each answered once', async () => {
    const instances = [instance(), instance()];
    const adapter = new RecordingAdapter();
    const conversation = `inproc-${randomUUID()}`;
    const send = (i: number, activity: Partial<Activity>) => adapter.process(activity, instances[i % 2]);
    await send(0, sink.joined(conversation));
    await send(1, sink.message(conversation, '/start municipal-benefits'));
    const burst = [21, 22, 23, 24, 25, 26];
    const messages = burst.map((n) => sink.message(conversation, line(n)));
    await Promise.all(messages.map((m, i) => send(i, m)));
    expectWhole(await savedTurns(conversation), burst.map(line));
    for (const m of messages) {
      const answers = adapter.sent.filter((a) => a.replyToId === m.id);
      expect(isRolePlayTurn(answers), `one answer to ${m.text}`).toBe(true);
      expect(
        answers.filter((a) => typeof (a.channelData as { anger?: unknown } | undefined)?.anger === 'number'),
      ).toHaveLength(1);
    }
  });
});
