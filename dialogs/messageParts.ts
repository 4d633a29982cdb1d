/**
 * A long text (an export's Markdown: the report and every line of the role-play) as messages that each fit the
 * channel's size budget (ChannelCapabilities.messageBudgetBytes, counted as utf16Bytes). Teams refuses one message
 * over its limit outright (413 MessageSizeTooBig) and the trainee gets nothing; in parts it all arrives.
 *
 * Cut only between lines, and at a blank line (between Markdown blocks) when one lies in the second half of a
 * part; a single line longer than a part is cut between characters, never inside a surrogate pair. Each part
 * opens with "(deel 2 van 3)" / "(part 2 of 3)". At most MAX_MESSAGE_PARTS go out; then the last one ends with a
 * line saying how much is left out and where the whole is.
 */
import type { Activity } from 'botbuilder';
import type { Lang } from '../src/core';
import { capabilitiesOf, textUtf16Bytes, utf16Bytes } from './channels';
import { t } from './texts';

/**
 * The most parts one text goes out in. Teams limits a bot to 7 messages a second in one conversation (its rate
 * limits per bot per thread; more are refused with 429), and six long messages are already as much as anyone
 * reads in a chat: six Teams parts hold about 185,000 characters, a role-play of 40 replies of 2,000 characters
 * with room to spare (npm run bench:export-size). Past that the file is the better read.
 */
export const MAX_MESSAGE_PARTS = 6;

/**
 * Room left in each message for what the bot adds when it sends (from, recipient, conversation, replyToId,
 * serviceUrl: a few hundred bytes in Teams), so the activity as sent is within the budget too.
 */
export const ADDRESS_ROOM_BYTES = 2 * 1024;

export interface TextMessageInput {
  text: string;
  channelId: string;
  lang: Lang;
  /** Where the whole text is, said after the last part when not all of it fits in MAX_MESSAGE_PARTS. */
  whereWhole: string;
  textFormat?: 'markdown' | 'plain';
}

/** The messages to send, in order, and how the text was cut (figures for the benchmark: no words). */
export interface TextMessages {
  activities: Partial<Activity>[];
  /** Whether lines were left out past MAX_MESSAGE_PARTS. */
  cut: boolean;
  /** The text as one message, and the largest message sent (utf16Bytes). */
  wholeBytes: number;
  largestBytes: number;
  budgetBytes: number;
}

/**
 * @example
 * const { activities } = textMessages({ text: markdown, channelId: 'msteams', lang: 'nl', whereWhole });
 * await context.sendActivities(activities); // "(deel 1 van 3)", "(deel 2 van 3)", "(deel 3 van 3)"
 */
export function textMessages(input: TextMessageInput): TextMessages {
  const budgetBytes = capabilitiesOf(input.channelId).messageBudgetBytes;
  const message = (text: string): Partial<Activity> => ({
    type: 'message',
    text,
    textFormat: input.textFormat ?? 'markdown',
  });
  const whole = message(input.text);
  const wholeBytes = utf16Bytes(whole);
  const result = (activities: Partial<Activity>[], cut: boolean): TextMessages => ({
    activities,
    cut,
    wholeBytes,
    largestBytes: Math.max(...activities.map(utf16Bytes)),
    budgetBytes,
  });
  const limit = budgetBytes - ADDRESS_ROOM_BYTES;
  if (wholeBytes <= limit) return result([whole], false);

  const widestLabel = `${partLabel(MAX_MESSAGE_PARTS, MAX_MESSAGE_PARTS, input.lang)}\n\n`;
  const widestEnding = `\n\n${restLeftOut(Number.MAX_SAFE_INTEGER, input)}`;
  const room = limit - utf16Bytes(message('')) - textUtf16Bytes(widestLabel) - textUtf16Bytes(widestEnding);
  const chunks = chunksWithin(input.text, room);
  const shown = chunks.slice(0, MAX_MESSAGE_PARTS);
  const leftOut = chunks.slice(MAX_MESSAGE_PARTS).join('');
  const activities = shown.map((chunk, i) => {
    const label = `${partLabel(i + 1, shown.length, input.lang)}\n\n`;
    const ending = leftOut && i === shown.length - 1 ? `\n\n${restLeftOut(linesIn(leftOut), input)}` : '';
    return message(`${label}${chunk}${ending}`);
  });
  return result(activities, leftOut !== '');
}

function partLabel(part: number, parts: number, lang: Lang): string {
  return t('messagePart', lang, { part: String(part), parts: String(parts) });
}

function restLeftOut(lines: number, { lang, whereWhole }: TextMessageInput): string {
  return `${t('messagePartsCut', lang, { lines: String(lines) })} ${whereWhole}`;
}

function linesIn(text: string): number {
  return text.replace(/\n$/, '').split('\n').length;
}

/**
 * The text in consecutive pieces of at most `room` bytes each, joined they give it back. Whole lines while they
 * fit; a part ends at its last blank line when that is past half of it, so Markdown blocks stay together.
 */
function chunksWithin(text: string, room: number): string[] {
  const lines = text
    .split(/(?<=\n)/)
    .flatMap((line) => (textUtf16Bytes(line) > room ? lineInPieces(line, room) : [line]));
  const chunks: string[] = [];
  let current: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = textUtf16Bytes(line);
    if (used + cost > room && current.length > 0) {
      const carried = afterLastBlankLine(current, room, cost);
      chunks.push(current.slice(0, current.length - carried.length).join(''));
      current = carried;
      used = textUtf16Bytes(carried.join(''));
    }
    current.push(line);
    used += cost;
  }
  if (current.length > 0) chunks.push(current.join(''));
  return chunks;
}

/**
 * The lines after the part's last blank line, to carry to the next part: when what stays is at least half the
 * room and the carried lines still leave room for the next line (`nextCost`).
 */
function afterLastBlankLine(lines: readonly string[], room: number, nextCost: number): string[] {
  for (let i = lines.length - 1; i > 0; i--) {
    if (lines[i] !== '\n') continue;
    const carried = lines.slice(i + 1);
    const keeps = textUtf16Bytes(lines.slice(0, i + 1).join('')) >= room / 2;
    return keeps && textUtf16Bytes(carried.join('')) + nextCost <= room ? carried : [];
  }
  return [];
}

/** A line longer than a part, cut between characters (code points: never half a surrogate pair). */
function lineInPieces(line: string, room: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const character of line) {
    const cost = textUtf16Bytes(character);
    if (used + cost > room) {
      pieces.push(piece);
      [piece, used] = ['', 0];
    }
    piece += character;
    used += cost;
  }
  if (piece) pieces.push(piece);
  return pieces;
}
