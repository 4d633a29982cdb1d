import type { Difficulty } from '../persona/types';
import type { Lang } from '../lang';
import { startSession, stopSession, type Stage } from './session';
import { appendInput, applyInput, isLogFull, replyInput, startLog, type SessionInput } from './sessionLog';
import type { Session } from './types';

/** Seconds of simulated time per trainee reply: keeps scripted runs deterministic. */
export const SCRIPTED_SECONDS_PER_TURN = 20;

export interface ScriptOptions {
  lang: Lang;
  seed: number;
  difficulty?: Difficulty;
}

export interface ScriptEvent {
  kind: 'hint' | 'retry' | 'retryRefused' | 'stop' | 'limitReached' | 'ignoredAfterEnd';
  /** Trainee turns taken when the event happened. */
  afterTurn: number;
  text?: string;
}

export interface ScriptRun {
  session: Session;
  events: ScriptEvent[];
}

/**
 * Plays trainee lines against a persona, the way the bot does: `/hint`,
 * `/retry` and `/stop` work as in the chat, empty lines are skipped, lines
 * after the end are reported, not played, and a run stops when its log
 * is full (MAX_LOG_INPUTS). An unfinished run counts as stopped.
 */
export function playScript(stage: Stage, lines: Iterable<string>, options: ScriptOptions): ScriptRun {
  let session = startSession(stage, { lang: options.lang, seed: options.seed, difficulty: options.difficulty, now: 0 });
  let log = startLog(session);
  const events: ScriptEvent[] = [];
  let clock = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const afterTurn = session.turns.length;
    const command = line.toLowerCase();
    if (!session.outcome && isLogFull(log) && command !== '/stop') {
      session = stopSession(session, clock);
      log = appendInput(log, { stop: clock });
      events.push({ kind: 'limitReached', afterTurn });
    }
    if (session.outcome && command !== '/retry') {
      events.push({ kind: 'ignoredAfterEnd', afterTurn });
      continue;
    }
    const input: SessionInput =
      command === '/hint'
        ? { hint: true }
        : command === '/retry'
          ? { retry: true }
          : command === '/stop'
            ? { stop: clock }
            : replyInput(line, (clock += SCRIPTED_SECONDS_PER_TURN * 1000));
    const result = applyInput(stage, session, input, 0);
    if (result.applied) {
      session = result.session;
      log = appendInput(log, input);
    }
    if (result.hint) events.push({ kind: 'hint', afterTurn, text: result.hint.text });
    else if ('retry' in input) events.push({ kind: result.applied ? 'retry' : 'retryRefused', afterTurn });
    else if ('stop' in input) events.push({ kind: 'stop', afterTurn });
  }
  if (!session.outcome) session = stopSession(session, clock);
  return { session, events };
}
