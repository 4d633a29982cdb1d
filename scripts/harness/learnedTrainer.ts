/**
 * Trains the learned second opinion on the rules (`src/core/classifier/learnedLayer.ts`) from the tunable sets only,
 * chooses its thresholds by cross-validation over held-out settings, and writes the model file as readable JSON.
 * Deterministic: fixed set order, fixed folds, a seeded shuffle, fixed epochs; the same data and rules give the same
 * bytes. Used by `npm run train:classifier` and by the test that retrains and compares with the committed files.
 */
import {
  TECHNIQUES,
  compileLearnedModel,
  isEscalating,
  type InspectableClassifier,
  type Lang,
  type LearnedModel,
  type TechniqueId,
} from '../../src/core';
import {
  DEV_SET,
  EVAL_SETS,
  KIND_SETS,
  kindSetFile,
  labelledSetFile,
  readJsonLines,
  tunableSets,
  type KindRow,
  type LabelledRow,
  type SetFolders,
} from './classifierSets';

/** The sets the layer learns from: every tunable labelled set, and the tunable kind corpora of the language. */
export const TRAINING_SET_NAMES: readonly string[] = [
  DEV_SET.name,
  ...EVAL_SETS.filter((s) => s.use === 'tuned').map((s) => s.name),
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
}

/** The options the cross-validation table chose (`npm run train:classifier -- --cv`). */
export const CHOSEN_OPTIONS: TrainingOptions = {
  pairs: true,
  first: true,
  rules: true,
  minCount: 2,
  l2: 1e-4,
  epochs: 15,
  learningRate: 0.5,
  pruneBelow: 0.3,
};

export const CV_FOLDS = 5;

/** One training reply: its features, its labels (null for a kind reply: only "not escalating" is known). */
export interface TrainingRow {
  features: string[];
  labels: ReadonlySet<TechniqueId> | null;
  ruleLabels: TechniqueId[];
  /** Setting (or kind source): a fold holds whole settings out. */
  group: string;
}

/** Reads the training sets of a language and computes each reply's features with the rules alone. */
export function loadTrainingRows(
  lang: Lang,
  folders: SetFolders,
  rulesOnly: InspectableClassifier,
  names: readonly string[] = TRAINING_SET_NAMES,
): { rows: TrainingRow[]; sets: string[] } {
  const rows: TrainingRow[] = [];
  const sets: string[] = [];
  const toRow = (text: string, labels: ReadonlySet<TechniqueId> | null, group: string): TrainingRow => {
    const features = rulesOnly.learningFeatures(text, lang);
    const ruleLabels = features.filter((f) => f.startsWith('r:')).map((f) => f.slice(2) as TechniqueId);
    return { features, labels, ruleLabels, group: group.toLowerCase() };
  };
  for (const set of tunableSets(names)) {
    if ('folder' in set) {
      const labelled = set;
      const file = labelledSetFile(labelled, lang, folders);
      const never = new Set(labelled.neverRounds ?? []);
      const kept = readJsonLines<LabelledRow>(file).filter((r) => r.round === undefined || !never.has(r.round));
      for (const r of kept) rows.push(toRow(r.text, new Set(r.labels), r.setting || set.name));
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

/** A small deterministic generator (mulberry32) for the order of the replies in each epoch. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
        const g = (p - y[k]) * (y[k] === 1 ? positiveWeight : 1);
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

/** Per reply, the probability of each label from a model that never saw the reply's setting. */
export function outOfFoldProbabilities(
  rows: readonly TrainingRow[],
  options: TrainingOptions,
  lang: Lang,
  k: number = CV_FOLDS,
): Float64Array[] {
  const fold = foldsBySetting(rows, k);
  const out: Float64Array[] = rows.map(() => new Float64Array(TECHNIQUES.length));
  for (let f = 0; f < k; f++) {
    const train = rows.filter((_, i) => fold[i] !== f);
    const model = compileLearnedModel({
      lang,
      enabled: true,
      thresholds: { addCredited: null, addEscalating: null, veto: null },
      labels: fitLabels(train, options),
    });
    const z = new Float64Array(model.labels.length);
    rows.forEach((r, i) => {
      if (fold[i] !== f) return;
      z.set(model.bias);
      for (const name of r.features) {
        const ws = model.weights.get(name);
        if (ws) for (let j = 0; j < ws.length; j += 2) z[ws[j]] += ws[j + 1];
      }
      model.labels.forEach((label, li) => {
        out[i][TECHNIQUES.indexOf(label)] = 1 / (1 + Math.exp(-z[li]));
      });
    });
  }
  return out;
}

export interface Thresholds {
  addCredited: number | null;
  addEscalating: number | null;
  veto: number | null;
}

/** The labels after the layer: what `applyLearned` does, on label sets. */
export function decide(ruleLabels: readonly TechniqueId[], p: Float64Array, th: Thresholds): Set<TechniqueId> {
  const out = new Set(ruleLabels);
  TECHNIQUES.forEach((label, i) => {
    const escalating = isEscalating(label);
    if (out.has(label)) {
      if (escalating && th.veto !== null && p[i] < th.veto) out.delete(label);
      return;
    }
    const add = escalating ? th.addEscalating : th.addCredited;
    if (add !== null && p[i] > add) out.add(label);
  });
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
  addEscalating: [0.5, 0.6, 0.7, 0.8, 0.9, null],
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
        const layer = figures(rows, (r, i) => decide(r.ruleLabels, probabilities[i], thresholds));
        if (layer.kindRate > rules.kindRate) continue;
        if (!best || layer.macroF1 > best.layer.macroF1 + 1e-12) best = { rules, layer, thresholds };
      }
  return best ?? { rules, layer: rules, thresholds: { addCredited: null, addEscalating: null, veto: null } };
}

/** The pre-registered switch: on only with a CV gain of at least +0.01 and a kind rate that does not rise. */
export const MIN_CV_GAIN = 0.01;

export function layerEarnsItsPlace(cv: CvResult): boolean {
  return cv.layer.macroF1 - cv.rules.macroF1 >= MIN_CV_GAIN && cv.layer.kindRate <= cv.rules.kindRate;
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
  const enabled = layerEarnsItsPlace(cv);
  const file = {
    about: [
      `The learned second opinion on the rules for ${lang === 'nl' ? 'Dutch' : 'English'} (docs/classifier.md, "A learned second opinion").`,
      "Per label a logistic regression: p = 1 / (1 + e^-(bias + the weights of the reply's features)). Features:",
      "w:<stem> a word (the rules' normalised, typo-corrected stem; ? and ! count as words), b:<stem> <stem> two words",
      'in a row, f:<stem> the first word, r:<label> a label the rules gave, shouting. After the rules, a label is added',
      'when p is above its add threshold; an escalating rule label is dropped when p is below the veto threshold.',
      'Written by `npm run train:classifier` from the tunable sets only (scripts/harness/classifierSets.ts); do not',
      'edit by hand: add replies to a tunable set (or rule examples) and retrain. Retraining is byte-identical.',
      `Switch (decided by cross-validation alone): on when the CV macro-F1 gain is at least +${MIN_CV_GAIN} and the CV kind rate does not rise; here ${enabled ? 'ON' : 'OFF'}.`,
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
      thresholdsChosen: "highest CV macro-F1 whose kind rate is not above the rules' own",
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

/** Trains one language with the chosen options: cross-validation for the thresholds, then the model on all rows. */
export function trainLanguage(
  lang: Lang,
  folders: SetFolders,
  rulesOnly: InspectableClassifier,
  options: TrainingOptions = CHOSEN_OPTIONS,
  setNames: readonly string[] = TRAINING_SET_NAMES,
): TrainedLanguage {
  const { rows, sets } = loadTrainingRows(lang, folders, rulesOnly, setNames);
  const cv = crossValidate(rows, options, lang);
  const labels = fitLabels(rows, options);
  return { text: modelFileText(lang, options, sets, rows.length, cv, labels), cv, rows: rows.length };
}
