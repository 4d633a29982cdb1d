/**
 * Escapers for everything a trainee typed that a card, a page or a file shows again.
 * The Markdown and HTML escapers live in the pure core (the exports use them);
 * they are re-exported here so card code has one place to import from.
 */
import { cleanText, prepareQuote } from '../../src/core';

export { cleanText, escapeHtml, escapeMarkdown, escapeXml, prepareQuote, shorten } from '../../src/core';

/**
 * Escapes text for an Adaptive Card TextBlock (or FactSet title/value), which hosts
 * read as a Markdown subset: backslash before `* _ [ ] ( ) > < \` and backticks,
 * and before `#`, `-`, `+` or `1.` at the start of a line. Newlines are kept.
 *
 * Backslash escapes are not honoured alike on every Teams client (mobile has
 * shown the backslash), so the feedback card puts trainee words in RichTextBlock
 * TextRuns, which are never read as Markdown, and keeps this for the few report
 * strings that must sit in a TextBlock or FactSet.
 *
 * @example escapeCardMarkdown('**hi** [x](y)') // '\\*\\*hi\\*\\* \\[x\\]\\(y\\)'
 */
export function escapeCardMarkdown(text: string): string {
  return neutraliseCardFunctions(text)
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\`*_[\]()<>]/g, (ch) => `\\${ch}`)
        .replace(/^(\s*)([#+-])/, '$1\\$2')
        .replace(/^(\s*\d+)\./, '$1\\.'),
    )
    .join('\n');
}

/**
 * Hosts expand `{{DATE(...)}}` and `{{TIME(...)}}` in card text; a trainee's
 * braces must stay braces. Also safe for TextRuns.
 */
export function neutraliseCardFunctions(text: string): string {
  return text.replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }');
}

/**
 * Trainee (or customer) words for a TextRun: one line, no control or invisible
 * characters, at most `max` characters with an ellipsis, `{{` broken up. No
 * Markdown escaping: TextRuns show text literally.
 *
 * A character on screen may be many UTF-16 units (a family emoji is 8), and a
 * message's size is counted in units: a quote also keeps within two units per
 * character of `max`, cut between characters, so emoji cost no more than letters.
 */
export function cardRunText(text: string, max: number): string {
  const memo = quoteMemo?.get(max);
  let quote = memo?.get(text);
  if (quote === undefined) {
    quote = neutraliseCardFunctions(withinUnits(prepareQuote(text, max), 2 * max));
    if (quoteMemo) {
      if (memo) memo.set(text, quote);
      else quoteMemo.set(max, new Map([[text, quote]]));
    }
  }
  return quote;
}

/**
 * Quotes made while `build` runs, kept for that call only: a debrief that gives way to fit its message lays its
 * card out several times, and cutting a long reply of emoji to its characters is the slowest part of it (40 such
 * replies: 170 ms a fit without this, about 15 with it). Nothing is kept from one debrief to the next: a reply
 * seen in an earlier debrief costs what a new one does, and no quote outlives its debrief.
 *
 * @example
 * const card = withQuoteMemo(() => buildFeedbackCard(view, options));
 */
export function withQuoteMemo<T>(build: () => T): T {
  const outer = quoteMemo;
  quoteMemo = outer ?? new Map();
  try {
    return build();
  } finally {
    quoteMemo = outer;
  }
}

/** The quotes of the running {@link withQuoteMemo} call, by `max` and text; undefined outside one. */
let quoteMemo: Map<number, Map<string, string>> | undefined;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `maxUnits` UTF-16 code units, cut between user-perceived characters (never inside a surrogate pair or
 * an emoji sequence), ending in "…" when cut.
 *
 * @example withinUnits('👩‍👩‍👧👩‍👩‍👧', 10) // '👩‍👩‍👧…'
 */
export function withinUnits(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length + 1 > maxUnits) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
}

/** Our own report strings for a TextBlock: cleaned, shortened, escaped. */
export function cardBlockText(text: string, max = 400): string {
  return escapeCardMarkdown(prepareQuote(cleanText(text), max));
}
