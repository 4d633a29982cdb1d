import { replaySession, type Session, type SessionInput, type SessionLog, type Stage } from '../core';

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
  private readonly entries = new Map<string, { mark: LogMark; session: Session }>();

  constructor(private readonly maxEntries = DEFAULT_SESSION_CACHE_SIZE) {}

  /** The session the log stands for: from the cache when it holds this very log, else replayed (and kept). */
  restore(key: string, log: SessionLog, stage: Stage): Session {
    const cached = this.entries.get(key);
    if (cached && marks(cached.mark, log)) {
      this.touch(key, cached);
      return cached.session;
    }
    const session = replaySession(stage, log);
    this.touch(key, { mark: markOf(log), session });
    return session;
  }

  /** Keeps the session a turn produced, with the log that is about to be stored for it. */
  remember(key: string, log: SessionLog, session: Session): void {
    this.touch(key, { mark: markOf(log), session });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private touch(key: string, entry: { mark: LogMark; session: Session }): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/**
 * What names a log without reading all of it, so a turn costs the same at turn 5 and turn 500: its header, its
 * length and its last input. Enough because a log only grows: every version of one role-play's log extends the
 * last one saved, and a turn that failed to save left one input that the stored log, of the same length, has
 * differently. The header tells role-plays apart.
 */
type LogMark = Omit<SessionLog, 'inputs'> & { length: number; last: SessionInput | undefined };

function markOf(log: SessionLog): LogMark {
  const { personaId, lang, seed, difficulty, startedAt, inputs } = log;
  return { personaId, lang, seed, difficulty, startedAt, length: inputs.length, last: inputs[inputs.length - 1] };
}

/** Does the mark name this log? Field by field: inputs hold only strings, numbers and booleans. */
function marks(mark: LogMark, log: SessionLog): boolean {
  const { inputs } = log;
  return (
    mark.personaId === log.personaId &&
    mark.lang === log.lang &&
    mark.seed === log.seed &&
    mark.difficulty === log.difficulty &&
    mark.startedAt === log.startedAt &&
    mark.length === inputs.length &&
    sameInput(mark.last, inputs[inputs.length - 1])
  );
}

function sameInput(a: SessionInput | undefined, b: SessionInput | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const fields = Object.keys(a) as (keyof SessionInput)[];
  return fields.length === Object.keys(b).length && fields.every((field) => a[field] === b[field]);
}
