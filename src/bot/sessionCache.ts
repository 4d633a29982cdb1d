import { replaySession, type Session, type SessionLog, type Stage } from '../core';

/** Role-plays kept in memory by default: a few hundred trainees at once, each a few kilobytes. */
export const DEFAULT_SESSION_CACHE_SIZE = 2000;

/**
 * The sessions this process played last, so that a turn does not replay its stored log. Stored state holds only
 * the log (see sessionLog.ts); this cache holds what the log stands for.
 *
 * An entry is used only when its log is exactly the stored one: after a restart, a turn on another instance or
 * a turn that was run again on fresher state, the log differs and the session is replayed. Least recently used
 * entries go first when the cache is full.
 */
export class SessionCache {
  private readonly entries = new Map<string, { logJson: string; session: Session }>();

  constructor(private readonly maxEntries = DEFAULT_SESSION_CACHE_SIZE) {}

  /** The session the log stands for: from the cache when it holds this very log, else replayed (and kept). */
  restore(key: string, log: SessionLog, stage: Stage): Session {
    const logJson = JSON.stringify(log);
    const cached = this.entries.get(key);
    if (cached && cached.logJson === logJson) {
      this.touch(key, cached);
      return cached.session;
    }
    const session = replaySession(stage, log);
    this.touch(key, { logJson, session });
    return session;
  }

  /** Keeps the session a turn produced, with the log that is about to be stored for it. */
  remember(key: string, log: SessionLog, session: Session): void {
    this.touch(key, { logJson: JSON.stringify(log), session });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private touch(key: string, entry: { logJson: string; session: Session }): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
