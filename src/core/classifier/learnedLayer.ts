/**
 * The learned second opinion stacked on the rules: per label a logistic regression over the reply's words and the
 * rules' own labels (`learnedFeatures.ts`), given as data (`rules/learned-<lang>.json`, written by
 * `npm run train:classifier`). After the rules, a label is added when the model is confident the reply has it, and
 * an escalating rule label is dropped when the model is confident the reply does not. Pure and deterministic.
 */
import { isEscalating, isTechniqueId, TECHNIQUES, type Lang, type TechniqueId } from '../techniques';
import type { ReplyFeature } from './learnedFeatures';
import type { Evidence, LabelWithEvidence, OverruledLabel } from './types';

/** One label's model: p = sigmoid(bias + the sum of the weights of the reply's features). */
export interface LearnedLabelModel {
  bias: number;
  /** Feature name → weight, strongest first in the file; features not listed weigh 0. */
  weights: Record<string, number>;
}

/** When the layer acts. A threshold of null means never. */
export interface LearnedThresholds {
  /** Add a de-escalating (credited) label the rules did not give when p is above this. */
  addCredited: number | null;
  /** Add an escalating label the rules did not give when p is above this. */
  addEscalating: number | null;
  /** Drop an escalating label the rules gave when p is below this. */
  veto: number | null;
}

/** A model file after validation (`rules/learned-<lang>.json`); fields the core does not read are allowed. */
export interface LearnedModel {
  lang: Lang;
  /** Off: the file is kept (and its figures readable), but the rules alone decide. */
  enabled: boolean;
  thresholds: LearnedThresholds;
  labels: Partial<Record<TechniqueId, LearnedLabelModel>>;
}

/** The probability per label of one reply, with the feature that weighed most for and against each. */
export interface LearnedScores {
  p: Float64Array;
  /** Index into the features: the strongest positive contribution per label, -1 when none. */
  strongestFor: Int32Array;
  /** The strongest negative contribution per label, -1 when none. */
  strongestAgainst: Int32Array;
}

/** A model compiled for scoring: every feature once, with the labels it weighs for. */
export interface CompiledLearnedModel {
  lang: Lang;
  enabled: boolean;
  thresholds: LearnedThresholds;
  labels: readonly TechniqueId[];
  bias: Float64Array;
  /** Feature → pairs (label index, weight), flat. */
  weights: Map<string, Float64Array>;
}

export class LearnedModelError extends Error {}

export function compileLearnedModel(model: LearnedModel): CompiledLearnedModel {
  const labels = TECHNIQUES.filter((id) => model.labels[id] !== undefined);
  for (const key of Object.keys(model.labels))
    if (!isTechniqueId(key)) throw new LearnedModelError(`learned-${model.lang}: labels.${key}: not a catalogue label`);
  const bias = new Float64Array(labels.length);
  const pairs = new Map<string, number[]>();
  labels.forEach((id, i) => {
    const m = model.labels[id]!;
    bias[i] = m.bias;
    for (const [feature, w] of Object.entries(m.weights)) {
      const list = pairs.get(feature) ?? [];
      list.push(i, w);
      pairs.set(feature, list);
    }
  });
  const weights = new Map<string, Float64Array>();
  for (const [feature, list] of pairs) weights.set(feature, Float64Array.from(list));
  return { lang: model.lang, enabled: model.enabled, thresholds: model.thresholds, labels, bias, weights };
}

/** The model's probability for each of its labels, given a reply's features. */
export function scoreLearned(model: CompiledLearnedModel, features: readonly ReplyFeature[]): LearnedScores {
  const n = model.labels.length;
  const z = Float64Array.from(model.bias);
  const best = new Float64Array(n);
  const worst = new Float64Array(n);
  const strongestFor = new Int32Array(n).fill(-1);
  const strongestAgainst = new Int32Array(n).fill(-1);
  for (let f = 0; f < features.length; f++) {
    const ws = model.weights.get(features[f].name);
    if (!ws) continue;
    for (let k = 0; k < ws.length; k += 2) {
      const i = ws[k];
      const w = ws[k + 1];
      z[i] += w;
      // Only features that stand for words can be quoted.
      if (features[f].start < 0) continue;
      if (w > best[i]) {
        best[i] = w;
        strongestFor[i] = f;
      } else if (w < worst[i]) {
        worst[i] = w;
        strongestAgainst[i] = f;
      }
    }
  }
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = 1 / (1 + Math.exp(-z[i]));
  return { p, strongestFor, strongestAgainst };
}

/** Probabilities are shown and stored to two decimals: enough to read, stable across platforms. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

function wordsEvidence(ruleId: string, feature: ReplyFeature | undefined, text: string): Evidence {
  if (!feature) return { ruleId, start: 0, end: text.length, quote: text };
  return { ruleId, start: feature.start, end: feature.end, quote: text.slice(feature.start, feature.end) };
}

/**
 * The rules' labels after the learned second opinion: labels the model is confident about are added after the rule
 * labels (their evidence names `<lang>.learned.<label>` and quotes the words that weighed most), escalating rule
 * labels the model is confident against are dropped and returned as overruled.
 */
export function applyLearned(
  model: CompiledLearnedModel,
  scores: LearnedScores,
  features: readonly ReplyFeature[],
  rules: { labels: TechniqueId[]; details: LabelWithEvidence[] },
  text: string,
): { labels: TechniqueId[]; details: LabelWithEvidence[]; overruled: OverruledLabel[] } {
  const { addCredited, addEscalating, veto } = model.thresholds;
  const given = new Set(rules.labels);
  const dropped = new Set<TechniqueId>();
  const added: LabelWithEvidence[] = [];
  const overruled: OverruledLabel[] = [];
  model.labels.forEach((id, i) => {
    const p = scores.p[i];
    const escalating = isEscalating(id);
    if (given.has(id)) {
      if (escalating && veto !== null && p < veto) {
        dropped.add(id);
        const detail = rules.details.find((d) => d.id === id)!;
        const against = features[scores.strongestAgainst[i]];
        overruled.push({
          id,
          probability: round2(p),
          evidence: detail.evidence,
          ...(against ? { against: wordsEvidence(`${model.lang}.learned.not-${id}`, against, text) } : {}),
        });
      }
      return;
    }
    const threshold = escalating ? addEscalating : addCredited;
    if (threshold !== null && p > threshold) {
      const ruleId = `${model.lang}.learned.${id}`;
      const evidence = { ...wordsEvidence(ruleId, features[scores.strongestFor[i]], text), probability: round2(p) };
      added.push({ id, evidence: [evidence] });
    }
  });
  // Added labels in text order of their quote, after the rules' labels.
  added.sort((a, b) => a.evidence[0].start - b.evidence[0].start || a.id.localeCompare(b.id));
  const details = [...rules.details.filter((d) => !dropped.has(d.id)), ...added];
  return { labels: details.map((d) => d.id), details, overruled };
}
