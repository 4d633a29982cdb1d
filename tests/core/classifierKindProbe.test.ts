import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadDefaultClassifier } from '../../src/content/classifierRules';
import { isEscalating } from '../../src/core/techniques';

// Kind Dutch replies that hold cue words used kindly ('omdat', 'probleem', 'schuld', 'maar', 'moet',
// 'regels', 'nee hoor'): none of them may get an escalating label (issue 16, session 6).
const classifier = loadDefaultClassifier();

interface KindRow {
  id: string;
  text: string;
}

const rows: KindRow[] = fs
  .readFileSync(path.join(__dirname, '..', 'fixtures', 'classifier', 'probe-kind-nl.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as KindRow);

describe('kind Dutch replies with cue words get no escalating label', () => {
  it.each(rows.map((r) => [r.id, r.text] as const))('%s: %s', (_id, text) => {
    expect(classifier.classify(text, 'nl').labels.filter(isEscalating)).toEqual([]);
  });
});
