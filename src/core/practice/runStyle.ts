import type { Difficulty } from '../persona/types';
import { startSession, stopSession, takeTurn, type Stage } from '../session/session';
import type { Session } from '../session/types';
import type { Lang } from '../lang';
import { nextReply, type TraineeStyle } from './traineeStyles';

/** Safety net: no scripted conversation runs longer than this. */
const MAX_TURNS = 40;

/** Plays a scripted trainee style against a persona until the role-play ends. */
export function runStyle(
  stage: Stage,
  style: TraineeStyle,
  options: { lang: Lang; seed: number; difficulty?: Difficulty },
): Session {
  let session = startSession(stage, { ...options, now: 0 });
  while (!session.outcome && session.turns.length < MAX_TURNS) {
    session = takeTurn(stage, session, nextReply(style, session), (session.turns.length + 1) * 20_000).session;
  }
  return session.outcome ? session : stopSession(session, session.turns.length * 20_000);
}
