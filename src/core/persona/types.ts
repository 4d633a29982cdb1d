import type { Lang } from '../lang';
import type { TechniqueId } from '../techniques';

export type Bilingual<T = string> = Record<Lang, T>;

export type Difficulty = 'easy' | 'normal' | 'hard';

export const SETTINGS = [
  'municipality',
  'retail',
  'gp',
  'hospital',
  'energy',
  'housing',
  'transport',
  'school',
  'bank',
  'other',
] as const;
export type Setting = (typeof SETTINGS)[number];

/**
 * What the customer says in reaction to what the trainee just did. Each key holds
 * several variants; the engine picks one with the session's seeded random.
 * A persona may leave a key out: the shared lines in `personas/common.yaml` fill the gap.
 */
export const REACTION_KEYS = [
  'listened', // trainee gave room while the customer still vents
  'listenedTooLong', // trainee keeps only listening after the venting is over
  'acknowledged', // first real acknowledgement of the feeling
  'acknowledgedAgain', // the third or fourth "I understand" in a row
  'questionAnswered', // a genuine question: the customer tells facts (use slots)
  'summaryConfirmed', // a summary after the trainee asked: "yes, exactly"
  'summaryCorrected', // a summary before anything was asked: partly wrong
  'choiceAccepted', // options offered at the right time: the customer picks one
  'choiceTooEarly', // a solution while the customer still vents
  'limitAccepted', // a "no" with an alternative
  'agreementAccepted', // who/what/when agreed, customer calm enough
  'agreementTooEarly', // agreement while still angry: "I have heard that before"
  'boundaryAccepted', // boundary after abuse: customer backs down
  'boundaryUnneeded', // boundary without reason: customer feels patronised
  'argued',
  'defended',
  'rulesQuoted',
  'dismissed',
  'counterAggression',
  'neutral', // plain information, no technique
  'endedRightly', // the trainee ends after a crossed boundary
  'endedTooEarly', // the trainee ends without a reason
] as const;
export type ReactionKey = (typeof REACTION_KEYS)[number];

/** The customer's own push, by anger band, added after a reaction while the problem is open. */
export const BANDS = ['calm', 'tense', 'angry', 'furious'] as const;
export type AngerBand = (typeof BANDS)[number];

export interface PersonaLines {
  /** The first angry outburst. */
  opening: string[];
  /** Pushing the complaint, by how angry the customer is now. */
  pressing: Partial<Record<AngerBand, string[]>>;
  reactions: Partial<Record<ReactionKey, string[]>>;
  /** The escalation path: louder, then personal, then abusive (the boundary moment). */
  escalation: {
    louder?: string[];
    personal?: string[];
    abusive?: string[];
    /** Abuse again after a boundary was set: the STOP moment. */
    crossedAgain?: string[];
    /** The visible last warning before a walk-out ("Nog één keer en ik ben weg"). */
    lastWarning?: string[];
    walkOut?: string[];
  };
  /** Last line when the role-play ends resolved. */
  resolved?: string[];
}

export interface PersonaAnger {
  /** Anger at the opening, 0-100 (normal difficulty). */
  start: number;
  /** Turns of venting the customer needs before solutions land. */
  ventingTurns: number;
  /** Chance 0-1 that a boundary, once set, holds. */
  boundaryRespect: number;
  /** Turns before the customer gives up and leaves anyway. */
  patience: number;
  /** Residual irritation: the lowest anger while the problem is still open (default 15). */
  residual?: number;
  /** The lowest anger once an agreement is made: some irritation stays (default 5). */
  residualAgreed?: number;
  /** Inertia: the most one reply can raise anger (default and maximum 30). */
  maxRise?: number;
  /** Inertia: the most one reply can lower anger (default and maximum 30); a frightened customer calms slowly. */
  maxFall?: number;
}

export interface Persona {
  id: string;
  version: number;
  setting: Setting;
  difficulty: Difficulty;
  title: Bilingual;
  customer: { name: Bilingual; description: Bilingual };
  /** What the trainee reads before starting: who they are and what happened. */
  briefing: Bilingual;
  problem: Bilingual;
  need: Bilingual;
  goodOutcome: Bilingual;
  canOffer: Bilingual<string[]>;
  cannotOffer: Bilingual<string[]>;
  anger: PersonaAnger;
  /** Multipliers on each technique's effect (1 = average person). */
  sensitivity: Partial<Record<TechniqueId, number>>;
  /** Values for `{slot}` placeholders; one value per slot is drawn per session. */
  slots: Bilingual<Record<string, string[]>>;
  lines: Bilingual<PersonaLines>;
}

/** Shared fallback lines (personas/common.yaml): only reactions and pressing, both languages. */
export interface CommonLines {
  lines: Bilingual<Pick<PersonaLines, 'pressing' | 'reactions' | 'escalation' | 'resolved'>>;
}
