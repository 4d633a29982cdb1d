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
import {
  findPersonaIn,
  type ConversationMemory,
  type KeptSession,
  type LastSessionBook,
  type ScenarioSource,
  type TurnClock,
} from './dialogServices';
import { EXPORT_WINDOW_MS, type ConversationSettings } from './practiceState';

/**
 * Keeps the record of the role-play that just ended (the settings note when, so the record is known to be this
 * conversation's latest), and forgets one that state saved before the record moved out held.
 */
export async function keepFinished(
  services: ConversationMemory,
  context: TurnContext,
  kept: KeptSession,
): Promise<void> {
  await services.lastSessions.keep(context, kept);
  const settings: ConversationSettings = { ...(await services.state.settings.get(context, {})) };
  delete settings.lastSession;
  await services.state.settings.set(context, { ...settings, lastSessionEndedAt: kept.endedAt });
}

/** A new role-play starts: the last one's record goes (with the settings that name it, already copied by the caller). */
export async function dropFinished(
  services: { lastSessions: LastSessionBook },
  context: TurnContext,
  settings: ConversationSettings,
): Promise<void> {
  const keptApart = settings.lastSessionEndedAt !== undefined;
  delete settings.lastSession;
  delete settings.lastSessionEndedAt;
  if (keptApart) await services.lastSessions.drop(context);
}

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
 * read from its record, as it was judged, in its own storage item. State saved before the record moved out holds
 * the record in the settings; state saved before records existed holds a log, which is replayed on today's
 * content (its versions then are unknown: '').
 */
export async function findLastSession(
  services: ScenarioSource & ConversationMemory & TurnClock,
  context: TurnContext,
): Promise<LastSession> {
  const settings = await services.state.settings.get(context, {});
  const endedAt = settings.lastSessionEndedAt ?? settings.lastSession?.endedAt;
  if (endedAt === undefined) return { kind: 'none' };
  if (services.clock() - endedAt > EXPORT_WINDOW_MS) {
    const kept: ConversationSettings = { ...settings };
    await dropFinished(services, context, kept);
    await services.state.settings.set(context, kept);
    return { kind: 'none' };
  }
  if (settings.lastSessionEndedAt !== undefined) {
    const kept = await services.lastSessions.read(context);
    // Another role-play's record (one that ended here on another instance in the meantime) is not this one.
    if (!kept || kept.endedAt !== endedAt || !isSessionRecord(kept.record)) return { kind: 'none' };
    const { session, persona } = sessionFromRecord(kept.record);
    return { kind: 'found', session, persona, endedAt, versions: kept.record.versions };
  }
  const last = settings.lastSession;
  if (!last) return { kind: 'none' };
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
