import type { Classification } from '../classifier/types';
import type { Difficulty } from '../persona/types';
import type { Lang } from '../lang';
import type { TechniqueId } from '../techniques';
import type { EmotionState, TurnEffect } from '../engine/emotionModel';

export type Outcome = 'resolved' | 'walked_out' | 'ended_by_trainee' | 'stopped';

export interface TranscriptEntry {
  role: 'customer' | 'trainee';
  text: string;
  /** Anger after this entry (for the trainee: unchanged from before their reply). */
  anger: number;
  /** Technique ids of a trainee reply; empty for the customer. */
  labels: TechniqueId[];
  /** Milliseconds since the session started (injected clock). */
  atMs: number;
}

/** Everything about one trainee reply that the report and a rewind need. */
export interface TurnRecord {
  index: number;
  traineeText: string;
  /** As judged; `overruled`: rule labels the learned layer did not count, for `/why` (first evidence each). */
  classification: Pick<Classification, 'labels' | 'details' | 'signals' | 'truncated' | 'overruled'>;
  angerBefore: number;
  angerAfter: number;
  effects: TurnEffect[];
  customerText: string;
  /** Which line family the customer answered with, so a trainer can see why. */
  reaction: string;
  /** The persona topic the customer answered about (`flight`), when the reply asked about one. */
  answered?: string;
  /** The offer item the customer took up or holds the trainee to (`urgent-application`). */
  offer?: string;
  /** An option from the persona's `cannotOffer` that the trainee promised: the debrief flags it. */
  promiseCannotKeep?: string;
  /** The reply asked about a topic answered before: it cost a little patience. */
  askedAgain?: true;
  /** The option offered falls on or after the persona's deadline: the customer refused it. */
  pastDeadline?: true;
  /** Emotion state before this turn: `/retry` restores it. */
  stateBefore: EmotionState;
  atMs: number;
}

/** The whole role-play as plain JSON: safe to store, restore and replay. */
export interface Session {
  schemaVersion: 1;
  personaId: string;
  lang: Lang;
  seed: number;
  difficulty: Difficulty;
  startedAt: number;
  emotion: EmotionState;
  transcript: TranscriptEntry[];
  turns: TurnRecord[];
  /** Slot values drawn once per session, so the customer's story stays the same. */
  slots: Record<string, string>;
  hintsUsed: number;
  retries: number;
  outcome?: Outcome;
  endedAtMs?: number;
}
