import type { Difficulty } from '../persona/types';
import type { Lang } from '../techniques';
import { requestHint, retryLastTurn, startSession, stopSession, takeTurn, type Stage } from './session';
import { MAX_LOG_INPUTS } from './sessionLog';
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
 * after the end are reported, not played, and a run stops after
 * MAX_LOG_INPUTS inputs. An unfinished run counts as stopped.
 */
export function playScript(stage: Stage, lines: Iterable<string>, options: ScriptOptions): ScriptRun {
  let session = startSession(stage, { lang: options.lang, seed: options.seed, difficulty: options.difficulty, now: 0 });
  const events: ScriptEvent[] = [];
  let clock = 0;
  let inputs = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const afterTurn = session.turns.length;
    if (!session.outcome && inputs >= MAX_LOG_INPUTS && line.toLowerCase() !== '/stop') {
      session = stopSession(session, clock);
      events.push({ kind: 'limitReached', afterTurn });
    }
    if (session.outcome && line.toLowerCase() !== '/retry') {
      events.push({ kind: 'ignoredAfterEnd', afterTurn });
      continue;
    }
    const command = line.toLowerCase();
    if (command === '/hint') {
      inputs++;
      const result = requestHint(session);
      session = result.session;
      events.push({ kind: 'hint', afterTurn, text: result.hint.text });
    } else if (command === '/retry') {
      const rewound = retryLastTurn(session);
      if (rewound) {
        session = rewound;
        inputs++;
      }
      events.push({ kind: rewound ? 'retry' : 'retryRefused', afterTurn });
    } else if (command === '/stop') {
      session = stopSession(session, clock);
      events.push({ kind: 'stop', afterTurn });
    } else {
      clock += SCRIPTED_SECONDS_PER_TURN * 1000;
      session = takeTurn(stage, session, line, clock).session;
      inputs++;
    }
  }
  if (!session.outcome) session = stopSession(session, clock);
  return { session, events };
}
