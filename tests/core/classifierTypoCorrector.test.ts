import { describe, expect, it } from 'vitest';
import { TypoCorrector } from '../../src/core/classifier/typoCorrector';

describe('typo corrector', () => {
  const corrector = new TypoCorrector(new Set(['precies', 'begrijp', 'boos']), new Set(['precis']));
  const correct = (word: string): string => corrector.correct(word, word);

  it('reads a word one edit away from a rule word as that word', () => {
    expect(correct('percies')).toBe('precies'); // two letters swapped
    expect(correct('prcies')).toBe('precies'); // one letter missing
    expect(correct('begijp')).toBe('begrijp');
  });

  it('leaves words two edits away alone', () => {
    expect(correct('prcise')).toBe('prcise');
  });

  it('needs the same first letter', () => {
    expect(correct('brecies')).toBe('brecies');
  });

  it('leaves short words, words with digits and words whose stem the rules know alone', () => {
    expect(correct('bose')).toBe('bose');
    expect(correct('precies1')).toBe('precies1');
    expect(corrector.correct('precise', 'precis')).toBe('precise');
  });

  it('gives the same answer from its cache', () => {
    expect(correct('percies')).toBe('precies');
    expect(correct('percies')).toBe('precies');
  });
});
