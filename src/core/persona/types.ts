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
  /**
   * The persona's facts (flight day, amount, names, what happened...): values for `{fact}` placeholders.
   * One value per fact is drawn per role-play and never changes within it. Called `slots` in the file.
   */
  slots: Bilingual<Record<string, string[]>>;
  lines: Bilingual<PersonaLines>;
  /** What the customer can be asked about; without topics the customer answers questions as before. */
  topics?: Topic[];
  /** What the desk can and cannot offer, as items the customer recognises in a reply. */
  offers?: OfferItem[];
  /** Agreements must fall before this day (a passport ready after the flight is no use). */
  deadline?: Deadline;
  /** The persona's own versions of the shared answer lines in `common.yaml`. */
  topicLines?: Partial<Bilingual<Partial<TopicLines>>>;
}

/** A topic's answers by mood; a missing band borrows from its neighbour (calm → tense, furious → angry). */
export type MoodAnswers = Partial<Record<AngerBand, string[]>> & { tense: string[]; angry: string[] };

/**
 * Something the customer can be asked about. Cues are patterns in the classifier's rule language
 * (docs/classifier.md), with the rule files' lexicons; answers use the persona's facts.
 */
export interface Topic {
  id: string;
  /** The fact the customer repeats when asked again ("Dat zei ik al: {fact}"). */
  fact: string;
  /** May be left out when the topic overrides a shared topic of the same id: its cues then apply. */
  cues?: Bilingual<string[]>;
  answers: Bilingual<MoodAnswers>;
}

/** One option the trainee may put on the table: one the desk can keep (`can`) or cannot (`cannot`). */
export interface OfferItem {
  id: string;
  kind: 'can' | 'cannot';
  /** Lower is preferred when several options are offered at once. */
  preference: number;
  /** True when the option's time must fall before the persona's deadline. */
  checkDeadline?: boolean;
  /** The option in the persona's words, for the debrief ("Het paspoort vandaag meegeven"). */
  label?: Bilingual;
  cues: Bilingual<string[]>;
  /** `can`: the customer takes it, naming it. `cannot`: the customer holds the trainee to the promise. */
  answers: Bilingual<string[]>;
}

export interface Deadline {
  /** Fact holding today's weekday. */
  today: string;
  /** Fact holding the weekday an agreement must come before. */
  before: string;
}

/** Shared answer lines (common.yaml), each a persona may override in `topicLines`. */
export const TOPIC_LINE_KEYS = [
  'unknown', // a question about something the customer cannot know or does not care about
  'repeated', // a question already answered: {fact} is the answer given
  'corrected', // a summary or question with a wrong fact: {wrong} and {right}
  'agreementQuoted', // an agreement with a time, accepted: {when} as the trainee said it
  'pastDeadline', // an option whose time falls after the deadline: {when} and {deadline}
  'askBack', // when every other line has been said: the customer asks back
] as const;
export type TopicLineKey = (typeof TOPIC_LINE_KEYS)[number];
export type TopicLines = Record<TopicLineKey, string[]>;

/** The words topic cues may use besides their own: the classifier's lexicons and chat spellings. */
export interface CueVocabulary {
  lexicons: Record<string, string[]>;
  spellings?: Record<string, string>;
}

/** Shared fallback lines (personas/common.yaml): only reactions and pressing, both languages. */
export interface CommonLines {
  lines: Bilingual<Pick<PersonaLines, 'pressing' | 'reactions' | 'escalation' | 'resolved'>>;
  /** Topics every customer with topics knows about (name, contact details, what happened...). */
  topics?: Topic[];
  topicLines?: Bilingual<TopicLines>;
  /** Filled by the persona library from the rule files, not written in common.yaml. */
  cueVocabulary?: Bilingual<CueVocabulary>;
}
