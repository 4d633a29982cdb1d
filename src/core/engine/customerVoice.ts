import {
  BANDS,
  type AngerBand,
  type CommonLines,
  type Persona,
  type PersonaLines,
  type TopicLineKey,
} from '../persona/types';
import type { Heard } from './hearing';
import { topicsOf } from './topicCues';
import { pick } from '../random';
import type { Lang } from '../lang';
import { angerBand, type TurnOutcome } from './emotionModel';

export interface Voiced {
  text: string;
  next: number;
  /** Which line families were used, e.g. `reactions.argued + escalation.louder`. */
  source: string;
  /** The topic the customer answered about. */
  answered?: string;
  /** The offer item the customer took up (or holds the trainee to). */
  offer?: string;
}

type LineFamily = { path: string; lines: readonly string[] };

/** The persona's own lines first, then the shared ones in `personas/common.yaml` (when its own are all said). */
function families(
  persona: Persona,
  common: CommonLines,
  lang: Lang,
  path: string,
  get: (l: Partial<PersonaLines>) => readonly string[] | undefined,
): LineFamily[] {
  const out: LineFamily[] = [];
  const own = get(persona.lines[lang]);
  if (own && own.length > 0) out.push({ path, lines: own });
  const shared = get(common.lines[lang]);
  if (shared && shared.length > 0) out.push({ path: `common.${path}`, lines: shared });
  return out;
}

/** Replaces `{slot}` with the value drawn for this session; unknown slots stay visible for the validator to catch. */
export function fillSlots(text: string, slots: Readonly<Record<string, string>>): string {
  return text.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, name: string, offset: number) => {
    const value = slots[name];
    if (value === undefined) return whole;
    // "… betaald. {day} gaat de huur eraf": a value that starts a sentence starts with a capital.
    const startsSentence = /(^|[.!?]\s+)$/.test(text.slice(Math.max(0, offset - 3), offset));
    return startsSentence ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  });
}

/** Reactions the content of a reply may answer instead: a topic, an offer, a correction. */
const ANSWERABLE: ReadonlySet<TurnOutcome['reaction']> = new Set([
  'questionAnswered',
  'neutral',
  'summaryConfirmed',
  'summaryCorrected',
  'acknowledged',
  'acknowledgedAgain',
  'listened',
  'listenedTooLong',
  'choiceAccepted',
  'agreementAccepted',
  'limitAccepted',
  'choiceTooEarly',
  'agreementTooEarly',
]);

/** Values for the shared answer lines' own placeholders, besides the persona's facts. */
type Extra = Record<string, string>;

/** The line family that answers what was heard, when the reply had content the customer reacts to. */
function contentFamily(
  persona: Persona,
  common: CommonLines,
  lang: Lang,
  band: AngerBand,
  heard: Heard,
  facts: Readonly<Record<string, string>>,
  reaction: TurnOutcome['reaction'],
): { families: LineFamily[]; extra: Extra } | undefined {
  const shared = (key: TopicLineKey, extra: Extra = {}) => {
    const own = persona.topicLines?.[lang]?.[key];
    const lines = own && own.length > 0 ? own : (common.topicLines?.[lang][key] ?? []);
    return lines.length > 0 ? { families: [{ path: `topicLines.${key}`, lines }], extra } : undefined;
  };
  const item = (id: string) => {
    const offer = persona.offers?.find((o) => o.id === id);
    return offer ? { families: [{ path: `offers.${id}`, lines: offer.answers[lang] }], extra: {} } : undefined;
  };
  if (heard.promiseCannotKeep) return item(heard.promiseCannotKeep);
  // An option offered too early is refused in character (the reaction's own line): it names no other option.
  // An option after the deadline is refused whatever the timing: the customer names the deadline.
  if (heard.pastDeadline) return shared('pastDeadline', heard.pastDeadline);
  const tooEarly = reaction === 'choiceTooEarly' || reaction === 'agreementTooEarly';
  if (heard.offer && tooEarly) return undefined;
  if (heard.offer) return item(heard.offer);
  if (heard.correction) return shared('corrected', { wrong: heard.correction.wrong, right: heard.correction.right });
  const topic = heard.topic ? topicsOf(persona, common).find((t) => t.id === heard.topic) : undefined;
  if (topic && heard.askedAgain) return shared('repeated', { fact: facts[topic.fact] ?? '' });
  if (topic) {
    const answers = topic.answers[lang];
    // A missing mood borrows from its neighbour: calm from tense, furious from angry.
    const order: Record<AngerBand, AngerBand[]> = {
      calm: ['calm', 'tense', 'angry'],
      tense: ['tense', 'calm', 'angry'],
      angry: ['angry', 'tense', 'furious'],
      furious: ['furious', 'angry', 'tense'],
    };
    const moods = order[band].filter((b) => (answers[b]?.length ?? 0) > 0);
    return { families: moods.map((b) => ({ path: `topics.${topic.id}.${b}`, lines: answers[b] ?? [] })), extra: {} };
  }
  if (heard.unknownQuestion) return shared('unknown');
  if (heard.agreedWhen && reaction === 'agreementAccepted')
    return shared('agreementQuoted', { when: heard.agreedWhen });
  return undefined;
}

/**
 * Chooses what the customer says after a turn: a reaction to what the trainee
 * did (or an answer to what they asked or offered), then, while the problem is
 * open, either a step on the escalation path or the customer's own push for
 * the current anger band. No line is said twice in a role-play.
 */
export function voiceTurn(
  persona: Persona,
  common: CommonLines,
  lang: Lang,
  outcome: TurnOutcome,
  slots: Readonly<Record<string, string>>,
  rng: number,
  /** Everything the customer said so far: a real person does not repeat a sentence word for word. */
  said: readonly string[] = [],
  /** What the customer heard in the reply (topics, offers); empty for personas without topics. */
  heard: Heard = {},
): Voiced {
  const parts: string[] = [];
  const sources: string[] = [];
  let state = rng;
  const band: AngerBand = angerBand(outcome.state.anger);
  const isFresh = (text: string) => !said.some((earlier) => earlier.includes(text)) && !parts.includes(text);
  /** Says a fresh line from the first family that still has one; false when all are said. */
  const say = (families: ReadonlyArray<LineFamily | undefined>, extra: Extra = {}, again = false): boolean => {
    for (const f of families) {
      if (!f) continue;
      const filled = f.lines.map((line) => ({ line, text: fillSlots(fillSlots(line, extra), slots) }));
      // `again`: the last resort, a line said before (the turn as a whole is kept new below).
      const fresh = filled.filter((c) => again || isFresh(c.text));
      if (fresh.length === 0) continue;
      // A second part that opens with the same interjection as the first ("Fine. … Fine. …") sounds stitched together.
      const opener = parts.length > 0 ? interjection(parts[0]) : undefined;
      const varied = opener ? fresh.filter((c) => interjection(c.line) !== opener) : fresh;
      const draw = pick(state, varied.length > 0 ? varied : fresh);
      state = draw.next;
      parts.push(draw.value.text);
      sources.push(f.path);
      return true;
    }
    return false;
  };
  const lines = (path: string, get: (l: Partial<PersonaLines>) => readonly string[] | undefined) =>
    families(persona, common, lang, path, get);
  const askBack = (): LineFamily | undefined => {
    const own = persona.topicLines?.[lang]?.askBack;
    const pool = own && own.length > 0 ? own : common.topicLines?.[lang].askBack;
    return pool ? { path: 'topicLines.askBack', lines: pool } : undefined;
  };

  const reactionKey = outcome.reaction;
  const content =
    ANSWERABLE.has(reactionKey) || heard.promiseCannotKeep
      ? contentFamily(persona, common, lang, band, heard, slots, reactionKey)
      : undefined;
  let answered = false;
  if (content) answered = say(content.families, content.extra);
  if (!answered) {
    // When the customer crosses the line again, that is the whole answer.
    const reactionLines =
      reactionKey === 'crossedAgain'
        ? lines('escalation.crossedAgain', (l) => l.escalation?.crossedAgain)
        : lines(`reactions.${reactionKey}`, (l) => l.reactions?.[reactionKey]);
    if (!say([...reactionLines, askBack()])) say([...reactionLines, askBack()], {}, true);
  }

  if (outcome.ending === 'resolved') {
    say(lines('resolved', (l) => l.resolved));
  } else if (outcome.escalationLine) {
    const key = outcome.escalationLine;
    say(lines(`escalation.${key}`, (l) => l.escalation?.[key]));
  } else if (!outcome.ending && !content && shouldPress(reactionKey)) {
    say([
      ...lines(`pressing.${band}`, (l) => l.pressing?.[band]),
      ...lines('pressing.tense', (l) => l.pressing?.tense),
    ]);
  }

  let text = parts.join(' ');
  if (said.includes(text)) {
    // Every line of the families has been said: a new combination, so the turn is still not a repeat.
    const tails = [askBack(), ...BANDS.flatMap((b) => lines(`pressing.${b}`, (l) => l.pressing?.[b]))];
    for (const tail of tails) {
      const next = tail?.lines.map((line) => `${text} ${fillSlots(line, slots)}`).find((t) => !said.includes(t));
      if (next && tail) {
        text = next;
        sources.push(tail.path);
        break;
      }
    }
  }
  return {
    text,
    next: state,
    source: sources.join(' + '),
    ...(heard.topic && answered ? { answered: heard.topic } : {}),
    ...((heard.offer ?? heard.promiseCannotKeep) && answered ? { offer: heard.offer ?? heard.promiseCannotKeep } : {}),
  };
}

/** The word a line opens with when it stands on its own ("Fine.", "Oké,", "Right!"), lowercased; else undefined. */
export function interjection(line: string): string | undefined {
  return /^\s*([\p{L}']+)[.,!?]/u.exec(line)?.[1]?.toLowerCase();
}

/** Reactions that already carry the customer's next step do not get an extra push. */
function shouldPress(reaction: TurnOutcome['reaction']): boolean {
  return ![
    'choiceAccepted',
    'agreementAccepted',
    'questionAnswered',
    'summaryCorrected',
    'boundaryAccepted',
    'endedRightly',
    'endedTooEarly',
  ].includes(reaction);
}

export function voiceOpening(
  persona: Persona,
  lang: Lang,
  slots: Readonly<Record<string, string>>,
  rng: number,
): Voiced {
  const draw = pick(rng, persona.lines[lang].opening);
  return { text: fillSlots(draw.value, slots), next: draw.next, source: 'opening' };
}

/** Draws one value per slot for the session, so names and dates stay the same throughout. */
export function drawSlots(persona: Persona, lang: Lang, rng: number): { slots: Record<string, string>; next: number } {
  let state = rng;
  const slots: Record<string, string> = {};
  for (const name of Object.keys(persona.slots[lang]).sort()) {
    const draw = pick(state, persona.slots[lang][name] ?? []);
    state = draw.next;
    slots[name] = draw.value;
  }
  return { slots, next: state };
}
