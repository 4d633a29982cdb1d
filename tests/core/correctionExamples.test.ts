/**
 * Corrections exported from the product (`npm run --silent corrections -- export`) as examples the rules must
 * answer. A correction goes into pending.jsonl as it is exported: it is listed there because the rules still
 * judge it wrongly, and the test says so the moment a rule handles it (then move the line to handled.jsonl,
 * where it must keep its labels). Nothing is skipped: each row passes or fails on what the classifier says.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { toRow, type CorrectionRow } from '../../src/cli/corrections';
import { loadRulesOnlyClassifier } from '../../src/content';

function rows(file: string): CorrectionRow[] {
  const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'corrections', file), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // Exported rows read back as rows: the fixture is exactly what the command prints.
      const row = toRow({ ...(JSON.parse(line) as object), id: 'fixture' });
      if (!row) throw new Error(`${file}: not a correction row: ${line}`);
      return { ...row, id: (JSON.parse(line) as { id: string }).id };
    });
}

const sorted = (labels: readonly string[]) => [...labels].sort();
// The rules alone judge: a correction is pending until a RULE covers it, whatever the learned layer would say.
const rulesOnly = loadRulesOnlyClassifier();
const judge = (row: CorrectionRow) => sorted(rulesOnly.classify(row.text, row.lang).labels);

describe('corrections the rules handle (handled.jsonl)', () => {
  it.each(rows('handled.jsonl'))('$id: "$text" → $labels', (row) => {
    expect(judge(row)).toEqual(sorted(row.labels));
  });
});

describe('corrections still pending (pending.jsonl): expected to fail until a rule handles them', () => {
  it.each(rows('pending.jsonl'))('$id: "$text" should be $labels (pending)', (row) => {
    expect(
      judge(row),
      `the rules now give ${row.id} its corrected labels: move it from pending.jsonl to handled.jsonl`,
    ).not.toEqual(sorted(row.labels));
  });
});
