import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import {
  isLang,
  type Bilingual,
  type ContentVersions,
  type Lang,
  type Outcome,
  type SessionLog,
  type SessionRecord,
  type TechniqueId,
} from '../src/core';

/** Per conversation: the language chosen here and whether we greeted already. */
export interface ConversationSettings {
  lang?: Lang;
  greeted?: boolean;
  lastPersonaId?: string;
  /** A role-play here ended and the trainee has not been told what comes next (set at feedback, cleared once said). */
  rolePlayEnded?: boolean;
  /**
   * When the last finished role-play ended, whose record (for `/export`, `/why` and corrections) is kept in a
   * storage item of its own (LastSessionBook), not here: this state is read, compared and saved on every turn,
   * and the record is several times its size. Kept until the next role-play starts, and offered for
   * EXPORT_WINDOW_MS after it ended (then dropped on the next `/export`).
   */
  lastSessionEndedAt?: number;
  /**
   * Where state saved before the record moved out holds it (see findLastSession): its record (what was judged
   * and said, and the content versions), or, saved before records existed, the log, replayed on today's content.
   * Dropped when the next role-play starts, as before.
   */
  lastSession?: { record: SessionRecord; endedAt: number } | { log: SessionLog; endedAt: number };
}

/** How long after a role-play its report and transcript can still be downloaded. */
export const EXPORT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** One finished role-play, as kept for `/progress` (scores only; transcripts are not kept here). */
export interface ProgressEntry {
  /** Which role-play this was (its seed and start), so an entry is never added twice. Absent in older entries. */
  id?: string;
  finishedAt: string;
  personaId: string;
  lang: Lang;
  difficulty: string;
  outcome: Outcome;
  score: number;
  turns: number;
  techniqueCounts: Partial<Record<TechniqueId, number>>;
  /** The scenario's title when it was played, so a renamed or removed scenario still shows it. Absent in older entries. */
  title?: Bilingual;
  /** The persona and rules versions it ran on. Absent in older entries. */
  versions?: ContentVersions;
}

export interface UserProfile {
  lang?: Lang;
}

/** The state accessors the bot and its dialogs share; created once per process. */
export interface PracticeState {
  conversationState: ConversationState;
  userState: UserState;
  dialogState: StatePropertyAccessor<DialogState>;
  settings: StatePropertyAccessor<ConversationSettings>;
  profile: StatePropertyAccessor<UserProfile>;
}

export function createPracticeState(conversationState: ConversationState, userState: UserState): PracticeState {
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    settings: conversationState.createProperty<ConversationSettings>('settings'),
    profile: userState.createProperty<UserProfile>('profile'),
  };
}

/** The language to speak: chosen in this conversation, else the user's choice, else the client's locale, else the default. */
export async function languageFor(
  state: Pick<PracticeState, 'settings' | 'profile'>,
  context: TurnContext,
  fallback: Lang,
): Promise<Lang> {
  const settings = await state.settings.get(context, {});
  if (settings.lang) return settings.lang;
  const profile = await state.profile.get(context, {});
  if (profile.lang) return profile.lang;
  const locale = (context.activity.locale ?? '').slice(0, 2).toLowerCase();
  return isLang(locale) ? locale : fallback;
}
