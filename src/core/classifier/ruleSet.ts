import type { Lang, TechniqueId } from '../techniques';
import type { ConstructionWords } from './constructions';

/**
 * One language's rule file (`rules/nl.yaml`, `rules/en.yaml`) after YAML parsing and schema
 * validation. Plain data: the classifier compiles it, nothing here does I/O.
 */
export interface RuleSet {
  lang: Lang;
  /** Free text for the trainer; not used by the classifier. */
  description?: string;
  /** Chat spellings and variants mapped to one canonical word before matching (`ff: even`). */
  spellings?: Record<string, string>;
  /** Named word lists. An entry is a word or a phrase; `word*` is a prefix, `=word` matches only that exact form. */
  lexicons: Record<string, string[]>;
  /** Where `signals.agreement` takes its parts from: lexicon names for who/what, a feature name for when. */
  agreement?: { who?: string; what?: string; when?: string };
  /**
   * How the learned layer (`learnedLayer.ts`) defers to the rules. `noEscalatingAddsWith`: features under which it
   * adds no escalating label of its own, because they show a kind frame the word model cannot see (a supporter's
   * own story told to show understanding): the rules' own labels stand as they are. `noAddsWith`: per label, features
   * under which the layer does not add that label (a call made on the customer's behalf is no ending).
   * `cancelledByAdds`: per label, added labels that take a rule's label away when every rule that gave it excludes
   * them (a question the model reads as argue or sarcasm is rhetorical: no ask_question).
   */
  learned?: {
    noEscalatingAddsWith?: string[];
    noAddsWith?: Partial<Record<TechniqueId, string[]>>;
    cancelledByAdds?: Partial<Record<TechniqueId, TechniqueId[]>>;
  };
  /** Word classes for the sentence shapes (genuine vs rhetorical questions), see `constructions.ts`. */
  constructions?: ConstructionWords;
  rules: Rule[];
}

/** A rule gives a catalogue label (or an internal feature that other rules build on) when its pattern matches. */
export interface Rule {
  /** `<lang>.<area>.<name>`, e.g. `nl.acknowledge.feeling-named`. */
  id: string;
  /** The catalogue label this rule gives. Exactly one of `label` and `feature`. */
  label?: TechniqueId;
  /** An internal signal (e.g. `limit`, `alternative`, `when`) that other rules can require or exclude. */
  feature?: string;
  description: string;
  /** One pattern or a list of alternative patterns in the token-pattern language (docs/classifier.md). */
  pattern: string | string[];
  /** Patterns that cancel a match when they match in the same sentence (negation, sarcasm markers). */
  unless?: string[];
  /** Labels/features that must all be present elsewhere in the reply. */
  requires?: string[];
  /** At least one of these labels/features must be present. */
  requiresAny?: string[];
  /** None of these labels/features may be present; `*` means any other catalogue label. */
  excludes?: string[];
  /** The match only counts when it starts before the first match of these labels/features. */
  notAfter?: string[];
  /** Surface conditions on the whole reply. */
  signals?: { shouting?: boolean; question?: boolean };
  /**
   * The learned layer never overrules this rule's label: a construction that names the escalation outright (blame
   * put on the customer in so many words), which the words around it cannot make kind. Use sparingly.
   */
  firm?: boolean;
  /** Only for replies of at most / at least this many words. */
  maxWords?: number;
  minWords?: number;
  /** Sentences that must give this rule's label (or feature). */
  examples?: string[];
  /** Sentences that must not give this rule's label (or feature). */
  counterExamples?: string[];
}

export interface ClassifierRules {
  nl: RuleSet;
  en: RuleSet;
}
