import { describe, expect, it } from 'vitest';
import * as fs from 'fs';
import * as path from 'path';
import { compileRuleSet, RuleSetError, type CompiledRuleSet } from '../../src/core/classifier/ruleCompiler';
import { tokenMatchesWord } from '../../src/core/classifier/lexicon';
import { MAX_PHRASE_TOKENS } from '../../src/core/classifier/matchIndex';
import type { Atom, Program } from '../../src/core/classifier/pattern';
import type { Token } from '../../src/core/classifier/text';
import { loadClassifierRules } from '../../src/content/classifierRules';
import { LANGS, type Lang } from '../../src/core/techniques';
import { rng } from '../support/prng';

// The match index decides which patterns run at all, so a gap in it silently drops a label. These
// tests compare it, token by token, with a brute-force reading of the pattern language.

const rules = loadClassifierRules();

/** Brute force: bit k set when the atom matches tokens i..i+k (the documented semantics). */
function expectedMask(crs: CompiledRuleSet, atom: Atom, tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  switch (atom.k) {
    case 'lit':
      return t.canon === atom.w || (atom.stem != null && t.stem === atom.stem) ? 1 : 0;
    case 'pre':
      return t.kind === 'word' && t.canon.startsWith(atom.p) ? 1 : 0;
    case 'cls': {
      const inClass = {
        num: t.kind === 'num',
        caps: t.caps,
        q: t.kind === 'punct' && t.raw.includes('?'),
        gq: t.genuineQuestion,
        excl: t.kind === 'punct' && t.raw.includes('!'),
        punct: t.kind === 'punct',
        word: t.kind === 'word' || t.kind === 'num',
        emoji: t.kind === 'symbol' && /\p{Extended_Pictographic}/u.test(t.raw),
        time: t.time,
        any: true,
      }[atom.c];
      return inClass ? 1 : 0;
    }
    case 'lex': {
      let mask = 0;
      for (const words of crs.lexicons.get(atom.name)!.entries) {
        if (i + words.length > tokens.length) continue;
        if (words.every((w, j) => tokenMatchesWord(tokens[i + j], w))) mask |= 1 << (words.length - 1);
      }
      return mask;
    }
  }
}

function atomsOf(prog: Program): Atom[] {
  return prog.states.flatMap((st) => (st.k === 'match' ? st.e.alts : []));
}

/** Replies of every shape: tune sets, rule examples, and shuffled rule words with typos and noise. */
function texts(lang: Lang): string[] {
  const out: string[] = [];
  const tune = path.join(__dirname, '..', 'fixtures', 'classifier', `tune-${lang}.jsonl`);
  if (fs.existsSync(tune)) {
    for (const line of fs.readFileSync(tune, 'utf8').split('\n'))
      if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
  }
  for (const rule of rules[lang].rules) out.push(...(rule.examples ?? []), ...(rule.counterExamples ?? []));
  const words = [
    ...new Set(
      Object.values(rules[lang].lexicons)
        .flat()
        .flatMap((e) => e.replace(/[=*]/g, ' ').split(/\s+/)),
    ),
  ].filter(Boolean);
  words.push(...Object.keys(rules[lang].spellings ?? {}));
  const noise = ['?', '!', '...', ',', ':', ';', '–', '\n', '12', '13.00', '😡', '👍🏽', '\u200b', 'É', 'ß'];
  const next = rng(lang === 'nl' ? 11 : 12);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  for (let k = 0; k < 400; k++) {
    const parts: string[] = [];
    for (let j = 1 + Math.floor(next() * 25); j > 0; j--) {
      let w = next() < 0.15 ? pick(noise) : pick(words);
      const r = next();
      if (r < 0.1 && w.length > 4)
        w = w.slice(0, 2) + w.slice(3); // typo: a dropped letter
      else if (r < 0.15) w = w.toUpperCase();
      else if (r < 0.2) w = w + pick(['en', 'ing', 's', 'heid', 'ed', 'je']); // inflections
      parts.push(w);
    }
    out.push(parts.join(' '));
  }
  return out;
}

for (const lang of LANGS) {
  describe(`match index (${lang}) against brute force`, () => {
    const crs = compileRuleSet(rules[lang], lang);
    const allAtoms = crs.rules.flatMap((r) => [...r.programs, ...r.unless].flatMap(atomsOf));
    for (const name of crs.lexicons.keys()) allAtoms.push({ k: 'lex', name, id: crs.tokenIndex.lexiconAtom(name) });
    const atoms = [...new Map(allAtoms.map((a) => [a.id, a])).values()];
    const replies = texts(lang);
    const next = rng(3);
    /** Tokens (some marked as times, to exercise #time) and the brute-force masks of every atom. */
    const analysed = replies.map((text) => {
      const tokens = crs.prepare(text);
      for (const t of tokens) t.time = next() < 0.1;
      const expected = new Map(atoms.map((a) => [a.id, tokens.map((_, i) => expectedMask(crs, a, tokens, i))]));
      return { text, tokens, expected };
    });

    it('gives every atom an id of its own kind and word', () => {
      const byId = new Map<number, string>();
      for (const a of allAtoms) {
        const key = JSON.stringify({ ...a, stem: undefined });
        expect(byId.get(a.id) ?? key, `atom id ${a.id}`).toBe(key);
        byId.set(a.id, key);
      }
      expect(Math.min(...allAtoms.map((a) => a.id))).toBeGreaterThanOrEqual(0);
    });

    it(`finds exactly the matches of every atom at every token (${replies.length} replies)`, () => {
      const wrong: string[] = [];
      for (const { text, tokens, expected } of analysed) {
        const matches = crs.tokenIndex.scan(tokens);
        for (const atom of atoms) {
          const want = expected.get(atom.id)!;
          for (let i = 0; i < tokens.length; i++) {
            const got = matches.endMask(atom.id, i);
            if (got !== want[i])
              wrong.push(`${JSON.stringify(atom)} at token ${i} of "${text}": index ${got}, brute force ${want[i]}`);
          }
          const occurs = want.some((m) => m !== 0);
          if (matches.has(atom.id) !== occurs) wrong.push(`${JSON.stringify(atom)} in "${text}": has() is ${!occurs}`);
        }
      }
      expect(wrong.slice(0, 20)).toEqual([]);
    });

    it('never skips a pattern whose required words all occur, and selects no other', () => {
      const wrong: string[] = [];
      for (const { text, tokens, expected } of analysed) {
        const occurs = (a: Atom): boolean => expected.get(a.id)!.some((m) => m !== 0);
        const want = crs.programs.filter((p) => p.required.every((group) => group.some(occurs))).map((p) => p.id);
        const got = crs.programIndex.candidates(crs.tokenIndex.scan(tokens));
        if (got.join() !== want.join()) wrong.push(`"${text}": index [${got.join()}], brute force [${want.join()}]`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    });
  });
}

describe('match index on a small rule set', () => {
  const crs = compileRuleSet(
    {
      lang: 'nl',
      lexicons: { greeting: ['goedemorgen', 'hallo daar'] },
      rules: [
        { id: 'nl.listen.anything', label: 'listen', description: 'no required word', pattern: '#word ~2 #punct' },
        { id: 'nl.ask.greeting', label: 'ask_question', description: 'a greeting phrase', pattern: '@greeting #q' },
      ],
    },
    'nl',
  );
  const candidatesOf = (text: string): number[] => crs.programIndex.candidates(crs.tokenIndex.scan(crs.prepare(text)));

  it('always selects a pattern without required words', () => {
    expect(candidatesOf('zomaar iets.')).toEqual([0]);
    expect(candidatesOf('')).toEqual([0]);
  });

  it('selects a phrase only when all its words are there', () => {
    expect(candidatesOf('hallo daar?')).toEqual([0, 1]);
    expect(candidatesOf('hallo?')).toEqual([0]);
    expect(candidatesOf('goedemorgen?')).toEqual([0, 1]);
    expect(candidatesOf('goedemorgen.')).toEqual([0]);
  });
});

describe('match index limits', () => {
  it(`rejects a phrase of more than ${MAX_PHRASE_TOKENS} words, naming the lexicon`, () => {
    const broken = structuredClone(rules);
    broken.nl.lexicons.tooLong = [Array.from({ length: MAX_PHRASE_TOKENS + 1 }, () => 'ja').join(' ')];
    expect(() => compileRuleSet(broken.nl, 'nl')).toThrow(RuleSetError);
    expect(() => compileRuleSet(broken.nl, 'nl')).toThrow(/lexicons\.tooLong/);
  });
});
