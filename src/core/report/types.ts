import type { Difficulty } from '../persona/types';
import type { Outcome } from '../session/types';
import type { Bilingual, Lang } from '../lang';
import type { TechniqueId } from '../techniques';

import type { PlanStep } from './planSteps';

export { PLAN_STEPS, type PlanStep } from './planSteps';

/**
 * What the debrief reads of the persona: a loaded persona fits, and so does the one a stored role-play kept
 * (RecordedPersona), so an old debrief never reads today's persona file.
 */
export interface ReportPersona {
  id: string;
  title: Bilingual;
  customer: { name: Bilingual };
  offers?: readonly { id: string; label?: Bilingual }[];
  deadline?: { before: string };
}

/** A reply of the trainee, quoted: the words that earned a tick or a flag. */
export interface Quote {
  /** 1-based trainee turn. */
  turn: number;
  /** The exact words (the evidence span when there is one, else the reply, shortened). */
  text: string;
}

export interface ChecklistItem {
  step: PlanStep;
  title: string;
  /** `done`: earned; `missed`: was needed and not done; `notNeeded`: the situation never asked for it. */
  status: 'done' | 'missed' | 'notNeeded';
  quote?: Quote;
  /** One sentence: why it counts as done, missed or not needed. */
  note: string;
}

export interface ScorePart {
  key: 'outcome' | 'calming' | 'plan' | 'conduct';
  title: string;
  points: number;
  max: number;
  /** How these points were made, in one sentence. */
  explanation: string;
}

/** One reply that moved anger a lot, up or down. */
export interface KeyMoment {
  turn: number;
  traineeText: string;
  customerText: string;
  angerBefore: number;
  angerAfter: number;
  delta: number;
  labels: TechniqueId[];
  /** Why anger moved: the largest effects, in the trainee's language. */
  why: string[];
}

export interface FlaggedReply {
  turn: number;
  label: TechniqueId;
  labelName: string;
  quote: Quote;
  /** Why this hurts, in one sentence. */
  why: string;
  /** An example of a better reply for that moment, written by us. */
  betterReply: string;
}

/** The clumsy moves trainers see most, named in the debrief when they happen. */
export type ClumsyMoveKind =
  /** A solution or a choice before the customer's problem was asked about or the feeling acknowledged. */
  | 'prematureSolution'
  /** A promise with no time: "ik ga kijken wat ik voor u kan doen". */
  | 'vaguePromise'
  /** A promise of an option the persona's desk cannot offer (`cannotOffer`): the customer holds the trainee to it. */
  | 'promiseCannotKeep'
  /** An option whose day falls on or after the persona's deadline (the flight, the rent day). */
  | 'pastDeadline';

export interface ClumsyMove {
  kind: ClumsyMoveKind;
  turn: number;
  /** The move's name in the report language ("Vage belofte", "Premature solution"). */
  name: string;
  quote: Quote;
  why: string;
  betterReply: string;
}

export interface CreditedMove {
  turn: number;
  label: TechniqueId;
  labelName: string;
  quote: Quote;
}

export type BoundaryVerdict =
  /** The customer never became abusive: no boundary needed (one set at 'personal' counts as handled). */
  | 'notNeeded'
  /** A boundary was set when the customer got personal, and it held. */
  | 'handled'
  /** Boundary set, crossed again, and the trainee stopped the conversation: STOP done right. */
  | 'stoppedRightly'
  /** Boundary set and crossed again, but the conversation went on. */
  | 'notStopped'
  /** The customer became abusive and no boundary came. */
  | 'missed'
  /** The trainee ended the conversation before a boundary was set and crossed. */
  | 'endedTooEarly';

/** The measurement points a trainer uses to compare sessions. */
export interface Measures {
  traineeTurns: number;
  durationSeconds: number;
  /** First trainee turn after which anger was at or below the calm line; null when never. */
  turnsUntilCalm: number | null;
  secondsUntilCalm: number | null;
  escalatingReplies: number;
  summary: { given: boolean; clear: boolean; quote?: Quote };
  agreement: { made: boolean; who?: string; what?: string; when?: string; quote?: Quote };
  boundary: { verdict: BoundaryVerdict; explanation: string; quote?: Quote };
  hintsUsed: number;
  retries: number;
}

/** The whole debrief: pure data, rendered as a card, text, Markdown or HTML by adapters. */
export interface Report {
  schemaVersion: 1;
  lang: Lang;
  personaId: string;
  personaTitle: string;
  customerName: string;
  difficulty: Difficulty;
  outcome: Outcome;
  outcomeText: string;
  score: number;
  scoreParts: ScorePart[];
  /** Anger after each customer line: the opening first, then one per answered reply. */
  angerCurve: number[];
  startAnger: number;
  peakAnger: number;
  finalAnger: number;
  /** The anger at or below which the customer counts as calm. */
  calmLine: number;
  checklist: ChecklistItem[];
  measures: Measures;
  wentWell: CreditedMove[];
  toImprove: FlaggedReply[];
  /** Every premature solution and vague promise, in conversation order (the first ones also in `toImprove`). */
  clumsyMoves: ClumsyMove[];
  /** The (up to) three replies that moved anger most, in conversation order. */
  keyMoments: KeyMoment[];
  /** One or two things to practise next time, chosen from what was missed. */
  tips: string[];
  /** How often each technique was used (for progress over time). */
  techniqueCounts: Partial<Record<TechniqueId, number>>;
}
