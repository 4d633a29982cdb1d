/**
 * The debrief as a message that fits its channel's size budget (ChannelCapabilities.messageBudgetBytes), whatever
 * the role-play's length: the card lists every judged reply with its quote, "Why?" and the "Misjudged?" form, so
 * it grows with the turns and with the trainee's words. It gives way, most valuable content kept:
 *
 * 1. `full`: the whole card.
 * 2. `shortQuotes`: the judged-turn list quotes each reply in a sentence (SHORT_QUOTE_MAX, ending in "…").
 * 3. `someTurns`: the list keeps the turns a trainer most wants (judgedTurnPriority.ts) and says in one line how
 *    many are left out and how to see them (/why, /export); the form offers exactly the listed turns.
 * 4. `plainText`: the plain-text debrief (the card's fallback text, cut to PLAIN_TEXT_MAX_BYTES), after the
 *    customer's last words in a message of their own.
 *
 * The same plain text is the safety net when a channel still refuses the card (see FeedbackDialog).
 */
import { CardFactory, type Activity } from 'botbuilder';
import {
  buildFeedbackText,
  debriefView,
  renderAngerChartSvg,
  type DebriefView,
  type ExportTranscriptEntry,
  type Report,
} from '../src/core';
import { FULL_JUDGED_TURNS, buildFeedbackCard, type JudgedTurnsLayout } from './cards/feedbackCard';
import { neutraliseCardFunctions, withQuoteMemo } from './cards/textEscape';
import { capabilitiesOf, textUtf16Bytes, utf16Bytes } from './channels';
import { turnsByInterest } from './judgedTurnPriority';
import { t } from './texts';

/** A reply's quote in a shortened judged-turn list: about a sentence, enough to recognise it. */
export const SHORT_QUOTE_MAX = 80;
/** A reply's quote among the form's turn choices, in a shortened list. */
export const SHORT_CHOICE_MAX = 40;
/**
 * The most the plain-text debrief takes of a message (UTF-16 bytes): it is the card's fallback text too, which
 * Teams and Web Chat never show, so it leaves most of the message to the card. An ordinary role-play's text
 * takes about half of it; a quarter of the Teams budget.
 */
export const PLAIN_TEXT_MAX_BYTES = 16 * 1024;

export type DebriefForm = 'full' | 'shortQuotes' | 'someTurns' | 'plainText';

/** What a finished role-play's debrief is made of, and where it goes. */
export interface DebriefInput {
  report: Report;
  channelId: string;
  /** The chart as a PNG on this server, for a channel that shows no inline SVG (Teams). */
  hostedChartUrl?: string;
  /** The role-play's lines: with them, the card lists every judged reply. */
  transcript?: readonly ExportTranscriptEntry[];
  /** The customer's last words, which open the debrief's message. */
  lastLine?: Partial<Activity>;
}

/** The debrief ready to send, and how it was made to fit (for the log and the benchmark: no words in it). */
export interface DebriefMessage {
  /** What to send, in order: one message, or the customer's last words and then the plain-text debrief. */
  activities: Partial<Activity>[];
  form: DebriefForm;
  /** Judged turns listed on the card, and all of them. */
  listedTurns: number;
  judgedTurns: number;
  /** The largest message's size, counted as the channel counts it (utf16Bytes). */
  bytes: number;
  budgetBytes: number;
  /** The whole card's size before anything gave way (not measured for the safety net's plain text). */
  wholeCardBytes?: number;
}

/** A fitted debrief and its plain-text form, for the safety net when a channel refuses the card after all. */
export interface FittedDebrief extends DebriefMessage {
  plain: DebriefMessage;
}

/**
 * The debrief as the largest form that fits the channel's budget.
 *
 * @example
 * const { activities } = fitDebrief({ report, channelId: 'msteams', hostedChartUrl, transcript: session.transcript });
 * for (const activity of activities) await context.sendActivity(activity);
 */
export function fitDebrief(input: DebriefInput): FittedDebrief {
  // Each layout quotes the same replies: each quote is cut once per fit.
  return withQuoteMemo(() => fitWithin(input));
}

function fitWithin(input: DebriefInput): FittedDebrief {
  const budgetBytes = capabilitiesOf(input.channelId).messageBudgetBytes;
  const view = debriefView(input.report, input.transcript ?? []);
  const judgedTurns = view.transcript.filter((line) => line.role === 'trainee').length;
  const fallback = plainTextWithin(view, input.report, budgetBytes);
  const fallbackText = fallback.text;
  const chartUrl = chartUrlFor(input);
  const cardFor = (layout: JudgedTurnsLayout) =>
    openedWith(input.lastLine, cardActivity(input.report, view, layout, fallbackText, chartUrl));
  const full = cardFor(FULL_JUDGED_TURNS);
  const wholeCardBytes = utf16Bytes(full);
  // The plain form is made from the same view and text as the card's fallback, once.
  const plain = plainDebriefFrom(view, input, budgetBytes, fallback);
  const result = (
    form: DebriefForm,
    activity: Partial<Activity>,
    listedTurns: number,
    bytes = utf16Bytes(activity),
  ): FittedDebrief => ({
    activities: [activity],
    form,
    listedTurns,
    judgedTurns,
    bytes,
    budgetBytes,
    wholeCardBytes,
    plain,
  });
  const fits = (activity: Partial<Activity>) => utf16Bytes(activity) <= budgetBytes;

  // The usual case, measured once: a 33 KB card costs about 0.1 ms to serialise, on the turn that ends the role-play.
  if (wholeCardBytes <= budgetBytes) return result('full', full, judgedTurns, wholeCardBytes);
  const shortQuotes = { quoteMax: SHORT_QUOTE_MAX, choiceMax: SHORT_CHOICE_MAX };
  const short = cardFor(shortQuotes);
  if (fits(short)) return result('shortQuotes', short, judgedTurns);
  // The card's size grows with every turn listed, so the most wanted turns that fit are found by halving.
  const wanted = turnsByInterest(view);
  const listing = (count: number) => cardFor({ ...shortQuotes, listed: wanted.slice(0, count).sort((a, b) => a - b) });
  let [fitting, tooMany] = [-1, judgedTurns];
  while (tooMany - fitting > 1) {
    const middle = Math.floor((fitting + tooMany) / 2);
    if (fits(listing(middle))) fitting = middle;
    else tooMany = middle;
  }
  if (fitting >= 0) return result('someTurns', listing(fitting), fitting);
  return { ...plain, wholeCardBytes, plain };
}

/**
 * The plain-text debrief (the card's fallback text), after the customer's last words: the safety net when a
 * channel refuses the card after all (a 413 from the connector).
 */
export function plainDebrief(input: DebriefInput): DebriefMessage {
  const budgetBytes = capabilitiesOf(input.channelId).messageBudgetBytes;
  const view = debriefView(input.report, input.transcript ?? []);
  return plainDebriefFrom(view, input, budgetBytes, plainTextWithin(view, input.report, budgetBytes));
}

function plainDebriefFrom(
  view: DebriefView,
  input: DebriefInput,
  budgetBytes: number,
  { text, bytes }: PlainText,
): DebriefMessage {
  const debrief = { ...plainActivity(input.report), text };
  return {
    activities: input.lastLine ? [input.lastLine, debrief] : [debrief],
    form: 'plainText',
    listedTurns: 0,
    judgedTurns: view.transcript.filter((line) => line.role === 'trainee').length,
    bytes: Math.max(bytes, input.lastLine ? utf16Bytes(input.lastLine) : 0),
    budgetBytes,
  };
}

/** Teams shows neither SVG nor large data URLs: it gets the PNG from our server, or the sparkline. */
function chartUrlFor({ report, channelId, hostedChartUrl }: DebriefInput): string | undefined {
  return capabilitiesOf(channelId).inlineSvgImages
    ? `data:image/svg+xml;base64,${Buffer.from(renderAngerChartSvg(report), 'utf8').toString('base64')}`
    : hostedChartUrl;
}

/** Both forms' channel data: the figures a client may draw on, no words. */
function channelDataOf(report: Report): object {
  return { report: { outcome: report.outcome, score: report.score, angerCurve: report.angerCurve } };
}

/** The debrief's card: one view laid out twice, as the card and as its plain-text fallback. */
function cardActivity(
  report: Report,
  view: DebriefView,
  judgedTurns: JudgedTurnsLayout,
  fallbackText: string,
  chartUrl: string | undefined,
): Partial<Activity> {
  const card = { ...buildFeedbackCard(view, { ...(chartUrl ? { chartUrl } : {}), judgedTurns }), fallbackText };
  return {
    type: 'message',
    text: `${t('feedbackIntro', report.lang)} ${report.outcomeText} ${report.score}/100`,
    attachments: [CardFactory.adaptiveCard(card)],
    channelData: channelDataOf(report),
  };
}

function plainActivity(report: Report): Partial<Activity> {
  return { type: 'message', text: '', textFormat: 'plain', channelData: channelDataOf(report) };
}

/** The plain-text debrief, and the size of the message that carries it alone (utf16Bytes). */
interface PlainText {
  text: string;
  bytes: number;
}

/**
 * The plain-text debrief within PLAIN_TEXT_MAX_BYTES: whole lines from the top while they fit, then one line
 * that points to the full report. Cut only between lines, so never inside a character. Its message's size is
 * worked out from the parts already measured: the text's escaped length adds to the empty message's.
 */
function plainTextWithin(view: DebriefView, report: Report, budgetBytes: number): PlainText {
  const text = neutraliseCardFunctions(buildFeedbackText(view));
  const emptyMessage = utf16Bytes(plainActivity(report));
  const room = Math.min(budgetBytes, PLAIN_TEXT_MAX_BYTES) - emptyMessage;
  const textBytes = textUtf16Bytes(text);
  if (textBytes <= room) return { text, bytes: emptyMessage + textBytes };
  const lastLine = `…\n${view.words.restInExport}`;
  const kept: string[] = [];
  let used = textUtf16Bytes(`\n${lastLine}`);
  for (const line of text.split('\n')) {
    const cost = textUtf16Bytes(`${line}\n`);
    if (used + cost > room) break;
    kept.push(line);
    used += cost;
  }
  const cut = [...kept, lastLine].join('\n');
  return { text: cut, bytes: emptyMessage + textUtf16Bytes(cut) };
}

/**
 * The debrief's message opened by the customer's last words (above the debrief's own line, which then reads as
 * Markdown too), with both messages' channel data: one reply instead of two, nothing lost, the same order.
 */
function openedWith(lastLine: Partial<Activity> | undefined, debrief: Partial<Activity>): Partial<Activity> {
  if (!lastLine) return debrief;
  return {
    ...debrief,
    text: `${lastLine.text ?? ''}\n\n${debrief.text ?? ''}`,
    textFormat: 'markdown',
    channelData: { ...(lastLine.channelData as object), ...(debrief.channelData as object) },
  };
}
