import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadRulesOnlyClassifier } from '../../src/content/classifierRules';
import type { Lang, TechniqueId } from '../../src/core/techniques';

// Issue 16's fresh probe rounds (tests/fixtures/classifier/probe-general-*.jsonl): 60 replies per
// language per round from settings no other data has, labelled from techniques.md alone. Round 1
// was scored before the construction features and tuned on afterwards; later rounds are figures
// only (bench:classifier) and not asserted here, so that they keep measuring unseen text.
// The probes were written for the rules and pin what the rules do; the learned layer has its own tests
// (learnedLayer.test.ts) and its figures in bench:classifier.
const classifier = loadRulesOnlyClassifier();
const labelsOf = (text: string, lang: Lang): TechniqueId[] => [...classifier.classify(text, lang).labels].sort();

interface ProbeRow {
  id: string;
  round: number;
  setting: string;
  text: string;
  labels: TechniqueId[];
}

/** Round-1 replies the rules still get wrong; the list may shrink, never grow. */
const knownMisses = new Set([
  'pg1-en-025', // "isn't in my power, though I can halve it": the limit is no modal + negator
  'pg1-en-057', // "It's on the sign" after "Can't you read?" also read as rules_speak
]);

const rowsOf = (lang: Lang): ProbeRow[] =>
  fs
    .readFileSync(path.join(__dirname, '..', 'fixtures', 'classifier', `probe-general-${lang}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ProbeRow)
    .filter((r) => r.round === 1);

describe.each<Lang>(['nl', 'en'])('probe round 1 (%s)', (lang) => {
  const rows = rowsOf(lang);
  it.each(rows.filter((r) => !knownMisses.has(r.id)).map((r) => [r.id, r.text, r] as const))(
    '%s: %s',
    (_id, _text, row) => {
      expect(labelsOf(row.text, lang)).toEqual([...row.labels].sort());
    },
  );
  it('the known misses are still misses (remove a row from knownMisses once it passes)', () => {
    for (const row of rows.filter((r) => knownMisses.has(r.id))) {
      expect(labelsOf(row.text, lang)).not.toEqual([...row.labels].sort());
    }
  });
});
