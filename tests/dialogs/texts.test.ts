import { describe, expect, it } from 'vitest';
import { DEMO_TEXTS, TEXTS } from '../../dialogs/texts';
import { placeholdersOutsideCode } from '../support/markdown';

describe('what the bot says', () => {
  const all = [...Object.entries(TEXTS), ...Object.entries(DEMO_TEXTS)].flatMap(([key, byLang]) =>
    Object.entries(byLang).map(([lang, text]) => ({ key, lang, text })),
  );

  it.each(all)('keeps its placeholders visible in Web Chat: $key ($lang)', ({ text }) => {
    expect(placeholdersOutsideCode(text)).toEqual([]);
  });

  it('the check finds a bare placeholder (so a pass means something)', () => {
    expect(placeholdersOutsideCode('Stem met /vote <nummer>.')).toEqual(['<nummer>']);
    expect(placeholdersOutsideCode('Stem met `/vote <nummer>`.')).toEqual([]);
  });
});
