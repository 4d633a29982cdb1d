import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CHANNELS, capabilitiesOf, utf16Bytes } from '../../dialogs/channels';
import { buildExportActivities, renderExportFile } from '../../dialogs/feedbackMessage';
import { MAX_MESSAGE_PARTS, textMessages } from '../../dialogs/messageParts';
import { buildReport, playScript, type Session } from '../../src/core';
import { LONGEST_REPLY, SIZE_PERSONA, replyOf, type ReplyLength } from '../../scripts/debriefSizeRolePlays';
import { shippedStage } from '../support/shippedContent';

const stage = shippedStage(SIZE_PERSONA);
const LINE = 'Wat is er precies gebeurd?';
/** Every character one Markdown escapes: the most bytes a reply of 2,000 characters costs in the export. */
const ESCAPED = `${LINE} ${'*_[]'.repeat(LONGEST_REPLY / 4)}`.slice(0, LONGEST_REPLY);
type Replies = ReplyLength | 'escaped';

const played = new Map<string, Session>();
function rolePlay(turns: number, replies: Replies): Session {
  const key = `${turns}/${replies}`;
  if (!played.has(key)) {
    const reply = replies === 'escaped' ? ESCAPED : replyOf(LINE, replies);
    const script = [...Array.from({ length: turns }, () => reply), '/stop'];
    const { session } = playScript(stage, script, { lang: 'nl', seed: 1, difficulty: 'easy' });
    expect(session.turns).toHaveLength(turns);
    played.set(key, session);
  }
  return played.get(key)!;
}

function exportOf(turns: number, replies: Replies, channelId: string) {
  const session = rolePlay(turns, replies);
  const report = buildReport(session, stage.persona);
  return {
    markdown: renderExportFile(report, session, 'markdown').content,
    activities: buildExportActivities(report, session, channelId),
  };
}

const PART_LABEL = /^\(deel (\d+) van (\d+)\)\n\n/;
/** A part's share of the text: without its label (and, on a cut last part, without the closing line). */
const bodyOf = (activity: Partial<Activity>) => (activity.text ?? '').replace(PART_LABEL, '');
/** Half a surrogate pair on its own: what a cut inside a character leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('/export as text (a Teams group chat, a client we do not know): every part within the budget', () => {
  // Role-play length x reply length x channel: how many messages the export takes. `slack` stands for any
  // channel we do not know: it gets the Teams budget and no files.
  it.each([
    [8, 'short', 'msteams', 1],
    [8, 'long', 'msteams', 1],
    [8, 'escaped', 'msteams', 2],
    [25, 'short', 'msteams', 1],
    [25, 'long', 'msteams', 2],
    [25, 'emoji', 'msteams', 3],
    [25, 'escaped', 'slack', 6],
    [40, 'short', 'slack', 1],
    [40, 'long', 'msteams', 3],
    [40, 'long', 'slack', 3],
    [40, 'emoji', 'msteams', 4],
  ] as const)(
    '%i turns, %s replies, %s: %i message(s), joined they are the whole export',
    (turns, replies, channelId, parts) => {
      const { markdown, activities } = exportOf(turns, replies, channelId);
      const budget = capabilitiesOf(channelId).messageBudgetBytes;
      expect(activities).toHaveLength(parts);
      for (const activity of activities) {
        expect(utf16Bytes(activity)).toBeLessThanOrEqual(budget);
        expect(activity.attachments ?? []).toEqual([]);
        expect(activity.text).not.toMatch(LONE_SURROGATE);
      }
      if (parts === 1) expect(activities[0].text).toBe(markdown);
      else
        expect(activities.map((a) => PART_LABEL.exec(a.text ?? '')?.slice(1))).toEqual(
          activities.map((_, i) => [String(i + 1), String(parts)]),
        );
      expect(activities.map(bodyOf).join('')).toBe(markdown);
    },
  );

  it('was one message over what Teams takes (100 KB) before: 40 turns of long replies', () => {
    const { markdown } = exportOf(40, 'long', 'msteams');
    expect(utf16Bytes({ type: 'message', text: markdown, textFormat: 'markdown' })).toBeGreaterThan(100 * 1024);
  });

  it(`stops at ${MAX_MESSAGE_PARTS} parts and says how many lines are left out and where the whole is`, () => {
    const { markdown, activities } = exportOf(40, 'escaped', 'msteams');
    expect(activities).toHaveLength(MAX_MESSAGE_PARTS);
    for (const activity of activities)
      expect(utf16Bytes(activity)).toBeLessThanOrEqual(CHANNELS.msteams.messageBudgetBytes);
    const last = activities.at(-1)!.text!;
    const closing =
      /\n\n… Nog (\d+) regels passen niet in deze chat\. Het hele verslag als bestand: .*persoonlijke chat.*Web Chat.*\/export.*$/;
    expect(last).toMatch(closing);
    const shown = activities.map(bodyOf).join('').replace(closing, '');
    expect(markdown.startsWith(shown)).toBe(true);
    const leftOut = markdown.slice(shown.length).replace(/\n$/, '').split('\n').length;
    expect(Number(closing.exec(last)![1])).toBe(leftOut);
  });
});

describe('textMessages: where a text is cut', () => {
  const budget = CHANNELS.msteams.messageBudgetBytes;
  const split = (text: string, lang: 'nl' | 'en' = 'nl') =>
    textMessages({ text, channelId: 'msteams', lang, whereWhole: 'Zie het bestand.' }).activities;

  it('a text that fits goes as it is, without a part label', () => {
    expect(split('# Verslag\n\nKort.').map((a) => a.text)).toEqual(['# Verslag\n\nKort.']);
  });

  it('between lines only, at a blank line when one lies in the second half of the part', () => {
    const paragraph = `${'Een regel van het gesprek.\n'.repeat(400)}\n`; // about 21 KB, ends in a blank line
    const activities = split(paragraph.repeat(5));
    expect(activities.length).toBeGreaterThan(1);
    for (const activity of activities.slice(0, -1)) expect(bodyOf(activity)).toMatch(/\n\n$/);
  });

  it('a line longer than a message is cut between characters, never inside an emoji', () => {
    const line = `Begin ${'👩‍👩‍👧'.repeat(12_000)} eind`; // 96,010 UTF-16 units on one line
    const activities = split(line);
    expect(activities.length).toBeGreaterThan(2);
    for (const activity of activities) {
      expect(utf16Bytes(activity)).toBeLessThanOrEqual(budget);
      expect(activity.text).not.toMatch(LONE_SURROGATE);
    }
    expect(activities.map(bodyOf).join('')).toBe(line);
  });

  it('in English the parts say "(part 1 of 2)"', () => {
    const activities = split('A line of the conversation.\n'.repeat(2_000), 'en');
    expect(activities.map((a) => /^\(part \d of \d\)/.exec(a.text ?? '')?.[0])).toEqual([
      '(part 1 of 2)',
      '(part 2 of 2)',
    ]);
  });
});

describe('/export as files (Web Chat): data URLs, one file to a message when together over the budget', () => {
  /** Azure's Direct Line takes an activity of at most 300,000 characters of JSON. */
  const DIRECT_LINE_MAX_CHARS = 300_000;
  const fileText = (activity: Partial<Activity>) =>
    Buffer.from(activity.attachments![0].contentUrl!.split(',')[1], 'base64').toString('utf8');

  it.each([
    [8, 'short', 1],
    [25, 'short', 3],
    [40, 'long', 3],
    [40, 'emoji', 3],
  ] as const)('%i turns, %s replies: %i message(s), each file whole', (turns, replies, messages) => {
    const { markdown, activities } = exportOf(turns, replies, 'webchat');
    expect(activities).toHaveLength(messages);
    expect(activities.flatMap((a) => a.attachments!.map((file) => file.name))).toEqual([
      'feedback-municipal-passport.md',
      'feedback-municipal-passport.html',
      'feedback-municipal-passport.json',
    ]);
    expect(activities[0].text).toBe('Uw verslag en het hele gesprek:');
    expect(fileText(activities[0])).toBe(markdown);
    for (const activity of activities) {
      if (messages > 1) expect(activity.attachments).toHaveLength(1);
      expect(JSON.stringify(activity).length).toBeLessThanOrEqual(DIRECT_LINE_MAX_CHARS);
    }
    if (messages === 1) expect(utf16Bytes(activities[0])).toBeLessThanOrEqual(CHANNELS.webchat.messageBudgetBytes);
  });
});
