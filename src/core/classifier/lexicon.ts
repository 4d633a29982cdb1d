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

/** A compiled word list: single words in hash sets, phrases indexed by their first word. */
export class Lexicon {
  readonly exact = new Set<string>();
  readonly stems = new Set<string>();
  readonly prefixes: string[] = [];
  readonly suffixes: string[] = [];
  readonly phrases: WordMatcher[][] = [];
  maxLen = 1;

  constructor(
    readonly name: string,
    entries: readonly string[],
    makeWord: (w: string) => WordMatcher,
  ) {
    for (const entry of entries) {
      const words = entry.trim().split(/\s+/).filter(Boolean).map(makeWord);
      if (words.length === 0) continue;
      if (words.length === 1) {
        const w = words[0]!;
        if (w.prefix) this.prefixes.push(w.text);
        else if (w.suffix) this.suffixes.push(w.text);
        else {
          this.exact.add(w.text);
          if (!w.exact && w.stem) this.stems.add(w.stem);
        }
      } else {
        this.phrases.push(words);
        this.maxLen = Math.max(this.maxLen, words.length);
      }
    }
  }

  singleAt(t: Token): boolean {
    if (this.exact.has(t.canon) || this.stems.has(t.stem)) return true;
    for (const p of this.prefixes) if (t.canon.startsWith(p)) return true;
    for (const x of this.suffixes) if (t.canon.endsWith(x)) return true;
    return false;
  }

  /** All end positions of entries starting at token i. */
  endsAt(tokens: readonly Token[], i: number): number[] {
    const out: number[] = [];
    const t = tokens[i];
    if (!t) return out;
    if (this.singleAt(t)) out.push(i + 1);
    for (const ph of this.phrases) {
      if (i + ph.length > tokens.length) continue;
      let ok = true;
      for (let j = 0; j < ph.length; j++) {
        if (!tokenMatchesWord(tokens[i + j]!, ph[j]!)) {
          ok = false;
          break;
        }
      }
      if (ok && !out.includes(i + ph.length)) out.push(i + ph.length);
    }
    return out;
  }
}
