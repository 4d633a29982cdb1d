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

/** Is the word plain ASCII without apostrophes (most words are), so lowercasing is all `normalizeWord` does? */
function plainAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x80 || c === 0x27 || c === 0x60) return false; // ' and `
  }
  return true;
}

/** Lowercase, strip diacritics, zero-width characters and apostrophes. */
export function normalizeWord(word: string): string {
  if (plainAscii(word)) return word.toLowerCase();
  return word
    .replace(ZERO_WIDTH, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(APOSTROPHES, '');
}

/** Letters and upper-case letters of a plain-ASCII word (most words are); undefined for any other. */
function asciiLetterCase(raw: string): { letters: number; upper: number } | undefined {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      letters++;
      upper++;
    } else if (c >= 0x61 && c <= 0x7a) letters++;
    else if (c >= 0x80) return undefined;
  }
  return { letters, upper };
}

/** Letters (distinct lower and upper case) and upper-case letters of a word. */
function letterCase(raw: string): { letters: number; upper: number } {
  const ascii = asciiLetterCase(raw);
  if (ascii) return ascii;
  let letters = 0;
  let upper = 0;
  for (const ch of raw) {
    if (ch !== ch.toLowerCase()) upper++;
    if (ch.toLowerCase() !== ch.toUpperCase()) letters++;
  }
  return { letters, upper };
}

// One alternation, each branch linear (no nested ambiguous quantifiers).
const TOKEN_RE =
  /(\p{N}+(?:[.,:]\p{N}+)*(?:\p{L}+)?)|([\p{L}\p{M}\u200B-\u200D\u2060\uFEFF\u00AD][\p{L}\p{M}\p{N}\u200B-\u200D\u2060\uFEFF\u00AD]*(?:['’-][\p{L}\p{M}\p{N}]+)*)|(\.{2,}|…|[.!?]+)|(\n)|([,;:()"=–—\-/])|(\S)/gu;

const NO_LETTERS = { letters: 0, upper: 0 };

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
    const { letters, upper } = kind === 'word' ? letterCase(raw) : NO_LETTERS;
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
    const counted = letterCase(t.raw);
    letters += counted.letters;
    upper += counted.upper;
  }
  return capsWords >= 2 && letters >= 6 && upper / letters >= 0.7;
}
