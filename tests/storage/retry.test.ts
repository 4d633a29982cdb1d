import { randomUUID } from 'crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConversationState,
  MemoryStorage,
  MemoryTranscriptStore,
  TranscriptLoggerMiddleware,
  TurnContext,
  UserState,
  type Activity,
  type Storage,
  type StoreItems,
} from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ETagConflictError } from '../../src/storage/fileStorage';
import {
  APPLIED_ACTIVITIES_PROPERTY,
  isETagConflict,
  runTurnWithRetry,
  TurnRunner,
  withETagRetry,
} from '../../src/storage/retry';
import { startAzurite, type Azurite } from '../../scripts/harness/azurite';
import { readPresent } from '../support/stored';
import { RecordingAdapter } from './recordingAdapter';

const message = (text: string, conversationId = 'conv-1'): Partial<Activity> => ({
  type: 'message',
  id: randomUUID(),
  text,
  channelId: 'test',
  serviceUrl: 'http://127.0.0.1:1',
  conversation: { id: conversationId } as Activity['conversation'],
  from: { id: 'trainee', name: 'Trainee' },
  recipient: { id: 'bot', name: 'Bot' },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CONVERSATION_KEY = 'test/conversations/conv-1/';
const USER_KEY = 'test/users/trainee/';
interface ConversationDoc {
  session: { turns: string[] };
  [APPLIED_ACTIVITIES_PROPERTY]?: string[];
}
interface UserDoc {
  progress: { messages: number };
}

/** One bot "instance": its own states over its own Storage object. */
function instance(storage: Storage) {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const session = conversationState.createProperty<{ turns: string[] }>('session');
  const progress = userState.createProperty<{ messages: number }>('progress');
  /** The turn a bot would run: read, think a little (so turns overlap), write, reply. */
  const logic = async (context: TurnContext) => {
    const s = await session.get(context, { turns: [] });
    const p = await progress.get(context, { messages: 0 });
    await sleep(5);
    s.turns = [...s.turns, context.activity.text];
    p.messages += 1;
    await session.set(context, s);
    await progress.set(context, p);
    await context.sendActivity(`turn ${s.turns.length}: ${context.activity.text}`);
  };
  return { storage, conversationState, userState, session, progress, logic };
}

describe('isETagConflict', () => {
  it.each([
    [new ETagConflictError('k'), true],
    [new Error('Storage: error writing "k" due to eTag conflict.'), true],
    [Object.assign(new Error('precondition'), { code: 412 }), true],
    [Object.assign(new Error('x'), { statusCode: 412 }), true],
    [Object.assign(new Error('x'), { statusCode: 500 }), false],
    [new Error('ECONNRESET'), false],
    [undefined, false],
    ['eTag conflict', false],
  ])('%#', (err, expected) => expect(isETagConflict(err)).toBe(expected));
});

describe('withETagRetry', () => {
  const noSleep = { sleep: () => Promise.resolve() };

  it('runs again after a conflict and returns the result', async () => {
    const calls: number[] = [];
    const result = await withETagRetry((n) => {
      calls.push(n);
      return n < 3 ? Promise.reject(new ETagConflictError('k')) : Promise.resolve('done');
    }, noSleep);
    expect(result).toBe('done');
    expect(calls).toEqual([1, 2, 3]);
  });

  it('throws other errors at once', async () => {
    let calls = 0;
    await expect(
      withETagRetry(() => {
        calls++;
        return Promise.reject(new Error('disk full'));
      }, noSleep),
    ).rejects.toThrow('disk full');
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts with the conflict', async () => {
    let calls = 0;
    const failing = withETagRetry(
      () => {
        calls++;
        return Promise.reject(new ETagConflictError('k'));
      },
      { ...noSleep, maxAttempts: 4 },
    );
    await expect(failing).rejects.toBeInstanceOf(ETagConflictError);
    expect(calls).toBe(4);
  });

  it('backs off with capped, jittered exponential delays and reports each retry', async () => {
    const delays: number[] = [];
    const retries: number[] = [];
    await expect(
      withETagRetry(() => Promise.reject(new ETagConflictError('k')), {
        maxAttempts: 8,
        baseDelayMs: 10,
        maxDelayMs: 100,
        random: () => 0.999,
        sleep: (ms) => {
          delays.push(ms);
          return Promise.resolve();
        },
        onRetry: (n) => retries.push(n),
      }),
    ).rejects.toThrow();
    expect(delays).toEqual([19, 39, 79, 99, 99, 99, 99]);
    expect(retries).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('runTurnWithRetry', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  it('control: plain saveChanges loses turns that overlap (the problem this solves)', async () => {
    const bot = instance(new MemoryStorage());
    const adapter = new RecordingAdapter();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((text) =>
        adapter.process(message(text), async (context) => {
          await bot.logic(context);
          await bot.conversationState.saveChanges(context);
        }),
      ),
    );
    const conversation = await readPresent<ConversationDoc>(bot.storage, CONVERSATION_KEY);
    expect(conversation.session.turns.length).toBeLessThan(4);
  });

  it('two instances on one blob container, 12 overlapping turns of one conversation: none lost, each reply sent once', async () => {
    const container = `c${randomUUID().slice(0, 8)}`;
    const bots = [
      instance(new BlobsStorage(azurite.connectionString, container)),
      instance(new BlobsStorage(azurite.connectionString, container)),
    ];
    const adapter = new RecordingAdapter();
    const texts = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const retried: number[] = [];
    const run = (text: string, i: number) => {
      const bot = bots[i % 2];
      return adapter.process(message(text), (context) =>
        runTurnWithRetry(
          context,
          {
            storage: bot.storage,
            states: [bot.conversationState, bot.userState],
            maxAttempts: 40,
            maxDelayMs: 60,
            onRetry: (n) => retried.push(n),
          },
          bot.logic,
        ),
      );
    };
    // The first turn creates the state documents alone (as a conversationUpdate does): the Storage interface has no
    // "create only if absent", so two turns racing to create a document could still lose one.
    await run(texts[0], 0);
    await Promise.all(texts.slice(1).map((text, i) => run(text, i + 1)));
    const conversation = await readPresent<ConversationDoc>(bots[0].storage, CONVERSATION_KEY);
    const user = await readPresent<UserDoc>(bots[0].storage, USER_KEY);
    expect([...conversation.session.turns].sort()).toEqual([...texts].sort());
    expect(user.progress.messages).toBe(12);
    // Exactly one reply per turn, numbered 1..12 in the order the turns were committed.
    expect(adapter.sent).toHaveLength(12);
    const numbers = adapter.sent.map((a) => Number(/^turn (\d+):/.exec(a.text!)![1])).sort((a, b) => a - b);
    expect(numbers).toEqual(texts.map((_, i) => i + 1));
    for (const reply of adapter.sent) expect(reply.conversation?.id).toBe('conv-1');
    expect(retried.length).toBeGreaterThan(0);
  });

  it('does not apply a turn twice to a state saved before a later state conflicted', async () => {
    const memory = new MemoryStorage();
    let injected = false;
    // Conversation state saves fine; the first user-state write meets a conflict (another instance got there first).
    const flaky: Storage = {
      read: (keys) => memory.read(keys),
      delete: (keys) => memory.delete(keys),
      write: async (changes: StoreItems) => {
        if (!injected && Object.keys(changes).some((k) => k.startsWith('test/users/'))) {
          injected = true;
          throw new ETagConflictError('test/users/trainee/');
        }
        return memory.write(changes);
      },
    };
    const bot = instance(flaky);
    const adapter = new RecordingAdapter();
    const first = message('hello');
    await adapter.process(first, (context) =>
      runTurnWithRetry(context, { storage: flaky, states: [bot.conversationState, bot.userState] }, bot.logic),
    );
    const conversation = await readPresent<ConversationDoc>(memory, CONVERSATION_KEY);
    expect(conversation.session.turns).toEqual(['hello']);
    expect(conversation[APPLIED_ACTIVITIES_PROPERTY]).toEqual([first.id]);
    expect((await readPresent<UserDoc>(memory, USER_KEY)).progress.messages).toBe(1);
    // The reply is the one of the attempt that saved the conversation, not of the retry that saw it saved.
    expect(adapter.sent.map((a) => a.text)).toEqual(['turn 1: hello']);
  });

  it('transcript middleware sees each reply once, with the id the channel gave it', async () => {
    const storage = new MemoryStorage();
    const bot = instance(storage);
    const transcripts = new MemoryTranscriptStore();
    const adapter = new RecordingAdapter();
    adapter.use(new TranscriptLoggerMiddleware(transcripts));
    let conflictOnce = true;
    await adapter.process(message('hi'), (context) =>
      runTurnWithRetry(context, { storage, states: [bot.conversationState] }, async (ctx) => {
        await bot.logic(ctx);
        if (conflictOnce) {
          conflictOnce = false;
          throw new ETagConflictError('test/conversations/conv-1/');
        }
      }),
    );
    await sleep(20); // the logger writes after the turn
    const page = await transcripts.getTranscriptActivities('test', 'conv-1');
    const botLines = page.items.filter((a) => a.from?.id === 'bot');
    expect(botLines.map((a) => a.text)).toEqual(['turn 1: hi']);
    expect(adapter.sent).toHaveLength(1);
  });

  it('leaves nothing for a stray saveChanges to overwrite', async () => {
    const storage = new MemoryStorage();
    const bot = instance(storage);
    const adapter = new RecordingAdapter();
    await adapter.process(message('one'), async (context) => {
      await runTurnWithRetry(context, { storage, states: [bot.conversationState] }, bot.logic);
      // Another instance commits a turn meanwhile...
      const other = instance(storage);
      await adapter.process(message('two'), (ctx) =>
        runTurnWithRetry(ctx, { storage, states: [other.conversationState] }, other.logic),
      );
      // ...and this turn's late saveChanges must not undo it.
      await bot.conversationState.saveChanges(context);
    });
    expect((await readPresent<ConversationDoc>(storage, CONVERSATION_KEY)).session.turns).toEqual(['one', 'two']);
  });

  it('rejects missing options', async () => {
    const context = new TurnContext(new RecordingAdapter(), message('x'));
    await expect(
      runTurnWithRetry(context, { storage: new MemoryStorage(), states: [] }, () => Promise.resolve()),
    ).rejects.toThrow(/runTurnWithRetry/);
  });
});

describe('TurnRunner', () => {
  it('runs the turns of one conversation one after the other: none lost, none retried, replies in order', async () => {
    const storage = new MemoryStorage();
    const bot = instance(storage);
    const retried: number[] = [];
    const turns = new TurnRunner({
      storage,
      states: [bot.conversationState, bot.userState],
      onRetry: (n) => retried.push(n),
    });
    const adapter = new RecordingAdapter();
    const texts = ['a', 'b', 'c', 'd', 'e'];
    await Promise.all(texts.map((text) => adapter.process(message(text), (context) => turns.run(context, bot.logic))));
    expect((await readPresent<ConversationDoc>(storage, CONVERSATION_KEY)).session.turns).toEqual(texts);
    expect(adapter.sent.map((a) => a.text)).toEqual(texts.map((text, i) => `turn ${i + 1}: ${text}`));
    expect(retried).toEqual([]);
  });

  it('lets other conversations run meanwhile, and a failed turn does not stop the next one', async () => {
    const storage = new MemoryStorage();
    const bot = instance(storage);
    const turns = new TurnRunner({ storage, states: [bot.conversationState] });
    const adapter = new RecordingAdapter();
    const order: string[] = [];
    const slow = adapter.process(message('slow', 'conv-a'), (context) =>
      turns.run(context, async (ctx) => {
        await sleep(30);
        order.push('a');
        await bot.logic(ctx);
      }),
    );
    const failing = adapter.process(message('boom', 'conv-b'), (context) =>
      turns.run(context, () => Promise.reject(new Error('boom'))),
    );
    const after = adapter.process(message('next', 'conv-b'), (context) =>
      turns.run(context, async (ctx) => {
        order.push('b');
        await bot.logic(ctx);
      }),
    );
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([slow, after]);
    expect(order).toEqual(['b', 'a']);
  });
});
