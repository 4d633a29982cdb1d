/**
 * The learned second opinion stacked on the rules: per label a logistic regression over the reply's words and the
 * rules' own labels (`learnedFeatures.ts`), given as data (`rules/learned-<lang>.json`, written by
 * `npm run train:classifier`). After the rules, a label is added when the model is confident the reply has it, and
 * an escalating rule label is dropped when the model is confident the reply does not. Pure and deterministic.
 */
import { isEscalating, isTechniqueId, TECHNIQUES, type Lang, type TechniqueId } from '../techniques';
import { featureUnit, isWordUnit } from './learnedFeatures';
import type { Token } from './text';
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
  /**
   * Escalating labels with a threshold of their own in place of `addEscalating` (null: never added). Each is chosen
   * on fresh text like the others (`DECISION` in scripts/harness/learnedTrainer.ts).
   */
  addEscalatingFor?: Partial<Record<TechniqueId, number | null>>;
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

/** The probability per label of one reply, with the words that weighed most for and against each. */
export interface LearnedScores {
  p: Float64Array;
  /** bias + the weights of the reply's features, per label (p is its sigmoid). */
  z: Float64Array;
  /** Character offsets of the strongest positive contribution per label (start -1 when none). */
  forStart: Int32Array;
  forEnd: Int32Array;
  /** The strongest negative contribution per label (start -1 when none). */
  againstStart: Int32Array;
  againstEnd: Int32Array;
  /** Distinct words of the reply (`distinctWords` of its features): how much the model had to read. */
  words: number;
}

/** The sums of one reply, reused from reply to reply so that scoring allocates nothing. */
interface Scratch extends LearnedScores {
  best: Float64Array;
  worst: Float64Array;
  counted: Set<Float64Array>;
  seenWords: Set<string>;
}

function scratchFor(n: number): Scratch {
  return {
    p: new Float64Array(n),
    forStart: new Int32Array(n),
    forEnd: new Int32Array(n),
    againstStart: new Int32Array(n),
    againstEnd: new Int32Array(n),
    z: new Float64Array(n),
    best: new Float64Array(n),
    worst: new Float64Array(n),
    counted: new Set(),
    seenWords: new Set(),
    words: 0,
  };
}

/** A model compiled for scoring: every feature once, with the labels it weighs for. */
export interface CompiledLearnedModel {
  lang: Lang;
  enabled: boolean;
  thresholds: LearnedThresholds;
  /** Whether any escalating label may be added or vetoed: worked out once here, read on every reply (`learnedMayAct`). */
  actsOnEscalation: boolean;
  labels: readonly TechniqueId[];
  bias: Float64Array;
  /** Feature name → pairs (label index, weight), flat. */
  weights: Map<string, Float64Array>;
  /**
   * The same weights keyed by the token's own stem, one map per feature kind, so that scoring a reply builds no
   * strings (`b:` pairs as stem → next stem): the same pairs arrays as in `weights`.
   */
  byStem: {
    word: Map<string, Float64Array>;
    first: Map<string, Float64Array>;
    pair: Map<string, Map<string, Float64Array>>;
    rule: Map<string, Float64Array>;
    shouting: Float64Array | undefined;
  };
  /** Reused by `scoreLearned`: its result is valid until the next reply is scored with this model. */
  scratch: Scratch;
}

/**
 * An escalating rule label is overruled only when the reply's words themselves weigh against it by more than this
 * (their weights summed, without the bias; 1 is a factor e on the odds). A short reply the model knows little about
 * has a low probability from the bias alone: "You're being completely unreasonable." keeps its rule label.
 */
export const VETO_NEEDS_WORDS_AGAINST = 1;

/**
 * Escalating labels the layer never overrules: an insult or a threat the rules name is one whatever the rest of the
 * reply says, and the probes showed the word model calling short jabs ("That's rich coming from you.") kind.
 */
export const NEVER_OVERRULED: ReadonlySet<TechniqueId> = new Set<TechniqueId>(['counter_aggression']);

/**
 * Distinct words a reply needs before the layer may overrule a rule: on a short jab ("We warned you about this in
 * March.", "It's been manic today.") a few words carry the whole reply and the model knows too little of them
 * (session 9: requiring ten cost nothing on fresh text and kept the probes' short escalations).
 */
export const VETO_NEEDS_WORDS = 10;

/**
 * Whether the layer drops an escalating rule label: improbable, the words against it, a reply long enough to judge as
 * a whole, not an insult or threat, and not given by a firm rule (`Rule.firm`: blame named on the customer outright
 * stays blame whatever the words around it).
 */
export function overrules(
  label: TechniqueId,
  p: number,
  wordsWeight: number,
  veto: number | null,
  words: number,
  firm: boolean,
): boolean {
  return (
    veto !== null &&
    !firm &&
    isEscalating(label) &&
    !NEVER_OVERRULED.has(label) &&
    p < veto &&
    wordsWeight < -VETO_NEEDS_WORDS_AGAINST &&
    words >= VETO_NEEDS_WORDS
  );
}

/**
 * Whether the overruled labels take every escalating label the rules gave: the veto says a reply is not escalating
 * at all. Where the model finds one of the rules' escalating labels probable, the reply is escalating and the rules'
 * other escalating labels stand ("You were booked for Tuesday, not Wednesday, it's in your email." keeps defend).
 */
export function vetoesWholeReply(ruleLabels: readonly TechniqueId[], overruled: ReadonlySet<TechniqueId>): boolean {
  return overruled.size > 0 && ruleLabels.every((id) => !isEscalating(id) || overruled.has(id));
}

export class LearnedModelError extends Error {}

const NO_LABELS: ReadonlySet<TechniqueId> = new Set();

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
  const byStem: CompiledLearnedModel['byStem'] = {
    word: new Map(),
    first: new Map(),
    pair: new Map(),
    rule: new Map(),
    shouting: undefined,
  };
  for (const [feature, list] of pairs) {
    const ws = Float64Array.from(list);
    weights.set(feature, ws);
    const rest = feature.slice(2);
    if (feature === 'shouting') byStem.shouting = ws;
    else if (feature.startsWith('w:')) byStem.word.set(rest, ws);
    else if (feature.startsWith('f:')) byStem.first.set(rest, ws);
    else if (feature.startsWith('r:')) byStem.rule.set(rest, ws);
    else if (feature.startsWith('b:')) {
      const space = rest.indexOf(' ');
      if (space <= 0) throw new LearnedModelError(`learned-${model.lang}: ${feature}: a pair needs two words`);
      const next = byStem.pair.get(rest.slice(0, space)) ?? new Map<string, Float64Array>();
      next.set(rest.slice(space + 1), ws);
      byStem.pair.set(rest.slice(0, space), next);
    } else throw new LearnedModelError(`learned-${model.lang}: ${feature}: not a feature the layer reads`);
  }
  const scratch = scratchFor(labels.length);
  const { addEscalating, addEscalatingFor, veto } = model.thresholds;
  const actsOnEscalation =
    addEscalating !== null || veto !== null || Object.values(addEscalatingFor ?? {}).some((t) => t !== null);
  return {
    lang: model.lang,
    enabled: model.enabled,
    thresholds: model.thresholds,
    actsOnEscalation,
    labels,
    bias,
    weights,
    byStem,
    scratch,
  };
}

/**
 * The model's probability for each of its labels, in the model's scratch (valid until the next call with this
 * model). Reads the tokens directly (the features of `learnedFeatures.ts`, without building their names); each
 * feature counts once however often it occurs, as in training.
 */
export function scoreLearned(
  model: CompiledLearnedModel,
  tokens: readonly Token[],
  ruleLabels: readonly TechniqueId[],
  shouting: boolean,
): LearnedScores {
  const sc = model.scratch;
  sc.z.set(model.bias);
  sc.best.fill(0);
  sc.worst.fill(0);
  sc.forStart.fill(-1);
  sc.againstStart.fill(-1);
  sc.counted.clear();
  sc.seenWords.clear();
  const { word, first, pair, rule } = model.byStem;
  let previous: string | undefined;
  let previousStart = -1;
  for (const t of tokens) {
    const unit = featureUnit(t);
    if (unit === undefined) continue;
    if (previous === undefined) addWeights(sc, first.get(unit), t.start, t.end);
    else addWeights(sc, pair.get(previous)?.get(unit), previousStart, t.end);
    addWeights(sc, word.get(unit), t.start, t.end);
    if (isWordUnit(unit)) sc.seenWords.add(unit);
    previous = unit;
    previousStart = t.start;
  }
  for (const label of ruleLabels) addWeights(sc, rule.get(label), -1, -1);
  if (shouting) addWeights(sc, model.byStem.shouting, -1, -1);
  for (let i = 0; i < sc.p.length; i++) sc.p[i] = 1 / (1 + Math.exp(-sc.z[i]));
  sc.words = sc.seenWords.size;
  return sc;
}

/** One feature's weights into the sums, once per reply; start < 0: a feature without words (rule label, shouting). */
function addWeights(sc: Scratch, ws: Float64Array | undefined, start: number, end: number): void {
  if (!ws || sc.counted.has(ws)) return;
  sc.counted.add(ws);
  for (let k = 0; k < ws.length; k += 2) {
    const i = ws[k];
    const w = ws[k + 1];
    sc.z[i] += w;
    if (start < 0) continue;
    if (w > sc.best[i]) {
      sc.best[i] = w;
      sc.forStart[i] = start;
      sc.forEnd[i] = end;
    } else if (w < sc.worst[i]) {
      sc.worst[i] = w;
      sc.againstStart[i] = start;
      sc.againstEnd[i] = end;
    }
  }
}

/** Probabilities are shown and stored to two decimals: enough to read, stable across platforms. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The quoted words: the span of the strongest feature, or the whole reply when no word weighed (bias alone). */
function wordsEvidence(ruleId: string, start: number, end: number, text: string): Evidence {
  if (start < 0) return { ruleId, start: 0, end: text.length, quote: text };
  return { ruleId, start, end, quote: text.slice(start, end) };
}

/**
 * Whether the layer could change anything about a reply with these rule labels: on a reply the rules found
 * escalating, credited labels are not added, so with no escalating add and no veto there is nothing to score for.
 */
export function learnedMayAct(model: CompiledLearnedModel, ruleLabels: readonly TechniqueId[]): boolean {
  return model.actsOnEscalation || !ruleLabels.some(isEscalating);
}

/**
 * The probability above which the layer adds a label the rules did not give, or null when it may not add it:
 * escalating labels from their own threshold or `addEscalating`; credited labels only on a reply the rules found no
 * escalation in (the customer hears the escalation, not the words around it). Labels a rule frame holds are never
 * added (`layerDecision`).
 */
export function addThreshold(
  thresholds: LearnedThresholds,
  label: TechniqueId,
  rulesEscalated: boolean,
): number | null {
  if (isEscalating(label)) {
    const own = thresholds.addEscalatingFor?.[label];
    return own === undefined ? thresholds.addEscalating : own;
  }
  return rulesEscalated ? null : thresholds.addCredited;
}

/** One reply as the layer's decision sees it: the rules' verdict and how much the model had to read. */
export interface LayerReply {
  ruleLabels: readonly TechniqueId[];
  /** Labels firm rules gave (`Rule.firm`): never overruled. */
  firm: ReadonlySet<TechniqueId>;
  /** Distinct words of the reply (`VETO_NEEDS_WORDS`). */
  words: number;
  /** Labels the layer may not add to this reply: a rule frame holds them (`RuleSet.learned`). */
  heldLabels: ReadonlySet<TechniqueId>;
  /**
   * Per rule label, the labels whose add takes it away: every rule that gave it excludes them (`RuleSet.learned`
   * `cancelledByAdds`), so the rules would not have given it beside them either.
   */
  cancelledBy: Readonly<Partial<Record<TechniqueId, readonly TechniqueId[]>>>;
}

/** No rule label is taken away by an add: the reply of a rule set without `cancelledByAdds`. */
export const NOT_CANCELLED: LayerReply['cancelledBy'] = Object.freeze({});

/**
 * What the layer does to one reply, as indices into `labels`: the labels it adds and the rule labels it drops (vetoed,
 * or taken away by an add: `cancelled` maps those to the add that took them). The one
 * decision `applyLearned` and the trainer (`decide` in scripts/harness/learnedTrainer.ts) share. `p(i)` is the model's
 * probability for `labels[i]`, `wordsWeight(i)` the weight of the reply's words for it (without the bias).
 */
export function layerDecision(
  thresholds: LearnedThresholds,
  labels: readonly TechniqueId[],
  p: (i: number) => number,
  wordsWeight: (i: number) => number,
  reply: LayerReply,
): { add: number[]; drop: number[]; cancelled: ReadonlyMap<number, number> } {
  const given = new Set(reply.ruleLabels);
  const rulesEscalated = reply.ruleLabels.some(isEscalating);
  const add: number[] = [];
  const drop: number[] = [];
  labels.forEach((id, i) => {
    if (given.has(id)) {
      if (overrules(id, p(i), wordsWeight(i), thresholds.veto, reply.words, reply.firm.has(id))) drop.push(i);
      return;
    }
    if (reply.heldLabels.has(id)) return;
    const threshold = addThreshold(thresholds, id, rulesEscalated);
    if (threshold !== null && p(i) > threshold) add.push(i);
  });
  // The veto reads the reply as a whole: while one escalating rule label stands, the others stand with it.
  if (!vetoesWholeReply(reply.ruleLabels, new Set(drop.map((i) => labels[i])))) drop.length = 0;
  const cancelled = add.length > 0 ? cancelledLabels(labels, add, drop, reply) : NONE_CANCELLED;
  for (const i of cancelled.keys()) drop.push(i);
  return { add, drop, cancelled };
}

const NONE_CANCELLED: ReadonlyMap<number, number> = new Map();

/**
 * The rule labels an add takes away (`LayerReply.cancelledBy`), each with the add that took it: a question the model
 * reads as argue or sarcasm was rhetorical, and the question rules never give ask_question beside those. A label the
 * model does not score stays (the shipped models score all fourteen).
 */
function cancelledLabels(
  labels: readonly TechniqueId[],
  add: readonly number[],
  drop: readonly number[],
  reply: LayerReply,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const id of reply.ruleLabels) {
    const by = reply.cancelledBy[id];
    if (!by || reply.firm.has(id)) continue;
    const i = labels.indexOf(id);
    const cause = add.find((a) => by.includes(labels[a]));
    if (i >= 0 && cause !== undefined && !drop.includes(i)) out.set(i, cause);
  }
  return out;
}

/**
 * The rules' labels after the learned second opinion: labels the model is confident about are added after the rule
 * labels (their evidence names `<lang>.learned.<label>` and quotes the words that weighed most), escalating rule
 * labels the model is confident against are dropped and returned as overruled (`layerDecision`: never a label a firm
 * rule gave), and so is a rule label an added label takes away (`cancelledBy`).
 */
export function applyLearned(
  model: CompiledLearnedModel,
  scores: LearnedScores,
  rules: { labels: TechniqueId[]; details: LabelWithEvidence[] },
  text: string,
  firm: ReadonlySet<TechniqueId> = NO_LABELS,
  heldLabels: ReadonlySet<TechniqueId> = NO_LABELS,
  cancelledBy: LayerReply['cancelledBy'] = NOT_CANCELLED,
): { labels: TechniqueId[]; details: LabelWithEvidence[]; overruled: OverruledLabel[] } {
  const { add, drop, cancelled } = layerDecision(
    model.thresholds,
    model.labels,
    (i) => scores.p[i],
    (i) => scores.z[i] - model.bias[i],
    { ruleLabels: rules.labels, firm, words: scores.words, heldLabels, cancelledBy },
  );
  const dropped = new Set(drop.map((i) => model.labels[i]));
  const overruled: OverruledLabel[] = drop.map((i) => {
    const id = model.labels[i];
    const detail = rules.details.find((d) => d.id === id)!;
    const cause = cancelled.get(i);
    if (cause !== undefined) {
      const by = model.labels[cause];
      const words = wordsEvidence(`${model.lang}.learned.${by}`, scores.forStart[cause], scores.forEnd[cause], text);
      return { id, probability: round2(scores.p[i]), evidence: detail.evidence, cancelledBy: by, against: words };
    }
    const against = scores.againstStart[i];
    const againstRule = `${model.lang}.learned.not-${id}`;
    return {
      id,
      probability: round2(scores.p[i]),
      evidence: detail.evidence,
      ...(against >= 0 ? { against: wordsEvidence(againstRule, against, scores.againstEnd[i], text) } : {}),
    };
  });
  const added: LabelWithEvidence[] = add.map((i) => {
    const id = model.labels[i];
    const words = wordsEvidence(`${model.lang}.learned.${id}`, scores.forStart[i], scores.forEnd[i], text);
    return { id, evidence: [{ ...words, probability: round2(scores.p[i]) }] };
  });
  // Added labels in text order of their quote, after the rules' labels.
  added.sort((a, b) => a.evidence[0].start - b.evidence[0].start || a.id.localeCompare(b.id));
  const details = [...rules.details.filter((d) => !dropped.has(d.id)), ...added];
  return { labels: details.map((d) => d.id), details, overruled };
}
