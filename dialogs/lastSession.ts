import type { TurnContext } from 'botbuilder';
import { replaySession, type Persona, type Session } from '../src/core';
import { findPersonaIn, type ConversationMemory, type ScenarioSource, type TurnClock } from './dialogServices';
import { EXPORT_WINDOW_MS } from './practiceState';

export type LastSession =
  | { kind: 'found'; session: Session; persona: Persona; endedAt: number }
  /** Nothing finished here, or it ended more than EXPORT_WINDOW_MS ago (then it is dropped now). */
  | { kind: 'none' }
  | { kind: 'unknownPersona'; personaId: string };

/** The last finished role-play of this conversation, rebuilt for `/export` and for a Teams file upload. */
export async function findLastSession(
  services: ScenarioSource & ConversationMemory & TurnClock,
  context: TurnContext,
): Promise<LastSession> {
  const settings = await services.state.settings.get(context, {});
  const last = settings.lastSession;
  if (!last) return { kind: 'none' };
  if (services.clock() - last.endedAt > EXPORT_WINDOW_MS) {
    const kept = { ...settings };
    delete kept.lastSession;
    await services.state.settings.set(context, kept);
    return { kind: 'none' };
  }
  const personaId = last.log.personaId;
  const persona = findPersonaIn(services, personaId);
  if (!persona) return { kind: 'unknownPersona', personaId };
  const session = replaySession(
    { persona, common: services.personas.common, classifier: services.classifier },
    last.log,
  );
  return { kind: 'found', session, persona, endedAt: last.endedAt };
}
