/**
 * Records everything the classifier says about a fixed body of text, so that a refactoring can
 * prove it changed nothing: every reply of tests/fixtures/classifier/*.jsonl, of the shared eval
 * sets (`<eval-dir>/*.jsonl`, by default `../shared/eval` beside the repository, as in
 * benchClassifier.ts) and every example and counter-example of both rule files, plus a few
 * edge cases (truncation, empty input, shouting, English times).
 *
 *   npm run build && node dist/scripts/classifierSnapshot.js --out /tmp/before.jsonl [--eval-dir DIR]
 *   node dist/scripts/classifierSnapshot.js --compare /tmp/before.jsonl [--eval-dir DIR]
 *
 * One JSON line per text: the classification (labels, evidence, signals), the names present after
 * all conditions and the surviving rule hits. `--compare` prints the differing lines and exits 1
 * when there is any difference.
 */
import * as fs from 'fs';
import * as path from 'path';

import { findRepoRoot, loadClassifierRules } from '../src/content';
import { LANGS, createClassifier, isLang, type Lang } from '../src/core';

interface Sample {
  source: string;
  lang: Lang;
  text: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The language of a `*-nl.jsonl` / `*-en.jsonl` file. */
function langOfFile(file: string): Lang {
  const lang = /-(\w+)\.jsonl$/.exec(file)?.[1];
  if (!isLang(lang)) throw new Error(`classifierSnapshot: no language in the name of ${file}`);
  return lang;
}

function jsonlSamples(dir: string): Sample[] {
  if (!fs.existsSync(dir)) throw new Error(`classifierSnapshot: ${dir} is missing`);
  const out: Sample[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const file = path.join(dir, name);
    const lang = langOfFile(file);
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { id: string; text: string };
      out.push({ source: `${name}:${row.id}`, lang, text: row.text });
    }
  }
  return out;
}

function main(): void {
  const root = findRepoRoot();
  const evalDir = path.resolve(arg('--eval-dir') ?? path.join(root, '..', 'shared', 'eval'));
  const rules = loadClassifierRules();
  const classifier = createClassifier(rules);

  const samples: Sample[] = [
    ...jsonlSamples(path.join(root, 'tests', 'fixtures', 'classifier')),
    ...jsonlSamples(evalDir),
  ];
  for (const lang of LANGS) {
    for (const rule of rules[lang].rules) {
      for (const text of rule.examples ?? []) samples.push({ source: `${rule.id}:example`, lang, text });
      for (const text of rule.counterExamples ?? []) samples.push({ source: `${rule.id}:counter`, lang, text });
    }
    const long = 'Ik begrijp dat u boos bent, wat is er precies gebeurd? '.repeat(50);
    for (const text of ['', '   ', 'DIT IS ECHT BELACHELIJK!!!', long, `${long.slice(0, 1999)}😀 tail`]) {
      samples.push({ source: 'edge', lang, text });
    }
  }
  // Replies that go through the English date-time recogniser (no rule example does).
  for (const text of [
    'I will call you back at half past ten.',
    'I will ring you at a quarter to five, I promise.',
    'I will send you the form by the end of the month.',
    'I will phone you on the 14th about the refund.',
  ]) {
    samples.push({ source: 'edge:englishTimes', lang: 'en', text });
  }

  const lines = samples.map((s) => {
    const found = classifier.inspect(s.text, s.lang);
    return JSON.stringify({
      source: s.source,
      lang: s.lang,
      classification: found.classification,
      present: [...found.present].sort(),
      hits: found.hits,
      tokens: classifier.tokenize(s.text, s.lang),
    });
  });

  const out = arg('--out');
  const compare = arg('--compare');
  if (out) {
    fs.writeFileSync(out, lines.join('\n') + '\n');
    console.log(`classifierSnapshot: ${lines.length} texts written to ${out}`);
  }
  if (compare) {
    const before = fs.readFileSync(compare, 'utf8').trimEnd().split('\n');
    let differences = 0;
    for (let i = 0; i < Math.max(before.length, lines.length); i++) {
      if (before[i] === lines[i]) continue;
      differences++;
      if (differences <= 10) console.log(`line ${i + 1}:\n  before ${before[i]}\n  after  ${lines[i]}`);
    }
    console.log(`classifierSnapshot: ${lines.length} texts compared with ${compare}: ${differences} differences`);
    if (differences > 0) process.exitCode = 1;
  }
  if (!out && !compare) console.error('classifierSnapshot: give --out FILE and/or --compare FILE');
}

main();
