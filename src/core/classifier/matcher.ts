/**
 * Runs one language's compiled rules over a reply's tokens: only the candidate patterns of the
 * program index, in rule order; `unless` patterns cancel a match in its sentence; then `notAfter`
 * and the `requires` / `requiresAny` / `excludes` conditions between labels and features.
 */
import { isTechniqueId } from '../techniques';
import { possible, type ReplyMatches } from './matchIndex';
import { runProgram, type MatchContext, type Span } from './pattern';
import type { CompiledRule, CompiledRuleSet } from './ruleCompiler';
import type { Token } from './text';
import { markGenuineQuestions, SentenceShapes } from './constructions';

const MAX_EVIDENCE_PER_RULE = 3;
/** Rounds of the requires/excludes fixed point; the shipped rules settle in two. */
const MAX_RESOLVE_ROUNDS = 4;

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

/** Facts about the whole reply that rules may require (`maxWords`, `signals`). */
export interface ReplySurface {
  wordCount: number;
  shouting: boolean;
  question: boolean;
}

/** One reply being matched: its tokens, where each atom matches, and the patterns that can match. */
export class ReplyScan implements MatchContext {
  readonly n: number;
  readonly maxSpan: number;
  readonly matches: ReplyMatches;
  /** Ids of the pattern programs whose required words all occur, ascending (so in rule order). */
  readonly candidates: number[];

  constructor(
    private readonly crs: CompiledRuleSet,
    readonly tokens: Token[],
  ) {
    this.n = tokens.length;
    this.maxSpan = crs.maxSpan;
    this.matches = crs.tokenIndex.scan(tokens);
    this.candidates = crs.programIndex.candidates(this.matches);
  }

  private shapes?: SentenceShapes;

  /** Sentence shapes, worked out on first use (only rules that name a construction need them). */
  sentenceShapes(): SentenceShapes {
    return (this.shapes ??= new SentenceShapes(this.tokens, this.crs.constructionWords));
  }

  boundary(i: number): boolean {
    return this.tokens[i]?.boundary ?? true;
  }

  clause(i: number): boolean {
    return this.tokens[i]?.clause ?? true;
  }

  endMask(atom: number, i: number): number {
    return this.matches.endMask(atom, i);
  }

  /** Token range [a, b) of the sentence(s) holding tokens t0..t1. */
  sentenceRange(t0: number, t1: number): [number, number] {
    let a = t0;
    while (a > 0 && !this.tokens[a - 1].boundary) a--;
    let b = Math.max(t1, t0 + 1);
    while (b < this.n && !this.tokens[b - 1].boundary) b++;
    return [a, Math.min(b, this.n)];
  }
}

export interface RuleMatches {
  scan: ReplyScan;
  /** Every match before the conditions between rules. */
  hits: RuleHit[];
  /** The matches that hold after all conditions. */
  kept: RuleHit[];
  /** Label and feature names of `kept`. */
  present: Set<string>;
}

/** Matches the rules against the reply's tokens and resolves the conditions between them. */
export function matchRules(crs: CompiledRuleSet, tokens: Token[], surface: ReplySurface): RuleMatches {
  markGenuineQuestions(tokens, crs.constructionWords);
  const scan = new ReplyScan(crs, tokens);
  const hits = findHits(crs, scan, surface);
  return { scan, hits, ...resolveHits(crs, hits) };
}

/** Do the reply-wide conditions allow this rule at all, given the names found so far? */
function mayApply(crs: CompiledRuleSet, r: CompiledRule, found: ReadonlySet<string>, surface: ReplySurface): boolean {
  // A name is settled once its last producing rule has run; a rule that requires a settled name
  // without hits can never survive resolveHits(), so its patterns are not run (resolving only removes hits).
  const absent = (x: string): boolean => {
    const last = crs.lastProducer.get(x);
    return (last === undefined || last < r.index) && !found.has(x);
  };
  const rule = r.rule;
  if (rule.requires && rule.requires.some(absent)) return false;
  if (rule.requiresAny && rule.requiresAny.length > 0 && rule.requiresAny.every(absent)) return false;
  if (rule.maxWords !== undefined && surface.wordCount > rule.maxWords) return false;
  if (rule.minWords !== undefined && surface.wordCount < rule.minWords) return false;
  if (rule.signals?.shouting !== undefined && rule.signals.shouting !== surface.shouting) return false;
  if (rule.signals?.question !== undefined && rule.signals.question !== surface.question) return false;
  return true;
}

function findHits(crs: CompiledRuleSet, scan: ReplyScan, surface: ReplySurface): RuleHit[] {
  const hits: RuleHit[] = [];
  const found = new Set<string>();
  // Only candidate programs can match. They come in rule order, a rule's programs in a row, so
  // rules are still visited in file order (which `mayApply` depends on).
  let current: CompiledRule | undefined;
  let applies = false;
  let count = 0;
  for (const id of scan.candidates) {
    const r = crs.programRule[id];
    if (r !== current) {
      current = r;
      applies = mayApply(crs, r, found, surface);
      count = 0;
    }
    if (!applies || count >= MAX_EVIDENCE_PER_RULE) continue;
    for (const span of runProgram(crs.programs[id], scan, 0, scan.n, MAX_EVIDENCE_PER_RULE)) {
      if (r.unless.length > 0 && cancelled(r, scan, span)) continue;
      // A cue word inside a genuine question about the customer's facts is no escalation.
      if (crs.constructionWords.drops.has(r.name) && scan.sentenceShapes().inGenuineQuestion(span.start, span.end))
        continue;
      const t0 = scan.tokens[span.start];
      const t1 = scan.tokens[span.end - 1];
      hits.push({ ruleId: r.rule.id, name: r.name, start: t0.start, end: t1.end, t0: span.start, t1: span.end });
      found.add(r.name);
      count++;
    }
  }
  return hits;
}

/** Does one of the rule's `unless` patterns match in the sentence of the match? */
function cancelled(r: CompiledRule, scan: ReplyScan, span: Span): boolean {
  const [a, b] = scan.sentenceRange(span.start, span.end);
  for (const u of r.unless) {
    if (!possible(u, scan.matches)) continue;
    if (runProgram(u, scan, a, b, 1).length > 0) return true;
  }
  return false;
}

function conditionsHold(r: CompiledRule, present: ReadonlySet<string>): boolean {
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

/** `notAfter`, then `requires` / `requiresAny` / `excludes` iterated to a fixed point. */
function resolveHits(crs: CompiledRuleSet, hits: readonly RuleHit[]): { kept: RuleHit[]; present: Set<string> } {
  const ruleOf = (h: RuleHit): CompiledRule => crs.ruleById.get(h.ruleId)!;
  // notAfter: drop matches that start after the first match of the named labels/features
  const first = new Map<string, number>();
  for (const h of hits) {
    const f = first.get(h.name);
    if (f === undefined || h.start < f) first.set(h.name, h.start);
  }
  const live = hits.filter((h) => {
    const notAfter = ruleOf(h).rule.notAfter;
    if (!notAfter) return true;
    return notAfter.every((x) => {
      const f = first.get(x);
      return f === undefined || h.start < f;
    });
  });
  let present = new Set(live.map((h) => h.name));
  for (let round = 0; round < MAX_RESOLVE_ROUNDS; round++) {
    const okRules = new Set<string>();
    for (const h of live) {
      if (okRules.has(h.ruleId)) continue;
      if (conditionsHold(ruleOf(h), present)) okRules.add(h.ruleId);
    }
    const next = new Set(live.filter((h) => okRules.has(h.ruleId)).map((h) => h.name));
    const same = next.size === present.size && [...next].every((x) => present.has(x));
    present = next;
    if (same) break;
  }
  const kept = live.filter((h) => present.has(h.name) && conditionsHold(ruleOf(h), present));
  return { kept, present: new Set(kept.map((h) => h.name)) };
}
