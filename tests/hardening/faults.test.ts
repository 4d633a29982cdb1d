/**
 * Faults around the bot: storage that fails once, two messages of one conversation at the same moment, and a
 * persona file that breaks after the role-play started. Each ends with a clear message to the trainee and a
 * consistent stored state.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ActivityTypes, MemoryStorage, type Activity, type TestAdapter } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPersonaLibrary } from '../../src/content/personaLibrary';
import { TURN_ERROR_MESSAGE, turnErrorHandler } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { createTestBot, say, shown, texts } from '../support/testBot';
import { FlakyStorage, storedSession } from './support';

const PERSONA = 'municipal-benefits';
const isCustomerTurn = (replies: Partial<Activity>[]) =>
  /\*\*.+:\*\* .+\n\n_.+ (Boosheid|Anger) \d+\/100/s.test(texts(replies));
const messages = (replies: Partial<Activity>[]) => replies.filter((r) => r.type === ActivityTypes.Message);

/** A test bot on `storage` with the production onTurnError. */
function botOn(storage: MemoryStorage, personas?: ReturnType<typeof loadPersonaLibrary>) {
  const bot = createTestBot({}, { storage, ...(personas ? { personas } : {}) });
  bot.adapter.onTurnError = turnErrorHandler(silentLogger);
  return bot;
}

describe('storage that fails once', () => {
  it.each([
    ['a write', 'failWrites'],
    ['a read', 'failReads'],
  ] as const)(
    '%s fails: the trainee is told in both languages, nothing is half-saved, the next reply is a normal turn',
    async (_name, fault) => {
      const storage = new FlakyStorage();
      const { adapter } = botOn(storage);
      await say(adapter, `/start ${PERSONA}`);
      await say(adapter, 'Ik begrijp dat u boos bent.');
      const before = JSON.stringify(await storedSession(storage));

      storage[fault] = 1;
      const failed = messages(await say(adapter, 'Wat kan ik voor u doen?'));
      expect(failed.map((r) => r.text)).toEqual([TURN_ERROR_MESSAGE]);
      expect(TURN_ERROR_MESSAGE).toMatch(/er ging iets mis.*something went wrong/i);
      // The failed turn changed nothing: not the session, not half of it.
      expect(JSON.stringify(await storedSession(storage))).toBe(before);

      const next = await say(adapter, 'Wat kan ik voor u doen?');
      expect(isCustomerTurn(next)).toBe(true);
      const session = (await storedSession(storage))!;
      expect(session.turns).toHaveLength(2);
      expect(session.transcript.map((e) => e.role)).toEqual(['customer', 'trainee', 'customer', 'trainee', 'customer']);
    },
  );

  it('a failure while the feedback is saved: told, and /stop works on the next try', async () => {
    const storage = new FlakyStorage();
    const { adapter } = botOn(storage);
    await say(adapter, `/start ${PERSONA}`);
    await say(adapter, 'Ik begrijp dat u boos bent.');
    storage.failWrites = 1;
    expect(messages(await say(adapter, '/stop')).map((r) => r.text)).toEqual([TURN_ERROR_MESSAGE]);
    expect((await storedSession(storage))!.outcome).toBeUndefined();
    expect(texts(await say(adapter, '/stop'))).toMatch(/Hier is uw feedback/);
  });
});

describe('two messages of one conversation at the same moment', () => {
  it('both are answered, one after the other, and both turns are in the session in order', async () => {
    const storage = new MemoryStorage();
    const { adapter } = botOn(storage);
    await say(adapter, `/start ${PERSONA}`);
    const before = adapter.activeQueue.length;
    await Promise.all([
      adapter.receiveActivity({ type: ActivityTypes.Message, id: 'a', text: 'Ik begrijp dat u boos bent.' }),
      adapter.receiveActivity({ type: ActivityTypes.Message, id: 'b', text: 'Zullen we samen kijken wat er kan?' }),
    ]);
    const replies = adapter.activeQueue.splice(before);
    expect(replies.filter((r) => /Boosheid \d+\/100/.test(r.text ?? ''))).toHaveLength(2);
    const session = (await storedSession(storage))!;
    expect(session.turns.map((t) => t.traineeText)).toEqual([
      'Ik begrijp dat u boos bent.',
      'Zullen we samen kijken wat er kan?',
    ]);
    expect(session.turns[1].angerBefore).toBe(session.turns[0].angerAfter);
  });

  it('ten at once: ten turns, none lost or doubled', async () => {
    const storage = new MemoryStorage();
    const { adapter } = botOn(storage);
    await say(adapter, `/start ${PERSONA}`);
    const texts10 = Array.from({ length: 10 }, (_, i) => `Antwoord nummer ${i + 1}, ik luister naar u.`);
    await Promise.all(
      texts10.map((text, i) => adapter.receiveActivity({ type: ActivityTypes.Message, id: `m${i}`, text })),
    );
    const session = (await storedSession(storage))!;
    // In arrival order, each once; all ten unless the customer walked out or was satisfied on the way.
    expect(session.turns.map((t) => t.traineeText)).toEqual(texts10.slice(0, session.turns.length));
    if (!session.outcome) expect(session.turns).toHaveLength(10);
    expect(session.turns.length).toBeGreaterThanOrEqual(3);
  });
});

describe('a persona file that breaks after the start', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('after a restart the broken persona ends kindly (both languages); the other persona keeps working', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'personas-'));
    const source = path.join(__dirname, '..', '..', 'personas');
    for (const file of fs.readdirSync(source)) fs.copyFileSync(path.join(source, file), path.join(dir, file));
    const storage = new MemoryStorage();

    // Before: two conversations (Dutch and English), each with its own customer.
    const first = botOn(storage, loadPersonaLibrary(dir));
    const nl = first.adapter;
    const en = createEnglishConversation(first.adapter);
    await say(nl, `/start ${PERSONA}`);
    await en.say('/lang en');
    await en.say('/start gp-phone');
    expect(isCustomerTurn(await say(nl, 'Ik begrijp dat u boos bent.'))).toBe(true);

    // The persona file breaks (a bad edit), and the bot restarts with the same storage.
    fs.writeFileSync(path.join(dir, `${PERSONA}.yaml`), 'id: municipal-benefits\ncustomer: [this is: not valid\n');
    const library = loadPersonaLibrary(dir);
    expect(library.problems.map((p) => p.file)).toContain(`${PERSONA}.yaml`);
    expect(library.personas.map((p) => p.id)).not.toContain(PERSONA);
    const second = botOn(storage, library);
    const nlAgain = second.adapter;
    const enAgain = createEnglishConversation(second.adapter);

    const ended = await say(nlAgain, 'Wat kan ik voor u doen?');
    expect(texts(ended)).toMatch(/Het scenario "municipal-benefits" is op dit moment niet beschikbaar/);
    expect(texts(ended)).not.toContain(TURN_ERROR_MESSAGE);
    // Nothing dangles: the next message is an ordinary one, a new start names the missing scenario.
    expect(texts(await say(nlAgain, `/start ${PERSONA}`))).toMatch(/bestaat niet/);
    expect(shown(await say(nlAgain, '/start shop-refund'))).toMatch(/Boosheid \d+\/100$/);

    // The other conversation's customer is unaffected.
    expect(isCustomerTurn(await enAgain.say('I can see this is really frustrating.'))).toBe(true);
    expect((await storedSession(storage, 'test/conversations/Convo-en/'))!.turns).toHaveLength(1);
  });

  it('says so in English for an English role-play', async () => {
    const storage = new MemoryStorage();
    const full = loadPersonaLibrary();
    const library = { ...full, personas: [...full.personas] };
    const { adapter } = botOn(storage, library);
    await say(adapter, '/lang en');
    await say(adapter, `/start ${PERSONA}`);
    // The same library object loses the persona (as a reload would).
    library.personas = library.personas.filter((p) => p.id !== PERSONA);
    expect(texts(await say(adapter, 'Hello?'))).toMatch(/The scenario "municipal-benefits" is not available right now/);
  });
});

/** Messages of a second conversation (another user and conversation id) on the same adapter. */
function createEnglishConversation(adapter: TestAdapter): { say(text: string): Promise<Partial<Activity>[]> } {
  // Ids unique across bot instances: a repeated id is a redelivery, and runTurnWithRetry does not apply it twice.
  return {
    say: (text) =>
      say(adapter, {
        type: ActivityTypes.Message,
        id: `en-${randomUUID()}`,
        text,
        conversation: { id: 'Convo-en' } as Activity['conversation'],
        from: { id: 'user-en', name: 'Trainee en' },
      }),
  };
}
