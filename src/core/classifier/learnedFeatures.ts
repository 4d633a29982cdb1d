/**
 * The features the learned layer reads, from the classifier's own tokens: the same normalised, typo-corrected
 * stems the rules see (`LanguagePack.tokenize`), so the model and the rules never disagree on what a word is.
 *
 * - `w:<stem>`      a word (or number) anywhere in the reply
 * - `b:<stem> <stem>` two words in a row (a `?` or `!` counts as a word here, other punctuation is skipped)
 * - `f:<stem>`      the first word of the reply
 * - `w:?`, `w:!`    a question or exclamation mark
 * - `r:<label>`     a label the rules gave
 * - `shouting`      the reply is mostly capitals
 */
import type { TechniqueId } from '../techniques';
import type { Token } from './text';

/** The word-like unit a token is to the model: its stem, `?` or `!`; undefined for other punctuation. */
export function featureUnit(t: Token): string | undefined {
  if (t.kind === 'word' || t.kind === 'num') return t.stem;
  if (t.kind !== 'punct') return undefined;
  if (t.raw.includes('?')) return '?';
  if (t.raw.includes('!')) return '!';
  return undefined;
}

/**
 * Every distinct feature name of a reply, in text order: what the trainer learns from. The classifier scores the
 * same features straight from the tokens (`scoreLearned`), without building the names.
 */
export function replyFeatures(
  tokens: readonly Token[],
  ruleLabels: readonly TechniqueId[],
  shouting: boolean,
): string[] {
  const seen = new Set<string>(); // a Set keeps the first place of each name, and each name once
  let previous: string | undefined;
  for (const t of tokens) {
    const unit = featureUnit(t);
    if (unit === undefined) continue;
    if (previous === undefined) seen.add('f:' + unit);
    else seen.add('b:' + previous + ' ' + unit);
    seen.add('w:' + unit);
    previous = unit;
  }
  for (const label of ruleLabels) seen.add('r:' + label);
  if (shouting) seen.add('shouting');
  return [...seen];
}

/** Whether a feature unit is a word (or number), not `?` or `!`. */
export function isWordUnit(unit: string): boolean {
  return unit !== '?' && unit !== '!';
}

/** The distinct words among a reply's features: what `scoreLearned` counts as `words`, for the trainer. */
export function distinctWords(features: readonly string[]): number {
  let n = 0;
  for (const f of features) if (f.startsWith('w:') && isWordUnit(f.slice(2))) n++;
  return n;
}
