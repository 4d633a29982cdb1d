/**
 * A finished role-play as it was judged and said, kept apart from the content it ran on. A {@link SessionLog}
 * replays the trainee's inputs against today's persona and rules; after a trainer edits either, a replay tells
 * a different story than the trainee was told. A record keeps the outcome itself instead: per turn the words,
 * the labels with their evidence, anger before and after, the customer's line and why anger moved, the
 * persona facts the debrief names, and the versions of the persona and the rules it ran on. The debrief,
 * `/export`, `/why` and corrections read it back; nothing is judged again.
 *
 * It is compact (short keys, the transcript left out because the turns hold it, each emotion state stored as
 * what changed since the one before, the persona's facts only where the debrief names them), because it lives in
 * the conversation state, read and saved every turn. `sessionFromRecord(recordSession(session, …))` deep-equals
 * the session but for the facts left out.
 */
import type { EffectReason } from '../engine/effectReasons';
import type { EmotionState, TurnEffect } from '../engine/emotionModel';
import type { Bilingual, Lang } from '../lang';
import type { Difficulty, Persona, Setting } from '../persona/types';
import type { TechniqueId } from '../techniques';
import type { Outcome, Session, TranscriptEntry, TurnRecord } from './types';

/** Content hashes of what a role-play ran on: its persona file (with the shared lines) and its language's rules. */
export interface ContentVersions {
  persona: string;
  rules: string;
}

/** What the debrief and the corrections read of the persona, as it was when the role-play ran. */
export interface RecordedPersona {
  id: string;
  setting: Setting;
  title: Bilingual;
  customer: { name: Bilingual };
  /** The offer items the turns name (taken up, or a promise the desk cannot keep), with their kind and labels. */
  offers?: { id: string; kind?: 'can' | 'cannot'; label?: Bilingual }[];
  /** The topics the customer answered on, with the fact each repeats (its value is in the session's slots). */
  topics?: { id: string; fact: string }[];
  /** The fact holding the deadline day; its value is in the session's slots. */
  deadline?: { before: string };
}

/** One piece of evidence: rule id, start, end, and the quote only when it is not the reply's words at start..end. */
type RecordedEvidence = [string, number, number] | [string, number, number, string];

type Signals = TurnRecord['classification']['signals'];
type RecordedSignals = [0 | 1, 0 | 1, number] | [0 | 1, 0 | 1, number, NonNullable<Signals['agreement']>];

/** One effect: label, delta, reason, and 1 when a "yes, but" halved it. */
type RecordedEffect = [TurnEffect['label'], number, EffectReason] | [TurnEffect['label'], number, EffectReason, 1];

/** One trainee reply and what followed, in short keys (see {@link TurnRecord} for each field's meaning). */
export interface RecordedTurn {
  /** The trainee's words (as classified). */
  t: string;
  /** Milliseconds since the start. */
  at: number;
  /** Labels, primary first; left out when they are the evidence's labels in the same order (as they are). */
  l?: TechniqueId[];
  /** The labels with their evidence. */
  d: [TechniqueId, RecordedEvidence[]][];
  /** Signals: shouting (1/0), a question (1/0), the word count, and the agreement's parts when there is one. */
  g: RecordedSignals;
  /** Anger before and after. */
  a: [number, number];
  /** The customer's line. */
  c: string;
  /** The reaction family the line came from. */
  r: string;
  e: RecordedEffect[];
  /** The emotion state before this turn: what changed since the turn before (all of it for the first turn). */
  s: StateChange;
  /** The rarer facts of a turn, only when present. */
  x?: Pick<TurnRecord, 'answered' | 'offer' | 'promiseCannotKeep' | 'askedAgain' | 'pastDeadline'> & {
    truncated?: true;
    /** Rule labels the learned layer did not count, as `/why` shows them. */
    overruled?: TurnRecord['classification']['overruled'];
  };
}

/** The fields of an emotion state that differ from the one before (nested objects field by field); null: gone. */
type StateChange = { [K in keyof EmotionState]?: unknown };

export interface SessionRecord {
  /** Marks a record (and its format) in stored state. */
  record: 1;
  versions: ContentVersions;
  persona: RecordedPersona;
  lang: Lang;
  seed: number;
  difficulty: Difficulty;
  startedAt: number;
  /** The customer's opening line and the anger it started at. */
  opening: { text: string; anger: number };
  turns: RecordedTurn[];
  /** The emotion state at the end: what changed since the last turn's state before. */
  emotion: StateChange;
  /** The facts the debrief names (the deadline day); the others are in the customer's lines already. */
  slots: Record<string, string>;
  hintsUsed: number;
  retries: number;
  outcome?: Outcome;
  endedAtMs?: number;
}

/** Keeps a finished (or stopped) role-play as it was: the session, what the debrief reads of the persona, the versions. */
export function recordSession(
  session: Session,
  persona: Persona | RecordedPersona,
  versions: ContentVersions,
  common?: { topics?: readonly { id: string; fact: string }[] },
): SessionRecord {
  let previous: EmotionState | undefined;
  const turns = session.turns.map((turn): RecordedTurn => {
    const s = changeSince(previous, turn.stateBefore);
    previous = turn.stateBefore;
    return recordTurn(turn, s);
  });
  const opening = session.transcript[0];
  return {
    record: 1,
    versions,
    persona: recordPersona(persona, session, common),
    lang: session.lang,
    seed: session.seed,
    difficulty: session.difficulty,
    startedAt: session.startedAt,
    opening: { text: opening?.text ?? '', anger: opening?.anger ?? session.emotion.anger },
    turns,
    emotion: changeSince(previous, session.emotion),
    slots: debriefFacts(session, recordPersona(persona, session, common)),
    hintsUsed: session.hintsUsed,
    retries: session.retries,
    ...(session.outcome ? { outcome: session.outcome } : {}),
    ...(session.endedAtMs !== undefined ? { endedAtMs: session.endedAtMs } : {}),
  };
}

/** The session a record stands for, and the persona as it was: what the debrief, exports and `/why` read. */
export function sessionFromRecord(record: SessionRecord): { session: Session; persona: RecordedPersona } {
  let state: EmotionState | undefined;
  const turns = record.turns.map((recorded, i): TurnRecord => {
    state = applyChange(state, recorded.s);
    return turnFromRecord(recorded, i + 1, state);
  });
  const transcript: TranscriptEntry[] = [
    { role: 'customer', text: record.opening.text, anger: record.opening.anger, labels: [], atMs: 0 },
    ...turns.flatMap((turn): TranscriptEntry[] => [
      {
        role: 'trainee',
        text: turn.traineeText,
        anger: turn.angerBefore,
        labels: turn.classification.labels,
        atMs: turn.atMs,
      },
      { role: 'customer', text: turn.customerText, anger: turn.angerAfter, labels: [], atMs: turn.atMs },
    ]),
  ];
  const session: Session = {
    schemaVersion: 1,
    personaId: record.persona.id,
    lang: record.lang,
    seed: record.seed,
    difficulty: record.difficulty,
    startedAt: record.startedAt,
    emotion: applyChange(state, record.emotion),
    transcript,
    turns,
    slots: record.slots,
    hintsUsed: record.hintsUsed,
    retries: record.retries,
    ...(record.outcome ? { outcome: record.outcome } : {}),
    ...(record.endedAtMs !== undefined ? { endedAtMs: record.endedAtMs } : {}),
  };
  return { session, persona: record.persona };
}

/** True for a value that has the shape of a {@link SessionRecord} (state read back from storage). */
export function isSessionRecord(value: unknown): value is SessionRecord {
  if (!value || typeof value !== 'object') return false;
  const record = value as Partial<SessionRecord>;
  return (
    record.record === 1 &&
    typeof record.persona?.id === 'string' &&
    typeof record.versions?.persona === 'string' &&
    typeof record.seed === 'number' &&
    Array.isArray(record.turns)
  );
}

/** The facts the debrief and `/why` name: the deadline day and the facts of the topics answered. */
function debriefFacts(session: Session, persona: RecordedPersona): Record<string, string> {
  const keys = [...(persona.deadline ? [persona.deadline.before] : []), ...(persona.topics ?? []).map((t) => t.fact)];
  return Object.fromEntries(
    keys.flatMap((key) => (session.slots[key] !== undefined ? [[key, session.slots[key]]] : [])),
  );
}

function recordPersona(
  persona: Persona | RecordedPersona,
  session: Session,
  common?: { topics?: readonly { id: string; fact: string }[] },
): RecordedPersona {
  // Only the items and topics a turn names: the debrief and /why quote them, nothing else of the persona.
  const named = new Set(session.turns.flatMap((t) => [t.promiseCannotKeep, t.offer].filter((id) => id !== undefined)));
  const offers = (persona.offers ?? [])
    .filter((o) => named.has(o.id))
    .map((o) => ({
      id: o.id,
      ...(o.kind ? { kind: o.kind } : {}),
      ...(o.label ? { label: { nl: o.label.nl, en: o.label.en } } : {}),
    }));
  const answered = new Set(session.turns.flatMap((t) => (t.answered ? [t.answered] : [])));
  // A persona's own topic overrides a shared one of the same id.
  const topics = [...answered].flatMap((id) => {
    const topic = persona.topics?.find((t) => t.id === id) ?? common?.topics?.find((t) => t.id === id);
    return topic ? [{ id, fact: topic.fact }] : [];
  });
  return {
    id: persona.id,
    setting: persona.setting,
    title: { nl: persona.title.nl, en: persona.title.en },
    customer: { name: { nl: persona.customer.name.nl, en: persona.customer.name.en } },
    ...(offers.length > 0 ? { offers } : {}),
    ...(topics.length > 0 ? { topics } : {}),
    ...(persona.deadline ? { deadline: { before: persona.deadline.before } } : {}),
  };
}

function recordTurn(turn: TurnRecord, s: StateChange): RecordedTurn {
  const text = turn.traineeText;
  const x: NonNullable<RecordedTurn['x']> = {
    ...(turn.answered ? { answered: turn.answered } : {}),
    ...(turn.offer ? { offer: turn.offer } : {}),
    ...(turn.promiseCannotKeep ? { promiseCannotKeep: turn.promiseCannotKeep } : {}),
    ...(turn.askedAgain ? { askedAgain: true as const } : {}),
    ...(turn.pastDeadline ? { pastDeadline: true as const } : {}),
    ...(turn.classification.truncated ? { truncated: true as const } : {}),
    ...(turn.classification.overruled ? { overruled: turn.classification.overruled } : {}),
  };
  const { labels, details, signals } = turn.classification;
  const sameLabels = labels.length === details.length && labels.every((id, i) => details[i]?.id === id);
  const g: RecordedSignals = [signals.shouting ? 1 : 0, signals.question ? 1 : 0, signals.wordCount];
  return {
    t: text,
    at: turn.atMs,
    ...(sameLabels ? {} : { l: labels }),
    d: details.map((detail) => [
      detail.id,
      detail.evidence.map(({ ruleId, start, end, quote }): RecordedEvidence =>
        quote === text.slice(start, end) ? [ruleId, start, end] : [ruleId, start, end, quote],
      ),
    ]),
    g: signals.agreement ? [...g, signals.agreement] : g,
    a: [turn.angerBefore, turn.angerAfter],
    c: turn.customerText,
    r: turn.reaction,
    e: turn.effects.map(({ label, delta, reason, halvedByBut }): RecordedEffect =>
      halvedByBut ? [label, delta, reason, 1] : [label, delta, reason],
    ),
    s,
    ...(Object.keys(x).length > 0 ? { x } : {}),
  };
}

function turnFromRecord(recorded: RecordedTurn, index: number, stateBefore: EmotionState): TurnRecord {
  const x = recorded.x ?? {};
  const [shouting, question, wordCount, agreement] = recorded.g;
  return {
    index,
    traineeText: recorded.t,
    classification: {
      labels: recorded.l ?? recorded.d.map(([id]) => id),
      details: recorded.d.map(([id, evidence]) => ({
        id,
        evidence: evidence.map(([ruleId, start, end, quote]) => ({
          ruleId,
          start,
          end,
          quote: quote ?? recorded.t.slice(start, end),
        })),
      })),
      signals: { shouting: shouting === 1, question: question === 1, wordCount, ...(agreement ? { agreement } : {}) },
      truncated: x.truncated === true,
      ...(x.overruled ? { overruled: x.overruled } : {}),
    },
    angerBefore: recorded.a[0],
    angerAfter: recorded.a[1],
    effects: recorded.e.map(([label, delta, reason, halved]) => ({
      label,
      delta,
      reason,
      ...(halved ? { halvedByBut: true as const } : {}),
    })),
    customerText: recorded.c,
    reaction: recorded.r,
    ...(x.answered ? { answered: x.answered } : {}),
    ...(x.offer ? { offer: x.offer } : {}),
    ...(x.promiseCannotKeep ? { promiseCannotKeep: x.promiseCannotKeep } : {}),
    ...(x.askedAgain ? { askedAgain: true as const } : {}),
    ...(x.pastDeadline ? { pastDeadline: true as const } : {}),
    stateBefore,
    atMs: recorded.at,
  };
}

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of `next` that differ from `previous`, nested objects field by field (all of it when there is none). */
function changeSince(previous: EmotionState | undefined, next: EmotionState): StateChange {
  return previous ? fieldChanges(previous as unknown as Fields, next as unknown as Fields) : { ...next };
}

function fieldChanges(before: Fields, after: Fields): Fields {
  const change: Fields = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, is] = [before[key], after[key]];
    if (!(key in after)) change[key] = null;
    else if (isFields(was) && isFields(is)) {
      const inner = fieldChanges(was, is);
      if (Object.keys(inner).length > 0) change[key] = inner;
    } else if (!sameJson(was, is)) change[key] = is;
  }
  return change;
}

/**
 * Whether two field values read the same as JSON. Most are numbers, strings or booleans, told apart without
 * serialising them; the rest (arrays, NaN, values of two types) goes through JSON as before.
 */
function sameJson(was: unknown, is: unknown): boolean {
  if (was === is) return true;
  if (typeof was === 'string' && typeof is === 'string') return false;
  if (typeof was === 'boolean' && typeof is === 'boolean') return false;
  if (Number.isFinite(was) && Number.isFinite(is)) return false;
  return JSON.stringify(was) === JSON.stringify(is);
}

function applyChange(previous: EmotionState | undefined, change: StateChange): EmotionState {
  return applyFields((previous ?? {}) as unknown as Fields, change) as unknown as EmotionState;
}

function applyFields(previous: Fields, change: Fields): Fields {
  const fields: Fields = { ...previous };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete fields[key];
    else if (isFields(value) && isFields(fields[key])) fields[key] = applyFields(fields[key], value);
    else fields[key] = value;
  }
  return fields;
}
