/**
 * Trains the learned second opinion on the rules for both languages from the tunable sets only, and writes
 * `rules/learned-nl.json` and `rules/learned-en.json` (docs/classifier.md, "A learned second opinion").
 *
 *   npm run train:classifier                    # train both languages, write the model files
 *   npm run train:classifier -- --cv            # also print the cross-validation table of the option grid
 *   npm run train:classifier -- --fresh s8-tune # the fresh check: trained without s8-tune, scored on its halves
 *   npm run train:classifier -- --fresh s10-tune --unseen-kind kind10-tune
 *                                               # the same, counting flags on a kind corpus left out of training
 *   npm run train:classifier -- --check         # retrain and compare with the committed files (exit 1 if they differ)
 *   npm run train:classifier -- --sets tune,s6-tune --out /tmp/models   # train on some sets only, elsewhere
 *   [--eval-dir ../shared/eval]
 *
 * Sets that are never tuned on (scripts/harness/classifierSets.ts) are refused. Retrain after a rule change or after
 * adding corrections to a tunable set: the model reads the rules' labels as features.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LANGS, type Lang } from '../src/core';
import { findRepoRoot, learnedModelFile, loadRulesOnlyClassifier } from '../src/content';
import { EVAL_SETS, NeverTunedSetError, hasLanguage } from './harness/classifierSets';
import {
  chosenOptions,
  TRAINING_SET_NAMES,
  crossValidate,
  DECISION,
  freshCheck,
  loadTrainingRows,
  sameThresholds,
  trainLanguage,
  type Thresholds,
  type TrainingOptions,
} from './harness/learnedTrainer';
import { trainingFolders } from './harness/trainingFolders';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * The option grid the fresh check and the CV table compare: the chosen options, and one change from them per row.
 * The chosen row won the fresh check in both languages (docs/classifier.md, "Checked on fresh text"); pruning to
 * |w| >= 0.3 keeps the figures and makes the files a third of the size.
 */
function optionGrid(lang: Lang): ReadonlyArray<[string, TrainingOptions]> {
  const chosen = chosenOptions(lang);
  return [
    ['chosen', chosen],
    ['with rule labels', { ...chosen, rules: true }],
    ['rule labels, 1e-3', { ...chosen, rules: true, l2: 1e-3 }],
    ['no word pairs', { ...chosen, pairs: false }],
    ['l2 1e-3', { ...chosen, l2: 1e-3 }],
    ['epochs 30', { ...chosen, epochs: 30 }],
    ['min count 3', { ...chosen, minCount: 3 }],
    ['prune 0.1', { ...chosen, pruneBelow: 0.1 }],
    // Other kind weights than the chosen one (a row equal to 'chosen' would only train the same model again).
    ...[1, 2, 4]
      .filter((w) => w !== (chosen.kindWeight ?? 1))
      .map((w): [string, TrainingOptions] => [`kind weight ${w}`, { ...chosen, kindWeight: w }]),
  ];
}

const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const th = (x: number | null): string => (x === null ? 'never' : String(x));
/** The escalating labels with a threshold of their own, as " (argue 0.8)", or nothing. */
const ownThresholds = (t: Thresholds): string => {
  const own = Object.entries(t.addEscalatingFor ?? {}).map(([label, x]) => `${label} ${th(x ?? null)}`);
  return own.length === 0 ? '' : ` (${own.join(', ')})`;
};

function main(): void {
  const root = findRepoRoot();
  const folders = trainingFolders(root, arg('--eval-dir'));
  const setNames = arg('--sets')?.split(',') ?? TRAINING_SET_NAMES;
  const outDir = arg('--out') ?? path.join(root, 'rules');
  const rulesOnly = loadRulesOnlyClassifier();
  let differs = 0;
  for (const lang of LANGS) {
    const fresh = arg('--fresh');
    if (fresh) {
      // A single-language set (s10f-tune, s11f-tune) checks only its language.
      const set = EVAL_SETS.find((s) => s.name === fresh);
      if (set && !hasLanguage(set, lang)) continue;
      printFreshCheck(lang, folders, rulesOnly, fresh, arg('--unseen-kind'));
      continue;
    }
    if (process.argv.includes('--cv')) printCvTable(lang, folders, rulesOnly, setNames);
    const started = Date.now();
    const trained = trainLanguage(lang, folders, rulesOnly, chosenOptions(lang), setNames);
    const { rules, layer, thresholds } = trained.cv;
    console.log(
      `${lang}: ${trained.rows} training replies, CV macro-F1 rules ${f3(rules.macroF1)} → rules+layer ${f3(layer.macroF1)}` +
        ` (${layer.macroF1 >= rules.macroF1 ? '+' : ''}${f3(layer.macroF1 - rules.macroF1)}), kind escalating` +
        ` ${pct(rules.kindRate)} → ${pct(layer.kindRate)}; thresholds add credited ${th(thresholds.addCredited)},` +
        ` add escalating ${th(thresholds.addEscalating)}${ownThresholds(thresholds)}, veto ${th(thresholds.veto)};` +
        ` layer ${DECISION.enabled[lang] ? 'ON' : 'OFF'} (${Date.now() - started} ms)`,
    );
    const file = path.join(outDir, learnedModelFile(lang));
    if (process.argv.includes('--check')) {
      const same = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === trained.text;
      console.log(`  ${file}: ${same ? 'identical' : 'DIFFERS from the retrained model'}`);
      if (!same) differs++;
    } else {
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(file, trained.text);
      console.log(`  wrote ${path.relative(process.cwd(), file)} (${(trained.text.length / 1024).toFixed(0)} KB)`);
    }
  }
  if (differs > 0) process.exitCode = 1;
}

function printCvTable(
  lang: Lang,
  folders: ReturnType<typeof trainingFolders>,
  rulesOnly: ReturnType<typeof loadRulesOnlyClassifier>,
  setNames: readonly string[],
): void {
  const { rows } = loadTrainingRows(lang, folders, rulesOnly, setNames);
  console.log(`\n=== ${lang}: cross-validation, 5 folds of whole settings, ${rows.length} replies ===`);
  console.log('options            rules F1  layer F1    gain   kind rules → layer   add cred  add esc  veto');
  for (const [name, options] of optionGrid(lang)) {
    const cv = crossValidate(rows, options, lang);
    console.log(
      `${name.padEnd(18)} ${f3(cv.rules.macroF1).padStart(8)}  ${f3(cv.layer.macroF1).padStart(8)}  ${(cv.layer.macroF1 - cv.rules.macroF1 >= 0 ? '+' : '') + f3(cv.layer.macroF1 - cv.rules.macroF1)}` +
        `   ${pct(cv.rules.kindRate).padStart(6)} → ${pct(cv.layer.kindRate).padStart(6)}     ${th(cv.thresholds.addCredited).padStart(5)}  ${th(cv.thresholds.addEscalating).padStart(7)}  ${th(cv.thresholds.veto).padStart(5)}`,
    );
  }
}

/**
 * The fresh check (DECISION in learnedTrainer.ts): for each option row, the rules and the layer at the decided
 * thresholds on both halves of the fresh set, and the kind rate out of fold; then the best thresholds of the grid
 * whose kind rate is not above the rules' own, chosen on one half and scored on the other.
 */
function printFreshCheck(
  lang: Lang,
  folders: ReturnType<typeof trainingFolders>,
  rulesOnly: ReturnType<typeof loadRulesOnlyClassifier>,
  fresh: string,
  unseenKind: string | undefined,
): void {
  const kindNote = unseenKind
    ? `kind replies: ${unseenKind}-${lang}, left out of training`
    : 'kind replies out of fold by source';
  console.log(`\n=== ${lang}: fresh check on ${fresh} (trained without it; ${kindNote}) ===`);
  console.log(
    'options            rules a / b / kind          decided thresholds a / b / kind   best a→b, b→a (kind not up)',
  );
  for (const [name, options] of optionGrid(lang)) {
    const check = freshCheck(lang, folders, rulesOnly, fresh, options, unseenKind);
    const decided = check.rows.find((r) => sameThresholds(r.thresholds, DECISION.thresholds[lang]))!;
    const allowed = check.rows.filter((r) => r.kindRate <= check.rules.kindRate);
    const bestOn = (half: 'a' | 'b') => allowed.reduce((x, y) => (y[half] > x[half] + 1e-12 ? y : x));
    console.log(
      `${name.padEnd(18)} ${f3(check.rules.a)} / ${f3(check.rules.b)} / ${pct(check.rules.kindRate).padStart(5)}` +
        `      ${f3(decided.a)} / ${f3(decided.b)} / ${pct(decided.kindRate).padStart(5)}` +
        `             ${f3(bestOn('a').b)}, ${f3(bestOn('b').a)}`,
    );
  }
  // The escalating labels: added above a threshold, vetoed below one, or both (chosen options, decided credited).
  const escalating = freshCheck(lang, folders, rulesOnly, fresh, chosenOptions(lang), unseenKind).rows.filter(
    (r) => r.thresholds.addCredited === DECISION.thresholds[lang].addCredited,
  );
  console.log('escalating labels added and vetoed (chosen options, decided credited threshold):');
  for (const r of escalating)
    console.log(
      `  add escalating ${th(r.thresholds.addEscalating).padStart(5)}, veto ${th(r.thresholds.veto).padStart(5)}:` +
        ` a ${f3(r.a)}  b ${f3(r.b)}  kind ${pct(r.kindRate)}`,
    );
}

try {
  main();
} catch (e) {
  if (!(e instanceof NeverTunedSetError)) throw e;
  process.stderr.write(`train:classifier: ${e.message}\n`);
  process.exitCode = 2;
}
