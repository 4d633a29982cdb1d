import type { Lang, TechniqueId } from '../techniques';

/** Where in the (possibly truncated) reply a label was found, and by which rule. */
export interface Evidence {
  /** Rule id from the language's rule file, e.g. `nl.acknowledge.feeling-named`. */
  ruleId: string;
  /** Character offsets into `Classification.text` (end exclusive). */
  start: number;
  end: number;
  /** The trainee's own words that triggered the rule: what feedback quotes. */
  quote: string;
  /** Only on the learned layer's evidence (`<lang>.learned.<label>`): the model's probability, two decimals. */
  probability?: number;
}

export interface LabelWithEvidence {
  id: TechniqueId;
  evidence: Evidence[];
}

/** An escalating label a rule gave that the learned layer dropped: the words as a whole read otherwise. */
export interface OverruledLabel {
  id: TechniqueId;
  /** The model's probability that the reply has the label, two decimals (below the veto threshold when vetoed). */
  probability: number;
  /** The rule evidence that was not counted. */
  evidence: Evidence[];
  /**
   * The words that weighed most against the label (`<lang>.learned.not-<label>`), when some did; for a label an add
   * took away, the words that weighed most for that add (`<lang>.learned.<added label>`).
   */
  against?: Evidence;
  /** The label the layer added that took this rule label away (`LayerReply.cancelledBy`): a rhetorical question. */
  cancelledBy?: TechniqueId;
}

/** The parts of a concrete agreement: who does what, and when. */
export interface AgreementParts {
  who?: string;
  what?: string;
  when?: string;
}

export interface Classification {
  lang: Lang;
  /** The text that was classified: the input, cut to the length limit. */
  text: string;
  /** True when the input was longer than the limit and cut; `note` then says so. */
  truncated: boolean;
  note?: string;
  /** Catalogue ids, primary (most salient) first, no duplicates. */
  labels: TechniqueId[];
  /** The same labels with the evidence that made each one. */
  details: LabelWithEvidence[];
  /** Escalating rule labels the learned layer dropped (absent when it dropped none). */
  overruled?: OverruledLabel[];
  /** Surface signals the persona engine reacts to beyond labels. */
  signals: {
    /** Mostly capitals: the customer hears shouting. */
    shouting: boolean;
    /** Ends with or contains a genuine question mark. */
    question: boolean;
    /** Number of words, for "short listening turn" versus a lecture. */
    wordCount: number;
    /** Filled when the reply contains a who/what/when agreement or an explicit time. */
    agreement?: AgreementParts;
  };
}

/** What the bot, the CLI and the engine call. Pure: same text, same result. */
export interface Classifier {
  classify(text: string, lang: Lang): Classification;
}
