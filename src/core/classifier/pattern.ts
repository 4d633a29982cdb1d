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
  /** Reused state buffers of runProgram (one program never runs inside itself). */
  scratch?: Int32Array[];
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
  /** Lengths of the matches of `atom` starting at token i, as bits: bit k set = a match of k + 1 tokens. */
  endMask(atom: Atom, i: number): number;
  maxSpan: number;
}

export interface Span {
  start: number;
  end: number;
}

const NONE = -1;

/** Records that state s is reached by a match starting at `start`, keeping the earliest start. */
function reach(arr: Int32Array, s: number, start: number): void {
  const v = arr[s];
  if (v === NONE || start < v) arr[s] = start;
}

function anyLive(buf: readonly Int32Array[], S: number): boolean {
  for (const b of buf) for (let s = 0; s < S; s++) if (b[s] !== NONE) return true;
  return false;
}

/**
 * Finds up to `limit` non-overlapping matches in tokens [from, to), leftmost-longest. Thompson
 * simulation: each state keeps the earliest start that reaches it, so the work per token is
 * bounded by the number of states (times the longest lexicon phrase). A found match is extended
 * while states that started no later are alive; at most `limit` matches are reported, so the
 * total work stays linear in the number of tokens.
 */
export function runProgram(prog: Program, ctx: MatchContext, from: number, to: number, limit: number): Span[] {
  const S = prog.states.length;
  const R = ctx.maxSpan + 1;
  let buf = prog.scratch;
  if (!buf || buf.length !== R) {
    buf = [];
    for (let r = 0; r < R; r++) buf.push(new Int32Array(S + 1));
    prog.scratch = buf;
  }
  for (const b of buf) b.fill(NONE);
  const out: Span[] = [];
  let best: Span | null = null;
  for (let p = from; p <= to; p++) {
    const cur = buf[p % R];
    if (p < to && best === null) reach(cur, 0, p);
    // epsilon closure: transitions only go forward, one pass suffices
    for (let s = 0; s < S; s++) {
      const st = cur[s];
      if (st === NONE) continue;
      const state = prog.states[s];
      if (state.k === 'skip') reach(cur, s + 1, st);
      else if (state.k === 'anchor') {
        let ok: boolean;
        switch (state.a) {
          case '^':
            ok = p === from || ctx.boundary(p - 1);
            break;
          case '<':
            ok = p === from || ctx.clause(p - 1);
            break;
          case '$':
            ok = p === to || ctx.boundary(p);
            break;
          default:
            ok = p === to || ctx.clause(p);
        }
        if (ok) reach(cur, s + 1, st);
      } else if (state.e.opt) reach(cur, s + 1, st);
    }
    const acc = cur[S];
    cur[S] = NONE;
    if (acc !== NONE && acc < p && (best === null || acc <= best.start)) best = { start: acc, end: p };
    if (best !== null) {
      // states that started after the pending match cannot beat it
      for (let s = 0; s < S; s++) if (cur[s] > best.start) cur[s] = NONE;
    }
    if (p < to) {
      const next = buf[(p + 1) % R];
      for (let s = 0; s < S; s++) {
        const st = cur[s];
        if (st === NONE) continue;
        const state = prog.states[s];
        if (state.k === 'skip') {
          if (state.cross || !ctx.boundary(p)) reach(next, s + 1, st);
          continue;
        }
        if (state.k !== 'match') continue;
        const e = state.e;
        if (e.neg) {
          let hit = false;
          for (const a of e.alts) if ((ctx.endMask(a, p) & 1) !== 0) hit = true;
          if (!hit) {
            reach(next, s + 1, st);
            if (e.plus) reach(next, s, st);
          }
          continue;
        }
        for (const a of e.alts) {
          // one bit per match length; the order of the ends does not matter (earliest start wins)
          for (let mask = ctx.endMask(a, p), len = 1; mask !== 0; mask >>>= 1, len++) {
            if ((mask & 1) === 0) continue;
            const end = p + len;
            if (end > to) break;
            reach(buf[end % R], s + 1, st);
            if (e.plus) reach(buf[end % R], s, st);
          }
        }
      }
    }
    cur.fill(NONE);
    if (best !== null && (p === to || !anyLive(buf, S))) {
      out.push(best);
      for (const b of buf) b.fill(NONE);
      if (out.length >= limit) return out;
      p = best.end - 1; // continue right after the match
      best = null;
    }
  }
  return out;
}
