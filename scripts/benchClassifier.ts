/**
 * Benchmark of the technique classifier on the shared dev sets, and on the tune and held-out
 * sets when they exist.
 *
 *   npm run bench:classifier [-- --errors] [--eval-dir ../shared/eval] [--fixtures-dir tests/fixtures/classifier]
 *                            [--learned on|off]
 *
 * The classifier is the shipped one: the rules, and the learned layer where its model file switches it on.
 * `--learned on` forces the layer on in both languages, `--learned off` judges with the rules alone.
 *
 * Prints per language: a per-label precision/recall/F1 table, macro-F1, polarity accuracy,
 * exact-set accuracy and speed (cold first call including rule loading, warm mean/p50/p99 per
 * reply, and a tokenise-only baseline). Exit code 0 unless the eval files are missing.
 *
 * Then, for every set of EVAL_SETS and KIND_SETS (scripts/harness/classifierSets.ts) that is present: the per-label table, macro-F1,
 * polarity and exact-set accuracy (kind corpora: how many replies get an escalating label), and a summary that
 * puts the sets the rules were tuned on beside those they never were. `--errors` lists the misclassified replies
 * of the dev and tuned sets only: never-tuned replies are never printed, so that their figures keep measuring
 * generalisation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { spawnSync } from 'child_process';

import {
  LANGS,
  TECHNIQUES,
  createClassifier,
  isEscalating,
  polarityOf,
  type Lang,
  type TechniqueId,
} from '../src/core';
import { EVAL_SETS, KIND_SETS, hasLanguage, type SetUse } from './harness/classifierSets';
// Loaded inside main() so that the cold figure includes loading the classifier modules.
type Loader = typeof import('../src/content');

interface Row {
  id: string;
  text: string;
  labels: TechniqueId[];
  note?: string;
  round?: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function pct(x: number): string {
  return (x * 100).toFixed(1).padStart(5) + '%';
}

interface Scores {
  table: string[];
  macroF1: number;
  polarity: number;
  exact: number;
  primaryOk: number;
  multi: number;
  errors: string[];
}

/** Per-label precision/recall/F1, macro-F1, polarity and exact-set accuracy of one labelled set. */
function score(rows: readonly Row[], classify: (text: string) => readonly TechniqueId[]): Scores {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  let polarityOk = 0;
  let exact = 0;
  let multi = 0;
  let primaryOk = 0;
  const errors: string[] = [];
  for (const row of rows) {
    const got = classify(row.text);
    const want = new Set(row.labels);
    const have = new Set(got);
    for (const l of TECHNIQUES) {
      if (want.has(l) && have.has(l)) tp.set(l, (tp.get(l) ?? 0) + 1);
      else if (have.has(l)) fp.set(l, (fp.get(l) ?? 0) + 1);
      else if (want.has(l)) fn.set(l, (fn.get(l) ?? 0) + 1);
    }
    if (polarityOf(got) === polarityOf(row.labels)) polarityOk++;
    if (row.labels.length > 1) {
      multi++;
      if (got[0] === row.labels[0]) primaryOk++;
    }
    const same = want.size === have.size && [...want].every((x) => have.has(x));
    if (same) exact++;
    else errors.push(`${row.id}  want [${row.labels.join(', ')}]  got [${got.join(', ')}]\n    ${row.text}`);
  }
  const table = ['label                 prec     rec      F1   support'];
  let sumF1 = 0;
  for (const l of TECHNIQUES) {
    const a = tp.get(l) ?? 0;
    const b = fp.get(l) ?? 0;
    const c = fn.get(l) ?? 0;
    const p = a + b === 0 ? (c === 0 ? 1 : 0) : a / (a + b);
    const r = a + c === 0 ? 1 : a / (a + c);
    const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    sumF1 += f;
    table.push(`${l.padEnd(20)} ${pct(p)}  ${pct(r)}  ${pct(f)}   ${String(a + c).padStart(4)}`);
  }
  const n = Math.max(1, rows.length);
  return {
    table,
    macroF1: sumF1 / TECHNIQUES.length,
    polarity: polarityOk / n,
    exact: exact / n,
    primaryOk,
    multi,
    errors,
  };
}

function readRows(file: string): Row[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

function main(): void {
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here so that the cold figure includes it
  const content = require('../src/content') as Loader;
  const { findRepoRoot, loadDefaultClassifier, loadClassifierRules, loadLearnedModel, defaultRulesDir } = content;
  const root = findRepoRoot();
  const evalDir = path.resolve(arg('--eval-dir') ?? path.join(root, '..', 'shared', 'eval'));
  const showErrors = process.argv.includes('--errors');
  const files: Array<[Lang, string]> = [
    ['nl', path.join(evalDir, 'dev-nl.jsonl')],
    ['en', path.join(evalDir, 'dev-en.jsonl')],
  ];
  const missing = files.filter(([, f]) => !fs.existsSync(f));
  if (missing.length > 0) {
    for (const [, f] of missing) console.error(`benchClassifier: missing ${f}`);
    process.exitCode = 1;
    return;
  }
  const data = files.map(([lang, f]) => [lang, readRows(f)] as const);

  // Cold: module load (t0) + reading, validating and compiling the rules + the first reply.
  const noCache = process.argv.includes('--no-cache');
  const forced = arg('--learned');
  const classifier =
    forced === 'on' || forced === 'off'
      ? createClassifier(loadClassifierRules(), {
          learned: Object.fromEntries(
            LANGS.map((lang) => {
              const model = loadLearnedModel(defaultRulesDir(), lang);
              return [lang, model ? { ...model, enabled: forced === 'on' } : null];
            }),
          ),
        })
      : loadDefaultClassifier({ cacheDir: noCache ? null : undefined });
  if (forced) console.log(`learned layer forced ${forced} in both languages (--learned ${forced})`);
  const firstRow = data[0][1][0];
  classifier.classify(firstRow.text, 'nl');
  const cold = performance.now() - t0;
  const t1 = performance.now();
  classifier.classify(data[1][1][0].text, 'en');
  const coldEn = performance.now() - t1;
  console.log(
    `cold first call${noCache ? ' (no rule cache: YAML parsed and validated)' : ' (rule cache as found)'}` +
      ` = module load + nl rules read/validate/compile + first reply: ${cold.toFixed(1)} ms;` +
      ` first English reply after that (en rules loaded then): ${coldEn.toFixed(1)} ms`,
  );
  if (process.argv.includes('--cold-only')) return;
  if (!noCache) {
    // The same cold start in fresh processes, without and with the validated-rule cache.
    for (const extra of [['--no-cache'], []]) {
      const r = spawnSync(process.execPath, [__filename, '--cold-only', '--eval-dir', evalDir, ...extra], {
        encoding: 'utf8',
      });
      process.stdout.write(
        `  fresh process${extra.length ? ', no cache' : ', cache warm'}: ${(r.stdout || r.stderr).trim().replace(/^cold first call/, 'cold')}\n`,
      );
    }
  }

  for (const [lang, rows] of data) {
    const sc = score(rows, (text) => classifier.classify(text, lang).labels);
    console.log(`\n=== ${lang}: ${rows.length} replies ===`);
    for (const line of sc.table) console.log(line);
    console.log(`macro-F1: ${sc.macroF1.toFixed(3)}`);
    console.log(
      `polarity accuracy: ${pct(sc.polarity)}   exact-set accuracy: ${pct(sc.exact)}` +
        `   primary label right on multi-label rows: ${sc.primaryOk}/${sc.multi}`,
    );
    const errors = sc.errors;

    // Speed: warm-up, then time every reply several rounds.
    for (const row of rows) classifier.classify(row.text, lang);
    const times: number[] = [];
    const rounds = 20;
    for (let r = 0; r < rounds; r++) {
      for (const row of rows) {
        const s = performance.now();
        classifier.classify(row.text, lang);
        times.push(performance.now() - s);
      }
    }
    times.sort((x, y) => x - y);
    const mean = times.reduce((x, y) => x + y, 0) / times.length;
    const q = (f: number): number => times[Math.min(times.length - 1, Math.floor(f * times.length))];
    const base: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const row of rows) {
        const s = performance.now();
        classifier.tokenize(row.text, lang);
        base.push(performance.now() - s);
      }
    }
    const baseMean = base.reduce((x, y) => x + y, 0) / base.length;
    console.log(
      `speed per reply (warm, ${times.length} calls): mean ${mean.toFixed(3)} ms  p50 ${q(0.5).toFixed(3)} ms  p99 ${q(0.99).toFixed(3)} ms` +
        `   | baseline tokenise only: mean ${baseMean.toFixed(3)} ms`,
    );
    if (showErrors) {
      console.log(`\nmisclassified (${errors.length}):`);
      for (const e of errors) console.log('  ' + e);
    }
  }

  // Every labelled set after the dev sets, from EVAL_SETS: per-label table, macro-F1, polarity, exact-set accuracy.
  const fixturesDir = path.resolve(arg('--fixtures-dir') ?? path.join(root, 'tests', 'fixtures', 'classifier'));
  const summary: Record<SetUse, string[]> = { tuned: [], never: [] };
  for (const set of EVAL_SETS) {
    for (const lang of ['nl', 'en'] as const) {
      if (!hasLanguage(set, lang)) continue;
      const file = path.join(set.folder === 'eval' ? evalDir : fixturesDir, `${set.name}-${lang}.jsonl`);
      if (!fs.existsSync(file)) {
        console.log(`\n=== ${set.name}-${lang}: not present (${path.relative(root, file)}) ===`);
        continue;
      }
      const rows = readRows(file);
      const sc = score(rows, (text) => classifier.classify(text, lang).labels);
      console.log(`\n=== ${set.name}-${lang}: ${rows.length} replies ===`);
      for (const line of sc.table) console.log(line);
      const line = `macro-F1: ${sc.macroF1.toFixed(3)}   polarity accuracy: ${pct(sc.polarity)}   exact-set accuracy: ${pct(sc.exact)}`;
      console.log(line);
      summary[set.use].push(
        `${(set.name + '-' + lang).padEnd(19)} ${String(rows.length).padStart(4)} replies   ${line}`,
      );
      // Fresh probe rounds are scored one by one too: a round scored before any tuning on it is the honest figure.
      for (const round of [...new Set(rows.map((r) => r.round).filter((r) => r !== undefined))]) {
        const roundRows = rows.filter((r) => r.round === round);
        const rs = score(roundRows, (text) => classifier.classify(text, lang).labels);
        summary[set.use].push(
          `  round ${String(round).padEnd(11)} ${String(roundRows.length).padStart(4)} replies   macro-F1: ${rs.macroF1.toFixed(3)}   polarity accuracy: ${pct(rs.polarity)}   exact-set accuracy: ${pct(rs.exact)}`,
        );
      }
      // Never-tuned replies are never printed: they measure generalisation.
      if (showErrors && set.use === 'tuned') {
        console.log(`\nmisclassified (${sc.errors.length}):`);
        for (const e of sc.errors) console.log('  ' + e);
      }
    }
  }
  // Kind replies (KIND_SETS): how often kindness is flagged. Only the count per label is printed.
  for (const { name: kindName, lang: kindLang, use } of KIND_SETS) {
    const kindFile = path.join(fixturesDir, `${kindName}.jsonl`);
    if (!fs.existsSync(kindFile)) continue;
    const texts = fs
      .readFileSync(kindFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const flagged = new Map<TechniqueId, number>();
    let escalating = 0;
    for (const text of texts) {
      const labels = classifier.classify(text, kindLang).labels.filter(isEscalating);
      if (labels.length > 0) escalating++;
      for (const l of labels) flagged.set(l, (flagged.get(l) ?? 0) + 1);
    }
    const byLabel = [...flagged].map(([l, n]) => `${l} ${n}`).join(', ');
    summary[use].push(
      `${kindName.padEnd(19)}${String(texts.length).padStart(4)} replies   escalating label on ${escalating} (${pct(escalating / texts.length).trim()})${byLabel ? `: ${byLabel}` : ''}`,
    );
  }
  // Tuned beside never-tuned: the gap between the two is what issue 16 asks to close.
  for (const use of ['tuned', 'never'] as const) {
    if (summary[use].length === 0) continue;
    console.log(
      `\n=== summary: ${use === 'tuned' ? 'sets the rules were tuned on' : 'sets the rules were never tuned on'} ===`,
    );
    for (const l of summary[use]) console.log(l);
  }
}

main();
