import { TECHNIQUES, isEscalating, isTechniqueId, type Lang, type TechniqueId } from '../techniques';
import { agreementParts } from './agreementParts';
import { englishTimeSpans, mightHoldEnglishTime, type TimeSpan } from './dateTimeEn';
import { labelsWithEvidence } from './labelEvidence';
import { replyFeatures } from './learnedFeatures';
import {
  applyLearned,
  compileLearnedModel,
  learnedMayAct,
  NOT_CANCELLED,
  type LayerReply,
  scoreLearned,
  type CompiledLearnedModel,
  type LearnedModel,
} from './learnedLayer';
import { matchRules, type ReplySurface, type RuleHit, type RuleMatches } from './matcher';
import { compileRuleSet, RuleSetError, type CompiledRuleSet } from './ruleCompiler';
import type { ClassifierRules } from './ruleSet';
import { isShouting, type Token } from './text';
import type { Classification, Classifier } from './types';

export { RuleSetError };
export type { RuleHit };

/** Longest input classified; the rest is cut and `truncated` is set. */
export const MAX_INPUT_CHARS = 2000;
export const TRUNCATION_NOTE = `Input cut to ${MAX_INPUT_CHARS} characters`;

/** Everything the classifier found, including internal features: used by rule tests and `--explain`. */
export interface Inspection {
  classification: Classification;
  /** Label and feature names that were present after all conditions. */
  present: Set<string>;
  hits: RuleHit[];
  /** The labels firm rules gave (`Rule.firm`), which the learned layer never overrules. */
  firm: TechniqueId[];
}

export interface InspectableClassifier extends Classifier {
  inspect(text: string, lang: Lang): Inspection;
  /** Tokenising only (the benchmark's baseline). */
  tokenize(text: string, lang: Lang): number;
  /** The names of the features the learned layer reads, with the rules' labels (not the layer's): for the trainer. */
  learningFeatures(text: string, lang: Lang): string[];
  /**
   * The same features, the labels firm rules gave and whether the learned layer may add escalating labels, from one
   * pass over the reply: a training row's inputs.
   */
  learningRow(
    text: string,
    lang: Lang,
  ): { features: string[]; firm: TechniqueId[]; heldLabels: TechniqueId[]; cancelledBy: LayerReply['cancelledBy'] };
}

export interface ClassifierOptions {
  /**
   * English date-time recogniser, called lazily only when an English reply holds a commitment
   * without a time our own rules found and a cheap pre-check suggests a time. Default: Microsoft
   * Recognizers-Text, loaded on first use. Pass `null` to switch it off.
   */
  englishTimes?: ((text: string) => TimeSpan[]) | null;
  /**
   * Compile each language's rules on its first use instead of at once (`rules.nl` / `rules.en`
   * are then read lazily, so they may be getters that load the file). Faster cold start; rule
   * errors then surface on the first call for that language.
   */
  lazy?: boolean;
  /**
   * The learned second opinion per language (`learnedLayer.ts`), read like `rules` (lazily when `lazy`). A language
   * without a model, or with a model that is not enabled, is judged by the rules alone.
   */
  learned?: Partial<Record<Lang, LearnedModel | null>>;
}

/** The input cut to `MAX_INPUT_CHARS`, never inside a surrogate pair. */
function truncate(input: string): { text: string; truncated: boolean } {
  const text = typeof input === 'string' ? input : String(input ?? '');
  if (text.length <= MAX_INPUT_CHARS) return { text, truncated: false };
  let cut = MAX_INPUT_CHARS;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return { text: text.slice(0, cut), truncated: true };
}

function surfaceOf(tokens: readonly Token[]): ReplySurface {
  // Key order is the order of `Classification.signals`, which spreads this object.
  return {
    shouting: isShouting(tokens),
    question: tokens.some((t) => t.kind === 'punct' && t.raw.includes('?')),
    wordCount: tokens.filter((t) => t.kind === 'word' || t.kind === 'num').length,
  };
}

/** The labels a firm rule gave (`Rule.firm`): the learned layer never overrules them. */
function firmLabels(crs: CompiledRuleSet, hits: readonly RuleHit[]): Set<TechniqueId> {
  const firm = new Set<TechniqueId>();
  for (const h of hits) if (crs.ruleById.get(h.ruleId)?.rule.firm && isTechniqueId(h.name)) firm.add(h.name);
  return firm;
}

/**
 * The labels the learned layer may not add to this reply (`RuleSet.learned`): every escalating label under a feature
 * of `noEscalatingAddsWith`, and a label under a feature `noAddsWith` names for it.
 */
function heldLabels(crs: CompiledRuleSet, present: ReadonlySet<string>): TechniqueId[] {
  const learned = crs.set.learned;
  if (!learned) return [];
  const holdsEscalating = learned.noEscalatingAddsWith?.some((f) => present.has(f)) ?? false;
  const byLabel = learned.noAddsWith ?? {};
  return TECHNIQUES.filter(
    (id) => (holdsEscalating && isEscalating(id)) || (byLabel[id]?.some((f) => present.has(f)) ?? false),
  );
}

/**
 * Per rule label of `cancelledByAdds` (`RuleSet.learned`), the listed labels that every rule which gave it excludes:
 * an add of one of them takes the label away (`layerDecision`), as the rules would not have given it beside them.
 */
function cancelledBy(crs: CompiledRuleSet, hits: readonly RuleHit[]): LayerReply['cancelledBy'] {
  const byLabel = crs.set.learned?.cancelledByAdds;
  if (!byLabel) return NOT_CANCELLED;
  const out: Partial<Record<TechniqueId, TechniqueId[]>> = {};
  for (const [id, listed] of Object.entries(byLabel) as [TechniqueId, TechniqueId[]][]) {
    const own = hits.filter((h) => h.name === id);
    if (own.length === 0) continue;
    const by = listed.filter((x) => own.every((h) => crs.ruleById.get(h.ruleId)?.rule.excludes?.includes(x)));
    if (by.length > 0) out[id] = by;
  }
  return out;
}

/** Classifies one (already truncated) reply with one language's compiled rules. */
function inspectReply(
  crs: CompiledRuleSet,
  text: string,
  truncated: boolean,
  englishTimes: ((text: string) => TimeSpan[]) | null,
  learned: CompiledLearnedModel | null,
): Inspection & {
  tokens: Token[];
  shouting: boolean;
  heldLabels: TechniqueId[];
} {
  const tokens = crs.prepare(text);
  const surface = surfaceOf(tokens);
  let found: RuleMatches = matchRules(crs, tokens, surface);

  // English times by Recognizers-Text, only when a commitment lacks a time our rules found.
  const whenFeature = crs.set.agreement?.when ?? 'when';
  if (
    crs.lang === 'en' &&
    englishTimes &&
    crs.usesTime &&
    found.hits.some((h) => h.name === 'commitment') &&
    !found.hits.some((h) => h.name === whenFeature) &&
    mightHoldEnglishTime(text)
  ) {
    const spans = englishTimes(text);
    if (spans.length > 0) {
      for (const sp of spans) for (const t of tokens) if (t.start < sp.end && t.end > sp.start) t.time = true;
      found = matchRules(crs, tokens, surface);
    }
  }

  const agreement = agreementParts(crs, found.scan, found.kept, text, whenFeature);
  const firm = firmLabels(crs, found.kept);
  const held = heldLabels(crs, found.present);
  let verdict: Pick<Classification, 'labels' | 'details' | 'overruled'> = labelsWithEvidence(found.kept, text);
  if (learned && learnedMayAct(learned, verdict.labels)) {
    const scores = scoreLearned(learned, tokens, verdict.labels, surface.shouting);
    const { overruled, ...labels } = applyLearned(
      learned,
      scores,
      verdict,
      text,
      firm,
      new Set(held),
      cancelledBy(crs, found.kept), // only where the layer acts: the per-message path pays nothing else
    );
    verdict = { ...labels, ...(overruled.length > 0 ? { overruled } : {}) };
  }
  const classification: Classification = {
    lang: crs.lang,
    text,
    truncated,
    ...(truncated ? { note: TRUNCATION_NOTE } : {}),
    ...verdict,
    signals: { ...surface, ...(agreement ? { agreement } : {}) },
  };
  return {
    classification,
    present: found.present,
    hits: found.kept,
    firm: [...firm],
    tokens,
    shouting: surface.shouting,
    heldLabels: held,
  };
}

/**
 * Builds the classifier from parsed rule files. Pure: no I/O; the rules arrive as data.
 *
 * @example
 *   const c = createClassifier(loadClassifierRules());
 *   c.classify('Ik snap dat u boos bent. Wat is er gebeurd?', 'nl').labels
 *   // ['acknowledge_emotion', 'ask_question']
 */
export function createClassifier(rules: ClassifierRules, options: ClassifierOptions = {}): InspectableClassifier {
  if (!rules) throw new RuleSetError('createClassifier: rules for both "nl" and "en" are required');
  const compiled: Partial<Record<Lang, CompiledRuleSet>> = {};
  const ruleSetFor = (lang: Lang): CompiledRuleSet => {
    const known = compiled[lang];
    if (known) return known;
    const set = rules[lang];
    if (!set || !Array.isArray(set.rules)) throw new RuleSetError(`createClassifier: rules for "${lang}" are missing`);
    return (compiled[lang] = compileRuleSet(set, lang));
  };
  // Anything but 'en' is read as Dutch, the product's first language.
  const forLang = (lang: Lang): CompiledRuleSet => ruleSetFor(lang === 'en' ? 'en' : 'nl');
  if (!options.lazy) {
    ruleSetFor('nl');
    ruleSetFor('en');
  }
  const englishTimes = options.englishTimes === undefined ? englishTimeSpans : options.englishTimes;
  const models: Partial<Record<Lang, CompiledLearnedModel | null>> = {};
  const modelFor = (lang: Lang): CompiledLearnedModel | null => {
    const l: Lang = lang === 'en' ? 'en' : 'nl';
    if (models[l] !== undefined) return models[l];
    const model = options.learned?.[l];
    // A model that is switched off is not compiled: the rules alone judge, at the rules' speed.
    return (models[l] = model?.enabled ? compileLearnedModel(model) : null);
  };
  if (!options.lazy) {
    modelFor('nl');
    modelFor('en');
  }
  const run = (input: string, lang: Lang, learned: CompiledLearnedModel | null) => {
    const crs = forLang(lang);
    const { text, truncated } = truncate(input);
    return inspectReply(crs, text, truncated, englishTimes, learned);
  };
  const learningRow = (text: string, lang: Lang) => {
    const { classification, tokens, shouting, firm, heldLabels, hits } = run(text, lang, null);
    const features = replyFeatures(tokens, classification.labels, shouting);
    return { features, firm, heldLabels, cancelledBy: cancelledBy(forLang(lang), hits) };
  };
  const inspect = (input: string, lang: Lang): Inspection => {
    const { classification, present, hits, firm } = run(input, lang, modelFor(lang));
    return { classification, present, hits, firm };
  };
  return {
    classify: (text, lang) => run(text, lang, modelFor(lang)).classification,
    inspect,
    tokenize: (text, lang) => forLang(lang).prepare(text.slice(0, MAX_INPUT_CHARS)).length,
    learningFeatures: (text, lang) => learningRow(text, lang).features,
    learningRow,
  };
}
