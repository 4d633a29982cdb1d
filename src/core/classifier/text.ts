/** Tokenising with character offsets (natural's tokenizers drop offsets, which evidence needs). */

export interface Token {
  /** Surface form as typed. */
  raw: string;
  /** Lowercased, diacritics and zero-width characters removed, apostrophes dropped. */
  norm: string;
  /** `norm` after chat-spelling mapping and typo correction: what patterns compare against. */
  canon: string;
  stem: string;
  start: number;
  end: number;
  kind: 'word' | 'num' | 'punct' | 'symbol';
  /** Ends a sentence: . ! ? ; … or a line break. */
  boundary: boolean;
  /** Ends a clause: sentence boundary or , : – */
  clause: boolean;
  /** All capitals, at least two letters. */
  caps: boolean;
  /** Marked as part of a time expression by a recogniser. */
  time: boolean;
  /** The `?` that closes a genuine question (set by the sentence shapes before matching). */
  genuineQuestion: boolean;
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const APOSTROPHES = /['’‘`]/g;

/** Lowercase, strip diacritics, zero-width characters and apostrophes. */
export function normalizeWord(word: string): string {
  return word
    .replace(ZERO_WIDTH, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(APOSTROPHES, '');
}

// One alternation, each branch linear (no nested ambiguous quantifiers).
const TOKEN_RE =
  /(\p{N}+(?:[.,:]\p{N}+)*(?:\p{L}+)?)|([\p{L}\p{M}\u200B-\u200D\u2060\uFEFF\u00AD][\p{L}\p{M}\p{N}\u200B-\u200D\u2060\uFEFF\u00AD]*(?:['’-][\p{L}\p{M}\p{N}]+)*)|(\.{2,}|…|[.!?]+)|(\n)|([,;:()"=–—\-/])|(\S)/gu;

const SENTENCE_PUNCT = /^(?:\.{1,}|…|[!?]+|[.!?]+|;|\n)$/;

/** Splits text into tokens with offsets. Linear in the length of the text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    let kind: Token['kind'];
    if (m[1] !== undefined) kind = 'num';
    else if (m[2] !== undefined) kind = 'word';
    else if (m[3] !== undefined || m[4] !== undefined || m[5] !== undefined) kind = 'punct';
    else kind = 'symbol';
    if (kind === 'symbol' && /[\s\u200B-\u200D\u2060\uFEFF\u00AD]/u.test(raw)) continue;
    const norm = kind === 'word' || kind === 'num' ? normalizeWord(raw) : raw === '\n' ? '.' : raw;
    if (kind === 'word' && norm.length === 0) continue;
    const boundary = kind === 'punct' && (SENTENCE_PUNCT.test(raw) || raw.includes('?') || raw.includes('!'));
    const clause = boundary || (kind === 'punct' && /^[,:;–—-]$/.test(raw));
    let letters = 0;
    let upper = 0;
    if (kind === 'word') {
      for (const ch of raw) {
        if (ch !== ch.toLowerCase()) upper++;
        if (ch.toLowerCase() !== ch.toUpperCase()) letters++;
      }
    }
    tokens.push({
      raw,
      norm,
      canon: norm,
      stem: norm,
      start,
      end,
      kind,
      boundary,
      clause,
      caps: letters >= 2 && upper === letters,
      time: false,
      genuineQuestion: false,
    });
  }
  return tokens;
}

/** Mostly capitals: at least two all-caps words, at least 70% of letters upper case. */
export function isShouting(tokens: readonly Token[]): boolean {
  let letters = 0;
  let upper = 0;
  let capsWords = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    if (t.caps && t.norm.length >= 2) capsWords++;
    for (const ch of t.raw) {
      const lo = ch.toLowerCase();
      if (lo !== ch.toUpperCase()) {
        letters++;
        if (ch !== lo) upper++;
      }
    }
  }
  return capsWords >= 2 && letters >= 6 && upper / letters >= 0.7;
}
