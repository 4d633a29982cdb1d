import { describe, expect, it } from 'vitest';
import { loadDefaultClassifier } from '../../src/content/classifierRules';
import { compileConstructionWords, isGenuineQuestion } from '../../src/core/classifier/constructions';
import type { Lang, TechniqueId } from '../../src/core/techniques';

// Sentence shapes (issue 16): a genuine question about the customer's facts carries no blame,
// rule or insult label for a lone cue word in it; a reproach built as a question still does.
const classifier = loadDefaultClassifier();
const labelsOf = (text: string, lang: Lang): TechniqueId[] => [...classifier.classify(text, lang).labels].sort();

describe('a genuine question carries no escalating label for a lone cue word', () => {
  it.each<[Lang, string, TechniqueId[]]>([
    ['en', 'Is the error happening because of the new inverter, do you think?', ['ask_question']],
    ['en', 'Did you lose your job because of the pandemic?', []],
    ['en', 'Is this happening because of the new system?', []],
  ])('%s: %s', (lang, text, want) => {
    const got = labelsOf(text, lang);
    expect(got.filter((l) => ['argue', 'defend', 'rules_speak', 'counter_aggression'].includes(l))).toEqual([]);
    for (const label of want) expect(got).toContain(label);
  });
});

describe('a reproach built as a question keeps its label', () => {
  it.each<[Lang, string, TechniqueId]>([
    ['en', "Can't you read? It's on the sign at the entrance.", 'counter_aggression'],
    ['en', 'Is that too hard for you?', 'counter_aggression'],
    ['en', 'Do you want me to do your job for you as well?', 'counter_aggression'],
    ['nl', 'Is dat mijn schuld dan?', 'defend'],
    ['nl', 'Zou u willen dat ik voor iedereen een uitzondering maak?', 'rules_speak'],
  ])('%s: %s', (lang, text, label) => {
    expect(labelsOf(text, lang)).toContain(label);
  });
});

describe('isGenuineQuestion', () => {
  const words = compileConstructionWords({
    questionOpener: ['is', 'did', 'what'],
    reproachMarker: ['not', 'even', 'me'],
  });
  const tokensOf = (text: string): Parameters<typeof isGenuineQuestion>[0] =>
    text.split(' ').map((raw) => ({
      raw,
      norm: raw.toLowerCase(),
      canon: raw.toLowerCase().replace('?', ''),
      stem: raw.toLowerCase(),
      start: 0,
      end: raw.length,
      kind: raw === '?' ? 'punct' : 'word',
      boundary: raw === '?',
      clause: raw === '?',
      caps: raw.length > 1 && raw === raw.toUpperCase() && /[A-Z]/.test(raw),
      time: false,
      genuineQuestion: false,
    }));
  it.each<[string, boolean]>([
    ['did you get the letter ?', true],
    ['what would help you ?', true],
    ['did you even read it ?', false],
    ['is it not obvious ?', false],
    ['you got the letter ?', false],
    ['did you get the letter', false],
    ['DID YOU GET IT ?', false],
  ])('%s → %s', (text, genuine) => {
    const tokens = tokensOf(text);
    expect(isGenuineQuestion(tokens, 0, tokens.length, words)).toBe(genuine);
  });
});
