import { describe, expect, it } from 'vitest';
import { compileRuleSet, RuleSetError } from '../../src/core/classifier/ruleCompiler';
import type { Rule, RuleSet } from '../../src/core/classifier/ruleSet';

function ruleSet(rules: Rule[], extra: Partial<RuleSet> = {}): RuleSet {
  return { lang: 'nl', lexicons: { feel: ['boos', 'heel erg boos'], agent: ['ik'], verb: ['bel*'] }, rules, ...extra };
}

const feel: Rule = { id: 'nl.t.feel', label: 'acknowledge_emotion', description: 'd', pattern: 'u bent ~2 @feel' };
const limit: Rule = { id: 'nl.t.limit', feature: 'limit', description: 'd', pattern: ['kan niet', '=mag niet'] };

describe('rule compiler', () => {
  it('numbers the patterns of all rules in rule order', () => {
    const crs = compileRuleSet(ruleSet([feel, limit]), 'nl');
    expect(crs.programs.map((p) => [p.id, crs.programRule[p.id].rule.id])).toEqual([
      [0, 'nl.t.feel'],
      [1, 'nl.t.limit'],
      [2, 'nl.t.limit'],
    ]);
    expect([...crs.lastProducer]).toEqual([
      ['acknowledge_emotion', 0],
      ['limit', 1],
    ]);
  });

  it('compiles lexicon entries to words with stems, and phrases to several words', () => {
    const crs = compileRuleSet(ruleSet([feel]), 'nl');
    const entries = crs.lexicons.get('feel')!.entries;
    expect(entries.map((words) => words.map((w) => w.text))).toEqual([['boos'], ['heel', 'erg', 'boos']]);
    expect(entries[0][0]).toMatchObject({ stem: 'bos', exact: false, prefix: false });
    expect(crs.maxSpan).toBe(3);
  });

  it('reads =word as exact, word* as prefix and *word as suffix', () => {
    const crs = compileRuleSet(ruleSet([limit], { lexicons: { forms: ['=mag', 'bel*', '*reglement'] } }), 'nl');
    expect(crs.lexicons.get('forms')!.entries.map(([w]) => [w.text, w.exact, w.prefix, w.suffix ?? false])).toEqual([
      ['mag', true, false, false],
      ['bel', false, true, false],
      ['reglement', false, false, true],
    ]);
  });

  it("maps lexicon words and pattern words through the file's spellings", () => {
    const crs = compileRuleSet(ruleSet([feel], { lexicons: { feel: ['ff'] }, spellings: { ff: 'even' } }), 'nl');
    expect(crs.lexicons.get('feel')!.entries[0][0].text).toBe('even');
  });

  it('corrects typos of the words the rules use when it reads a reply', () => {
    const crs = compileRuleSet(ruleSet([{ ...feel, pattern: 'precies' }]), 'nl');
    expect(crs.prepare('percies').map((t) => t.canon)).toEqual(['precies']);
  });

  it('notes whether any pattern asks for #time and where the agreement parts come from', () => {
    expect(compileRuleSet(ruleSet([feel]), 'nl').usesTime).toBe(false);
    const timed = compileRuleSet(
      ruleSet([feel, { id: 'nl.t.when', feature: 'when', description: 'd', pattern: '#time' }], {
        agreement: { who: 'agent', what: 'verb' },
      }),
      'nl',
    );
    expect(timed.usesTime).toBe(true);
    expect(timed.agreementAtoms.who).toBe(timed.tokenIndex.lexiconAtom('agent'));
    expect(timed.agreementAtoms.what).toBe(timed.tokenIndex.lexiconAtom('verb'));
  });

  it.each([
    ['a duplicate id', [feel, feel], 'nl: rules[1] (nl.t.feel): duplicate id'],
    ['both label and feature', [{ ...feel, feature: 'x' }], 'nl: rules[0] (nl.t.feel): give exactly one of'],
    ['an unknown label', [{ ...feel, label: 'shout' }], 'nl: rules[0] (nl.t.feel).label: unknown label "shout"'],
    [
      'an unknown lexicon',
      [limit, { ...feel, unless: ['@nope'] }],
      'nl: rules[1] (nl.t.feel).unless[0]: unknown lexicon "@nope" in "@nope"',
    ],
  ])('rejects %s, naming the rule and field', (_what, rules, message) => {
    expect(() => compileRuleSet(ruleSet(rules as Rule[]), 'nl')).toThrow(RuleSetError);
    expect(() => compileRuleSet(ruleSet(rules as Rule[]), 'nl')).toThrow(message);
  });

  it('rejects a lexicon that is not a list', () => {
    const broken = { ...ruleSet([feel]), lexicons: { feel: 'boos' } } as unknown as RuleSet;
    expect(() => compileRuleSet(broken, 'nl')).toThrow('nl: lexicons.feel must be a list of words');
  });
});
