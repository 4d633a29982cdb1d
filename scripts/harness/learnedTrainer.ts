/**
 * Trains the learned second opinion on the rules (`src/core/classifier/learnedLayer.ts`) from the tunable sets only,
 * with the options and thresholds decided once on fresh text (DECISION below), and writes the model file as readable
 * JSON.
 * Deterministic: fixed set order, fixed folds, a seeded shuffle, fixed epochs; the same data and rules give the same
 * bytes. Used by `npm run train:classifier` and by the test that retrains and compares with the committed files.
 */
import {
  LANGS,
  TECHNIQUES,
  compileLearnedModel,
  nextFloat,
  addThreshold,
  layerDecision,
  distinctWords,
  type CompiledLearnedModel,
  isEscalating,
  type InspectableClassifier,
  type Lang,
  type LearnedModel,
  type LearnedThresholds,
  type TechniqueId,
} from '../../src/core';
import {
  EVAL_SETS,
  KIND_SETS,
  NeverTunedSetError,
  hasLanguage,
  kindSetFile,
  labelledSetFile,
  readJsonLines,
  tunableSets,
  type KindRow,
  type LabelledRow,
  type SetFolders,
} from './classifierSets';

/**
 * The sets the layer learns from: every tunable labelled set in this repository, and the tunable kind corpora of the
 * language. Not the shared dev and challenge sets beside the repository: the model must be retrainable, byte for
 * byte, from a clean clone (the retraining test runs in CI, where only the repository is).
 */
export const TRAINING_SET_NAMES: readonly string[] = [
  ...EVAL_SETS.filter((s) => s.use === 'tuned' && s.folder === 'fixtures').map((s) => s.name),
  ...KIND_SETS.filter((s) => s.use === 'tuned').map((s) => s.name),
];

export interface TrainingOptions {
  /** Which feature kinds the model reads (`learnedFeatures.ts`): word pairs, the first word, the rules' labels. */
  pairs: boolean;
  first: boolean;
  rules: boolean;
  /** A feature must occur in at least this many training replies. */
  minCount: number;
  l2: number;
  epochs: number;
  learningRate: number;
  /** Weights smaller than this (absolute) are left out of the file; the rest are rounded to 3 decimals. */
  pruneBelow: number;
  /** How much a kind reply weighs as a negative for an escalating label (1 when absent). */
  kindWeight?: number;
}

/**
 * The options, chosen by the fresh check (`npm run train:classifier -- --fresh s8-tune`, DECISION below): words only,
 * not the rules' labels. On the tuned sets the rules' labels are nearly always right, so a model that reads them
 * learns to trust them, and adds little where the rules miss on text they were never tuned on.
 *
 * L2 1e-4 (was 1e-3, chosen in session 8 on a tenth of today's training text), session 14: less decay did better on
 * sets left out of training in every check: s20-tune left out, nl 0.897 -> 0.901 and en 0.886 -> 0.898 (kind20 flags
 * 1.0% -> 0.7%); s15-s17 (nl) and s17+s18 with their kind corpora (en) left out, nl 0.899 -> 0.906, en 0.875 -> 0.890;
 * s23-tune left out after all the new text, nl 0.919 -> 0.928, en 0.860 -> 0.871 (docs/classifier.md, session 14).
 */
export const CHOSEN_OPTIONS: TrainingOptions = {
  pairs: true,
  first: true,
  rules: false,
  minCount: 2,
  l2: 1e-4,
  epochs: 15,
  learningRate: 0.5,
  pruneBelow: 0.3,
};

/**
 * How much a kind reply weighs as a negative for an escalating label, per language: chosen by session 12's two
 * registered checks (DECISION below): in English a kind reply weighs four times as a negative, which flagged fewer fresh
 * kind replies at every threshold the checks tried. Dutch followed in session 14, out of fold on every tunable Dutch
 * set: kind flags 2.7% -> 2.1% for a macro-F1 0.926 -> 0.925.
 */
export const KIND_WEIGHT: Readonly<Record<Lang, number>> = { nl: 4, en: 4 };

/** The chosen options for one language: `CHOSEN_OPTIONS` with its kind weight. */
export function chosenOptions(lang: Lang): TrainingOptions {
  return KIND_WEIGHT[lang] === 1 ? CHOSEN_OPTIONS : { ...CHOSEN_OPTIONS, kindWeight: KIND_WEIGHT[lang] };
}

export const CV_FOLDS = 5;

/** One training reply: its features, its labels (null for a kind reply: only "not escalating" is known). */
export interface TrainingRow {
  features: string[];
  labels: ReadonlySet<TechniqueId> | null;
  ruleLabels: TechniqueId[];
  /** Distinct words (`distinctWords`): the veto needs enough of them. */
  words: number;
  /** Labels firm rules gave (`Rule.firm`): never overruled. */
  firm: TechniqueId[];
  /** The rules found a kind frame under which the layer adds no escalating label (`RuleSet.learned`). */
  holdsEscalatingAdds?: boolean;
  /** Setting (or kind source): a fold holds whole settings out. */
  group: string;
}

/** Reads the training sets of a language and computes each reply's features with the rules alone. */
export function loadTrainingRows(
  lang: Lang,
  folders: SetFolders,
  rulesOnly: InspectableClassifier,
  names: readonly string[] = TRAINING_SET_NAMES,
  groupBy: 'setting' | 'id' = 'setting',
): { rows: TrainingRow[]; sets: string[] } {
  const rows: TrainingRow[] = [];
  const sets: string[] = [];
  const toRow = (text: string, labels: ReadonlySet<TechniqueId> | null, group: string): TrainingRow => {
    const { features, firm, holdsEscalatingAdds } = rulesOnly.learningRow(text, lang);
    const ruleLabels = features.filter((f) => f.startsWith('r:')).map((f) => f.slice(2) as TechniqueId);
    return {
      features,
      labels,
      ruleLabels,
      words: distinctWords(features),
      firm,
      holdsEscalatingAdds,
      group: group.toLowerCase(),
    };
  };
  for (const set of tunableSets(names)) {
    if ('folder' in set) {
      const labelled = set;
      if (!hasLanguage(labelled, lang)) continue;
      const file = labelledSetFile(labelled, lang, folders);
      const never = new Set(labelled.neverRounds ?? []);
      const kept = readJsonLines<LabelledRow>(file).filter((r) => r.round === undefined || !never.has(r.round));
      for (const r of kept)
        rows.push(toRow(r.text, new Set(r.labels), groupBy === 'id' ? r.id : r.setting || set.name));
      sets.push(`${set.name}-${lang} (${kept.length})`);
    } else {
      const kind = set;
      if (kind.lang !== lang) continue;
      const kept = readJsonLines<KindRow>(kindSetFile(kind, folders));
      for (const r of kept) rows.push(toRow(r.text, null, `kind:${r.source || set.name}`));
      sets.push(`${set.name} (${kept.length}, kind)`);
    }
  }
  return { rows, sets };
}

function featureAllowed(name: string, options: TrainingOptions): boolean {
  if (name.startsWith('b:')) return options.pairs;
  if (name.startsWith('f:')) return options.first;
  if (name.startsWith('r:')) return options.rules;
  return true;
}

/** The order of the replies in each epoch: the core's seeded generator (mulberry32), as a function. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    const draw = nextFloat(state);
    state = draw.next;
    return draw.value;
  };
}

function shuffled(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000 + 0; // + 0: no -0 in the file

/**
 * One logistic regression per label by stochastic gradient descent with L2 decay. Kind replies are negatives for the
 * escalating labels only. Positives weigh more when rare (square root of the negative/positive ratio, at most 5).
 */
export function fitLabels(rows: readonly TrainingRow[], options: TrainingOptions): LearnedModel['labels'] {
  const counts = new Map<string, number>();
  for (const r of rows)
    for (const f of r.features) if (featureAllowed(f, options)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts.keys()].filter((f) => counts.get(f)! >= options.minCount).sort();
  const index = new Map(names.map((f, i) => [f, i] as const));
  const vectors = rows.map((r) => Int32Array.from(r.features.filter((f) => index.has(f)).map((f) => index.get(f)!)));
  const labels: LearnedModel['labels'] = {};
  TECHNIQUES.forEach((label, labelIndex) => {
    const use = rows.map((_, i) => i).filter((i) => rows[i].labels !== null || isEscalating(label));
    const y = use.map((i) => (rows[i].labels?.has(label) ? 1 : 0));
    const positives = y.reduce<number>((a, b) => a + b, 0);
    const positiveWeight = Math.sqrt(Math.min(5, (use.length - positives) / Math.max(1, positives)));
    const kindWeight = options.kindWeight ?? 1;
    const w = new Float64Array(names.length);
    let bias = 0;
    let t = 0;
    const random = seeded(labelIndex + 1);
    for (let e = 0; e < options.epochs; e++) {
      for (const k of shuffled(use.length, random)) {
        t++;
        const rate = options.learningRate / (1 + options.learningRate * options.l2 * t);
        const v = vectors[use[k]];
        let z = bias;
        for (let j = 0; j < v.length; j++) z += w[v[j]];
        const p = 1 / (1 + Math.exp(-z));
        const g = (p - y[k]) * (y[k] === 1 ? positiveWeight : rows[use[k]].labels === null ? kindWeight : 1);
        bias -= rate * g;
        const decay = 1 - rate * options.l2;
        for (let j = 0; j < v.length; j++) w[v[j]] = w[v[j]] * decay - rate * g;
      }
    }
    const kept = names
      .map((f, i) => [f, round3(w[i])] as const)
      .filter(([, x]) => Math.abs(x) >= options.pruneBelow)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    labels[label] = { bias: round3(bias), weights: Object.fromEntries(kept) };
  });
  return labels;
}

/** Folds of whole settings, balanced: the largest settings first, each into the fold with the fewest replies. */
export function foldsBySetting(rows: readonly TrainingRow[], k: number = CV_FOLDS): Int32Array {
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(r.group, (sizes.get(r.group) ?? 0) + 1);
  const groups = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const fill = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const [g, n] of groups) {
    const f = fill.indexOf(Math.min(...fill));
    foldOf.set(g, f);
    fill[f] += n;
  }
  return Int32Array.from(rows.map((r) => foldOf.get(r.group)!));
}

/**
 * A reply's scores under a model, per catalogue label: the probability at [i], and at [TECHNIQUES.length + i] the
 * net weight of its words (the sum without the bias: below 0 the words speak against the label).
 */
export function labelScores(model: CompiledLearnedModel, r: TrainingRow): Float64Array {
  const z = new Float64Array(model.labels.length);
  z.set(model.bias);
  for (const name of r.features) {
    const ws = model.weights.get(name);
    if (ws) for (let j = 0; j < ws.length; j += 2) z[ws[j]] += ws[j + 1];
  }
  const out = new Float64Array(2 * TECHNIQUES.length);
  model.labels.forEach((label, li) => {
    const i = TECHNIQUES.indexOf(label);
    out[i] = 1 / (1 + Math.exp(-z[li]));
    out[TECHNIQUES.length + i] = z[li] - model.bias[li];
  });
  return out;
}

/** A model from training rows, with no thresholds: for scoring only. */
function modelFrom(lang: Lang, train: readonly TrainingRow[], options: TrainingOptions): CompiledLearnedModel {
  return compileLearnedModel({
    lang,
    enabled: true,
    thresholds: { addCredited: null, addEscalating: null, veto: null },
    labels: fitLabels(train, options),
  });
}

/** Per reply, its label scores (labelScores) from a model that never saw the reply's setting. */
export function outOfFoldProbabilities(
  rows: readonly TrainingRow[],
  options: TrainingOptions,
  lang: Lang,
  k: number = CV_FOLDS,
): Float64Array[] {
  const fold = foldsBySetting(rows, k);
  const out: Float64Array[] = new Array<Float64Array>(rows.length);
  for (let f = 0; f < k; f++) {
    const model = modelFrom(
      lang,
      rows.filter((_, i) => fold[i] !== f),
      options,
    );
    rows.forEach((r, i) => {
      if (fold[i] === f) out[i] = labelScores(model, r);
    });
  }
  return out;
}

/** The thresholds the trainer decides and writes: the core's own (`LearnedThresholds`). */
export type Thresholds = LearnedThresholds;

/** Whether two sets of thresholds act alike: the same veto, and the same add threshold for every label (`addThreshold`). */
export function sameThresholds(x: Thresholds, y: Thresholds): boolean {
  return (
    x.veto === y.veto &&
    TECHNIQUES.every((label) => addThreshold(x, label, false, false) === addThreshold(y, label, false, false))
  );
}

/** The labels after the layer, from a reply's labelScores: `layerDecision`, the decision `applyLearned` makes. */
export function decide(
  row: Pick<TrainingRow, 'ruleLabels' | 'words'> & { firm?: readonly TechniqueId[]; holdsEscalatingAdds?: boolean },
  p: Float64Array,
  th: Thresholds,
): Set<TechniqueId> {
  const { add, drop } = layerDecision(
    th,
    TECHNIQUES,
    (i) => p[i],
    (i) => p[TECHNIQUES.length + i],
    {
      ruleLabels: row.ruleLabels,
      firm: new Set(row.firm ?? []),
      words: row.words,
      holdsEscalatingAdds: row.holdsEscalatingAdds ?? false,
    },
  );
  const out = new Set(row.ruleLabels);
  for (const i of drop) out.delete(TECHNIQUES[i]);
  for (const i of add) out.add(TECHNIQUES[i]);
  return out;
}

export interface Figures {
  macroF1: number;
  /** Share of kind replies with an escalating label. */
  kindRate: number;
}

/** Macro-F1 over the 14 labels (as bench:classifier counts it) and the kind replies' escalating rate. */
export function figures(
  rows: readonly TrainingRow[],
  predict: (row: TrainingRow, i: number) => Set<TechniqueId>,
): Figures {
  const tp = new Float64Array(TECHNIQUES.length);
  const fp = new Float64Array(TECHNIQUES.length);
  const fn = new Float64Array(TECHNIQUES.length);
  let kind = 0;
  let flagged = 0;
  rows.forEach((r, i) => {
    const got = predict(r, i);
    if (r.labels === null) {
      kind++;
      if ([...got].some(isEscalating)) flagged++;
      return;
    }
    TECHNIQUES.forEach((l, li) => {
      const want = r.labels!.has(l);
      const have = got.has(l);
      if (want && have) tp[li]++;
      else if (have) fp[li]++;
      else if (want) fn[li]++;
    });
  });
  let sum = 0;
  TECHNIQUES.forEach((_, li) => {
    const p = tp[li] + fp[li] === 0 ? (fn[li] === 0 ? 1 : 0) : tp[li] / (tp[li] + fp[li]);
    const rc = tp[li] + fn[li] === 0 ? 1 : tp[li] / (tp[li] + fn[li]);
    sum += p + rc === 0 ? 0 : (2 * p * rc) / (p + rc);
  });
  return { macroF1: sum / TECHNIQUES.length, kindRate: kind === 0 ? 0 : flagged / kind };
}

export const THRESHOLD_GRID = {
  addCredited: [0.5, 0.6, 0.7, 0.8, 0.9, null],
  addEscalating: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, null],
  veto: [null, 0.02, 0.05, 0.1, 0.15, 0.2],
} as const;

export interface CvResult {
  rules: Figures;
  layer: Figures;
  thresholds: Thresholds;
}

/**
 * Cross-validated figures of the rules alone and of the rules with the layer, the thresholds chosen on the
 * out-of-fold probabilities: the highest macro-F1 whose kind rate is not above the rules' own (ties: fewer actions).
 */
export function crossValidate(rows: readonly TrainingRow[], options: TrainingOptions, lang: Lang): CvResult {
  const probabilities = outOfFoldProbabilities(rows, options, lang);
  const rules = figures(rows, (r) => new Set(r.ruleLabels));
  let best: CvResult | null = null;
  for (const addCredited of THRESHOLD_GRID.addCredited)
    for (const addEscalating of THRESHOLD_GRID.addEscalating)
      for (const veto of THRESHOLD_GRID.veto) {
        const thresholds = { addCredited, addEscalating, veto };
        const layer = figures(rows, (r, i) => decide(r, probabilities[i], thresholds));
        if (layer.kindRate > rules.kindRate) continue;
        if (!best || layer.macroF1 > best.layer.macroF1 + 1e-12) best = { rules, layer, thresholds };
      }
  return best ?? { rules, layer: rules, thresholds: { addCredited: null, addEscalating: null, veto: null } };
}

/**
 * The decision, made on fresh text (docs/classifier.md, "Checked on fresh text"). Cross-validation on the tuned sets
 * cannot make it: the rules were tuned on those rows. A fresh set is written blind to the rules and scored before any
 * rule is written for it; the check trains on every other tunable set, scores both halves of the fresh set, and
 * counts a kind reply from a source the model never saw as flagged if the layer flags it. The rule, fixed before
 * looking: a change is taken when it gains on both halves and flags no more unseen kind replies than the rules.
 *
 * Session 8, on s8-tune:
 * - Credited labels above 0.8 gained in both halves of both languages (nl +0.03 / +0.01, en +0.02 / +0.01); none is
 *   added to a reply the rules found escalating (the customer hears the escalation; applyLearned).
 * - Escalating labels added at 0.5-0.9 flagged 0.8-3.4% (en) and 4-10% (nl) of unseen kind replies: not taken.
 * - The veto without guards overruled short, plain escalations ("We warned you about this in March."): not taken;
 *   `overrules` (learnedLayer.ts) has since required the words to weigh against the label and never overrules an
 *   insult or threat.
 *
 * Session 9, on s9-tune (600 + 600 replies from twelve new settings), training on every other tunable set with the
 * session's new data (s9c-tune, 300 + 300 replies from six more settings; kind9-tune-{nl,en}, 1,500 kind replies per
 * language from fifteen new sources), the veto guarded as `overrules` and `vetoesWholeReply` have it (the words weigh
 * against the label, ten words at least, never an insult or threat, and only when it takes every escalating label of
 * the reply), `npm run train:classifier -- --fresh s9-tune` (macro-F1 half a / half b / unseen kind replies flagged):
 * - English: rules with credited adds 0.862 / 0.859 / 1.2%; with escalating labels added above 0.95 and the veto
 *   below 0.05, 0.876 / 0.876 / 0.9%: taken. (Adds above 0.9 gain more, 0.881 / 0.882, but flag 1.3%: not taken.)
 * - Dutch: escalating adds above 0.95 gained (0.895 / 0.882) but flagged 2.1% of unseen kind replies against the
 *   rules' 2.0%: not taken. The veto alone: 0.889 / 0.878 / 1.5% against 0.886 / 0.875 / 2.0%: taken.
 * Earlier in the session, with less training data, the same rule gave the same choice (en 0.872 / 0.868 / 0.9%).
 *
 * Session 9, second check (registered before its data existed, /work/wt/lr9/prereg-s9d.txt): s9d-tune (600 + 600 replies
 * from twelve more settings) at the end-of-session rules, with 2,000 kind replies per language in kind9-tune; per
 * language the candidate with the best mean of the halves among those that gain on both halves over credited adds
 * alone and flag no more unseen kind replies. It decides the switches now:
 * - Dutch: credited adds alone 0.889 / 0.900 / 1.7%; escalating adds above 0.95 and the veto 0.903 / 0.913 / 1.4%:
 *   taken. (The veto alone, 0.890 / 0.900 / 1.1%, gained nothing on half b; adds above 0.9, 1.8%, flag more.)
 * - English: credited adds alone 0.891 / 0.880 / 0.4%; the veto alone 0.894 / 0.884 / 0.2%: taken. Every variant with
 *   escalating adds flagged more kind replies (0.5% at 0.95): the English adds are off again.
 * A flaw in this rule, seen only when reading this result: the kind replies it counts are mostly ones the rules were
 * tuned on (the rule tuners cleared kind9-en-a and -b this session), while the layer is scored on them out of fold,
 * so the comparison leans against the layer. Not acted on here; the next check should count kind replies from
 * sources neither the rules nor the model have seen.
 *
 * Session 10, registered before its data existed (/work/wt/lr10/prereg-s10.txt): s10-tune (600 + 600 replies from 24
 * new settings) as the fresh set, and the flaw above mended: the kind replies counted are kind10-tune (1,000 per
 * language from twenty new sources), left out of training and never read by a rule writer.
 * `npm run train:classifier -- --fresh s10-tune --unseen-kind kind10-tune` (half a / half b / kind10 flagged):
 * - English: rules alone 0.828 / 0.821 / 1.7%; credited adds 0.855 / 0.845 / 1.7%; with the veto 0.855 / 0.846 /
 *   0.9%; escalating adds above 0.95 and the veto 0.875 / 0.869 / 1.0%; above 0.9 and the veto 0.876 / 0.885 /
 *   1.0%: taken (the best mean of the halves among the registered candidates that gain on both and flag no more
 *   kind replies than the rules). Adds for defend and argue only gained less (0.871 / 0.866 at 0.9).
 * - Dutch: rules alone 0.818 / 0.850 / 2.5%; credited adds 0.868 / 0.881 / 2.5%; the veto alone gained nothing on
 *   half b; escalating adds above 0.95 and the veto 0.893 / 0.897 / 2.3%; above 0.9 and the veto 0.899 / 0.899 /
 *   2.5%: taken.
 * With the unseen kind replies counted fairly, the English adds no longer cost kind replies: session 9's second check
 * had turned them off on kind replies the rules had been tuned on.
 *
 * Session 10, second check (registered before its data existed, /work/wt/lr10/prereg-s10e.txt): s10e-tune (480 + 480
 * replies, the natural label mix) and kind10e-tune (1,000 English, 500 Dutch kind replies), both left out of training.
 * Candidates: adds above 0.9 (the decision), above 0.95, defend only above 0.95, none on a reply the rules credited.
 * English: 0.902 / 0.905 / 0.7% for the decision, every other candidate lower on a half, none flagging fewer kind
 * replies. Dutch: 0.923 / 0.934 / 3.0% against 0.926 / 0.932 / 3.0% above 0.95, a tie within the registered 0.002 with
 * the same kind count: the decision stands. (The rules alone flag 2.0% and 4.8%.)
 *
 * Session 10, third check (registered, /work/wt/lr10/prereg-s10f.txt), English only: should `defend`, the weakest
 * English label on every never-tuned set, be added from 0.8 or 0.7? On s10f-tune-en (480 replies) and kind10f-tune-en
 * (1,000 kind replies, left out of training): 0.944 / 0.908 for the decision, 0.945 / 0.911 from 0.8, 0.944 / 0.911
 * from 0.7, each flagging 1.4% of the kind replies, above the registered 1.0% (the rules alone flag 2.7%, the veto
 * alone 1.3%). No candidate qualified: nothing changed.
 *
 * Session 11, English only (`npm run train:classifier -- --fresh s11f-tune --unseen-kind kind11-tune`): s11f-tune-en
 * (480 replies, twelve new settings) and kind11-tune-en (1,000 kind replies that explain causes, flagged 3.6% by the
 * starting rules), both left out of training. The rules had seen some of it (guards from kind11's flagged rows, a few
 * defend rules from half a), the model none. Rules alone 0.855 / 0.853 / 2.3%; the decision 0.921 / 0.920 / 1.9%;
 * adds above 0.95 0.918 / 0.920 / 1.5%; above 0.8 0.930 / 0.926 / 2.7%; no escalating adds 0.906 / 0.894 / 1.2%.
 * Under the standing rule (best mean of the halves among candidates that flag no more kind replies than the rules)
 * the decision stands. Adds above 0.95 would trade 0.0015 of macro-F1 for 0.4 points of kind replies; seen only after
 * the check, so not taken here (noted in the closing note for the product owner).
 *
 * Session 11, second check (registered before its data existed, /work/wt/private/s12/prereg-s12.txt):
 * `npm run train:classifier -- --fresh s12-tune --unseen-kind kind12-tune` (480 replies from twelve new settings, half
 * b never read before the check; 1,000 kind replies from ten new sources; both left out of training). Rules alone
 * 0.854 / 0.834 / 1.5%; the decision 0.926 / 0.895 / 0.4%; adds above 0.95 0.926 / 0.889 / 0.4%; above 0.8 0.933 /
 * 0.905 / 0.8%; above 0.7 0.938 / 0.910 / 1.2%; above 0.6 0.937 / 0.912 / 1.3%; `defend` alone added from 0.8 or 0.7
 * 0.926 / 0.897-0.901 / 0.6%. The registered rule (best mean among candidates flagging no more kind replies than the
 * rules, 1.5%; within 0.002 the fewest kind flags) points to adds above 0.7. Not taken: that rule's kind bound is
 * looser than the issue's (at most 1% of kind replies), which 0.7 misses on this very check, and over both of this
 * session's checks every lower threshold flagged more fresh kind replies than the decision (kind11 1.9% → 2.7% at 0.8,
 * kind12 0.4% → 0.8%). The decision stands; the next registration should bound kind replies by the issue's 1%.
 *
 * Session 12, English (registered, /work/wt/private/s13/prereg-s13.txt; the rule itself added after a first look at
 * kind weights 1, 2 and 4): s13-tune-en (480 replies, twelve new settings; half b never read, half a's misses read for
 * rules) and kind13-tune-en (1,000 kind replies, ten new sources), both left out of training, with a new training
 * option, the weight of a kind reply as a negative for the escalating labels (`KIND_WEIGHT`). Candidates: kind weight
 * 1-4 x escalating adds above 0.9/0.8/0.7/0.6; allowed when kind13 and the out-of-fold kind rate are both at most 1%
 * (the issue's bound); the best mean of the halves; within 0.002 the fewest kind13 flags. Half a / half b / kind13 /
 * out of fold: weight 1 at 0.9 (the old decision) 0.910 / 0.900 / 0.6% / 0.51%; weight 1 at 0.8 0.914 / 0.903 /
 * 1.0% / 0.74%; weight 1 at 0.7 0.917 / 0.908 / 1.3% (not allowed); weight 2 at 0.7 0.914 / 0.905 / 0.8% / 0.79%
 * (the best mean); weight 3 at 0.7 0.910 / 0.908 / 0.7% / 0.72%: taken (within 0.002, fewer kind flags); weight 4 at
 * 0.7 0.910 / 0.907 / 0.7% / 0.75%. Script: /work/wt/lr12/exp12.js, output /work/wt/lr12/grid-s12.txt.
 * Second check, registered before its data existed: s13f-tune-en (960 replies, 24 new settings, halves a+b and c+d)
 * and kind13f-tune-en (2,000 kind replies, 20 new sources), left out of training; same rule. Weight 1 at 0.9 0.905 /
 * 0.917 / 0.85% / 0.52%; weight 3 at 0.7 0.911 / 0.926 / 1.05% (not allowed); weight 4 at 0.7 0.911 / 0.927 / 0.95% /
 * 0.69% (the best mean); weight 4 at 0.8 0.911 / 0.925 / 0.85% (taken by this check alone). The two checks disagreeing,
 * the registered tie rule (the best mean over the four halves among candidates allowed in both) takes weight 4 at 0.7:
 * 0.914 over the four halves, against 0.908 for the old decision (weight 1 at 0.9). Output /work/wt/lr12/grid2-s12.txt.
 * Third check, registered before its data existed (/work/wt/private/s14/prereg-s14.txt), because fresh kind corpora
 * still came in above 1% (kind13h 1.4% on arrival): s14t-tune-en (960 replies, 24 new settings, halves a+b / c+d) and
 * kind14t-tune-en (2,000 kind replies, 20 new sources), left out of training; kind weight 4. Rule: among candidates
 * within 0.005 of the decision's mean macro-F1 and at most 1% out of fold, the fewest kind14t flags. Adds above 0.7 (the
 * decision) 0.912 / 0.915 / 1.25% / 0.56%; 0.9 for counter_aggression, dismiss and rules_speak with 0.7 for defend and
 * argue 0.908 / 0.911 / 1.20%; above 0.8 0.911 / 0.912 / 1.25%; above 0.9 0.908 / 0.908 / 1.10% / 0.37%: taken. Most
 * kind flags come from the rules (1.10% with adds above 0.9); the layer's share is the 0.15 points between.
 * Output /work/wt/lr12/grid3-s12.txt.
 *
 * Session 13, English `argue` from a threshold of its own (`addEscalatingFor`), registered before its data existed
 * (docs/registrations/s17-argue-threshold.txt): argue was the weakest label on every fresh set of the session
 * (recall 0.42-0.61). The model trained on every tunable set (s16-tune and kind16-tune included); fresh: t17-en-a and
 * -b (480 labelled replies, twelve new settings) and k17-en-a (500 kind replies, five new sources), none trained on,
 * none read. Candidates argue above 0.9 / 0.8 / 0.7 / 0.6: mean macro-F1 0.8687 / 0.8702 / 0.8702 / 0.8728 (argue F1
 * on t17-en-a 0.58 / 0.62 / 0.62 / 0.69, on t17-en-b 0.83 throughout), kind flags 6 / 6 / 6 / 7 of 500. Rule: the
 * lowest threshold at least as good on mean macro-F1, at most one kind flag more, and 0.002 better: 0.6, taken.
 * Dutch (printed, not decided): 0.901 / 0.900 / 0.902 / 0.901; it stays at 0.9.
 * Second check, registered before its data existed (docs/registrations/s18-counter-aggression-defend-thresholds.txt), for English
 * counter_aggression and defend, one at a time, with the model retrained on s17-tune and kind17-tune: fresh t18-en-a
 * and -b (480 labelled replies, twelve new settings) and k18-en (1,000 kind replies, ten new sources). Mean macro-F1
 * above 0.9 / 0.8 / 0.7 / 0.6: counter_aggression 0.8709 / 0.8745 / 0.8775 / 0.8802, kind flags 22 / 22 / 22 / 23;
 * defend 0.8709 / 0.8714 / 0.8728 / 0.8728, kind 22 / 22 / 23 / 23. Rule: the lowest threshold 0.002 better on mean
 * macro-F1 with at most two kind flags more: counter_aggression 0.6, taken; defend gains 0.0019 at best, stays at 0.9.
 * Third check, registered before its data existed (docs/registrations/s19-veto.txt): the English veto below
 * 0.05 / 0.1 / 0.15 / 0.2 / 0.3 on fresh t19-en-a and -b (480 labelled replies) and k19-en (1,000 kind replies), model
 * of a4926ba: every candidate gave the same figures (mean macro-F1 0.8733, 14 kind flags), so the veto stays at 0.05.
 * The kind flags on fresh text come from the rules, which the veto rarely meets: it needs ten words and words against.
 * Argue taken back to 0.9 after the checks, against the first check's rule, on two readings made after it: on the
 * owner's challenge-en set argue precision fell from 0.92 to 0.63 (five kind replies flagged argue by the layer, such
 * as "No, the wifi's free for all guests" and "No, you're totally right to flag it"; macro-F1 0.941 at 0.9, 0.931 at
 * 0.6), and out of fold over every tunable set (`train:classifier` rows, folds of whole settings) 0.6 gained 0.0012
 * of macro-F1 for 0.07 points more kind replies flagged (0.38% -> 0.45%). A kind reply called argumentative costs the
 * trainee's trust more than a missed argue costs the lesson. Counter-aggression stays at 0.6: the same challenge set
 * reads 0.941 with it at 0.6 or 0.9.
 */
export const DECISION: { thresholds: Readonly<Record<Lang, Thresholds>>; enabled: Readonly<Record<Lang, boolean>> } = {
  thresholds: {
    nl: { addCredited: 0.8, addEscalating: 0.9, veto: 0.05 },
    en: { addCredited: 0.8, addEscalating: 0.9, addEscalatingFor: { counter_aggression: 0.6 }, veto: 0.05 },
  },
  enabled: { nl: true, en: true },
};

/** Out-of-fold figures (folds of whole settings) of the rules alone and with the layer at the given thresholds. */
export function crossValidateAt(
  rows: readonly TrainingRow[],
  options: TrainingOptions,
  lang: Lang,
  thresholds: Thresholds,
): CvResult {
  const probabilities = outOfFoldProbabilities(rows, options, lang);
  return {
    rules: figures(rows, (r) => new Set(r.ruleLabels)),
    layer: figures(rows, (r, i) => decide(r, probabilities[i], thresholds)),
    thresholds,
  };
}

/** One row of the fresh check: a set of thresholds, the figures of both halves and the kind rate out of fold. */
export interface FreshCheckRow {
  thresholds: Thresholds;
  a: number;
  b: number;
  kindRate: number;
}

export interface FreshCheck {
  rules: { a: number; b: number; kindRate: number };
  rows: FreshCheckRow[];
}

/**
 * The fresh check: how the layer does on a set the rules were never tuned on. The model learns from every tunable
 * set but `fresh`; the fresh set's rows are split into its two halves (ids with `-a-` and `-b-`). The kind replies
 * it counts: with `unseenKind` (a kind corpus name without its language, `kind10-tune`), that corpus, left out of
 * training, so that neither the rules' writers nor the model have seen it; without it, the kind replies of the
 * training sets out of fold (folds of whole sources), which the rules may have been tuned on. Only meaningful while
 * no rule was written for the fresh set.
 */
export function freshCheck(
  lang: Lang,
  folders: SetFolders,
  rulesOnly: InspectableClassifier,
  fresh: string,
  options: TrainingOptions,
  unseenKind?: string,
): FreshCheck {
  // A corpus may exist in one language only (kind11-tune-en).
  const unseen =
    unseenKind === undefined
      ? []
      : LANGS.map((l) => `${unseenKind}-${l}`).filter((n) => KIND_SETS.some((k) => k.name === n));
  const names = TRAINING_SET_NAMES.filter((n) => n !== fresh && !unseen.includes(n));
  const { rows } = loadTrainingRows(lang, folders, rulesOnly, names);
  // Grouped by id, which names the half a row belongs to (`t8-nl-a-017`).
  const { rows: freshRows } = loadTrainingRows(lang, folders, rulesOnly, [fresh], 'id');
  const halfA = freshRows.filter((r) => r.group.includes('-a-'));
  const halfB = freshRows.filter((r) => r.group.includes('-b-'));
  const whole = modelFrom(lang, rows, options);
  const pA = halfA.map((r) => labelScores(whole, r));
  const pB = halfB.map((r) => labelScores(whole, r));
  let kind: TrainingRow[];
  let pK: Float64Array[];
  if (unseen.length > 0) {
    kind = loadTrainingRows(lang, folders, rulesOnly, unseen).rows;
    if (kind.length === 0) throw new NeverTunedSetError(`${unseenKind}: no kind corpus of that name for ${lang}`);
    pK = kind.map((r) => labelScores(whole, r));
  } else {
    const labelled = rows.filter((r) => r.labels !== null);
    kind = rows.filter((r) => r.labels === null);
    const fold = foldsBySetting(kind);
    pK = new Array<Float64Array>(kind.length);
    for (let f = 0; f < CV_FOLDS; f++) {
      const model = modelFrom(lang, [...labelled, ...kind.filter((_, i) => fold[i] !== f)], options);
      kind.forEach((r, i) => {
        if (fold[i] === f) pK[i] = labelScores(model, r);
      });
    }
  }
  const asRules = (r: TrainingRow) => new Set(r.ruleLabels);
  const result: FreshCheck = {
    rules: {
      a: figures(halfA, asRules).macroF1,
      b: figures(halfB, asRules).macroF1,
      kindRate: figures(kind, asRules).kindRate,
    },
    rows: [],
  };
  for (const addCredited of THRESHOLD_GRID.addCredited)
    for (const addEscalating of THRESHOLD_GRID.addEscalating)
      for (const veto of THRESHOLD_GRID.veto) {
        const thresholds = { addCredited, addEscalating, veto };
        result.rows.push({
          thresholds,
          a: figures(halfA, (r, i) => decide(r, pA[i], thresholds)).macroF1,
          b: figures(halfB, (r, i) => decide(r, pB[i], thresholds)).macroF1,
          kindRate: figures(kind, (r, i) => decide(r, pK[i], thresholds)).kindRate,
        });
      }
  return result;
}

const fixed3 = (x: number): number => Number(x.toFixed(3));
const pct1 = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The model file's text: a readable header, the thresholds, then per label its bias and weights, strongest first. */
export function modelFileText(
  lang: Lang,
  options: TrainingOptions,
  sets: readonly string[],
  trainingRows: number,
  cv: CvResult,
  labels: LearnedModel['labels'],
): string {
  const enabled = DECISION.enabled[lang];
  const file = {
    about: [
      `The learned second opinion on the rules for ${lang === 'nl' ? 'Dutch' : 'English'} (docs/classifier.md, "A learned second opinion").`,
      "Per label a logistic regression: p = 1 / (1 + e^-(bias + the weights of the reply's features)). Features:",
      "w:<stem> a word (the rules' normalised, typo-corrected stem; ? and ! count as words), b:<stem> <stem> two words",
      'in a row, f:<stem> the first word, r:<label> a label the rules gave, shouting. After the rules, a label is added',
      'when p is above its add threshold; an escalating rule label is dropped when p is below the veto threshold.',
      'Written by `npm run train:classifier` from the tunable sets only (scripts/harness/classifierSets.ts); do not',
      'edit by hand: add replies to a tunable set (or rule examples) and retrain. Retraining is byte-identical.',
      `Switch and thresholds: decided on fresh text the rules were never tuned on (s8-tune, s9-tune, s10-tune; docs/classifier.md, "Checked on fresh text"); here ${enabled ? 'ON' : 'OFF'}.`,
    ],
    lang,
    enabled,
    training: {
      sets,
      replies: trainingRows,
      kindReplies: 'negatives for the escalating labels only',
      options,
      order: 'sets in table order, replies in file order, one seeded shuffle per label and epoch',
    },
    crossValidation: {
      folds: `${CV_FOLDS} folds of whole settings (a fold's settings are unseen by its model)`,
      rules: { macroF1: fixed3(cv.rules.macroF1), kindEscalating: pct1(cv.rules.kindRate) },
      rulesAndLayer: { macroF1: fixed3(cv.layer.macroF1), kindEscalating: pct1(cv.layer.kindRate) },
      thresholds:
        'the DECISION thresholds below; the rules were tuned on these replies, so these figures only show the layer does not hurt them',
    },
    thresholds: cv.thresholds,
    labels,
  };
  return JSON.stringify(file, null, 2) + '\n';
}

export interface TrainedLanguage {
  text: string;
  cv: CvResult;
  rows: number;
}

/** Trains one language with the chosen options and thresholds: cross-validated figures, then the model on all rows. */
export function trainLanguage(
  lang: Lang,
  folders: SetFolders,
  rulesOnly: InspectableClassifier,
  options: TrainingOptions = chosenOptions(lang),
  setNames: readonly string[] = TRAINING_SET_NAMES,
): TrainedLanguage {
  const { rows, sets } = loadTrainingRows(lang, folders, rulesOnly, setNames);
  const cv = crossValidateAt(rows, options, lang, DECISION.thresholds[lang]);
  const labels = fitLabels(rows, options);
  return { text: modelFileText(lang, options, sets, rows.length, cv, labels), cv, rows: rows.length };
}
