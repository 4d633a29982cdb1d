/**
 * What the customer heard in a reply beyond its techniques: which topic was asked about, which
 * option was offered or promised, whether a fact was got wrong, and whether an offered day falls
 * after the deadline. The customer's voice answers from this; the turn records it for the trainer.
 */
import type { Classification } from '../classifier/types';
import type { Lang } from '../lang';
import type { CommonLines, Persona } from '../persona/types';
import { normalizeWord } from '../classifier/text';
import { hearsContent, matchCues, type CueHit } from './topicCues';
import { daysUntil, offeredDay, weekdayOf } from './offeredDay';

export interface Heard {
  /** The topic the reply asked about (or summarised). */
  topic?: string;
  /** A question about nothing the customer knows. */
  unknownQuestion?: true;
  /** The topic was answered before in this role-play: it costs a little patience. */
  askedAgain?: true;
  /** A fact the reply got wrong, and the right one. */
  correction?: { fact: string; wrong: string; right: string };
  /** The option the customer takes among those offered. */
  offer?: string;
  /** An option from `cannotOffer` the trainee promised: the customer holds them to it. */
  promiseCannotKeep?: string;
  /** The offered option's day falls on or after the deadline. */
  pastDeadline?: { when: string; deadline: string };
  /** The agreement's time, as the trainee said it. */
  agreedWhen?: string;
}

export interface HearingContext {
  persona: Persona;
  common: CommonLines;
  lang: Lang;
  /** The facts drawn for this role-play. */
  facts: Readonly<Record<string, string>>;
  /** Topics answered earlier in this role-play. */
  answeredBefore: readonly string[];
}

type Reply = Pick<Classification, 'text' | 'labels' | 'signals'>;

/** Words of a text, normalised, joined by single spaces with spaces at both ends (for whole-word search). */
function words(text: string): string {
  return ` ${text
    .split(/[^\p{L}\p{N}.,:€]+/u)
    .map((w) => normalizeWord(w).replace(/[.,:]+$/, ''))
    .filter(Boolean)
    .join(' ')} `;
}

/** `words` of the personas' fact values, which every reply is checked against: worked out once each. */
const valueWords = new Map<string, string>();
const VALUE_WORDS_KEPT = 10_000;

function wordsOfValue(value: string): string {
  let found = valueWords.get(value);
  if (found === undefined) {
    if (valueWords.size >= VALUE_WORDS_KEPT) valueWords.clear();
    valueWords.set(value, (found = words(value)));
  }
  return found;
}

/** A fact value the reply names that is not this role-play's value, while the right one is not named. */
function wrongFact(
  persona: Persona,
  lang: Lang,
  facts: Readonly<Record<string, string>>,
  text: string,
): Heard['correction'] {
  const said = words(text);
  for (const [fact, values] of Object.entries(persona.slots[lang])) {
    const right = facts[fact];
    if (right === undefined || said.includes(wordsOfValue(right))) continue;
    const wrong = values.find(
      (v) => v !== right && wordsOfValue(v).trim().length >= 3 && said.includes(wordsOfValue(v)),
    );
    if (wrong) return { fact, wrong, right };
  }
  return undefined;
}

/** The hit with the longest match, the earliest on a tie. */
function strongest(hits: readonly CueHit[]): CueHit | undefined {
  return [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)[0];
}

/** Reads a reply for its content. Returns an empty object for personas without topics or offers. */
export function hear(context: HearingContext, reply: Reply): Heard {
  const { persona, common, lang, facts } = context;
  if (!hearsContent(persona)) return {};
  const heard: Heard = {};
  const labels = new Set(reply.labels);
  const when = reply.signals.agreement?.when;
  if (when && labels.has('make_agreement')) heard.agreedWhen = wholeTime(reply.text, when, lang);
  const hits = matchCues(persona, common, lang, reply.text);

  // Offers first: an option put on the table is the most concrete thing in a reply.
  const items = persona.offers ?? [];
  const offered = hits.offers.map((h) => items.find((i) => i.id === h.id)).filter((i) => i !== undefined);
  const promise = offered.find((i) => i.kind === 'cannot');
  if (promise) {
    heard.promiseCannotKeep = promise.id;
    return heard;
  }
  const choice = offered.filter((i) => i.kind === 'can').sort((a, b) => a.preference - b.preference)[0];
  if (choice) {
    heard.offer = choice.id;
    const late = choice.checkDeadline ? pastDeadline(context, reply.text) : undefined;
    if (late) heard.pastDeadline = late;
    return heard;
  }

  // A question mark makes a topic question even when the reply also offers or acknowledges; only a plain
  // question about nothing the customer knows gets "how would I know".
  const plainQuestion = labels.has('ask_question') || (reply.signals.question && reply.labels.length === 0);
  const asks = plainQuestion || reply.signals.question;
  const summarises = labels.has('summarize');
  if (!asks && !summarises) return heard;
  // Only a summary claims the facts: a question may name another value in passing ("the supermarket cashier").
  const correction = summarises ? wrongFact(persona, lang, facts, reply.text) : undefined;
  if (correction) {
    heard.correction = correction;
    return heard;
  }
  const topic = strongest(hits.topics);
  if (topic) {
    heard.topic = topic.id;
    if (asks && !summarises && context.answeredBefore.includes(topic.id)) heard.askedAgain = true;
  } else if (plainQuestion && !summarises) heard.unknownQuestion = true;
  return heard;
}

/** The offered day, when it is on or after the persona's deadline. */
function pastDeadline(context: HearingContext, text: string): Heard['pastDeadline'] {
  const { persona, lang, facts } = context;
  if (!persona.deadline) return undefined;
  const deadlineValue = facts[persona.deadline.before];
  const today = weekdayOf(facts[persona.deadline.today] ?? '', lang);
  const deadlineDay = weekdayOf(deadlineValue ?? '', lang);
  if (today === undefined || deadlineDay === undefined || deadlineValue === undefined) return undefined;
  const days = offeredDay(text, lang, today);
  if (days === undefined || days < daysUntil(today, deadlineDay)) return undefined;
  return { when: dayWords(text, lang) ?? deadlineValue, deadline: deadlineValue };
}

/** The day as the trainee put it, for the customer to quote back. */
function dayWords(text: string, lang: Lang): string | undefined {
  const re =
    lang === 'nl'
      ? /\b(?:volgende week(?: \w+dag)?|overmorgen|morgen|(?:over|binnen) \S+ (?:werk)?dag(?:en)?|(?:over|binnen) \S+ weken?|na het weekend|(?:maan|dins|woens|donder|vrij|zater|zon)dag)\b/i
      : /\b(?:next week|the day after tomorrow|tomorrow|in \S+ (?:working )?days?|in \S+ weeks?|after the weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;
  return re.exec(text)?.[0];
}

/** Words that continue a time expression: "morgen" + "voor twaalf uur", "tomorrow" + "between two and four". */
const TIME_WORDS: Record<Lang, RegExp> = {
  nl: /^(?:voor|na|om|tussen|en|tot|van|rond|uur|half|kwart|over|'s|ochtends?|middags?|avonds?|ochtend|middag|avond|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|\d{1,2}(?:[.:]\d{2})?(?:u|uur)?)$/i,
  en: /^(?:before|after|at|between|and|by|until|around|noon|midday|half|past|quarter|to|am|pm|a\.m\.|p\.m\.|o'clock|in|the|morning|afternoon|evening|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}(?:[.:]\d{2})?(?:am|pm)?)$/i,
};

/** The agreement's time as the trainee said it: the recognised part, and the time words right after it. */
function wholeTime(text: string, when: string, lang: Lang): string {
  const at = text.toLowerCase().indexOf(when.toLowerCase());
  if (at < 0) return when;
  let end = at + when.length;
  const word = /\s+([^\s,.;!?]+)/y;
  for (;;) {
    word.lastIndex = end;
    const m = word.exec(text);
    if (!m || !TIME_WORDS[lang].test(m[1])) break;
    end = word.lastIndex;
  }
  // A time does not end on a joining word ("morgen voor" + "uw vlucht").
  const phrase = text.slice(at, end).replace(/\s+(?:voor|na|om|en|tot|van|at|and|by|to|in|the|before|after)$/i, '');
  return phrase;
}
