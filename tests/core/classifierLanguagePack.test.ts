import { describe, expect, it } from 'vitest';
import { languagePack, type WordCorrector } from '../../src/core/classifier/languagePack';

describe('language pack', () => {
  it("stems with the language's own Porter stemmer", () => {
    expect(languagePack('nl').stem('lopen')).toBe('lop');
    expect(languagePack('en').stem('running')).toBe('run');
  });

  it('leaves words without letters unstemmed', () => {
    expect(languagePack('nl').stem('12.30')).toBe('12.30');
  });

  it('maps chat spellings after normalising', () => {
    const nl = languagePack('nl', { ff: 'even' });
    expect(nl.canonical('FF')).toBe('even');
    expect(nl.canonical('Beëindig')).toBe('beeindig');
  });

  it('reads a spelling of several words as several tokens at the offsets of the typed word', () => {
    const tokens = languagePack('nl', { das: 'dat is' }).tokenize('Das goed.');
    expect(tokens.map((t) => t.canon)).toEqual(['dat', 'is', 'goed', '.']);
    expect(tokens.slice(0, 2).map((t) => [t.raw, t.start, t.end])).toEqual([
      ['Das', 0, 3],
      ['Das', 0, 3],
    ]);
    expect(tokens[2].stem).toBe('goed');
  });

  it('asks the corrector about unknown words only, and stems the corrected word', () => {
    const asked: string[] = [];
    const corrector: WordCorrector = {
      correct(norm) {
        asked.push(norm);
        return norm === 'begijpen' ? 'begrijpen' : norm;
      },
    };
    const tokens = languagePack('nl', { ff: 'even' }).tokenize('Ik begijpen het ff', corrector);
    expect(asked).toEqual(['ik', 'begijpen', 'het']);
    expect(tokens[1]).toMatchObject({ raw: 'begijpen', norm: 'begijpen', canon: 'begrijpen', stem: 'begrijp' });
  });

  it('reads each word once per corrector: a later reply reuses the reading, another corrector reads anew', () => {
    const asked: string[] = [];
    const fixing = (from: string, to: string): WordCorrector => ({
      correct(norm) {
        asked.push(norm);
        return norm === from ? to : norm;
      },
    });
    const pack = languagePack('nl', { das: 'dat is' });
    const first = fixing('begijpen', 'begrijpen');
    const canons = (text: string, corrector?: WordCorrector) => pack.tokenize(text, corrector).map((t) => t.canon);
    expect(canons('Das begijpen', first)).toEqual(['dat', 'is', 'begrijpen']);
    expect(canons('das BEGIJPEN!', first)).toEqual(['dat', 'is', 'begrijpen', '!']);
    expect(asked).toEqual(['begijpen']);
    expect(canons('Das begijpen', fixing('begijpen', 'begijnen'))).toEqual(['dat', 'is', 'begijnen']);
    expect(canons('Das begijpen')).toEqual(['dat', 'is', 'begijpen']);
    expect(asked).toEqual(['begijpen', 'begijpen']);
  });

  it('corrects nothing without a corrector', () => {
    expect(languagePack('nl').tokenize('begijpen')[0].canon).toBe('begijpen');
  });
});
