/**
 * The form in which earlier versions stored a session: the whole session without what it repeats (the
 * transcript after the opening line is the turns' own texts, angers and labels; an evidence quote is the slice
 * of the reply it points at). The bot now stores a role-play as its log (sessionLog.ts); this stays so that
 * state saved by an earlier version still reads, and such a role-play plays on until it ends.
 * {@link unpackSession} gives back the very same Session that was packed.
 *
 * Packing checks itself: when a session does not unpack to exactly what was packed (an older shape, a future
 * field), it is stored whole. Pure functions, no I/O.
 *
 * @example
 * const stored = packSession(session);     // the older dialog state
 * const again = unpackSession(stored);     // deep-equal to session
 */
import type { Session, TranscriptEntry, TurnRecord } from './types';

/** A stored session: packed, or whole (older state, or one that does not pack exactly). */
export type StoredSession = { packed: PackedSession } | Session;

type PackedEvidence = { ruleId: string; start: number; end: number; quote?: string };
type PackedTurn = Omit<TurnRecord, 'classification'> & {
  classification: Omit<TurnRecord['classification'], 'details'> & {
    details: { id: string; evidence: PackedEvidence[] }[];
  };
};

export interface PackedSession extends Omit<Session, 'transcript' | 'turns'> {
  /** The customer's opening line: the rest of the transcript is in the turns. */
  opening: TranscriptEntry;
  turns: PackedTurn[];
}

export function packSession(session: Session): StoredSession {
  const [opening, ...rest] = session.transcript;
  if (!opening || rest.length !== session.turns.length * 2) return session;
  const { transcript: _transcript, turns, ...head } = session;
  const packed: PackedSession = {
    ...head,
    opening,
    turns: turns.map((turn) => ({
      ...turn,
      classification: {
        ...turn.classification,
        details: turn.classification.details.map((detail) => ({
          ...detail,
          evidence: detail.evidence.map((e) => {
            const { quote, ...where } = e as PackedEvidence;
            return quote === turn.traineeText.slice(e.start, e.end) ? where : { ...where, quote };
          }),
        })),
      },
    })),
  };
  // Only when it comes back exactly: otherwise keep the session whole.
  return JSON.stringify(unpackSession({ packed })) === JSON.stringify(session) ? { packed } : session;
}

export function unpackSession(stored: StoredSession): Session {
  if (!('packed' in stored)) return stored;
  const { opening, turns: packedTurns, ...head } = stored.packed;
  const turns = packedTurns.map((turn): TurnRecord => ({
    ...turn,
    classification: {
      ...turn.classification,
      details: turn.classification.details.map((detail) => ({
        ...detail,
        evidence: detail.evidence.map((e) => ({
          ruleId: e.ruleId,
          start: e.start,
          end: e.end,
          quote: e.quote ?? turn.traineeText.slice(e.start, e.end),
        })),
      })),
    } as TurnRecord['classification'],
  }));
  const transcript: TranscriptEntry[] = [opening];
  for (const turn of turns) {
    transcript.push(
      {
        role: 'trainee',
        text: turn.traineeText,
        anger: turn.angerBefore,
        labels: turn.classification.labels,
        atMs: turn.atMs,
      },
      { role: 'customer', text: turn.customerText, anger: turn.angerAfter, labels: [], atMs: turn.atMs },
    );
  }
  const { schemaVersion, personaId, lang, seed, difficulty, startedAt, emotion, slots, hintsUsed, retries, ...ending } =
    head;
  // Same key order as a Session built by the core, so a packed and an unpacked session serialise alike.
  return {
    schemaVersion,
    personaId,
    lang,
    seed,
    difficulty,
    startedAt,
    emotion,
    transcript,
    turns,
    slots,
    hintsUsed,
    retries,
    ...ending,
  };
}
