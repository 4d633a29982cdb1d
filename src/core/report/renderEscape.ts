/**
 * Making text safe to show again. Everything a trainee typed (quotes, the
 * transcript, agreement parts) passes through `cleanText` and then through the
 * escaper of the target format. Pure functions, no I/O.
 */

/** Invisible characters that can hide or reorder text: zero-width space/non-joiner, word joiner, BOM, soft hyphen, bidi controls. ZWJ (U+200D) stays: emoji sequences need it. */
const INVISIBLE = /[\u00AD\u200B\u200C\u200E\u200F\u2060-\u2064\uFEFF\u202A-\u202E\u2066-\u2069]/g;
/** C0 and C1 control characters except tab and newline. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are stripped
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Anything single-line `cleanText` would change: a control or invisible character, whitespace other than a
 * space, two spaces in a row, or a space at either end.
 */
const NEEDS_CLEANING =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u001F\u007F-\u009F\u00AD\u200B\u200C\u200E\u200F\u2060-\u2064\uFEFF\u202A-\u202E\u2066-\u2069]|[^\S ]| {2}|^ | $/;

/** Printable ASCII, Latin-1 and Latin Extended letters: none joins a neighbour into one grapheme. */
const ONE_UNIT_PER_GRAPHEME = /^[\u0020-\u007E\u00A0-\u02FF]+$/;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Removes control and invisible characters; with `singleLine` (the default)
 * all whitespace runs, newlines included, become one space.
 *
 * @example cleanText('a\u200B\nb') // 'a b'
 */
export function cleanText(text: string, options: { singleLine?: boolean } = {}): string {
  const singleLine = options.singleLine ?? true;
  // Most text is clean already (the debrief cleans each quote several times): one test instead of five passes.
  if (singleLine && typeof text === 'string' && !NEEDS_CLEANING.test(text)) return text;
  const stripped = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, (ch) => (ch === '\u000B' || ch === '\u000C' ? ' ' : ''));
  if (singleLine) return stripped.replace(/\s+/g, ' ').trim();
  return stripped
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Shortens to at most `max` user-perceived characters (grapheme clusters, so an
 * emoji is never cut in half), ending in an ellipsis when shortened; prefers to
 * cut at a word boundary in the last fifth.
 *
 * @example shorten('a'.repeat(5000), 10) // 'aaaaaaaaa…'
 */
export function shorten(text: string, max: number): string {
  if (max < 1) throw new RangeError('shorten: max must be at least 1');
  // A string has at least as many UTF-16 units as graphemes: short text needs no segmenting (the common case).
  if (text.length <= max) return text;
  // Segment only as far as needed: max + 1 graphemes tell whether it is too long. Latin text without combining
  // marks has one grapheme per UTF-16 unit, and needs no segmenter (slow, and run on every quote of a debrief).
  const head = text.slice(0, max + 1);
  const graphemes: string[] = ONE_UNIT_PER_GRAPHEME.test(head) ? head.split('') : [];
  if (graphemes.length === 0)
    for (const { segment } of segmenter.segment(text)) {
      graphemes.push(segment);
      if (graphemes.length > max) break;
    }
  if (graphemes.length <= max) return text;
  let cut = max - 1;
  const lastSpace = graphemes.lastIndexOf(' ', cut);
  if (lastSpace > cut * 0.8) cut = lastSpace;
  return graphemes.slice(0, cut).join('').trimEnd() + '…';
}

/** `cleanText` then `shorten`: how every quote is prepared before escaping. */
export function prepareQuote(text: string, max: number): string {
  return shorten(cleanText(text), max);
}

/**
 * Escapes text for CommonMark/GFM so that it shows literally: no emphasis,
 * links, images, code, headings, lists, quotes, tables or raw HTML. Expects a
 * single line (run `cleanText` first); newlines are kept but each line is
 * escaped on its own.
 *
 * @example escapeMarkdown('[x](http://evil)') // '\\[x\\]\\(http\\://evil\\)'
 */
export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\`*_{}[\]()#+!|<>~&]/g, (ch) => `\\${ch}`)
        // Bare URLs are autolinked by GFM: break the scheme separator.
        .replace(/:\/\//g, '\\://')
        // A line starting with -, =, or "1." / "1)" would become a list or a heading underline.
        .replace(/^(\s*)([-=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example escapeHtml('<script>') // '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** XML text and attribute escaping (SVG): the same five characters. */
export const escapeXml = escapeHtml;
