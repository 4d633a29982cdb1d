/**
 * The token-pattern language (see docs/classifier.md). A pattern is a space-separated
 * sequence of elements, compiled to a small automaton and run as a Thompson NFA over tokens:
 * time is linear in the number of tokens times the pattern size, no backtracking.
 *
 *   word        a token equal to the word, or with the same stem (words of 4+ letters)
 *   word*       a token starting with `word`
 *   =word       exactly this form, no stemming
 *   @name       any entry of lexicon `name` (entries may be phrases of several words)
 *   #class      #num #caps #q (question mark) #gq (the ? of a genuine question) #excl #punct #word #emoji #time #any
 *   a|b|c       any of the alternatives;  op_uw  a phrase of several words inside an alternative
 *   !x          one token that does not match x
 *   x?  x+      optional, one or more (suffix)
 *   ~N          skip 0..N tokens inside the sentence;  *N  the same, across sentences
 *   ^  $        sentence start / end;  <  >  clause start / end (also at commas)
 *   , :         literal punctuation tokens
 */

/** One alternative of a pattern element. `id` is its number in the rule set's match index (NO_ID until compiled). */
export type Atom = (
  | {
      k: 'lit';
      w: string;
      exact: boolean;
      /** Stem to compare with (null: exact form only); filled in at compile time. */ stem?: string | null;
    }
  | { k: 'pre'; p: string }
  | { k: 'lex'; name: string }
  | { k: 'cls'; c: TokenClass }
) & { id: number };

/** The id of an atom or program that is not (yet) in a rule set's index. */
export const NO_ID = -1;

export type TokenClass = 'num' | 'caps' | 'q' | 'gq' | 'excl' | 'punct' | 'word' | 'emoji' | 'time' | 'any';
const CLASSES: readonly TokenClass[] = ['num', 'caps', 'q', 'gq', 'excl', 'punct', 'word', 'emoji', 'time', 'any'];

export type Elem =
  | { k: 'atoms'; alts: Atom[]; neg: boolean; opt: boolean; plus: boolean }
  | { k: 'gap'; n: number; cross: boolean }
  | { k: 'anchor'; a: '^' | '$' | '<' | '>' };

export const MAX_GAP = 40;

export class PatternError extends Error {}

/** Registers an anonymous one-entry lexicon for a phrase alternative (`op_uw`) and returns its name. */
export type PhraseRegistrar = (phrase: string) => string;

function parseAtom(
  src: string,
  lexicons: ReadonlySet<string>,
  canon: (w: string) => string,
  phrase?: PhraseRegistrar,
): Atom {
  if (src === '$' || src === '^' || src === '<' || src === '>') {
    throw new PatternError(`anchor "${src}" cannot be an alternative or be negated; write a second pattern`);
  }
  if (/^[,:;.!()"/=-]$/.test(src)) return { k: 'lit', w: src, exact: true, id: NO_ID };
  if (src.includes('_') && !src.startsWith('@') && !src.startsWith('#')) {
    if (!phrase) throw new PatternError(`phrases ("${src}") are not allowed here`);
    const words = src.split('_').filter(Boolean);
    if (words.length === 0) throw new PatternError(`empty phrase "${src}"`);
    return { k: 'lex', name: phrase(words.join(' ')), id: NO_ID };
  }
  if (src.startsWith('@')) {
    const name = src.slice(1);
    if (!lexicons.has(name)) throw new PatternError(`unknown lexicon "@${name}"`);
    return { k: 'lex', name, id: NO_ID };
  }
  if (src.startsWith('#')) {
    const c = src.slice(1) as TokenClass;
    if (!CLASSES.includes(c))
      throw new PatternError(`unknown token class "${src}" (known: ${CLASSES.map((x) => '#' + x).join(' ')})`);
    return { k: 'cls', c, id: NO_ID };
  }
  if (src.startsWith('=')) {
    const w = canon(src.slice(1));
    if (!w) throw new PatternError(`empty literal in "${src}"`);
    return { k: 'lit', w, exact: true, id: NO_ID };
  }
  if (src.endsWith('*') && src.length > 1) {
    return { k: 'pre', p: canon(src.slice(0, -1)), id: NO_ID };
  }
  if (/^[,:;.!()"/=-]$/.test(src)) return { k: 'lit', w: src, exact: true, id: NO_ID };
  const w = canon(src);
  if (!w) throw new PatternError(`empty or invalid literal "${src}"`);
  return { k: 'lit', w, exact: false, id: NO_ID };
}

/** Parses one pattern string. Throws PatternError with a readable reason. */
export function parsePattern(
  src: string,
  lexicons: ReadonlySet<string>,
  canon: (w: string) => string,
  phrase?: PhraseRegistrar,
): Elem[] {
  const parts = src.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw new PatternError('empty pattern');
  const elems: Elem[] = [];
  for (const part of parts) {
    const m = /^([~*])(\d+)$/.exec(part);
    if (m) {
      const n = Number(m[2]);
      if (n < 1 || n > MAX_GAP) throw new PatternError(`gap "${part}" must be between 1 and ${MAX_GAP}`);
      elems.push({ k: 'gap', n, cross: m[1] === '*' });
      continue;
    }
    if (part === '^' || part === '$' || part === '<' || part === '>') {
      elems.push({ k: 'anchor', a: part });
      continue;
    }
    let body = part;
    let opt = false;
    let plus = false;
    if (body.length > 1 && body.endsWith('?')) {
      opt = true;
      body = body.slice(0, -1);
    } else if (body.length > 1 && body.endsWith('+')) {
      plus = true;
      body = body.slice(0, -1);
    }
    let neg = false;
    if (body.startsWith('!') && body.length > 1) {
      neg = true;
      body = body.slice(1);
    }
    const alts = body.split('|').map((a) => {
      if (!a) throw new PatternError(`empty alternative in "${part}"`);
      return parseAtom(a, lexicons, canon, phrase);
    });
    if (neg && alts.some((a) => a.k === 'lex')) {
      // A negated lexicon only looks at single tokens; allowed.
    }
    elems.push({ k: 'atoms', alts, neg, opt, plus });
  }
  if (!elems.some((e) => e.k === 'atoms' && !e.opt)) {
    throw new PatternError('a pattern needs at least one element that is not optional');
  }
  return elems;
}

/** Compiled program state. Gaps are expanded to `gapN` optional any-token states. */
export type State =
  | { k: 'match'; e: Extract<Elem, { k: 'atoms' }> }
  | { k: 'skip'; cross: boolean }
  | { k: 'anchor'; a: '^' | '$' | '<' | '>' };

export interface Program {
  /** Number of the program in its rule set's program index (NO_ID when not indexed). */
  id: number;
  states: State[];
  /** Groups of atoms of which at least one must occur in the reply for a match to be possible. */
  required: Atom[][];
  source: string;
  /** The states as flat arrays, made on the first run (atom ids are final by then). */
  vm?: Machine;
  /** `required` as atom ids (each group's size, then its ids), made on first use. */
  requiredIds?: Int32Array;
}

export function compilePattern(
  src: string,
  lexicons: ReadonlySet<string>,
  canon: (w: string) => string,
  phrase?: PhraseRegistrar,
): Program {
  const elems = parsePattern(src, lexicons, canon, phrase);
  const states: State[] = [];
  const required: Atom[][] = [];
  for (const e of elems) {
    if (e.k === 'gap') for (let i = 0; i < e.n; i++) states.push({ k: 'skip', cross: e.cross });
    else if (e.k === 'anchor') states.push({ k: 'anchor', a: e.a });
    else {
      states.push({ k: 'match', e });
      if (
        !e.opt &&
        !e.neg &&
        !e.alts.some((a) => a.k === 'cls' && (a.c === 'any' || a.c === 'word' || a.c === 'punct'))
      ) {
        required.push(e.alts);
      }
    }
  }
  return { id: NO_ID, states, required, source: src };
}

/** What the matcher needs to know about the reply. */
export interface MatchContext {
  n: number;
  boundary(i: number): boolean;
  clause(i: number): boolean;
  /** Lengths of the matches of the atom with this id starting at token i, as bits: bit k set = a match of k + 1 tokens. */
  endMask(atom: number, i: number): number;
  maxSpan: number;
}

export interface Span {
  start: number;
  end: number;
}

const NONE = -1;

// State operations of the flat program.
const OP_MATCH = 0;
const OP_SKIP = 1;
const OP_SKIP_CROSS = 2;
const OP_SENTENCE_START = 3;
const OP_CLAUSE_START = 4;
const OP_SENTENCE_END = 5;
const OP_CLAUSE_END = 6;
const ANCHOR_OP = { '^': OP_SENTENCE_START, '<': OP_CLAUSE_START, $: OP_SENTENCE_END, '>': OP_CLAUSE_END } as const;
const OPT = 1;
const NEG = 2;
const PLUS = 4;

/**
 * A program as the matcher runs it: one operation and flag byte per state and the atom ids of
 * each match state in one array, so that a step reads numbers instead of objects of several shapes.
 */
interface Machine {
  op: Uint8Array;
  flags: Uint8Array;
  /** Atom ids of state s: `alts[altStart[s]]` up to `alts[altStart[s + 1]]`. */
  altStart: Int32Array;
  alts: Int32Array;
  /**
   * The first state a match consumes a token in, when only anchors come before it and it is a
   * plain (not optional, not negated) match; else -1. From an empty state set, a token where none
   * of its atoms match cannot start anything.
   */
  entry: number;
}

function machineOf(prog: Program): Machine {
  const S = prog.states.length;
  const op = new Uint8Array(S);
  const flags = new Uint8Array(S);
  const altStart = new Int32Array(S + 1);
  const ids: number[] = [];
  prog.states.forEach((state, s) => {
    altStart[s] = ids.length;
    if (state.k === 'skip') op[s] = state.cross ? OP_SKIP_CROSS : OP_SKIP;
    else if (state.k === 'anchor') op[s] = ANCHOR_OP[state.a];
    else {
      op[s] = OP_MATCH;
      flags[s] = (state.e.opt ? OPT : 0) | (state.e.neg ? NEG : 0) | (state.e.plus ? PLUS : 0);
      for (const a of state.e.alts) ids.push(a.id);
    }
  });
  altStart[S] = ids.length;
  let entry = 0;
  while (entry < S && op[entry] >= OP_SENTENCE_START) entry++;
  if (entry >= S || op[entry] !== OP_MATCH || (flags[entry] & (OPT | NEG)) !== 0) entry = -1;
  return { op, flags, altStart, alts: Int32Array.from(ids), entry };
}

/**
 * The state rows of the running program, shared by all programs (one runs at a time, and never
 * inside another), so that they stay in the processor's cache: row r holds, per state (and, last,
 * the accepting state), the earliest start reaching it at the token positions equal to r modulo
 * the number of rows. Every entry is NONE between runs.
 */
let rows = new Int32Array(4096).fill(NONE);
/** Set while a run may have left entries behind (an exception inside it); the next run clears them. */
let rowsDirty = false;

/** Records that entry i (a state of a row) is reached by a match starting at `start`, keeping the earliest start. */
function reach(i: number, start: number): void {
  const v = rows[i];
  if (v === NONE || start < v) rows[i] = start;
}

function clearRow(at: number, width: number): void {
  for (let i = at, end = at + width; i < end; i++) rows[i] = NONE;
}

const NO_SPANS: readonly Span[] = Object.freeze([]);

/**
 * Finds up to `limit` non-overlapping matches in tokens [from, to), leftmost-longest. Thompson
 * simulation: each state keeps the earliest start that reaches it, so the work per token is
 * bounded by the number of states (times the longest lexicon phrase). A found match is extended
 * while states that started no later are alive; at most `limit` matches are reported, so the
 * total work stays linear in the number of tokens.
 */
export function runProgram(prog: Program, ctx: MatchContext, from: number, to: number, limit: number): readonly Span[] {
  const vm = (prog.vm ??= machineOf(prog));
  const { op, flags, altStart, alts, entry } = vm;
  const S = op.length;
  const W = S + 1; // row width
  const R = ctx.maxSpan + 1;
  if (rows.length < R * W) rows = new Int32Array(Math.max(R * W, 2 * rows.length)).fill(NONE);
  else if (rowsDirty) rows.fill(NONE);
  rowsDirty = true;
  let out: Span[] | null = null;
  let bestStart = NONE;
  let bestEnd = NONE;
  // The furthest positions a transition has reached (any state; a state other than the accepting
  // one): rows after p are empty, or hold no state that can still go on, when they are <= p.
  let written = NONE;
  let live = NONE;
  for (let p = from; p <= to; p++) {
    if (bestStart === NONE && written < p) {
      // Nothing is alive: only a match starting here can do anything.
      if (p === to) continue;
      if (entry >= 0) {
        let any = 0;
        for (let k = altStart[entry], end = altStart[entry + 1]; k < end; k++) any |= ctx.endMask(alts[k], p);
        if (any === 0) continue;
      }
    }
    const cur = (p % R) * W;
    if (p < to && bestStart === NONE) reach(cur, p);
    // epsilon closure: transitions only go forward, one pass suffices
    for (let s = 0; s < S; s++) {
      const st = rows[cur + s];
      if (st === NONE) continue;
      switch (op[s]) {
        case OP_SKIP:
        case OP_SKIP_CROSS:
          reach(cur + s + 1, st);
          break;
        case OP_SENTENCE_START:
          if (p === from || ctx.boundary(p - 1)) reach(cur + s + 1, st);
          break;
        case OP_CLAUSE_START:
          if (p === from || ctx.clause(p - 1)) reach(cur + s + 1, st);
          break;
        case OP_SENTENCE_END:
          if (p === to || ctx.boundary(p)) reach(cur + s + 1, st);
          break;
        case OP_CLAUSE_END:
          if (p === to || ctx.clause(p)) reach(cur + s + 1, st);
          break;
        default:
          if ((flags[s] & OPT) !== 0) reach(cur + s + 1, st);
      }
    }
    const acc = rows[cur + S];
    rows[cur + S] = NONE;
    if (acc !== NONE && acc < p && (bestStart === NONE || acc <= bestStart)) {
      bestStart = acc;
      bestEnd = p;
    }
    if (bestStart !== NONE) {
      // states that started after the pending match cannot beat it
      for (let s = 0; s < S; s++) if (rows[cur + s] > bestStart) rows[cur + s] = NONE;
    }
    if (p < to) {
      const next = ((p + 1) % R) * W;
      for (let s = 0; s < S; s++) {
        const st = rows[cur + s];
        if (st === NONE) continue;
        const o = op[s];
        if (o === OP_SKIP_CROSS || (o === OP_SKIP && !ctx.boundary(p))) {
          reach(next + s + 1, st);
          if (p + 1 > written) written = p + 1;
          if (s + 1 < S && p + 1 > live) live = p + 1;
          continue;
        }
        if (o !== OP_MATCH) continue;
        const f = flags[s];
        if ((f & NEG) !== 0) {
          let hit = false;
          for (let k = altStart[s], end = altStart[s + 1]; k < end; k++)
            if ((ctx.endMask(alts[k], p) & 1) !== 0) hit = true;
          if (!hit) {
            reach(next + s + 1, st);
            if ((f & PLUS) !== 0) reach(next + s, st);
            if (p + 1 > written) written = p + 1;
            if ((s + 1 < S || (f & PLUS) !== 0) && p + 1 > live) live = p + 1;
          }
          continue;
        }
        for (let k = altStart[s], end = altStart[s + 1]; k < end; k++) {
          // one bit per match length; the order of the ends does not matter (earliest start wins)
          for (let mask = ctx.endMask(alts[k], p), len = 1; mask !== 0; mask >>>= 1, len++) {
            if ((mask & 1) === 0) continue;
            const end = p + len;
            if (end > to) break;
            const row = (end % R) * W;
            reach(row + s + 1, st);
            if ((f & PLUS) !== 0) reach(row + s, st);
            if (end > written) written = end;
            if ((s + 1 < S || (f & PLUS) !== 0) && end > live) live = end;
          }
        }
      }
    }
    clearRow(cur, W);
    if (bestStart !== NONE && (p === to || live <= p)) {
      (out ??= []).push({ start: bestStart, end: bestEnd });
      for (let q = p + 1; q <= written; q++) clearRow((q % R) * W, W);
      written = NONE;
      live = NONE;
      if (out.length >= limit) {
        rowsDirty = false;
        return out;
      }
      p = bestEnd - 1; // continue right after the match
      bestStart = NONE;
    }
  }
  rowsDirty = false;
  return out ?? NO_SPANS;
}
