/**
 * Corrections of the classifier's judgement, marked by a trainee or trainer in the debrief: the labels a
 * judged turn should have had. Kept (with the reply's text) only where transcripts may be kept; exported by
 * `npm run corrections -- export` as evaluation rows, ready to add to a rule file's examples.
 */
import type { TurnContext } from 'botbuilder';
import {
  TECHNIQUES,
  fillTemplate,
  isTechniqueId,
  techniqueName,
  type Lang,
  type RecordedPersona,
  type Session,
  type TechniqueId,
} from '../src/core';
import { CORRECTION_INPUTS } from './cards/feedbackCard';
import type { Command } from './commands';

export interface Correction {
  /** The role-play and turn, so marking the same turn twice keeps the latest marking only. */
  id: string;
  lang: Lang;
  /** The trainee's reply as it was judged. */
  text: string;
  /** The labels the trainee or trainer says are right (may be empty: "no technique"). */
  labels: TechniqueId[];
  /** What the classifier gave. */
  judged: TechniqueId[];
  note?: string;
  personaId: string;
  setting: string;
  turn: number;
  /** The channel it was marked in (webchat, msteams, …). */
  source: string;
  correctedAt: string;
}

/** Where corrections are kept (src/bot/correctionStore.ts). */
export interface CorrectionBook {
  add(correction: Correction): Promise<void>;
  /** Those within the retention period at `now`. */
  list(now: Date): Promise<Correction[]>;
}

/** The longest note kept: a sentence or two for whoever turns it into a rule. */
export const NOTE_MAX = 300;

/** What a `/corrections mark <turn> [labels]` (typed, or sent by the debrief card) asks to keep. */
export interface CorrectionRequest {
  turn: number;
  labels: TechniqueId[];
  note?: string;
}

/**
 * Reads a marking: the turn from the command, the labels from the card's choice set (comma-separated ids) or,
 * typed, from the words after the turn. Undefined when the turn is missing or a label is unknown.
 */
export function correctionRequest(command: Command, value: unknown): CorrectionRequest | undefined {
  const turn = Number(command.args[1]);
  if (!Number.isInteger(turn) || turn < 1) return undefined;
  const ids = CORRECTION_INPUTS;
  const inputs = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const fromCard = typeof inputs[ids.labels] === 'string' ? (inputs[ids.labels] as string).split(',') : undefined;
  const words = (fromCard ?? command.args.slice(2)).map((w) => w.trim()).filter(Boolean);
  if (!words.every(isTechniqueId)) return undefined;
  const note = typeof inputs[ids.note] === 'string' ? (inputs[ids.note] as string).trim().slice(0, NOTE_MAX) : '';
  return { turn, labels: [...new Set(words)], ...(note ? { note } : {}) };
}

/** The correction of one turn of a role-play; undefined when the role-play has no such turn. */
export function buildCorrection(
  request: CorrectionRequest,
  session: Session,
  persona: Pick<RecordedPersona, 'id' | 'setting'>,
  context: Pick<TurnContext, 'activity'>,
  now: Date,
): Correction | undefined {
  const record = session.turns[request.turn - 1];
  if (!record) return undefined;
  return {
    id: `${session.seed}.${session.startedAt}.t${request.turn}`,
    lang: session.lang,
    text: record.traineeText,
    labels: request.labels,
    judged: [...record.classification.labels],
    ...(request.note ? { note: request.note } : {}),
    personaId: persona.id,
    setting: persona.setting,
    turn: request.turn,
    source: context.activity.channelId,
    correctedAt: now.toISOString(),
  };
}

/** How often a label was given wrongly (removed by a correction) and how often it was missed (added). */
export interface LabelCorrections {
  id: TechniqueId;
  wronglyGiven: number;
  missed: number;
}

/** The most corrected labels first; labels nobody corrected are left out. */
export function mostCorrected(corrections: readonly Correction[]): LabelCorrections[] {
  const counts = new Map<TechniqueId, LabelCorrections>(
    TECHNIQUES.map((id) => [id, { id, wronglyGiven: 0, missed: 0 }]),
  );
  for (const c of corrections) {
    for (const id of c.judged) if (!c.labels.includes(id)) counts.get(id)!.wronglyGiven += 1;
    for (const id of c.labels) if (!c.judged.includes(id)) counts.get(id)!.missed += 1;
  }
  return [...counts.values()]
    .filter((c) => c.wronglyGiven + c.missed > 0)
    .sort((a, b) => b.wronglyGiven + b.missed - (a.wronglyGiven + a.missed));
}

const WORDS = {
  title: {
    nl: '**Meest gecorrigeerde technieken** ({count} correcties)',
    en: '**Most corrected techniques** ({count} corrections)',
  },
  row: {
    nl: '- {name}: {given}× onterecht gegeven, {missed}× gemist',
    en: '- {name}: wrongly given {given}×, missed {missed}×',
  },
  none: { nl: 'Er zijn nog geen correcties.', en: 'There are no corrections yet.' },
  export: {
    nl: 'Exporteren als regels voor de voorbeelden: `npm run --silent corrections -- export`',
    en: 'Export them as rule examples: `npm run --silent corrections -- export`',
  },
  notKept: {
    nl: 'Deze omgeving bewaart geen gespreksteksten, dus ook geen correcties: uw correctie is niet opgeslagen.',
    en: 'This deployment keeps no conversation texts, so it keeps no corrections either: your correction was not saved.',
  },
  kept: {
    nl: 'Dank u. De correctie van beurt {turn} is bewaard: {labels}.',
    en: 'Thank you. The correction of turn {turn} is saved: {labels}.',
  },
  noTechnique: { nl: 'geen techniek', en: 'no technique' },
  usage: {
    nl: 'Zo markeert u een beurt: /corrections mark <beurt> <technieken>, bijvoorbeeld /corrections mark 2 summarize. De technieken: {ids}.',
    en: 'To mark a turn: /corrections mark <turn> <techniques>, for example /corrections mark 2 summarize. The techniques: {ids}.',
  },
  noSuchTurn: {
    nl: 'Die beurt vind ik niet in het laatste rollenspel.',
    en: 'I cannot find that turn in the last role-play.',
  },
} satisfies Record<string, Record<Lang, string>>;

export function correctionText(
  key: 'notKept' | 'noSuchTurn' | 'usage' | 'kept',
  lang: Lang,
  values: { turn?: number; labels?: readonly TechniqueId[] } = {},
): string {
  const labels = values.labels ?? [];
  return fillTemplate(WORDS[key][lang], {
    turn: values.turn ?? '',
    labels: labels.length > 0 ? labels.map((id) => techniqueName(id, lang)).join(', ') : WORDS.noTechnique[lang],
    ids: TECHNIQUES.join(', '),
  });
}

/** The trainer's view in the chat (`/corrections`): counts only, never a trainee's words. */
export function describeMostCorrected(corrections: readonly Correction[], lang: Lang): string {
  if (corrections.length === 0) return WORDS.none[lang];
  const rows = mostCorrected(corrections).map((row) =>
    fillTemplate(WORDS.row[lang], { name: techniqueName(row.id, lang), given: row.wronglyGiven, missed: row.missed }),
  );
  return [fillTemplate(WORDS.title[lang], { count: corrections.length }), ...rows, '', WORDS.export[lang]].join('\n');
}

/** What `/corrections` needs from the conversation: where corrections go and the role-play a turn belongs to. */
export interface CorrectionCommandServices {
  retention: { keepTranscripts: boolean };
  corrections: CorrectionBook;
  clock: () => number;
}

/**
 * `/corrections`: the trainer's view; `/corrections mark <turn> …` (the debrief card's "Send correction"): keeps
 * a correction, where transcripts may be kept, and says so either way. Returns the message to send.
 */
export async function answerCorrections(
  command: Command,
  context: Pick<TurnContext, 'activity'>,
  services: CorrectionCommandServices,
  judged: () => Promise<{ session: Session; persona: Pick<RecordedPersona, 'id' | 'setting'> } | undefined>,
  lang: Lang,
): Promise<string> {
  if (command.args[0]?.toLowerCase() !== 'mark')
    return describeMostCorrected(await services.corrections.list(new Date(services.clock())), lang);
  const request = correctionRequest(command, context.activity.value);
  if (!request) return correctionText('usage', lang);
  // Without KEEP_TRANSCRIPTS the reply's words may not be kept, and a correction without them is no use.
  if (!services.retention.keepTranscripts) return correctionText('notKept', lang);
  const found = await judged();
  const correction =
    found && buildCorrection(request, found.session, found.persona, context, new Date(services.clock()));
  if (!correction) return correctionText('noSuchTurn', lang);
  await services.corrections.add(correction);
  return correctionText('kept', lang, { turn: request.turn, labels: request.labels });
}
