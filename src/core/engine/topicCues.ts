/**
 * Compiles a persona's topic and offer cues with the classifier's own rule compiler and matcher,
 * so cues are written in the rule language (docs/classifier.md) and get the same lexicons,
 * chat spellings, stemming and typo correction as the technique rules. Pure: compiled once per
 * persona and language, then kept.
 */
import { matchRules } from '../classifier/matcher';
import { compileRuleSet, type CompiledRuleSet } from '../classifier/ruleCompiler';
import type { Rule, RuleSet } from '../classifier/ruleSet';
import { isShouting } from '../classifier/text';
import type { Lang } from '../lang';
import type { CommonLines, CueVocabulary, OfferItem, Persona, Topic } from '../persona/types';

/** What a reply touched: topic and offer ids, each with where its first cue matched. */
export interface CueHits {
  topics: CueHit[];
  offers: CueHit[];
}

export interface CueHit {
  id: string;
  /** Character offsets of the first match: the longest match wins between topics. */
  start: number;
  end: number;
}

const TOPIC = 'topic:';
const OFFER = 'offer:';

/** The topics a persona answers: its own, then the shared ones it does not override. */
export function topicsOf(persona: Persona, common: CommonLines): Topic[] {
  const own = persona.topics ?? [];
  if (own.length === 0) return [];
  const shared = common.topics ?? [];
  const merged = own.map((topic) => {
    const base = shared.find((s) => s.id === topic.id);
    return topic.cues || !base?.cues ? topic : { ...topic, cues: base.cues };
  });
  for (const topic of shared) if (!own.some((t) => t.id === topic.id)) merged.push(topic);
  return merged;
}

/** Does this persona listen to content at all (topics or offer items)? Personas without play as before. */
export function hearsContent(persona: Persona): boolean {
  return (persona.topics?.length ?? 0) > 0 || (persona.offers?.length ?? 0) > 0;
}

function cueRules(topics: readonly Topic[], offers: readonly OfferItem[], lang: Lang, negates: boolean): Rule[] {
  const rules: Rule[] = [];
  for (const topic of topics) {
    (topic.cues?.[lang] ?? []).forEach((pattern, i) => {
      rules.push({ id: `topic.${topic.id}.${i}`, feature: `${TOPIC}${topic.id}`, description: '', pattern });
    });
  }
  for (const offer of offers) {
    offer.cues[lang].forEach((pattern, i) => {
      // "Ik kan u het paspoort vandaag niet meegeven" refuses the option it names.
      const unless = negates ? { unless: ['@negator'] } : {};
      rules.push({ id: `offer.${offer.id}.${i}`, feature: `${OFFER}${offer.id}`, description: '', pattern, ...unless });
    });
  }
  return rules;
}

const EXACT_CUE_WORDS = '_exactCueWords';

/** The `=word` literals of the cues (phrases split into words), as lexicon entries. */
function exactWords(rules: readonly Rule[]): string[] {
  const words = new Set<string>();
  for (const rule of rules) {
    const patterns = Array.isArray(rule.pattern) ? rule.pattern : [rule.pattern];
    for (const pattern of patterns)
      for (const m of pattern.matchAll(/(?:^|[\s|])=([^\s|]+)/g))
        for (const word of m[1].split('_')) if (/\p{L}/u.test(word)) words.add(`=${word}`);
  }
  return [...words];
}

/** Compiles the cues; throws a RuleSetError naming the cue (`topic.flight.2`) on a bad pattern. */
export function compileCues(
  topics: readonly Topic[],
  offers: readonly OfferItem[],
  lang: Lang,
  vocabulary: CueVocabulary | undefined,
): CompiledRuleSet {
  const all = vocabulary?.lexicons ?? {};
  const rules = cueRules(topics, offers, lang, 'negator' in all);
  // Only the lexicons the cues name: compiling every lexicon of the rule files for each persona is slow.
  const named = new Set(rules.flatMap((r) => [r.pattern, r.unless ?? []].flat().join(' ').match(/@\w+/g) ?? []));
  const lexicons = Object.fromEntries(Object.entries(all).filter(([name]) => named.has(`@${name}`)));
  const set: RuleSet = {
    lang,
    // Exact words (`=kaart`) join the typo corrector's vocabulary, so "kaart" is not read as "kwart".
    lexicons: { ...lexicons, [EXACT_CUE_WORDS]: exactWords(rules) },
    ...(vocabulary?.spellings ? { spellings: vocabulary.spellings } : {}),
    rules,
  };
  return compileRuleSet(set, lang);
}

const compiled = new WeakMap<Persona, Map<Lang, CompiledRuleSet>>();

/** The persona's compiled cues, compiled once per persona object and language (the validator warms this). */
export function cuesFor(persona: Persona, common: CommonLines, lang: Lang): CompiledRuleSet {
  let byLang = compiled.get(persona);
  if (!byLang) compiled.set(persona, (byLang = new Map<Lang, CompiledRuleSet>()));
  let crs = byLang.get(lang);
  if (!crs) {
    crs = compileCues(topicsOf(persona, common), persona.offers ?? [], lang, common.cueVocabulary?.[lang]);
    byLang.set(lang, crs);
  }
  return crs;
}

/** The topics and offer items a reply touches. */
export function matchCues(persona: Persona, common: CommonLines, lang: Lang, text: string): CueHits {
  const crs = cuesFor(persona, common, lang);
  const tokens = crs.prepare(text);
  const surface = {
    shouting: isShouting(tokens),
    question: tokens.some((t) => t.kind === 'punct' && t.raw.includes('?')),
    wordCount: tokens.filter((t) => t.kind === 'word' || t.kind === 'num').length,
  };
  const found = matchRules(crs, tokens, surface);
  const hits: CueHits = { topics: [], offers: [] };
  for (const hit of found.kept) {
    const [list, id] = hit.name.startsWith(TOPIC)
      ? [hits.topics, hit.name.slice(TOPIC.length)]
      : [hits.offers, hit.name.slice(OFFER.length)];
    const known = list.find((h) => h.id === id);
    if (!known) list.push({ id, start: hit.start, end: hit.end });
    else if (hit.end - hit.start > known.end - known.start) Object.assign(known, { start: hit.start, end: hit.end });
  }
  return hits;
}
