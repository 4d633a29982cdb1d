import { describe, expect, it } from 'vitest';
import { createClassifier, MAX_INPUT_CHARS } from '../../src/core/classifier';
import { loadClassifierRules } from '../../src/content/classifierRules';
import { isTechniqueId, type Lang } from '../../src/core/techniques';
import { rng } from '../support/prng';

const classifier = createClassifier(loadClassifierRules());

const PIECES = [
  'ik',
  'begrijp',
  'niet',
  'u',
  'dus',
  'maar',
  'regels',
  'zijn',
  '?',
  '!',
  '.',
  ',',
  ':',
  '…',
  '...',
  'DAT',
  'KLOPT',
  'ff',
  'idd',
  'mss',
  '😡',
  '🙂',
  '👍🏽',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u00ad',
  '\n',
  '\t',
  'I',
  "don't",
  'understand',
  'call',
  'you',
  'Thursday',
  '12',
  '13.00',
  '11:30',
  'half',
  'twaalf',
  'or',
  'of',
  'é',
  'ë',
  'ß',
  'İ',
  'ﬁ',
  '\u0301',
  '\ud83d',
  '\udc4d',
  '=',
  '-',
  '_',
  '@',
  '#',
  '~3',
  '*',
  '|',
  '\\',
  '"',
  "'",
];

function randomText(next: () => number, maxLen: number): string {
  const parts: string[] = [];
  let len = 0;
  while (len < maxLen) {
    const r = next();
    let piece: string;
    if (r < 0.6) piece = PIECES[Math.floor(next() * PIECES.length)]!;
    else if (r < 0.9) piece = String.fromCodePoint(Math.floor(next() * 0x2ffff));
    else piece = String.fromCharCode(Math.floor(next() * 0xffff));
    parts.push(piece);
    parts.push(next() < 0.7 ? ' ' : '');
    len += piece.length + 1;
  }
  return parts.join('');
}

function check(text: string, lang: Lang): void {
  const c = classifier.classify(text, lang);
  expect(c.text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
  expect(c.truncated).toBe(text.length > MAX_INPUT_CHARS);
  expect(new Set(c.labels).size).toBe(c.labels.length);
  for (const l of c.labels) expect(isTechniqueId(l)).toBe(true);
  for (const d of c.details) for (const e of d.evidence) expect(c.text.slice(e.start, e.end)).toBe(e.quote);
}

/** Far above any honest call, far below a blow-up (see the first test). */
const BLOW_UP_MS = 2_000;

describe('classifier fuzz: any input is safe and fast', () => {
  it('survives 1,500 random unicode strings without throwing', () => {
    const next = rng(20261125);
    // Blow-ups (a pattern that backtracks, a lexicon scan per token) show in a single call, so the slowest call is
    // held to the same bound as the long inputs below; a total over all calls would only measure the machine's load.
    // The bound is wide (a normal call takes well under a millisecond, bench:classifier prints it): a backtracking
    // pattern on these lengths takes seconds to minutes, while a busy shared CI machine can stretch one call 10×.
    let slowest = 0;
    for (let i = 0; i < 1500; i++) {
      const text = randomText(next, 1 + Math.floor(next() * 300));
      const start = performance.now();
      check(text, i % 2 ? 'nl' : 'en');
      slowest = Math.max(slowest, performance.now() - start);
    }
    expect(slowest).toBeLessThan(BLOW_UP_MS);
  });

  it.each<[string, string]>([
    ['100k random characters', randomText(rng(7), 100_000)],
    ['100k of one letter', 'a'.repeat(100_000)],
    ['the same token repeated', 'ik '.repeat(30_000)],
    ['a rule phrase repeated', 'regels zijn regels '.repeat(5_000)],
    ['question marks only', '?'.repeat(50_000)],
    ['zero-width characters only', '\u200b\u200c\u200d\ufeff'.repeat(20_000)],
    ['emoji only', '😡🙂👍🏽'.repeat(20_000)],
    ['capitals and digits', 'NEE 12 UUR '.repeat(10_000)],
    ['a lone surrogate at the cut', 'x'.repeat(MAX_INPUT_CHARS - 1) + '😡 and more'],
  ])('%s: finishes fast, never throws', (_name, text) => {
    for (const lang of ['nl', 'en'] as const) {
      const start = performance.now();
      check(text, lang);
      expect(performance.now() - start).toBeLessThan(BLOW_UP_MS);
    }
  });

  it('copes with non-string input from untyped callers', () => {
    for (const bad of [undefined, null, 42, {}, []]) {
      expect(() => classifier.classify(bad as string, 'nl')).not.toThrow();
    }
  });

  it('treats an unknown language as Dutch instead of crashing', () => {
    expect(() => classifier.classify('hallo', 'fr' as Lang)).not.toThrow();
  });
});
