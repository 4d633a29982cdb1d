import { ActivityTypes } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_EVENT } from '../../dialogs/channels';
import { t } from '../../dialogs/texts';
import { cards, createTestBot, say, shown, texts } from '../support/testBot';

describe('before a role-play', () => {
  it.each([
    ['nl', 'hallo, hoe werkt dit?'],
    ['en', 'hi, how does this work?'],
  ] as const)('answers a question with a short how-it-works, then the list (%s)', async (lang, question) => {
    const { adapter } = createTestBot();
    if (lang === 'en') await say(adapter, '/lang en');
    for (const round of [1, 2]) {
      // The first message starts the conversation; the second comes while the list waits for a choice.
      const replies = await say(adapter, question);
      expect(
        replies.map((r) => r.text ?? 'card'),
        `round ${round}`,
      ).toEqual([t('howItWorks', lang), 'card']);
      expect(cards(replies)).toHaveLength(1);
    }
  });

  it('says so when a number is no customer, and starts the one whose number it is', async () => {
    const { adapter } = createTestBot();
    await say(adapter, 'hallo');
    expect(texts(await say(adapter, '99'))).toBe(t('chooseAgain', 'nl'));
    expect(shown(await say(adapter, '1'))).toMatch(/Boosheid \d+\/100/);
  });

  it('after a debrief, does not explain again: the role-play ended, here is the list', async () => {
    const { adapter } = createTestBot();
    await say(adapter, '/start municipal-benefits');
    await say(adapter, '/stop');
    const after = await say(adapter, 'Hallo?');
    expect(after.map((r) => r.text ?? 'card')).toEqual([t('sessionEnded', 'nl'), 'card']);
  });
});

describe('/lang', () => {
  it.each([
    ['directline', true],
    ['webchat', true],
    ['msteams', false],
    ['emulator', false],
  ])('on %s: tells the page around the chat to switch too: %s', async (channelId, told) => {
    const { adapter } = createTestBot();
    const replies = await say(adapter, { type: ActivityTypes.Message, text: '/lang en', channelId });
    expect(texts(replies)).toContain(t('languageSet', 'en'));
    const events = replies.filter((r) => r.type === ActivityTypes.Event);
    expect(events).toEqual(told ? [expect.objectContaining({ name: LANGUAGE_EVENT, value: { lang: 'en' } })] : []);
  });
});
