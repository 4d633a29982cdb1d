/**
 * `/export` in a Teams group chat, where Teams takes no file from a bot: the report and the whole transcript come
 * as text. A long role-play made that one message over what Teams takes (413 MessageSizeTooBig) and the trainee
 * got nothing; now it comes in parts within the Teams budget, measured as the bot sends them (with the
 * conversation's address), through a channel that refuses what Teams refuses.
 */
import type { Activity } from 'botbuilder';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CHANNELS, utf16Bytes } from '../../dialogs/channels';
import { escapeMarkdown } from '../../src/core';
import { DemoHub } from '../../src/server/projector/demoHub';
import { replyOf } from '../../scripts/debriefSizeRolePlays';
import { refuseMessagesOver } from '../support/sizeRefusingChannel';
import { createTestBot, say, texts } from '../support/testBot';

const GROUP = { id: '19:oefengroep@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant' };
const people = {
  trainer: { id: '29:trainer', name: 'Anouk de Vries' },
  sem: { id: '29:sem', name: 'Sem Bakker' },
} as const;
const inGroup = (text: string, person: keyof typeof people = 'sem'): Partial<Activity> => ({
  type: 'message',
  channelId: 'msteams',
  text,
  from: people[person],
  recipient: { id: '28:bot', name: 'Oefenbalie' },
  conversation: GROUP as Activity['conversation'],
  locale: 'nl-NL',
});
const messagesOf = (replies: Partial<Activity>[]) => replies.filter((r) => r.type === 'message');
const partLabels = (replies: Partial<Activity>[]) =>
  replies.map((r) => /^\(deel \d+ van \d+\)/.exec(r.text ?? '')?.[0]);
const withoutLabels = (replies: Partial<Activity>[]) =>
  replies.map((r) => (r.text ?? '').replace(/^\(deel \d+ van \d+\)\n\n/, '')).join('');

describe('/export in a Teams group chat after a long role-play', () => {
  it('comes in parts, each within the Teams budget as sent, that together hold every reply', async () => {
    const { adapter } = createTestBot();
    const refused = refuseMessagesOver(adapter);
    const lines = ['Wat is er precies gebeurd?', 'Vertelt u maar, ik luister.', 'Wanneer heeft u het aangevraagd?'];
    const replies = Array.from({ length: 25 }, (_, i) => replyOf(`${i + 1}. ${lines[i % lines.length]}`, 'long'));
    await say(adapter, inGroup('/start municipal-passport'));
    for (const reply of replies) await say(adapter, inGroup(reply));
    await say(adapter, inGroup('/stop'));

    const exported = messagesOf(await say(adapter, inGroup('/export')));
    expect(refused).toEqual([]);
    expect(partLabels(exported)).toEqual(['(deel 1 van 2)', '(deel 2 van 2)']);
    for (const message of exported) {
      expect(message.conversation?.id).toBe(GROUP.id); // measured as sent, address and all
      expect(utf16Bytes(message)).toBeLessThanOrEqual(CHANNELS.msteams.messageBudgetBytes);
    }
    const whole = withoutLabels(exported);
    for (const reply of replies) expect(whole).toContain(escapeMarkdown(reply));
  });

  it('a group demo of long replies exports in parts too, after its end', async () => {
    const hub = new DemoHub({ sweepIntervalMs: 0 });
    onTestFinished(() => hub.close());
    const { adapter } = createTestBot({}, { demoHub: hub });
    const refused = refuseMessagesOver(adapter);
    // Every character a Markdown escape: the most a reply of 2,000 characters costs in the export.
    const reply = (round: number) => `Ronde ${round}: wat is er precies gebeurd? ${'*_[]'.repeat(500)}`.slice(0, 2000);
    await say(adapter, inGroup('/demo municipal-passport', 'trainer'));
    for (let round = 1; round <= 12; round++) await say(adapter, inGroup(reply(round)));
    await say(adapter, inGroup('/end', 'trainer'));

    const exported = messagesOf(await say(adapter, inGroup('/export')));
    expect(refused).toEqual([]);
    expect(exported.length).toBeGreaterThan(1);
    expect(partLabels(exported)).toEqual(exported.map((_, i) => `(deel ${i + 1} van ${exported.length})`));
    for (const message of exported)
      expect(utf16Bytes(message)).toBeLessThanOrEqual(CHANNELS.msteams.messageBudgetBytes);
    expect(texts(exported)).toMatch(/Ronde 12: wat is er precies gebeurd\?/);
  });
});
