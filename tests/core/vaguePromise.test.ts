/** A vague promise: a commitment with no time, and not a concrete agreement. */
import { describe, expect, it } from 'vitest';
import { loadDefaultClassifier } from '../../src/content/classifierRules';
import { isVaguePromise } from '../../src/core/report/vaguePromise';
import type { Lang } from '../../src/core/techniques';

const classifier = loadDefaultClassifier();
const vague = (text: string, lang: Lang) =>
  isVaguePromise({ traineeText: text, classification: classifier.classify(text, lang) });

describe('vague promises', () => {
  it.each([
    ['Ik ga kijken wat ik voor u kan doen.', 'nl'],
    ['Ik zoek het voor u uit.', 'nl'],
    ['Ik kom er bij u op terug.', 'nl'],
    ['Ik doe mijn best.', 'nl'],
    ["I'll see what I can do for you.", 'en'],
    ["I'll look into it.", 'en'],
    ["I'll get back to you.", 'en'],
    ['I will do my best.', 'en'],
  ] as const)('"%s" is a vague promise', (text, lang) => {
    expect(vague(text, lang)).toBe(true);
  });

  it.each([
    ['Dan bel ik u morgen voor twaalf uur terug.', 'nl'],
    ['Ik zoek het vandaag uit en bel u morgen voor twaalf uur terug.', 'nl'],
    ['Wat is er precies gebeurd?', 'nl'],
    ['Ik snap dat u boos bent.', 'nl'],
    ["Then I'll call you back tomorrow before twelve.", 'en'],
    ["I'll look into it today and call you back tomorrow before twelve.", 'en'],
    ['What exactly happened?', 'en'],
  ] as const)('"%s" is not', (text, lang) => {
    expect(vague(text, lang)).toBe(false);
  });
});
