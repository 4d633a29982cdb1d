/**
 * Bad input through the real bot (TestAdapter, memory storage): every case ends with a clear message to the
 * trainee and leaves the role-play in a state where the next normal reply is a normal turn.
 */
import { ActivityTypes, type Activity, type TestAdapter } from 'botbuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/core';
import { MAX_INPUT_CHARS } from '../../src/core/classifier/classifier';
import { cards, createTestBot, say, shown, texts } from '../support/testBot';
import { storedSession } from './support';

const PERSONA = 'municipal-benefits';
/** A role-play reply from the customer: name in bold and the anger line. */
const isCustomerTurn = (replies: Partial<Activity>[]) =>
  /\*\*.+:\*\* .+\n\n_.+ (Boosheid|Anger) \d+\/100/s.test(texts(replies));
/** The role-play's first message: the briefing card ending in the customer's first words and the meter. */
const isRolePlayStart = (replies: Partial<Activity>[]) =>
  replies.length === 1 && /(Boosheid|Anger) \d+\/100$/.test(shown(replies));

describe('bad input during a role-play', () => {
  let adapter: TestAdapter;
  let storage: ReturnType<typeof createTestBot>['storage'];

  beforeEach(async () => {
    ({ adapter, storage } = createTestBot());
    await say(adapter, `/start ${PERSONA}`);
  });

  /** The role-play goes on: a normal reply is a normal turn, counted once. */
  async function expectRolePlayContinues(turnsBefore: number) {
    const replies = await say(adapter, 'Ik begrijp dat u boos bent, vertel eens wat er gebeurd is.');
    expect(isCustomerTurn(replies)).toBe(true);
    const session = (await storedSession(storage))!;
    expect(session.turns).toHaveLength(turnsBefore + 1);
    expect(session.outcome).toBeUndefined();
  }

  it.each([
    ['empty', ''],
    ['whitespace only', '   \n\t  '],
    ['zero-width only', '\u200B\u200C\u2060\uFEFF'],
    ['control characters only', '\u0000\u0007\u001B'],
  ])('%s text: asks for a reply in words, takes no turn', async (_name, text) => {
    const replies = await say(adapter, { type: ActivityTypes.Message, text });
    expect(texts(replies)).toMatch(/Typ uw antwoord aan de klant/);
    expect((await storedSession(storage))!.turns).toHaveLength(0);
    await expectRolePlayContinues(0);
  });

  it('says the same in English in an English role-play', async () => {
    const en = createTestBot();
    await say(en.adapter, '/lang en');
    await say(en.adapter, `/start ${PERSONA}`);
    expect(texts(await say(en.adapter, '   '))).toMatch(/Type your reply to the customer/);
    expect(texts(await say(en.adapter, '\u200B'))).toMatch(/Type your reply to the customer/);
  });

  it('emoji only is a turn (the customer reacts), nothing recognised', async () => {
    const replies = await say(adapter, '😡🙄👍🏽👨‍👩‍👧');
    expect(isCustomerTurn(replies)).toBe(true);
    expect(texts(replies)).toMatch(/geen techniek herkend/);
    const session = (await storedSession(storage))!;
    expect(session.turns[0].traineeText).toBe('😡🙄👍🏽👨‍👩‍👧');
    await expectRolePlayContinues(1);
  });

  it('a 100 000-character reply: the beginning is used, the trainee is told, the state stays small', async () => {
    const long = 'Ik begrijp dat u boos bent. '.repeat(4000).slice(0, 100_000);
    const replies = await say(adapter, long);
    expect(texts(replies)).toMatch(/erg lang; ik heb alleen het begin gebruikt/);
    expect(isCustomerTurn(replies)).toBe(true);
    const session = (await storedSession(storage))!;
    expect(session.turns[0].traineeText.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    expect(JSON.stringify(session).length).toBeLessThan(20_000);
    await expectRolePlayContinues(1);
  });

  it('mixed scripts and right-to-left text are a normal turn; techniques in the Dutch part still count', async () => {
    const replies = await say(adapter, 'Ik begrijp dat u boos bent. 我明白 مرحبا שלום Привет 🙂');
    expect(isCustomerTurn(replies)).toBe(true);
    expect(texts(replies)).toMatch(/herkend: /);
    await expectRolePlayContinues(1);
  });

  it('zero-width characters inside words do not hide a technique', async () => {
    const replies = await say(adapter, 'Ik be\u200Bgrijp dat u bo\u200Cos bent.');
    expect(isCustomerTurn(replies)).toBe(true);
    expect(texts(replies)).toMatch(/herkend: /);
  });

  it('an attachment without text: asks for words, takes no turn', async () => {
    const replies = await say(adapter, {
      type: ActivityTypes.Message,
      attachments: [{ contentType: 'image/png', contentUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
    });
    expect(texts(replies)).toMatch(/alleen tekst lezen/);
    await expectRolePlayContinues(0);
  });

  it.each([
    ['an unknown action', { action: 'explode', personaId: PERSONA }],
    ['a number', 42],
    ['an array', ['start']],
    ['a demo op for no room', { action: 'demo', op: 'end', roomId: 'x' }],
    ['a prototype key', JSON.parse('{"__proto__": {"action": "stop"}}') as unknown],
  ])('a card submit with %s: a clear answer, the role-play goes on', async (_name, value) => {
    const replies = await say(adapter, { type: ActivityTypes.Message, value });
    expect(texts(replies)).toMatch(/knop|Typ uw antwoord/);
    expect(texts(replies)).not.toMatch(/feedback/i);
    await expectRolePlayContinues(0);
  });

  it('a card submit whose persona id is not a plain word starts no scenario with that id', async () => {
    const replies = await say(adapter, {
      type: ActivityTypes.Message,
      value: { action: 'start', personaId: '../../etc/passwd' },
    });
    // Falls back to the plain command: a (random) new role-play, announced as such.
    expect(texts(replies)).toMatch(/vorige rollenspel is afgebroken/);
    expect(texts(replies)).not.toMatch(/passwd/);
  });

  it('/start with an unknown persona names it (escaped) and keeps the running role-play', async () => {
    const replies = await say(adapter, '/start [klik](https://evil.example) <script>alert(1)</script>');
    expect(texts(replies)).toMatch(/bestaat niet/);
    expect(texts(replies)).not.toMatch(/\[klik\]\(https/);
    await expectRolePlayContinues(0);
  });
});

describe('bad input outside a role-play', () => {
  let adapter: TestAdapter;
  beforeEach(() => {
    ({ adapter } = createTestBot());
  });

  it('/start with an unknown persona: both languages, nothing started', async () => {
    expect(texts(await say(adapter, '/start no-such-customer'))).toMatch(
      /Het scenario "no-such-customer" bestaat niet/,
    );
    await say(adapter, '/lang en');
    expect(texts(await say(adapter, '/start no-such-customer'))).toMatch(
      /There is no scenario called "no-such-customer"/,
    );
    expect(texts(await say(adapter, '/hint'))).toMatch(/only works during a role-play/);
  });

  it('a very long unknown persona id is cut short in the answer', async () => {
    const replies = await say(adapter, `/start ${'x'.repeat(5000)}`);
    expect(texts(replies)).toMatch(/bestaat niet/);
    expect(texts(replies).length).toBeLessThan(300);
  });

  it('a message after the session ended says so and offers the scenarios again', async () => {
    await say(adapter, `/start ${PERSONA}`);
    await say(adapter, 'Ik begrijp dat u boos bent.');
    expect(texts(await say(adapter, '/stop'))).toMatch(/Hier is uw feedback/);
    const after = await say(adapter, 'En nu?');
    expect(texts(after)).toMatch(/Dit rollenspel is afgelopen/);
    expect(cards(after)).toHaveLength(1);
    // Said once: the next message is an ordinary choice again.
    const again = await say(adapter, 'hallo');
    expect(texts(again)).not.toMatch(/afgelopen/);
    // And a new role-play starts normally.
    expect(isRolePlayStart(await say(adapter, `/start ${PERSONA}`))).toBe(true);
  });

  it('in English too', async () => {
    await say(adapter, '/lang en');
    await say(adapter, `/start ${PERSONA}`);
    await say(adapter, '/stop');
    expect(texts(await say(adapter, 'Hello?'))).toMatch(/This role-play has ended/);
  });

  it('/stop, /hint and /retry after the end: clear answers, no error', async () => {
    await say(adapter, `/start ${PERSONA}`);
    await say(adapter, '/stop');
    expect(texts(await say(adapter, '/stop'))).toMatch(/Er loopt geen rollenspel/);
    expect(texts(await say(adapter, '/retry'))).toMatch(/alleen tijdens een rollenspel/);
  });

  it('an invoke with a missing or odd value gets 400 or 501, never an error turn, and the bot goes on', async () => {
    const names = [
      'fileConsent/invoke',
      'adaptiveCard/action',
      'composeExtension/submitAction',
      'application/search',
      'task/fetch',
      'signin/verifyState',
      'unknown/name',
    ];
    for (const name of names) {
      for (const value of [undefined, {}, 'text', 42]) {
        const replies = await say(adapter, {
          type: ActivityTypes.Invoke,
          name,
          channelId: 'msteams',
          value,
        });
        expect(
          replies.map((r) => r.type),
          `${name} ${JSON.stringify(value)}`,
        ).toEqual(['invokeResponse']);
        expect([400, 501], `${name} ${JSON.stringify(value)}`).toContain(
          (replies[0].value as { status: number }).status,
        );
      }
    }
    expect(isRolePlayStart(await say(adapter, `/start ${PERSONA}`))).toBe(true);
  });

  it('an unknown activity type, a typing indicator and a reaction are ignored politely', async () => {
    expect(await say(adapter, { type: 'somethingNew' })).toEqual([]);
    expect(await say(adapter, { type: ActivityTypes.Typing })).toEqual([]);
    expect(await say(adapter, { type: ActivityTypes.MessageReaction, reactionsAdded: [{ type: 'like' }] })).toEqual([]);
    expect(isRolePlayStart(await say(adapter, `/start ${PERSONA}`))).toBe(true);
  });
});

export type { Session };
