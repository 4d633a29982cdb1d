import type { Token } from './text';

/** One word of a lexicon entry or pattern literal. */
export interface WordMatcher {
  text: string;
  prefix: boolean;
  /** `*word`: the token ends with `text` (Dutch compounds: `schoolreglement`). */
  suffix?: boolean;
  exact: boolean;
  stem: string | null;
}

export function tokenMatchesWord(t: Token, w: WordMatcher): boolean {
  if (t.kind !== 'word' && t.kind !== 'num' && !(t.kind === 'symbol' || t.kind === 'punct')) return false;
  if (w.prefix) return t.canon.startsWith(w.text);
  if (w.suffix) return t.canon.endsWith(w.text);
  if (t.canon === w.text) return true;
  return !w.exact && w.stem !== null && t.stem === w.stem;
}

/**
 * A compiled word list: each entry is one word or a phrase of several. The match index
 * (`matchIndex.ts`) looks entries up by their (first) word; `tokenMatchesWord` defines a match.
 */
export class Lexicon {
  readonly entries: WordMatcher[][] = [];
  maxLen = 1;

  constructor(
    readonly name: string,
    entries: readonly string[],
    makeWord: (w: string) => WordMatcher,
  ) {
    for (const entry of entries) {
      const words = entry.trim().split(/\s+/).filter(Boolean).map(makeWord);
      if (words.length === 0) continue;
      this.entries.push(words);
      this.maxLen = Math.max(this.maxLen, words.length);
    }
  }
}
