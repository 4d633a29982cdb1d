import type { Lang, TechniqueId } from '../techniques';
import { isTechniqueId } from '../techniques';
import type { AgreementParts, Classification, Classifier, Evidence, LabelWithEvidence } from './types';
import type { ClassifierRules, Rule, RuleSet } from './ruleSet';
import { Lexicon, type WordMatcher } from './lexicon';
import {
  compilePattern,
  runProgram,
  PatternError,
  type Atom,
  type MatchContext,
  type Program,
  type Span,
} from './pattern';
import { MAX_PHRASE_TOKENS, possible, ProgramIndex, TokenIndex, type ReplyMatches } from './matchIndex';
import { isShouting, normalizeWord, tokenize, type Token } from './text';
import { englishTimeSpans, mightHoldEnglishTime, type TimeSpan } from './dateTimeEn';

// natural's submodules only: the package index loads database drivers.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stemmerNl: { stem(w: string): string } = require('natural/lib/natural/stemmers/porter_stemmer_nl');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stemmerEn: { stem(w: string): string } = require('natural/lib/natural/stemmers/porter_stemmer');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DamerauLevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance') as {
  DamerauLevenshteinDistance(a: string, b: string, o?: object): number;
};

/** Longest input classified; the rest is cut and `truncated` is set. */
export const MAX_INPUT_CHARS = 2000;
export const TRUNCATION_NOTE = `Input cut to ${MAX_INPUT_CHARS} characters`;
const MAX_EVIDENCE_PER_RULE = 3;
const FUZZY_MIN_LEN = 5;

/** An error in a rule file, naming the rule and field. */
export class RuleSetError extends Error {}

interface CompiledRule {
  rule: Rule;
  index: number;
  /** Label or feature name this rule gives. */
  name: string;
  isLabel: boolean;
  programs: Program[];
  unless: Program[];
}

/** One match that survived its rule's local checks. */
export interface RuleHit {
  ruleId: string;
  name: string;
  start: number;
  end: number;
  /** Token offsets. */
  t0: number;
  t1: number;
}

/** Everything the classifier found, including internal features: used by rule tests and `--explain`. */
export interface Inspection {
  classification: Classification;
  /** Label and feature names that were present after all conditions. */
  present: Set<string>;
  hits: RuleHit[];
}

export interface InspectableClassifier extends Classifier {
  inspect(text: string, lang: Lang): Inspection;
  /** Tokenising only (the benchmark's baseline). */
  tokenize(text: string, lang: Lang): number;
}

export interface ClassifierOptions {
  /**
   * English date-time recogniser, called lazily only when an English reply holds a commitment
   * without a time our own rules found and a cheap pre-check suggests a time. Default: Microsoft
   * Recognizers-Text, loaded on first use. Pass `null` to switch it off.
   */
  englishTimes?: ((text: string) => TimeSpan[]) | null;
  /**
   * Compile each language's rules on its first use instead of at once (`rules.nl` / `rules.en`
   * are then read lazily, so they may be getters that load the file). Faster cold start; rule
   * errors then surface on the first call for that language.
   */
  lazy?: boolean;
}

export class CompiledRuleSet {
  readonly lexicons = new Map<string, Lexicon>();
  readonly rules: CompiledRule[] = [];
  readonly ruleById = new Map<string, CompiledRule>();
  /** Pattern programs of all rules in rule order; `programs[i].id === i`. */
  readonly programs: Program[] = [];
  /** The rule each program belongs to, by program id. */
  readonly programRule: CompiledRule[] = [];
  readonly tokenIndex = new TokenIndex((name) => this.lexicons.get(name)!);
  readonly programIndex: ProgramIndex;
  /** Atom ids of the lexicons named in the rule file's `agreement:` section. */
  readonly agreementAtoms: { who?: number; what?: number } = {};
  readonly spellings = new Map<string, string>();
  maxSpan: number;
  private readonly stemCache = new Map<string, string>();
  private readonly vocab = new Set<string>();
  private readonly vocabStems = new Set<string>();
  private readonly deletions = new Map<string, string[]>();
  private readonly fuzzyCache = new Map<string, string>();
  readonly usesTime: boolean;
  /** Index of the last rule giving each label or feature: after it, a name without hits stays absent. */
  readonly lastProducer = new Map<string, number>();

  constructor(
    readonly set: RuleSet,
    readonly lang: Lang,
    readonly stemmer: { stem(w: string): string },
  ) {
    for (const [k, v] of Object.entries(set.spellings ?? {})) this.spellings.set(normalizeWord(k), normalizeWord(v));
    const canon = (w: string): string => {
      const n = normalizeWord(w);
      return this.spellings.get(n) ?? n;
    };
    const makeWord = (w: string): WordMatcher => {
      const exact = w.startsWith('=');
      const suffix = !exact && w.startsWith('*') && w.length > 1;
      const prefix = !exact && !suffix && w.endsWith('*') && w.length > 1;
      const body = canon(exact ? w.slice(1) : prefix ? w.slice(0, -1) : suffix ? w.slice(1) : w);
      const stem = !exact && !prefix && !suffix && body.length >= 4 && /\p{L}/u.test(body) ? this.stem(body) : null;
      if (!prefix && !suffix) this.addVocab(body, stem);
      return { text: body, prefix, suffix, exact, stem };
    };
    this.maxSpan = 1;
    // Match masks hold one bit per phrase length, so phrases are limited to MAX_PHRASE_TOKENS words.
    const tooLong = `a phrase may have at most ${MAX_PHRASE_TOKENS} words`;
    const addLexicon = (name: string, entries: readonly string[]): Lexicon => {
      const lex = new Lexicon(name, entries, makeWord);
      this.lexicons.set(name, lex);
      this.maxSpan = Math.max(this.maxSpan, lex.maxLen);
      return lex;
    };
    for (const [name, entries] of Object.entries(set.lexicons ?? {})) {
      if (!Array.isArray(entries)) throw new RuleSetError(`${lang}: lexicons.${name} must be a list of words`);
      if (addLexicon(name, entries).maxLen > MAX_PHRASE_TOKENS)
        throw new RuleSetError(`${lang}: lexicons.${name}: ${tooLong}`);
    }
    const lexNames = new Set(this.lexicons.keys());
    const phrase = (text: string): string => {
      const name = `_${text}`;
      if (!this.lexicons.has(name)) {
        if (addLexicon(name, [text]).maxLen > MAX_PHRASE_TOKENS) throw new PatternError(tooLong);
        lexNames.add(name);
      }
      return name;
    };
    const seen = new Set<string>();
    let usesTime = false;
    set.rules.forEach((rule, index) => {
      const where = `${lang}: rules[${index}] (${rule.id ?? 'no id'})`;
      if (seen.has(rule.id)) throw new RuleSetError(`${where}: duplicate id`);
      seen.add(rule.id);
      if ((rule.label === undefined) === (rule.feature === undefined)) {
        throw new RuleSetError(`${where}: give exactly one of "label" and "feature"`);
      }
      if (rule.label !== undefined && !isTechniqueId(rule.label))
        throw new RuleSetError(`${where}.label: unknown label "${rule.label}"`);
      const compile = (src: string, field: string): Program => {
        try {
          const prog = compilePattern(src, lexNames, canon, phrase);
          for (const st of prog.states) {
            if (st.k === 'match') {
              for (const a of st.e.alts) {
                if (a.k === 'lit') a.stem = !a.exact && a.w.length >= 4 ? this.stem(a.w) : null;
                if (a.k === 'lit' && !a.exact) this.addVocab(a.w, a.stem ?? null);
                if (a.k === 'cls' && a.c === 'time') usesTime = true;
                a.id = this.tokenIndex.register(a);
              }
            }
          }
          return prog;
        } catch (e) {
          if (e instanceof PatternError) throw new RuleSetError(`${where}.${field}: ${e.message} in "${src}"`);
          throw e;
        }
      };
      const patterns = Array.isArray(rule.pattern) ? rule.pattern : [rule.pattern];
      this.rules.push({
        rule,
        index,
        name: (rule.label ?? rule.feature)!,
        isLabel: rule.label !== undefined,
        programs: patterns.map((p, i) => compile(p, `pattern[${i}]`)),
        unless: (rule.unless ?? []).map((p, i) => compile(p, `unless[${i}]`)),
      });
    });
    this.usesTime = usesTime;
    for (const r of this.rules) {
      this.lastProducer.set(r.name, r.index);
      this.ruleById.set(r.rule.id, r);
      for (const prog of r.programs) {
        prog.id = this.programs.push(prog) - 1;
        this.programRule.push(r);
      }
    }
    for (const part of ['who', 'what'] as const) {
      const name = set.agreement?.[part];
      if (name && this.lexicons.has(name)) this.agreementAtoms[part] = this.tokenIndex.lexiconAtom(name);
    }
    this.programIndex = new ProgramIndex(this.programs, this.tokenIndex.atomCount);
    // Deletion index (SymSpell style) over the vocabulary for one-typo correction.
    for (const w of this.vocab) {
      if (w.length < FUZZY_MIN_LEN || !/^\p{L}+$/u.test(w)) continue;
      for (const d of deletionsOf(w)) {
        const list = this.deletions.get(d);
        if (list) {
          if (!list.includes(w)) list.push(w);
        } else this.deletions.set(d, [w]);
      }
    }
  }

  private addVocab(w: string, stem: string | null): void {
    this.vocab.add(w);
    if (stem) this.vocabStems.add(stem);
  }

  stem(w: string): string {
    let s = this.stemCache.get(w);
    if (s === undefined) {
      s = /\p{L}/u.test(w) ? this.stemmer.stem(w) : w;
      if (this.stemCache.size > 50_000) this.stemCache.clear();
      this.stemCache.set(w, s);
    }
    return s;
  }

  /** A typo of a vocabulary word (one edit, same first letter), or the word itself. */
  correct(norm: string, stem: string): string {
    if (norm.length < FUZZY_MIN_LEN || this.vocab.has(norm) || this.vocabStems.has(stem) || !/^\p{L}+$/u.test(norm))
      return norm;
    const cached = this.fuzzyCache.get(norm);
    if (cached !== undefined) return cached;
    let best = norm;
    const candidates = [norm, ...deletionsOf(norm)];
    outer: for (const c of candidates) {
      const list = this.deletions.get(c);
      if (!list) continue;
      for (const w of list) {
        if (w[0] !== norm[0] || Math.abs(w.length - norm.length) > 1) continue;
        if (DamerauLevenshteinDistance(norm, w, { restricted: true }) <= 1) {
          best = w;
          break outer;
        }
      }
    }
    if (this.fuzzyCache.size > 20_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(norm, best);
    return best;
  }

  prepare(text: string): Token[] {
    const tokens = tokenize(text);
    let split = false;
    for (const t of tokens) {
      if (t.kind !== 'word') continue;
      const mapped = this.spellings.get(t.norm);
      if (mapped !== undefined) {
        t.canon = mapped;
        t.stem = this.stem(mapped);
        if (mapped.includes(' ')) split = true;
        continue;
      }
      t.stem = this.stem(t.norm);
      const fixed = this.correct(t.norm, t.stem);
      if (fixed !== t.norm) {
        t.canon = fixed;
        t.stem = this.stem(fixed);
      }
    }
    return split ? this.splitContractions(tokens) : tokens;
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

/** Compiles one language's rules. Exported for the match-index tests; `createClassifier` is the API. */
export function compileRuleSet(set: RuleSet, lang: Lang): CompiledRuleSet {
  return new CompiledRuleSet(set, lang, lang === 'nl' ? stemmerNl : stemmerEn);
}

function deletionsOf(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** One reply being classified: its tokens, where each atom matches, and the patterns that can match. */
class Run implements MatchContext {
  readonly n: number;
  readonly maxSpan: number;
  readonly matches: ReplyMatches;
  /** Ids of the pattern programs whose required words all occur, ascending (so in rule order). */
  readonly candidates: number[];

  constructor(
    readonly crs: CompiledRuleSet,
    readonly tokens: Token[],
  ) {
    this.n = tokens.length;
    this.maxSpan = crs.maxSpan;
    this.matches = crs.tokenIndex.scan(tokens);
    this.candidates = crs.programIndex.candidates(this.matches);
  }

  boundary(i: number): boolean {
    return this.tokens[i]?.boundary ?? true;
  }

  clause(i: number): boolean {
    return this.tokens[i]?.clause ?? true;
  }

  endMask(atom: Atom, i: number): number {
    return this.matches.endMask(atom.id, i);
  }

  sentenceRange(t0: number, t1: number): [number, number] {
    let a = t0;
    while (a > 0 && !this.tokens[a - 1].boundary) a--;
    let b = Math.max(t1, t0 + 1);
    while (b < this.n && !this.tokens[b - 1].boundary) b++;
    return [a, Math.min(b, this.n)];
  }
}

function conditionsHold(r: CompiledRule, present: Set<string>): boolean {
  const rule = r.rule;
  if (rule.requires && !rule.requires.every((x) => present.has(x))) return false;
  if (rule.requiresAny && !rule.requiresAny.some((x) => present.has(x))) return false;
  if (rule.excludes) {
    for (const x of rule.excludes) {
      if (x === '*') {
        for (const p of present) if (p !== r.name && isTechniqueId(p)) return false;
      } else if (present.has(x)) return false;
    }
  }
  return true;
}

/**
 * Builds the classifier from parsed rule files. Pure: no I/O; the rules arrive as data.
 *
 * @example
 *   const c = createClassifier(loadClassifierRules());
 *   c.classify('Ik snap dat u boos bent. Wat is er gebeurd?', 'nl').labels
 *   // ['acknowledge_emotion', 'ask_question']
 */
export function createClassifier(rules: ClassifierRules, options: ClassifierOptions = {}): InspectableClassifier {
  if (!rules) throw new RuleSetError('createClassifier: rules for both "nl" and "en" are required');
  const compiled: Partial<Record<Lang, CompiledRuleSet>> = {};
  const getSet = (lang: Lang): CompiledRuleSet => {
    let c = compiled[lang];
    if (!c) {
      const set = rules[lang];
      if (!set || !Array.isArray(set.rules))
        throw new RuleSetError(`createClassifier: rules for "${lang}" are missing`);
      c = compileRuleSet(set, lang);
      compiled[lang] = c;
    }
    return c;
  };
  if (!options.lazy) {
    getSet('nl');
    getSet('en');
  }
  const englishTimes = options.englishTimes === undefined ? englishTimeSpans : options.englishTimes;

  function evaluate(
    crs: CompiledRuleSet,
    run: Run,
    wordCount: number,
    shouting: boolean,
    question: boolean,
  ): RuleHit[] {
    const hits: RuleHit[] = [];
    const found = new Set<string>();
    // A name is settled once its last producing rule has run; a rule that requires a settled name
    // without hits can never survive resolve(), so its patterns are not run (resolve only removes hits).
    const absent = (x: string, index: number): boolean => {
      const last = crs.lastProducer.get(x);
      return (last === undefined || last < index) && !found.has(x);
    };
    const mayApply = (r: CompiledRule): boolean => {
      const rule = r.rule;
      if (rule.requires && rule.requires.some((x) => absent(x, r.index))) return false;
      if (rule.requiresAny && rule.requiresAny.length > 0 && rule.requiresAny.every((x) => absent(x, r.index)))
        return false;
      if (rule.maxWords !== undefined && wordCount > rule.maxWords) return false;
      if (rule.minWords !== undefined && wordCount < rule.minWords) return false;
      if (rule.signals?.shouting !== undefined && rule.signals.shouting !== shouting) return false;
      if (rule.signals?.question !== undefined && rule.signals.question !== question) return false;
      return true;
    };
    // Only candidate programs can match. They come in rule order, a rule's programs in a row, so
    // rules are still visited in file order (which `absent` depends on).
    let current: CompiledRule | undefined;
    let applies = false;
    let count = 0;
    for (const id of run.candidates) {
      const r = crs.programRule[id];
      if (r !== current) {
        current = r;
        applies = mayApply(r);
        count = 0;
      }
      if (!applies || count >= MAX_EVIDENCE_PER_RULE) continue;
      for (const span of runProgram(crs.programs[id], run, 0, run.n, MAX_EVIDENCE_PER_RULE)) {
        if (r.unless.length > 0 && cancelled(r, run, span)) continue;
        const t0 = run.tokens[span.start];
        const t1 = run.tokens[span.end - 1];
        hits.push({ ruleId: r.rule.id, name: r.name, start: t0.start, end: t1.end, t0: span.start, t1: span.end });
        found.add(r.name);
        count++;
      }
    }
    return hits;
  }

  function cancelled(r: CompiledRule, run: Run, span: Span): boolean {
    const [a, b] = run.sentenceRange(span.start, span.end);
    for (const u of r.unless) {
      if (!possible(u, run.matches)) continue;
      if (runProgram(u, run, a, b, 1).length > 0) return true;
    }
    return false;
  }

  function resolve(crs: CompiledRuleSet, hits: RuleHit[]): { kept: RuleHit[]; present: Set<string> } {
    const byRule = crs.ruleById;
    // notAfter: drop matches that start after the first match of the named labels/features
    const first = new Map<string, number>();
    for (const h of hits) {
      const f = first.get(h.name);
      if (f === undefined || h.start < f) first.set(h.name, h.start);
    }
    let live = hits.filter((h) => {
      const na = byRule.get(h.ruleId)!.rule.notAfter;
      if (!na) return true;
      return na.every((x) => {
        const f = first.get(x);
        return f === undefined || h.start < f;
      });
    });
    // requires / excludes: iterate to a fixed point (at most a few rounds)
    let present = new Set(live.map((h) => h.name));
    for (let round = 0; round < 4; round++) {
      const okRules = new Set<string>();
      for (const h of live) {
        if (okRules.has(h.ruleId)) continue;
        if (conditionsHold(byRule.get(h.ruleId)!, present)) okRules.add(h.ruleId);
      }
      const next = new Set(live.filter((h) => okRules.has(h.ruleId)).map((h) => h.name));
      const same = next.size === present.size && [...next].every((x) => present.has(x));
      present = next;
      if (same) break;
    }
    const final = live.filter((h) => present.has(h.name) && conditionsHold(byRule.get(h.ruleId)!, present));
    live = final;
    return { kept: live, present: new Set(live.map((h) => h.name)) };
  }

  function inspect(input: string, lang: Lang): Inspection {
    const crs = getSet(lang === 'en' ? 'en' : 'nl');
    let text = typeof input === 'string' ? input : String(input ?? '');
    let truncated = false;
    if (text.length > MAX_INPUT_CHARS) {
      let cut = MAX_INPUT_CHARS;
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
      text = text.slice(0, cut);
      truncated = true;
    }
    const tokens = crs.prepare(text);
    const run = new Run(crs, tokens);
    const wordCount = tokens.filter((t) => t.kind === 'word' || t.kind === 'num').length;
    const shouting = isShouting(tokens);
    const question = tokens.some((t) => t.kind === 'punct' && t.raw.includes('?'));
    let hits = evaluate(crs, run, wordCount, shouting, question);
    let { kept, present } = resolve(crs, hits);

    // English times by Recognizers-Text, only when a commitment lacks a time our rules found.
    const whenFeature = crs.set.agreement?.when ?? 'when';
    if (
      crs.lang === 'en' &&
      englishTimes &&
      crs.usesTime &&
      hits.some((h) => h.name === 'commitment') &&
      !hits.some((h) => h.name === whenFeature) &&
      mightHoldEnglishTime(text)
    ) {
      const spans = englishTimes(text);
      if (spans.length > 0) {
        for (const sp of spans) for (const t of tokens) if (t.start < sp.end && t.end > sp.start) t.time = true;
        const run2 = new Run(crs, tokens);
        hits = evaluate(crs, run2, wordCount, shouting, question);
        ({ kept, present } = resolve(crs, hits));
      }
    }

    // Labels ordered by their first evidence in the text (the earliest technique is the primary one).
    const labelHits = new Map<TechniqueId, Evidence[]>();
    const firstAt = new Map<TechniqueId, number>();
    for (const h of kept) {
      if (!isTechniqueId(h.name)) continue;
      const list = labelHits.get(h.name) ?? [];
      if (list.some((e) => e.ruleId === h.ruleId && e.start < h.end && h.start < e.end)) continue; // same rule, overlapping
      if (list.length < 5)
        list.push({ ruleId: h.ruleId, start: h.start, end: h.end, quote: text.slice(h.start, h.end) });
      labelHits.set(h.name, list);
      const f = firstAt.get(h.name);
      if (f === undefined || h.start < f) firstAt.set(h.name, h.start);
    }
    const labels = [...labelHits.keys()].sort((a, b) => firstAt.get(a)! - firstAt.get(b)! || a.localeCompare(b));
    const details: LabelWithEvidence[] = labels.map((id) => ({
      id,
      evidence: labelHits.get(id)!.sort((a, b) => a.start - b.start),
    }));

    const agreement = agreementParts(crs, run, kept, text, whenFeature);
    const classification: Classification = {
      lang: crs.lang,
      text,
      truncated,
      ...(truncated ? { note: TRUNCATION_NOTE } : {}),
      labels,
      details,
      signals: { shouting, question, wordCount, ...(agreement ? { agreement } : {}) },
    };
    return { classification, present, hits: kept };
  }

  return {
    classify: (text, lang) => inspect(text, lang).classification,
    inspect,
    tokenize: (text, lang) => getSet(lang === 'en' ? 'en' : 'nl').prepare(text.slice(0, MAX_INPUT_CHARS)).length,
  };
}

function agreementParts(
  crs: CompiledRuleSet,
  run: Run,
  kept: RuleHit[],
  text: string,
  whenFeature: string,
): AgreementParts | undefined {
  const when = kept.find((h) => h.name === whenFeature);
  const deal = kept.find((h) => h.name === 'make_agreement');
  if (!when && !deal) return undefined;
  const parts: AgreementParts = {};
  if (when) parts.when = text.slice(when.start, when.end);
  if (deal) {
    const [a, b] = run.sentenceRange(deal.t0, deal.t1);
    const find = (atom: number | undefined): string | undefined => {
      if (atom === undefined) return undefined;
      for (let i = a; i < b; i++) {
        const mask = run.matches.endMask(atom, i);
        if (mask !== 0) return text.slice(run.tokens[i].start, run.tokens[i + 31 - Math.clz32(mask)].end); // longest match
      }
      return undefined;
    };
    const who = find(crs.agreementAtoms.who);
    const what = find(crs.agreementAtoms.what);
    if (who) parts.who = who;
    if (what) parts.what = what;
    if (!parts.when) {
      const tw = run.tokens.slice(a, b).find((t) => t.time);
      if (tw) parts.when = tw.raw;
    }
  }
  return parts;
}
