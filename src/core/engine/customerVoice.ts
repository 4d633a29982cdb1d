import type { AngerBand, CommonLines, Persona, PersonaLines, ReactionKey } from '../persona/types';
import { pick } from '../random';
import type { Lang } from '../lang';
import { angerBand, type TurnOutcome } from './emotionModel';

export interface Voiced {
  text: string;
  next: number;
  /** Which line families were used, e.g. `reactions.argued + escalation.louder`. */
  source: string;
}

type LineFamily = { path: string; lines: readonly string[] };

/** The persona's own lines first, the shared ones in `personas/common.yaml` when it has none. */
function family(
  persona: Persona,
  common: CommonLines,
  lang: Lang,
  path: string,
  get: (l: Partial<PersonaLines>) => readonly string[] | undefined,
): LineFamily | undefined {
  const own = get(persona.lines[lang]);
  if (own && own.length > 0) return { path, lines: own };
  const shared = get(common.lines[lang]);
  if (shared && shared.length > 0) return { path: `common.${path}`, lines: shared };
  return undefined;
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

/**
 * Chooses what the customer says after a turn: a reaction to what the trainee
 * did, then, while the problem is open, either a step on the escalation path
 * or the customer's own push for the current anger band.
 */
export function voiceTurn(
  persona: Persona,
  common: CommonLines,
  lang: Lang,
  outcome: TurnOutcome,
  slots: Readonly<Record<string, string>>,
  rng: number,
  /** What the customer said lately: a real person does not repeat a sentence word for word. */
  recentLines: readonly string[] = [],
): Voiced {
  const parts: string[] = [];
  const sources: string[] = [];
  let state = rng;
  const say = (f: LineFamily | undefined) => {
    if (!f) return;
    const fresh = f.lines.filter((line) => !recentLines.some((recent) => recent.includes(fillSlots(line, slots))));
    const candidates = fresh.length > 0 ? fresh : f.lines;
    // A second part that opens with the same interjection as the first ("Fine. … Fine. …") sounds stitched together.
    const opener = parts.length > 0 ? interjection(parts[0]) : undefined;
    const varied = opener ? candidates.filter((line) => interjection(line) !== opener) : candidates;
    const draw = pick(state, varied.length > 0 ? varied : candidates);
    state = draw.next;
    parts.push(fillSlots(draw.value, slots));
    sources.push(f.path);
  };

  const reactionKey = outcome.reaction;
  // When the customer crosses the line again, that is the whole answer.
  if (reactionKey === 'crossedAgain') {
    say(family(persona, common, lang, 'escalation.crossedAgain', (l) => l.escalation?.crossedAgain));
  } else {
    const key: ReactionKey = reactionKey;
    say(family(persona, common, lang, `reactions.${key}`, (l) => l.reactions?.[key]));
  }

  if (outcome.ending === 'resolved') {
    say(family(persona, common, lang, 'resolved', (l) => l.resolved));
  } else if (outcome.escalationLine) {
    const key = outcome.escalationLine;
    say(family(persona, common, lang, `escalation.${key}`, (l) => l.escalation?.[key]));
  } else if (!outcome.ending && shouldPress(reactionKey)) {
    const band: AngerBand = angerBand(outcome.state.anger);
    say(
      family(persona, common, lang, `pressing.${band}`, (l) => l.pressing?.[band]) ??
        family(persona, common, lang, 'pressing.tense', (l) => l.pressing?.tense),
    );
  }

  return { text: parts.join(' '), next: state, source: sources.join(' + ') };
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
