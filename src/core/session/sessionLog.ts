/**
 * A role-play stored as what the trainee did, not as what followed from it. The core is deterministic for a
 * seed, so the persona, language, seed, difficulty and start time plus the trainee's inputs in order rebuild the
 * whole {@link Session} (transcript, anger curve, evidence) exactly. A log is about a tenth of the session it
 * stands for, which keeps the bot's stored state small and cheap to save on every turn.
 *
 * Replaying assumes the persona and the classifier rules are the ones the session was played with; after an
 * edit to either, a log replays with the new content (the trainee's words stay the same). So a log stands for a
 * role-play only while it runs: a finished one is kept as its SessionRecord (sessionRecord.ts), which
 * holds what was judged and said and is never judged again.
 *
 * @example
 * let log = startLog(session);
 * log = appendInput(log, replyInput(text, turn.atMs));
 * replaySession(stage, log); // deep-equal to the live session
 */
import { MAX_INPUT_CHARS } from '../classifier/classifier';
import type { Difficulty } from '../persona/types';
import type { Lang } from '../lang';
import { requestHint, retryLastTurn, startSession, stopSession, takeTurn, type Hint, type Stage } from './session';
import type { Session } from './types';

/**
 * Inputs a role-play takes at most (replies, hints, retries): a long practice conversation has a few dozen.
 * The bot ends a role-play that reaches it, so its stored state and the cost of a turn stay bounded.
 */
export const MAX_LOG_INPUTS = 120;

/** One thing the trainee did: a reply at a moment (ms since the start), a hint, a retry or a stop. */
export type SessionInput = { reply: string; at: number } | { hint: true } | { retry: true } | { stop: number };

export interface SessionLog {
  personaId: string;
  lang: Lang;
  seed: number;
  difficulty: Difficulty;
  startedAt: number;
  inputs: SessionInput[];
}

/** The log of a session that has just started. */
export function startLog(session: Session): SessionLog {
  const { personaId, lang, seed, difficulty, startedAt } = session;
  return { personaId, lang, seed, difficulty, startedAt, inputs: [] };
}

export function appendInput(log: SessionLog, input: SessionInput): SessionLog {
  return { ...log, inputs: [...log.inputs, input] };
}

/**
 * A reply as the log keeps it. A reply longer than the classifier reads is kept to one character past that
 * limit: enough for the replay to cut it, and flag it as cut, exactly as the live turn did.
 */
export function replyInput(text: string, atMs: number): SessionInput {
  return { reply: text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS + 1) : text, at: atMs };
}

/** Whether a log has reached MAX_LOG_INPUTS: the role-play stops before it takes another input. */
export function isLogFull(log: SessionLog): boolean {
  return log.inputs.length >= MAX_LOG_INPUTS;
}

export interface AppliedInput {
  session: Session;
  /** False when the input changed nothing: a retry with nothing to take back, or anything but a retry after the end. */
  applied: boolean;
  /** The hint a hint input gave. */
  hint?: Hint;
}

/**
 * What one input does to a session: the one reading of trainee inputs, shared by replays and scripted runs.
 * `startedAt` turns the input's time (ms since the start) into the clock the core takes.
 */
export function applyInput(stage: Stage, session: Session, input: SessionInput, startedAt: number): AppliedInput {
  if ('retry' in input) {
    const rewound = retryLastTurn(session);
    return rewound ? { session: rewound, applied: true } : { session, applied: false };
  }
  if (session.outcome) return { session, applied: false };
  if ('reply' in input)
    return { session: takeTurn(stage, session, input.reply, startedAt + input.at).session, applied: true };
  if ('hint' in input) {
    const { session: next, hint } = requestHint(session);
    return { session: next, applied: true, hint };
  }
  return { session: stopSession(session, startedAt + input.stop), applied: true };
}

/** Rebuilds the session a log stands for. Inputs after the session ended (possible only after a content edit) are skipped. */
export function replaySession(stage: Stage, log: SessionLog): Session {
  let session = startSession(stage, { lang: log.lang, seed: log.seed, difficulty: log.difficulty, now: log.startedAt });
  for (const input of log.inputs) session = applyInput(stage, session, input, log.startedAt).session;
  return session;
}

/** True for a value that has the shape of a {@link SessionLog} (state read back from storage). */
export function isSessionLog(value: unknown): value is SessionLog {
  if (!value || typeof value !== 'object') return false;
  const log = value as Partial<SessionLog>;
  return (
    typeof log.personaId === 'string' &&
    typeof log.seed === 'number' &&
    typeof log.startedAt === 'number' &&
    Array.isArray(log.inputs)
  );
}
