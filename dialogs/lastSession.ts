import type { TurnContext } from 'botbuilder';
import {
  isSessionRecord,
  recordSession,
  replaySession,
  sessionFromRecord,
  type ContentVersions,
  type Lang,
  type Persona,
  type RecordedPersona,
  type Session,
  type SessionRecord,
} from '../src/core';
import { findPersonaIn, type ConversationMemory, type ScenarioSource, type TurnClock } from './dialogServices';
import { EXPORT_WINDOW_MS, type ConversationSettings } from './practiceState';

export type LastSession =
  | { kind: 'found'; session: Session; persona: RecordedPersona; endedAt: number; versions: ContentVersions }
  /** Nothing finished here, or it ended more than EXPORT_WINDOW_MS ago (then it is dropped now). */
  | { kind: 'none' }
  | { kind: 'unknownPersona'; personaId: string };

/** The versions of the content a role-play with this persona, in this language, runs on now. */
export function currentVersions(services: ScenarioSource, personaId: string, lang: Lang): ContentVersions {
  return { persona: services.personas.versions?.[personaId] ?? '', rules: services.rulesVersions?.[lang] ?? '' };
}

/** What a finished role-play leaves for `/export`, `/why` and corrections: its record, never its log. */
export function recordFinished(services: ScenarioSource, session: Session, persona: Persona): SessionRecord {
  return recordSession(session, persona, currentVersions(services, persona.id, session.lang), services.personas.common);
}

/**
 * The last finished role-play of this conversation, for `/export`, `/why`, corrections and a Teams file upload:
 * read from its record, as it was judged. State saved before records existed holds a log, which is replayed on
 * today's content (its versions then are unknown: '').
 */
export async function findLastSession(
  services: ScenarioSource & ConversationMemory & TurnClock,
  context: TurnContext,
): Promise<LastSession> {
  const settings = await services.state.settings.get(context, {});
  const last = settings.lastSession;
  if (!last) return { kind: 'none' };
  if (services.clock() - last.endedAt > EXPORT_WINDOW_MS) {
    const kept: ConversationSettings = { ...settings };
    delete kept.lastSession;
    await services.state.settings.set(context, kept);
    return { kind: 'none' };
  }
  if ('record' in last && isSessionRecord(last.record)) {
    const { session, persona } = sessionFromRecord(last.record);
    return { kind: 'found', session, persona, endedAt: last.endedAt, versions: last.record.versions };
  }
  if (!('log' in last)) return { kind: 'none' };
  const personaId = last.log.personaId;
  const persona = findPersonaIn(services, personaId);
  if (!persona) return { kind: 'unknownPersona', personaId };
  const session = replaySession(
    { persona, common: services.personas.common, classifier: services.classifier },
    last.log,
  );
  return { kind: 'found', session, persona, endedAt: last.endedAt, versions: { persona: '', rules: '' } };
}
