import type { Classification, Classifier } from '../classifier/types';
import { applyTurn, initialEmotion } from '../engine/emotionModel';
import { drawSlots, voiceOpening, voiceTurn } from '../engine/customerVoice';
import { hear } from '../engine/hearing';
import { HINT_TEXT, hintKeyFor, type HintKey } from '../engine/hints';
import type { CommonLines, Difficulty, Persona } from '../persona/types';
import { seedFrom } from '../random';
import type { Lang } from '../lang';
import type { Session, TranscriptEntry, TurnRecord } from './types';

/** What a role-play needs to run: the customer, the shared lines and the classifier. */
export interface Stage {
  persona: Persona;
  common: CommonLines;
  classifier: Classifier;
}

export interface StartOptions {
  lang: Lang;
  seed: number;
  difficulty?: Difficulty;
  /** Injected clock, in milliseconds. */
  now: number;
}

/** Starts a role-play: the customer's opening outburst is the first transcript entry. */
export function startSession(stage: Pick<Stage, 'persona'>, options: StartOptions): Session {
  const { persona } = stage;
  const difficulty = options.difficulty ?? persona.difficulty;
  let rng = seedFrom(options.seed);
  const drawn = drawSlots(persona, options.lang, rng);
  rng = drawn.next;
  const opening = voiceOpening(persona, options.lang, drawn.slots, rng);
  const emotion = initialEmotion(persona, difficulty, opening.next);
  return {
    schemaVersion: 1,
    personaId: persona.id,
    lang: options.lang,
    seed: options.seed,
    difficulty,
    startedAt: options.now,
    emotion,
    transcript: [{ role: 'customer', text: opening.text, anger: emotion.anger, labels: [], atMs: 0 }],
    turns: [],
    slots: drawn.slots,
    hintsUsed: 0,
    retries: 0,
  };
}

export interface TurnResult {
  session: Session;
  classification: Classification;
  turn: TurnRecord;
  /** True when this reply ended the role-play. */
  ended: boolean;
}

/** Classifies one trainee reply, moves the customer's anger and voices the answer. */
export function takeTurn(stage: Stage, session: Session, text: string, now: number): TurnResult {
  if (session.outcome) throw new Error(`takeTurn: session already ended (${session.outcome})`);
  const classification = stage.classifier.classify(text, session.lang);
  // A role-play stored before the persona gained facts gets the missing ones from its seed; the rest stay.
  const facts = Object.keys(stage.persona.slots[session.lang] ?? {}).every((fact) => fact in session.slots)
    ? session.slots
    : { ...drawSlots(stage.persona, session.lang, seedFrom(session.seed)).slots, ...session.slots };
  const heard = hear(
    {
      persona: stage.persona,
      common: stage.common,
      lang: session.lang,
      facts,
      answeredBefore: session.turns.flatMap((t) => (t.answered ? [t.answered] : [])),
    },
    classification,
  );
  // A question asked again is an input the emotion model reads (it costs patience).
  const heardReply = heard.askedAgain ? { ...classification, askedAgain: true } : classification;
  const outcome = applyTurn(stage.persona, session.difficulty, session.emotion, heardReply);
  const said = session.transcript.filter((e) => e.role === 'customer').map((e) => e.text);
  const voiced = voiceTurn(stage.persona, stage.common, session.lang, outcome, facts, outcome.state.rng, said, heard);
  const emotion = { ...outcome.state, rng: voiced.next };
  const atMs = Math.max(0, now - session.startedAt);

  const turn: TurnRecord = {
    index: session.turns.length + 1,
    traineeText: classification.text,
    classification: {
      labels: classification.labels,
      // The first piece of evidence per label is what feedback quotes; the rest stays in `classify --explain`.
      details: classification.details.map((detail) => ({ id: detail.id, evidence: detail.evidence.slice(0, 1) })),
      signals: classification.signals,
      truncated: classification.truncated,
      ...(classification.overruled
        ? { overruled: classification.overruled.map((o) => ({ ...o, evidence: o.evidence.slice(0, 1) })) }
        : {}),
    },
    angerBefore: session.emotion.anger,
    angerAfter: emotion.anger,
    effects: outcome.effects,
    customerText: voiced.text,
    reaction: voiced.source,
    ...(voiced.answered ? { answered: voiced.answered } : {}),
    ...(voiced.offer ? { offer: voiced.offer } : {}),
    ...(heard.promiseCannotKeep ? { promiseCannotKeep: heard.promiseCannotKeep } : {}),
    ...(heard.askedAgain ? { askedAgain: true as const } : {}),
    ...(heard.pastDeadline ? { pastDeadline: true as const } : {}),
    stateBefore: session.emotion,
    atMs,
  };
  const entries: TranscriptEntry[] = [
    { role: 'trainee', text: classification.text, anger: session.emotion.anger, labels: classification.labels, atMs },
    { role: 'customer', text: voiced.text, anger: emotion.anger, labels: [], atMs },
  ];
  const next: Session = {
    ...session,
    emotion,
    transcript: [...session.transcript, ...entries],
    turns: [...session.turns, turn],
  };
  if (outcome.ending) {
    next.outcome = outcome.ending;
    next.endedAtMs = atMs;
  }
  return { session: next, classification, turn, ended: Boolean(outcome.ending) };
}

/**
 * Takes back the last reply so the trainee can try another ("what if").
 * Returns undefined when there is nothing to take back.
 */
export function retryLastTurn(session: Session): Session | undefined {
  const last = session.turns[session.turns.length - 1];
  if (!last || session.outcome === 'stopped') return undefined;
  const retries = session.retries + 1;
  // Another draw for the retried turn, still fixed by the seed: a retry is not a replay.
  const rng = (last.stateBefore.rng ^ Math.imul(retries, 0x9e3779b9)) >>> 0;
  // The retried turn reopens the conversation: it has no outcome and no end time (yet).
  const open: Session = { ...session };
  delete open.outcome;
  delete open.endedAtMs;
  return {
    ...open,
    emotion: { ...last.stateBefore, rng },
    transcript: session.transcript.slice(0, -2),
    turns: session.turns.slice(0, -1),
    retries,
  };
}

/** Ends the role-play on the trainee's `/stop`. */
export function stopSession(session: Session, now: number): Session {
  if (session.outcome) return session;
  return { ...session, outcome: 'stopped', endedAtMs: Math.max(0, now - session.startedAt) };
}

export interface Hint {
  key: HintKey;
  text: string;
}

/** Names what would help now, without giving the words; counted in the report. */
export function requestHint(session: Session): { session: Session; hint: Hint } {
  const key = hintKeyFor(session.emotion);
  return {
    session: { ...session, hintsUsed: session.hintsUsed + 1 },
    hint: { key, text: HINT_TEXT[key][session.lang] },
  };
}
