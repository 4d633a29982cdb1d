import { describe, expect, it } from 'vitest';
import { matchRules, type ReplySurface } from '../../src/core/classifier/matcher';
import { compileRuleSet } from '../../src/core/classifier/ruleCompiler';
import type { Rule } from '../../src/core/classifier/ruleSet';

const rule = (id: string, fields: Omit<Rule, 'id' | 'description'>): Rule => ({ id, description: 'd', ...fields });

const crs = compileRuleSet(
  {
    lang: 'nl',
    lexicons: { feel: ['boos', 'verdrietig'] },
    rules: [
      rule('nl.t.feel', { label: 'acknowledge_emotion', pattern: 'u bent ~2 @feel', unless: ['niet'] }),
      rule('nl.t.rules', { label: 'rules_speak', pattern: 'regels', requires: ['limit'] }),
      rule('nl.t.limit', { feature: 'limit', pattern: 'kan niet' }),
      rule('nl.t.sorry', { label: 'listen', pattern: 'sorry', excludes: ['*'] }),
      rule('nl.t.first', { label: 'summarize', pattern: 'dus', notAfter: ['acknowledge_emotion'] }),
      rule('nl.t.short', { label: 'dismiss', pattern: 'rustig', maxWords: 2 }),
      rule('nl.t.ask', { label: 'ask_question', pattern: 'wat', signals: { question: true } }),
      rule('nl.t.ja', { label: 'make_agreement', pattern: 'ja' }),
    ],
  },
  'nl',
);

function match(text: string): { hits: string[]; present: string[] } {
  const tokens = crs.prepare(text);
  const surface: ReplySurface = {
    shouting: false,
    question: text.includes('?'),
    wordCount: tokens.filter((t) => t.kind === 'word').length,
  };
  const found = matchRules(crs, tokens, surface);
  return {
    hits: found.kept.map((h) => `${h.ruleId}: ${text.slice(h.start, h.end)}`),
    present: [...found.present].sort(),
  };
}

describe('matcher', () => {
  it('quotes the words a pattern matched', () => {
    expect(match('Ik zie het, u bent echt boos.').hits).toEqual(['nl.t.feel: u bent echt boos']);
  });

  it('lets an unless pattern cancel a match in its own sentence only', () => {
    expect(match('U bent niet boos.').hits).toEqual([]);
    expect(match('Niet leuk. U bent boos.').hits).toEqual(['nl.t.feel: U bent boos']);
  });

  it('keeps a rule that requires a feature only when the feature is found, also later in the file', () => {
    expect(match('Dat kan niet, de regels.').present).toEqual(['limit', 'rules_speak']);
    expect(match('De regels.').present).toEqual([]);
  });

  it('drops a rule excluding every other label when another label is present', () => {
    expect(match('Sorry.').present).toEqual(['listen']);
    expect(match('Sorry, u bent boos.').present).toEqual(['acknowledge_emotion']);
  });

  it('drops a notAfter match that comes after the named label', () => {
    expect(match('Dus u bent boos.').present).toEqual(['acknowledge_emotion', 'summarize']);
    expect(match('U bent boos, dus.').present).toEqual(['acknowledge_emotion']);
  });

  it('checks reply-wide conditions: word count and question mark', () => {
    expect(match('Rustig aan.').present).toEqual(['dismiss']);
    expect(match('Doe nu eens rustig aan.').present).toEqual([]);
    expect(match('Wat is er?').present).toEqual(['ask_question']);
    expect(match('Wat een dag.').present).toEqual([]);
  });

  it('keeps at most three matches per rule', () => {
    expect(match('ja ja ja ja ja').hits).toHaveLength(3);
  });
});
