/**
 * One-typo correction against the words the rules use: a word of 5+ letters that no rule knows,
 * but that is one edit (restricted Damerau-Levenshtein, natural) away from a rule word starting
 * with the same letter, is read as that word (`percies` → `precies`). Candidates come from a
 * SymSpell-style deletion index, so a lookup costs a few map reads, not a pass over the vocabulary.
 */
import { DamerauLevenshteinDistance } from './naturalParts';
import type { WordCorrector } from './languagePack';

const FUZZY_MIN_LEN = 5;
const CACHE_LIMIT = 20_000;
const LETTERS_ONLY = /^\p{L}+$/u;

function deletionsOf(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

export class TypoCorrector implements WordCorrector {
  /** Deletion variant → vocabulary words it comes from, in vocabulary order (the first fit wins). */
  private readonly deletions = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();

  /** `words`: the normalised words the rules use; `stems`: their stems (a known stem is never corrected). */
  constructor(
    private readonly words: ReadonlySet<string>,
    private readonly stems: ReadonlySet<string>,
  ) {
    for (const w of words) {
      if (w.length < FUZZY_MIN_LEN || !LETTERS_ONLY.test(w)) continue;
      for (const d of deletionsOf(w)) {
        const list = this.deletions.get(d);
        if (list) {
          if (!list.includes(w)) list.push(w);
        } else this.deletions.set(d, [w]);
      }
    }
  }

  /** A typo of a vocabulary word (one edit, same first letter), or the word itself. */
  correct(norm: string, stem: string): string {
    if (norm.length < FUZZY_MIN_LEN || this.words.has(norm) || this.stems.has(stem) || !LETTERS_ONLY.test(norm))
      return norm;
    const cached = this.cache.get(norm);
    if (cached !== undefined) return cached;
    const best = this.nearest(norm);
    if (this.cache.size > CACHE_LIMIT) this.cache.clear();
    this.cache.set(norm, best);
    return best;
  }

  private nearest(norm: string): string {
    for (const c of [norm, ...deletionsOf(norm)]) {
      for (const w of this.deletions.get(c) ?? []) {
        if (w[0] !== norm[0] || Math.abs(w.length - norm.length) > 1) continue;
        if (DamerauLevenshteinDistance(norm, w, { restricted: true }) <= 1) return w;
      }
    }
    return norm;
  }
}
