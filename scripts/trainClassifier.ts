/**
 * Trains the learned second opinion on the rules for both languages from the tunable sets only, and writes
 * `rules/learned-nl.json` and `rules/learned-en.json` (docs/classifier.md, "A learned second opinion").
 *
 *   npm run train:classifier                    # train both languages, write the model files
 *   npm run train:classifier -- --cv            # also print the cross-validation table of the option grid
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
import { NeverTunedSetError } from './harness/classifierSets';
import {
  CHOSEN_OPTIONS,
  TRAINING_SET_NAMES,
  crossValidate,
  layerEarnsItsPlace,
  loadTrainingRows,
  trainLanguage,
  type TrainingOptions,
} from './harness/learnedTrainer';
import { trainingFolders } from './harness/trainingFolders';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * The option grid the CV table compares: the chosen options, and one change from them per row. Chosen by CV macro-F1
 * (differences of 0.001 or less count as ties), then the smaller file: on the tuned sets the grid spans 0.951-0.954
 * (nl) and 0.938-0.944 (en), so pruning to |w| >= 0.3 keeps the figures and makes the files a third of the size.
 */
const OPTION_GRID: ReadonlyArray<[string, TrainingOptions]> = [
  ['chosen', CHOSEN_OPTIONS],
  ['no word pairs', { ...CHOSEN_OPTIONS, pairs: false }],
  ['no rule labels', { ...CHOSEN_OPTIONS, rules: false }],
  ['l2 1e-3', { ...CHOSEN_OPTIONS, l2: 1e-3 }],
  ['l2 1e-5', { ...CHOSEN_OPTIONS, l2: 1e-5 }],
  ['epochs 8', { ...CHOSEN_OPTIONS, epochs: 8 }],
  ['epochs 30', { ...CHOSEN_OPTIONS, epochs: 30 }],
  ['min count 3', { ...CHOSEN_OPTIONS, minCount: 3 }],
  ['prune 0.1', { ...CHOSEN_OPTIONS, pruneBelow: 0.1 }],
  ['prune 0.5', { ...CHOSEN_OPTIONS, pruneBelow: 0.5 }],
];

const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const th = (x: number | null): string => (x === null ? 'never' : String(x));

function main(): void {
  const root = findRepoRoot();
  const folders = trainingFolders(root, arg('--eval-dir'));
  const setNames = arg('--sets')?.split(',') ?? TRAINING_SET_NAMES;
  const outDir = arg('--out') ?? path.join(root, 'rules');
  const rulesOnly = loadRulesOnlyClassifier();
  let differs = 0;
  for (const lang of LANGS) {
    if (process.argv.includes('--cv')) printCvTable(lang, folders, rulesOnly, setNames);
    const started = Date.now();
    const trained = trainLanguage(lang, folders, rulesOnly, CHOSEN_OPTIONS, setNames);
    const { rules, layer, thresholds } = trained.cv;
    console.log(
      `${lang}: ${trained.rows} training replies, CV macro-F1 rules ${f3(rules.macroF1)} → rules+layer ${f3(layer.macroF1)}` +
        ` (${layer.macroF1 >= rules.macroF1 ? '+' : ''}${f3(layer.macroF1 - rules.macroF1)}), kind escalating` +
        ` ${pct(rules.kindRate)} → ${pct(layer.kindRate)}; thresholds add credited ${th(thresholds.addCredited)},` +
        ` add escalating ${th(thresholds.addEscalating)}, veto ${th(thresholds.veto)};` +
        ` layer ${layerEarnsItsPlace(trained.cv) ? 'ON' : 'OFF'} (${Date.now() - started} ms)`,
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
  for (const [name, options] of OPTION_GRID) {
    const cv = crossValidate(rows, options, lang);
    console.log(
      `${name.padEnd(18)} ${f3(cv.rules.macroF1).padStart(8)}  ${f3(cv.layer.macroF1).padStart(8)}  ${(cv.layer.macroF1 - cv.rules.macroF1 >= 0 ? '+' : '') + f3(cv.layer.macroF1 - cv.rules.macroF1)}` +
        `   ${pct(cv.rules.kindRate).padStart(6)} → ${pct(cv.layer.kindRate).padStart(6)}     ${th(cv.thresholds.addCredited).padStart(5)}  ${th(cv.thresholds.addEscalating).padStart(7)}  ${th(cv.thresholds.veto).padStart(5)}`,
    );
  }
}

try {
  main();
} catch (e) {
  if (!(e instanceof NeverTunedSetError)) throw e;
  process.stderr.write(`train:classifier: ${e.message}\n`);
  process.exitCode = 2;
}
