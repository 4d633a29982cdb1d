export type { Classification, Classifier, Evidence, LabelWithEvidence, AgreementParts, OverruledLabel } from './types';
export {
  compileLearnedModel,
  addThreshold,
  overrules,
  vetoesWholeReply,
  layerDecision,
  type LayerReply,
  type CompiledLearnedModel,
  type LearnedModel,
  type LearnedLabelModel,
  type LearnedThresholds,
} from './learnedLayer';
export { distinctWords } from './learnedFeatures';
export type { RuleSet, Rule, ClassifierRules } from './ruleSet';
export {
  createClassifier,
  RuleSetError,
  MAX_INPUT_CHARS,
  TRUNCATION_NOTE,
  type InspectableClassifier,
  type Inspection,
  type RuleHit,
  type ClassifierOptions,
} from './classifier';
export { tokenize, isShouting, normalizeWord, type Token } from './text';
export type { TimeSpan } from './dateTimeEn';
