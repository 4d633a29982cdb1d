import { describe, expect, it } from 'vitest';
import { cards, createTestBot, fixture, say, shown, texts } from '../support/testBot';

/** Recorded Teams-shaped activities (tests/fixtures/teams) through the real bot. */
describe('the bot in Microsoft Teams', () => {
  it("greets once when installed in a personal chat, in the user's locale", async () => {
    const { adapter } = createTestBot();
    const first = await say(adapter, fixture('teams/personalInstall.json'));
    expect(texts(first)).toMatch(/Welkom bij de oefenbalie/);
    expect(cards(first)).toHaveLength(1);
    expect(await say(adapter, fixture('teams/personalInstall.json'))).toHaveLength(0);
  });

  it('strips the @mention in a channel and replies in the same thread', async () => {
    const { adapter } = createTestBot();
    const replies = await say(adapter, fixture('teams/channelMention.json'));
    expect(shown(replies)).toMatch(/Boosheid \d+\/100/);
    for (const reply of replies) {
      expect(reply.conversation?.id).toBe('19:channel-id@thread.tacv2;messageid=1732521600000');
    }
  });

  it('understands a reply with a mention in a group chat', async () => {
    const { adapter } = createTestBot();
    const start = fixture('teams/groupChatReply.json');
    start.text = '<at>Oefenbalie</at> /start municipal-benefits';
    await say(adapter, start);
    const replies = await say(adapter, fixture('teams/groupChatReply.json'));
    expect(texts(replies)).toMatch(/herkend: emotie erkennen/);
    expect(texts(replies)).not.toMatch(/Oefenbalie/);
  });

  it('handles an Adaptive Card submit (value without text)', async () => {
    const { adapter } = createTestBot();
    const replies = await say(adapter, fixture('teams/cardSubmit.json'));
    expect(shown(replies)).toMatch(/Boosheid/);
  });

  it('ignores an edited message politely instead of failing', async () => {
    const { adapter } = createTestBot();
    await expect(say(adapter, fixture('teams/messageEdit.json'))).resolves.toEqual([]);
  });
});
