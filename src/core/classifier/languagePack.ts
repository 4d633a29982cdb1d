/**
 * Everything the classifier knows about reading one language: the tokeniser (shared, `text.ts`),
 * the language's Porter stemmer from natural, and the rule file's chat spellings (`ff` → `even`,
 * `das` → `dat is`). The lexicons themselves live in `rules/<lang>.yaml` and are compiled by
 * `ruleCompiler.ts` with this pack's `canonical` and `stem`.
 */
import { PorterStemmer, PorterStemmerNl } from './naturalParts';
import type { Lang } from '../techniques';
import { normalizeWord, tokenize, type Token } from './text';

export interface Stemmer {
  stem(word: string): string;
}

/** One stemmer per language; a new language in `Lang` does not compile until it has one. */
const STEMMERS: Record<Lang, Stemmer> = {
  nl: { stem: (word) => PorterStemmerNl.stem(word) },
  en: { stem: (word) => PorterStemmer.stem(word) },
};

/** Reads a word that no rule knows as a near vocabulary word (see `typoCorrector.ts`). */
export interface WordCorrector {
  correct(norm: string, stem: string): string;
}

const STEM_CACHE_LIMIT = 50_000;
const READING_CACHE_LIMIT = 20_000;

/** How the rules read one typed word: its canonical form and stem; `split` when the spelling stands for several words. */
interface WordReading {
  canon: string;
  stem: string;
  split: boolean;
}

export class LanguagePack {
  private readonly spellings = new Map<string, string>();
  private readonly stemCache = new Map<string, string>();
  /** One read per word instead of a spelling, stem and typo look-up each time; kept for one corrector. */
  private readonly readings = new Map<string, WordReading>();
  private readingsCorrector: WordCorrector | undefined;

  constructor(
    readonly lang: Lang,
    private readonly stemmer: Stemmer,
    spellings: Readonly<Record<string, string>> = {},
  ) {
    for (const [k, v] of Object.entries(spellings)) this.spellings.set(normalizeWord(k), normalizeWord(v));
  }

  /** The form patterns compare against: normalised, then mapped through the chat spellings. */
  canonical(word: string): string {
    const n = normalizeWord(word);
    return this.spellings.get(n) ?? n;
  }

  /** The stem of a normalised word; words without letters (numbers, punctuation) stay as they are. */
  stem(word: string): string {
    let s = this.stemCache.get(word);
    if (s === undefined) {
      s = /\p{L}/u.test(word) ? this.stemmer.stem(word) : word;
      if (this.stemCache.size > STEM_CACHE_LIMIT) this.stemCache.clear();
      this.stemCache.set(word, s);
    }
    return s;
  }

  /** Tokens of a reply with their canonical forms and stems; typos fixed by `corrector` when given. */
  tokenize(text: string, corrector?: WordCorrector): Token[] {
    const tokens = tokenize(text);
    if (corrector !== this.readingsCorrector) {
      this.readings.clear();
      this.readingsCorrector = corrector;
    }
    let split = false;
    for (const t of tokens) {
      if (t.kind !== 'word') continue;
      let reading = this.readings.get(t.norm);
      if (reading === undefined) {
        reading = this.read(t.norm, corrector);
        if (this.readings.size > READING_CACHE_LIMIT) this.readings.clear();
        this.readings.set(t.norm, reading);
      }
      t.canon = reading.canon;
      t.stem = reading.stem;
      if (reading.split) split = true;
    }
    return split ? this.splitContractions(tokens) : tokens;
  }

  /** A word's reading: through the chat spellings, else its stem, typo fixed by `corrector` when given. */
  private read(norm: string, corrector?: WordCorrector): WordReading {
    const mapped = this.spellings.get(norm);
    if (mapped !== undefined) return { canon: mapped, stem: this.stem(mapped), split: mapped.includes(' ') };
    const stem = this.stem(norm);
    const fixed = corrector ? corrector.correct(norm, stem) : norm;
    return fixed === norm
      ? { canon: norm, stem, split: false }
      : { canon: fixed, stem: this.stem(fixed), split: false };
  }

  /** A chat spelling that stands for several words ('das' → 'dat is') becomes several tokens with
   * the offsets of the typed word, so that patterns see the words and evidence quotes stay exact. */
  private splitContractions(tokens: Token[]): Token[] {
    const out: Token[] = [];
    for (const t of tokens) {
      if (t.kind !== 'word' || !t.canon.includes(' ')) {
        out.push(t);
        continue;
      }
      const parts = t.canon.split(' ').filter((w) => w.length > 0);
      parts.forEach((w, i) => {
        out.push({ ...t, canon: w, stem: this.stem(w), boundary: i === parts.length - 1 ? t.boundary : false });
      });
    }
    return out;
  }
}

/** The pack for a language, with the chat spellings of its rule file. */
export function languagePack(lang: Lang, spellings?: Readonly<Record<string, string>>): LanguagePack {
  return new LanguagePack(lang, STEMMERS[lang], spellings);
}
