/**
 * Inverted indexes, built once per rule set, that let a reply touch only what its own tokens can
 * match instead of testing every rule:
 *
 * - `TokenIndex`: a token's form (whole word, stem, prefixes, suffixes) → the atoms (pattern
 *   literals, prefixes, lexicons, token classes) it matches and the lexicon phrases that may start
 *   with it. `scan` turns a reply into `ReplyMatches`: for every atom that occurs, a bit mask per
 *   token of the lengths it matches there.
 * - `ProgramIndex`: atom → the required groups of the patterns that contain it. A pattern is a
 *   candidate when each of its required groups has an atom in the reply: the condition `possible`
 *   checks for one pattern, found from the reply's atoms instead of by trying every pattern.
 */
import type { Lexicon, WordMatcher } from './lexicon';
import { tokenMatchesWord } from './lexicon';
import { NO_ID, type Atom, type Program, type TokenClass } from './pattern';
import type { Token } from './text';

/** Longest phrase, in tokens: one bit of a 32-bit match mask per length. */
export const MAX_PHRASE_TOKENS = 31;

const EMOJI_RE = /\p{Extended_Pictographic}/u;

/** Bit of each token class in `classBits`. */
const CLASS_BIT: Record<TokenClass, number> = {
  num: 1,
  caps: 2,
  q: 4,
  gq: 8,
  excl: 16,
  punct: 32,
  word: 64,
  emoji: 128,
  time: 256,
  any: 512,
};

/** The token classes (`#num`, `#q`, ...) a single token belongs to, as `CLASS_BIT` bits. */
function classBits(t: Token): number {
  let bits = CLASS_BIT.any;
  if (t.caps) bits |= CLASS_BIT.caps;
  if (t.genuineQuestion) bits |= CLASS_BIT.gq;
  if (t.time) bits |= CLASS_BIT.time;
  switch (t.kind) {
    case 'num':
      bits |= CLASS_BIT.num | CLASS_BIT.word;
      break;
    case 'word':
      bits |= CLASS_BIT.word;
      break;
    case 'punct':
      bits |= CLASS_BIT.punct;
      if (t.raw.includes('?')) bits |= CLASS_BIT.q;
      if (t.raw.includes('!')) bits |= CLASS_BIT.excl;
      break;
    case 'symbol':
      if (EMOJI_RE.test(t.raw)) bits |= CLASS_BIT.emoji;
  }
  return bits;
}

/**
 * What one key (a form, stem, prefix or suffix) leads to: atom ids (>= 0), phrases it may start
 * (`phraseTarget(index)`) and phrases whose second word it matches (`secondTarget(index)`), all in
 * one array because there are many keys to build on a cold start.
 */
type Targets = number[];
const SECOND = 1 << 29;
const phraseTarget = (phrase: number): number => -1 - phrase;
const secondTarget = (phrase: number): number => -1 - SECOND - phrase;

/** Keys of one kind; `lengths` lists the key lengths in use, so an affix lookup tries only those. */
class KeyTable {
  private readonly map = new Map<string, Targets>();
  readonly lengths: number[] = [];

  add(key: string, target: number): void {
    const t = this.map.get(key);
    if (t) {
      t.push(target);
      return;
    }
    this.map.set(key, [target]);
    if (!this.lengths.includes(key.length)) {
      this.lengths.push(key.length);
      this.lengths.sort((x, y) => x - y);
    }
  }

  get(key: string): Targets | undefined {
    return this.map.get(key);
  }
}

/** Everything a token form matches on its own, cached per form. */
interface FormMatches {
  /** The stem the entry was computed with (for words it follows from the form; checked anyway). */
  stem: string;
  atoms: number[];
  /** Phrases whose first word the form matches, ascending. */
  phrases: Int32Array;
  /** Phrases whose second word the form matches, ascending: a phrase is only checked where both match. */
  seconds: Int32Array;
}

interface Phrase {
  atom: number;
  words: WordMatcher[];
}

const FORM_CACHE_LIMIT = 50_000;

export class TokenIndex {
  /** Atom ids per kind of atom and its word, lexicon name or class. */
  private readonly ids = {
    lit: new Map<string, number>(),
    exactLit: new Map<string, number>(),
    pre: new Map<string, number>(),
    lex: new Map<string, number>(),
    cls: new Map<string, number>(),
  };
  private count = 0;
  private readonly whole = new KeyTable();
  private readonly stems = new KeyTable();
  private readonly prefixes = new KeyTable();
  /** `word*` pattern atoms, which (unlike lexicon prefixes) only match word tokens. */
  private readonly wordPrefixes = new KeyTable();
  private readonly suffixes = new KeyTable();
  private readonly classes: Array<{ bit: number; atom: number }> = [];
  private readonly phrases: Phrase[] = [];
  private readonly wordForms = new Map<string, FormMatches>();
  private readonly otherForms = new Map<string, FormMatches>();

  constructor(private readonly lexicon: (name: string) => Lexicon) {}

  get atomCount(): number {
    return this.count;
  }

  /** The id of an atom; equal atoms share one id. Registers the atom on first sight. */
  register(atom: Atom): number {
    let ids: Map<string, number>;
    let key: string;
    switch (atom.k) {
      case 'lit':
        ids = atom.exact ? this.ids.exactLit : this.ids.lit;
        key = atom.w; // the stem follows from the word
        break;
      case 'pre':
        ids = this.ids.pre;
        key = atom.p;
        break;
      case 'lex':
        ids = this.ids.lex;
        key = atom.name;
        break;
      case 'cls':
        ids = this.ids.cls;
        key = atom.c;
        break;
    }
    let id = ids.get(key);
    if (id === undefined) {
      id = this.count++;
      ids.set(key, id);
      this.addAtom(atom, id);
    }
    return id;
  }

  /** The atom id of a lexicon (registered on first use). */
  lexiconAtom(name: string): number {
    return this.register({ k: 'lex', name, id: NO_ID });
  }

  private addAtom(atom: Atom, id: number): void {
    switch (atom.k) {
      case 'lit':
        this.addWord({ text: atom.w, prefix: false, exact: atom.exact, stem: atom.stem ?? null }, id);
        break;
      case 'pre':
        this.wordPrefixes.add(atom.p, id);
        break;
      case 'cls':
        this.classes.push({ bit: CLASS_BIT[atom.c], atom: id });
        break;
      case 'lex':
        this.addLexicon(this.lexicon(atom.name), id);
        break;
    }
    // Cached lookups may lack the new atom (clear() allocates, so only when there is something).
    if (this.wordForms.size > 0) this.wordForms.clear();
    if (this.otherForms.size > 0) this.otherForms.clear();
  }

  private addLexicon(lex: Lexicon, atom: number): void {
    for (const words of lex.entries) {
      if (words.length === 1) this.addWord(words[0], atom);
      else {
        const phrase = this.phrases.push({ atom, words }) - 1;
        this.addWord(words[0], phraseTarget(phrase));
        this.addWord(words[1], secondTarget(phrase));
      }
    }
  }

  /** Indexes a word so that every token `tokenMatchesWord` accepts finds `target`. */
  private addWord(w: WordMatcher, target: number): void {
    if (w.prefix) this.prefixes.add(w.text, target);
    else if (w.suffix) this.suffixes.add(w.text, target);
    else {
      this.whole.add(w.text, target);
      if (!w.exact && w.stem !== null) this.stems.add(w.stem, target);
    }
  }

  private formMatches(t: Token): FormMatches {
    const isWord = t.kind === 'word';
    const cache = isWord ? this.wordForms : this.otherForms;
    let f = cache.get(t.canon);
    if (f === undefined || f.stem !== t.stem) {
      f = this.lookUp(t.canon, t.stem, isWord);
      if (cache.size > FORM_CACHE_LIMIT) cache.clear();
      cache.set(t.canon, f);
    }
    return f;
  }

  private lookUp(form: string, stem: string, isWord: boolean): FormMatches {
    const atoms = new Set<number>();
    const phrases = new Set<number>();
    const seconds = new Set<number>();
    const take = (targets: Targets | undefined): void => {
      if (!targets) return;
      for (const t of targets) {
        if (t >= 0) atoms.add(t);
        else {
          const phrase = -1 - t;
          if (phrase >= SECOND) seconds.add(phrase - SECOND);
          else phrases.add(phrase);
        }
      }
    };
    take(this.whole.get(form));
    take(this.stems.get(stem));
    const affixes = isWord ? [this.prefixes, this.wordPrefixes] : [this.prefixes];
    for (const table of affixes) {
      for (const len of table.lengths) {
        if (len > form.length) break;
        take(table.get(form.slice(0, len)));
      }
    }
    for (const len of this.suffixes.lengths) {
      if (len > form.length) break;
      take(this.suffixes.get(form.slice(form.length - len)));
    }
    const ascending = (ids: Set<number>): Int32Array => Int32Array.from(ids).sort();
    return { stem, atoms: [...atoms], phrases: ascending(phrases), seconds: ascending(seconds) };
  }

  // Scratch of `scan`, reused from reply to reply: a reply's `ReplyMatches` reads it until the next scan.
  private slotOf = new Int32Array(0);
  private masks = new Int32Array(0);
  private found: number[] = [];
  private generation = 0;
  private readonly forms: FormMatches[] = [];

  /** Every atom occurrence in the reply. Work is linear in tokens (times phrases starting there). */
  scan(tokens: readonly Token[]): ReplyMatches {
    const n = tokens.length;
    // Atoms get slots in order of appearance; the last reply's slots are cleared, not the whole table.
    if (this.slotOf.length !== this.count) this.slotOf = new Int32Array(this.count);
    else for (const a of this.found) this.slotOf[a] = 0;
    this.found = [];
    this.generation++;
    const forms = this.forms;
    for (let i = 0; i < n; i++) forms[i] = this.formMatches(tokens[i]);
    for (let i = 0; i < n; i++) {
      const t = tokens[i];
      const f = forms[i];
      for (const a of f.atoms) this.note(a, i, 1, n);
      // A phrase can only match where its second word matches the next token: walk both ascending lists.
      if (f.phrases.length > 0 && i + 1 < n) {
        const first = f.phrases;
        const second = forms[i + 1].seconds;
        for (let a = 0, b = 0; a < first.length && b < second.length;) {
          if (first[a] < second[b]) a++;
          else if (first[a] > second[b]) b++;
          else {
            const { atom, words } = this.phrases[first[a]];
            if (i + words.length <= n && restMatches(tokens, i, words)) this.note(atom, i, 1 << (words.length - 1), n);
            a++;
            b++;
          }
        }
      }
      if (this.classes.length > 0) {
        const bits = classBits(t);
        for (const { bit, atom } of this.classes) if ((bits & bit) !== 0) this.note(atom, i, 1, n);
      }
    }
    forms.length = 0;
    return new ReplyMatches(this, this.generation, n, this.slotOf, this.masks, this.found);
  }

  /** Records that `atom` matches tokens i.. with the lengths in `bits`, in a row of n masks per atom. */
  private note(atom: number, i: number, bits: number, n: number): void {
    let slot = this.slotOf[atom];
    if (slot === 0) {
      slot = this.slotOf[atom] = this.found.push(atom);
      const end = slot * n;
      if (end > this.masks.length) {
        const grown = new Int32Array(Math.max(end, 2 * this.masks.length, 1024));
        grown.set(this.masks.subarray(0, end - n));
        this.masks = grown;
      }
      this.masks.fill(0, end - n, end);
    }
    this.masks[(slot - 1) * n + i] |= bits;
  }

  /** Is `generation` the latest scan (whose results the scratch holds)? */
  isCurrent(generation: number): boolean {
    return generation === this.generation;
  }
}

/** Words 3.. of a phrase whose first two words matched tokens i and i + 1. */
function restMatches(tokens: readonly Token[], i: number, words: readonly WordMatcher[]): boolean {
  for (let j = 2; j < words.length; j++) if (!tokenMatchesWord(tokens[i + j], words[j])) return false;
  return true;
}

/** Where each atom matches in one reply; valid until the index scans the next reply. */
export class ReplyMatches {
  constructor(
    private readonly index: TokenIndex,
    private readonly generation: number,
    private readonly n: number,
    /** Per atom id: 0 when absent, else its row in `masks` plus one. */
    private readonly slotOf: Int32Array,
    /** Row per atom found, one mask per token: bit k set = the atom matches tokens i..i+k. */
    private readonly masks: Int32Array,
    /** Atom ids that occur, in order of first occurrence. */
    readonly atoms: readonly number[],
  ) {}

  private slot(atom: number): number {
    if (!this.index.isCurrent(this.generation)) throw new Error('ReplyMatches read after the next reply was scanned');
    return this.slotOf[atom] ?? 0;
  }

  /** Does the atom occur anywhere in the reply? (An id the index did not give out never does.) */
  has(atom: number): boolean {
    return this.slot(atom) !== 0;
  }

  /** Lengths of the atom's matches starting at token i, as bits (bit k: length k + 1). */
  endMask(atom: number, i: number): number {
    const slot = this.slot(atom);
    if (slot === 0 || i < 0 || i >= this.n) return 0;
    return this.masks[(slot - 1) * this.n + i];
  }
}

/** The program's required groups as one array: each group's size, then its atom ids. */
function requiredIds(prog: Program): Int32Array {
  const flat: number[] = [];
  for (const group of prog.required) flat.push(group.length, ...group.map((a) => a.id));
  return Int32Array.from(flat);
}

/** Can the program match at all: does every required group have an atom in the reply? */
export function possible(prog: Program, matches: ReplyMatches): boolean {
  const flat = (prog.requiredIds ??= requiredIds(prog));
  for (let k = 0; k < flat.length;) {
    const end = k + 1 + flat[k];
    let met = false;
    for (k++; k < end && !met; k++) met = matches.has(flat[k]);
    if (!met) return false;
    k = end;
  }
  return true;
}

/**
 * Atom → the indexed programs it may make candidates of. Each program is filed under the atoms of
 * one of its required groups, its trigger: the group whose atoms sit in the fewest groups of the
 * rule set (a rough measure of how rarely they occur), so that the common words ("ik", "the") file
 * few programs. A program filed under an atom of the reply is then checked group by group.
 */
export class ProgramIndex {
  /** Programs filed under atom a: `filed[filedStart[a]]` up to `filed[filedStart[a + 1]]`. */
  private readonly filedStart: Int32Array;
  private readonly filed: Int32Array;
  /** Required groups of program p: `groupStart[firstGroup[p]]` up to `groupStart[firstGroup[p + 1]]`, atoms in `groupAtoms`. */
  private readonly firstGroup: Int32Array;
  private readonly groupStart: Int32Array;
  private readonly groupAtoms: Int32Array;
  /** Programs without required groups: candidates for every reply. */
  private readonly always: number[] = [];
  // Scratch of `candidates`, reset before it returns.
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;

  /** `programs[i].id` must be i; atom ids must be below `atomCount`. */
  constructor(programs: readonly Program[], atomCount: number) {
    const inGroups = new Int32Array(atomCount);
    let groupCount = 0;
    let atomSlots = 0;
    for (const prog of programs) {
      for (const group of prog.required) {
        groupCount++;
        atomSlots += group.length;
        for (const a of group) inGroups[a.id]++;
      }
    }
    // Flat copies of the groups, and each program's trigger (two passes: count, then fill).
    this.firstGroup = new Int32Array(programs.length + 1);
    this.groupStart = new Int32Array(groupCount + 1);
    this.groupAtoms = new Int32Array(atomSlots);
    const trigger: Array<readonly number[]> = [];
    const filedStart = new Int32Array(atomCount + 1);
    let g = 0;
    let k = 0;
    for (const prog of programs) {
      this.firstGroup[prog.id] = g;
      if (prog.required.length === 0) this.always.push(prog.id);
      let best: number[] = [];
      let bestWeight = Infinity;
      for (const group of prog.required) {
        this.groupStart[g++] = k;
        for (const a of group) this.groupAtoms[k++] = a.id;
        const ids = [...new Set(group.map((a) => a.id))];
        const weight = ids.reduce((sum, a) => sum + inGroups[a], 0);
        if (weight < bestWeight) {
          best = ids;
          bestWeight = weight;
        }
      }
      trigger[prog.id] = best;
      for (const a of best) filedStart[a + 1]++;
    }
    this.firstGroup[programs.length] = g;
    this.groupStart[groupCount] = k;
    for (let a = 0; a < atomCount; a++) filedStart[a + 1] += filedStart[a];
    const fill = filedStart.slice(0, atomCount);
    this.filed = new Int32Array(filedStart[atomCount]);
    for (let p = 0; p < programs.length; p++) for (const a of trigger[p]) this.filed[fill[a]++] = p;
    this.filedStart = filedStart;
    this.seen = new Uint8Array(programs.length);
    this.touched = new Int32Array(programs.length);
  }

  /** Ids of the programs whose required groups all occur in the reply, ascending. */
  candidates(matches: ReplyMatches): number[] {
    const out = this.always.slice();
    let touchedCount = 0;
    for (const atom of matches.atoms) {
      for (let k = this.filedStart[atom], end = this.filedStart[atom + 1]; k < end; k++) {
        const prog = this.filed[k];
        if (this.seen[prog] !== 0) continue; // filed under two atoms of the reply
        this.seen[prog] = 1;
        this.touched[touchedCount++] = prog;
        if (this.allGroupsMet(prog, matches)) out.push(prog);
      }
    }
    for (let k = 0; k < touchedCount; k++) this.seen[this.touched[k]] = 0;
    return out.sort((a, b) => a - b);
  }

  private allGroupsMet(prog: number, matches: ReplyMatches): boolean {
    for (let g = this.firstGroup[prog], lastGroup = this.firstGroup[prog + 1]; g < lastGroup; g++) {
      let met = false;
      for (let k = this.groupStart[g], end = this.groupStart[g + 1]; k < end && !met; k++)
        met = matches.has(this.groupAtoms[k]);
      if (!met) return false;
    }
    return true;
  }
}
