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

/** One feature of a reply and the words it stands for (for the quote in the evidence). */
export interface ReplyFeature {
  name: string;
  /** Character offsets of the words; -1 for features that stand for no words (rule labels, shouting). */
  start: number;
  end: number;
}

/** The word-like unit a token is to the model: its stem, `?` or `!`; undefined for other punctuation. */
export function featureUnit(t: Token): string | undefined {
  if (t.kind === 'word' || t.kind === 'num') return t.stem;
  if (t.kind !== 'punct') return undefined;
  if (t.raw.includes('?')) return '?';
  if (t.raw.includes('!')) return '!';
  return undefined;
}

/** The word-like units the n-grams are built from. */
function units(tokens: readonly Token[]): Array<{ unit: string; start: number; end: number }> {
  const out: Array<{ unit: string; start: number; end: number }> = [];
  for (const t of tokens) {
    const unit = featureUnit(t);
    if (unit !== undefined) out.push({ unit, start: t.start, end: t.end });
  }
  return out;
}

/** Every distinct feature of a reply, each with the first place it occurs, in text order. */
export function replyFeatures(
  tokens: readonly Token[],
  ruleLabels: readonly TechniqueId[],
  shouting: boolean,
): ReplyFeature[] {
  const seen = new Set<string>();
  const out: ReplyFeature[] = [];
  const add = (name: string, start: number, end: number): void => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, start, end });
  };
  const us = units(tokens);
  for (let i = 0; i < us.length; i++) {
    const u = us[i];
    if (i === 0) add('f:' + u.unit, u.start, u.end);
    add('w:' + u.unit, u.start, u.end);
    if (i + 1 < us.length) add('b:' + u.unit + ' ' + us[i + 1].unit, u.start, us[i + 1].end);
  }
  for (const label of ruleLabels) add('r:' + label, -1, -1);
  if (shouting) add('shouting', -1, -1);
  return out;
}
