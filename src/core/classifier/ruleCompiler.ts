/**
 * Compiles one language's rule file into what the matcher runs on: lexicons, one automaton per
 * pattern, the token and program indexes (`matchIndex.ts`) and the typo corrector over every word
 * the rules use. Pure: the rule file arrives as data; errors name the language, rule and field.
 */
import { isTechniqueId, type Lang } from '../techniques';
import { Lexicon, type WordMatcher } from './lexicon';
import { MAX_PHRASE_TOKENS, ProgramIndex, TokenIndex } from './matchIndex';
import { compilePattern, PatternError, type Program } from './pattern';
import type { Rule, RuleSet } from './ruleSet';
import { languagePack, type LanguagePack } from './languagePack';
import type { Token } from './text';
import { compileConstructionWords, type CompiledConstructionWords } from './constructions';
import { TypoCorrector } from './typoCorrector';

/** An error in a rule file, naming the rule and field. */
export class RuleSetError extends Error {}

export interface CompiledRule {
  rule: Rule;
  /** Position in the rule file: rules run in file order. */
  index: number;
  /** Label or feature name this rule gives. */
  name: string;
  isLabel: boolean;
  programs: Program[];
  unless: Program[];
}

// Match masks hold one bit per phrase length, so phrases are limited to MAX_PHRASE_TOKENS words.
const TOO_LONG = `a phrase may have at most ${MAX_PHRASE_TOKENS} words`;

/** One language's rules, compiled. */
export class CompiledRuleSet {
  /** Word classes of the sentence shapes (`constructions:` in the rule file). */
  readonly constructionWords: CompiledConstructionWords;
  readonly ruleById = new Map<string, CompiledRule>();
  /** Pattern programs of all rules in rule order; `programs[i].id === i`. */
  readonly programs: Program[] = [];
  /** The rule each program belongs to, by program id. */
  readonly programRule: CompiledRule[] = [];
  /** Index of the last rule giving each label or feature: after it, a name without hits stays absent. */
  readonly lastProducer = new Map<string, number>();
  /** Atom ids of the lexicons named in the rule file's `agreement:` section. */
  readonly agreementAtoms: { who?: number; what?: number } = {};
  readonly programIndex: ProgramIndex;

  constructor(
    readonly set: RuleSet,
    readonly pack: LanguagePack,
    readonly lexicons: ReadonlyMap<string, Lexicon>,
    readonly rules: readonly CompiledRule[],
    readonly tokenIndex: TokenIndex,
    readonly typos: TypoCorrector,
    /** Longest lexicon entry, in tokens. */
    readonly maxSpan: number,
    /** Does any pattern use `#time` (worth asking the English date-time recogniser)? */
    readonly usesTime: boolean,
  ) {
    this.constructionWords = compileConstructionWords(set.constructions);
    for (const r of rules) {
      this.lastProducer.set(r.name, r.index);
      this.ruleById.set(r.rule.id, r);
      for (const prog of r.programs) {
        prog.id = this.programs.push(prog) - 1;
        this.programRule.push(r);
      }
    }
    for (const part of ['who', 'what'] as const) {
      const name = set.agreement?.[part];
      if (name && lexicons.has(name)) this.agreementAtoms[part] = tokenIndex.lexiconAtom(name);
    }
    this.programIndex = new ProgramIndex(this.programs, tokenIndex.atomCount);
  }

  get lang(): Lang {
    return this.pack.lang;
  }

  /** A reply's tokens as the rules see them: spellings mapped, stems set, typos corrected. */
  prepare(text: string): Token[] {
    return this.pack.tokenize(text, this.typos);
  }
}

/** Collects lexicons, atoms and vocabulary while the rules of one file compile. */
class RuleCompiler {
  readonly lexicons = new Map<string, Lexicon>();
  /** Names a pattern may use after `@`: the file's lexicons and the anonymous phrase lexicons. */
  readonly lexiconNames = new Set<string>();
  readonly tokenIndex = new TokenIndex((name) => this.lexicons.get(name)!);
  /** Words the rules use and their stems, in order of first use: the typo corrector's vocabulary. */
  readonly words = new Set<string>();
  readonly stems = new Set<string>();
  maxSpan = 1;
  usesTime = false;

  constructor(
    readonly pack: LanguagePack,
    readonly lang: Lang,
  ) {}

  private learn(word: string, stem: string | null): void {
    this.words.add(word);
    if (stem) this.stems.add(stem);
  }

  /** `=word` exact, `*word` suffix, `word*` prefix, else the word or its stem. */
  private word(entry: string): WordMatcher {
    const exact = entry.startsWith('=');
    const suffix = !exact && entry.startsWith('*') && entry.length > 1;
    const prefix = !exact && !suffix && entry.endsWith('*') && entry.length > 1;
    const body = this.pack.canonical(
      exact ? entry.slice(1) : prefix ? entry.slice(0, -1) : suffix ? entry.slice(1) : entry,
    );
    const stem = !exact && !prefix && !suffix && body.length >= 4 && /\p{L}/u.test(body) ? this.pack.stem(body) : null;
    if (!prefix && !suffix) this.learn(body, stem);
    return { text: body, prefix, suffix, exact, stem };
  }

  addLexicon(name: string, entries: readonly string[]): Lexicon {
    const lex = new Lexicon(name, entries, (w) => this.word(w));
    this.lexicons.set(name, lex);
    this.lexiconNames.add(name);
    this.maxSpan = Math.max(this.maxSpan, lex.maxLen);
    return lex;
  }

  addNamedLexicons(lexicons: RuleSet['lexicons'] | undefined): void {
    for (const [name, entries] of Object.entries(lexicons ?? {})) {
      if (!Array.isArray(entries)) throw new RuleSetError(`${this.lang}: lexicons.${name} must be a list of words`);
      if (this.addLexicon(name, entries).maxLen > MAX_PHRASE_TOKENS)
        throw new RuleSetError(`${this.lang}: lexicons.${name}: ${TOO_LONG}`);
    }
  }

  /** A phrase alternative (`op_uw`) becomes an anonymous one-entry lexicon. */
  private phrase(text: string): string {
    const name = `_${text}`;
    if (!this.lexicons.has(name) && this.addLexicon(name, [text]).maxLen > MAX_PHRASE_TOKENS)
      throw new PatternError(TOO_LONG);
    return name;
  }

  private pattern(src: string, where: string): Program {
    try {
      const prog = compilePattern(
        src,
        this.lexiconNames,
        (w) => this.pack.canonical(w),
        (text) => this.phrase(text),
      );
      for (const st of prog.states) {
        if (st.k !== 'match') continue;
        for (const a of st.e.alts) {
          if (a.k === 'lit') {
            a.stem = !a.exact && a.w.length >= 4 ? this.pack.stem(a.w) : null;
            if (!a.exact) this.learn(a.w, a.stem);
          }
          if (a.k === 'cls' && a.c === 'time') this.usesTime = true;
          a.id = this.tokenIndex.register(a);
        }
      }
      return prog;
    } catch (e) {
      if (e instanceof PatternError) throw new RuleSetError(`${where}: ${e.message} in "${src}"`);
      throw e;
    }
  }

  rule(rule: Rule, index: number): CompiledRule {
    const where = `${this.lang}: rules[${index}] (${rule.id ?? 'no id'})`;
    const label: string | undefined = rule.label; // a rule file may hold any string here
    if ((label === undefined) === (rule.feature === undefined))
      throw new RuleSetError(`${where}: give exactly one of "label" and "feature"`);
    if (label !== undefined && !isTechniqueId(label))
      throw new RuleSetError(`${where}.label: unknown label "${label}"`);
    const patterns = Array.isArray(rule.pattern) ? rule.pattern : [rule.pattern];
    return {
      rule,
      index,
      name: (rule.label ?? rule.feature)!,
      isLabel: rule.label !== undefined,
      programs: patterns.map((p, i) => this.pattern(p, `${where}.pattern[${i}]`)),
      unless: (rule.unless ?? []).map((p, i) => this.pattern(p, `${where}.unless[${i}]`)),
    };
  }
}

/** Compiles one language's rules. Throws a `RuleSetError` naming the language, rule and field. */
export function compileRuleSet(set: RuleSet, lang: Lang): CompiledRuleSet {
  const compiler = new RuleCompiler(languagePack(lang, set.spellings), lang);
  compiler.addNamedLexicons(set.lexicons);
  const ids = new Set<string>();
  const rules = set.rules.map((rule, index) => {
    if (ids.has(rule.id)) throw new RuleSetError(`${lang}: rules[${index}] (${rule.id ?? 'no id'}): duplicate id`);
    ids.add(rule.id);
    return compiler.rule(rule, index);
  });
  return new CompiledRuleSet(
    set,
    compiler.pack,
    compiler.lexicons,
    rules,
    compiler.tokenIndex,
    new TypoCorrector(compiler.words, compiler.stems),
    compiler.maxSpan,
    compiler.usesTime,
  );
}
