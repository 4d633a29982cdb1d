import { replaySession, type Session, type SessionLog, type Stage } from '../core';

/** Role-plays kept in memory by default: a few hundred trainees at once, each a few kilobytes. */
export const DEFAULT_SESSION_CACHE_SIZE = 2000;

/**
 * The sessions this process played last, so that a turn does not replay its stored log. Stored state holds only
 * the log (see sessionLog.ts); this cache holds what the log stands for.
 *
 * An entry is used only when its log is the stored one: after a restart, a turn on another instance or a turn
 * that was run again on fresher state, the log differs and the session is replayed. Least recently used entries
 * go first when the cache is full.
 */
export class SessionCache {
  private readonly entries = new Map<string, { logId: string; session: Session }>();

  constructor(private readonly maxEntries = DEFAULT_SESSION_CACHE_SIZE) {}

  /** The session the log stands for: from the cache when it holds this very log, else replayed (and kept). */
  restore(key: string, log: SessionLog, stage: Stage): Session {
    const id = logId(log);
    const cached = this.entries.get(key);
    if (cached && cached.logId === id) {
      this.touch(key, cached);
      return cached.session;
    }
    const session = replaySession(stage, log);
    this.touch(key, { logId: id, session });
    return session;
  }

  /** Keeps the session a turn produced, with the log that is about to be stored for it. */
  remember(key: string, log: SessionLog, session: Session): void {
    this.touch(key, { logId: logId(log), session });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private touch(key: string, entry: { logId: string; session: Session }): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/**
 * Names a log without reading all of it, so a turn costs the same at turn 5 and turn 500. Enough because a log
 * only grows: every version of one role-play's log extends the last one saved, and a turn that failed to save
 * left one input that the stored log, of the same length, has differently. The header tells role-plays apart.
 */
function logId(log: SessionLog): string {
  const { personaId, lang, seed, difficulty, startedAt, inputs } = log;
  return JSON.stringify([
    personaId,
    lang,
    seed,
    difficulty,
    startedAt,
    inputs.length,
    inputs[inputs.length - 1] ?? null,
  ]);
}
