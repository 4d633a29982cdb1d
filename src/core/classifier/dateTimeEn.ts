/** English date-time recognition by Microsoft Recognizers-Text, loaded lazily (it is slow to load). */

export interface TimeSpan {
  start: number;
  end: number;
  text: string;
}

// Time words our own rules (en.yaml, feature `when`) do not cover; the recogniser is only worth
// calling when one of these occurs.
const HINT =
  /\b(?:half past|quarter (?:past|to)|o'?clock|fortnight|end of (?:the )?(?:week|month)|first thing|in an hour|within the hour|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:thirty|fifteen|forty-five)|next (?:month|year)|this (?:coming )?(?:week ?end)|(?:\d{1,2})(?:st|nd|rd|th)\b)/i;

/** Cheap pre-check before paying for the recogniser. */
export function mightHoldEnglishTime(text: string): boolean {
  return HINT.test(text);
}

type Recognize = (
  text: string,
  culture: string,
) => Array<{ start: number; end: number; text: string; typeName: string }>;
let recognize: Recognize | null = null;
const memo = new Map<string, TimeSpan[]>();

/** Time expressions in English text (offsets end-exclusive). Never throws. */
export function englishTimeSpans(text: string): TimeSpan[] {
  try {
    if (!recognize) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: slow to load, rarely needed
      recognize = (require('@microsoft/recognizers-text-suite') as { recognizeDateTime: Recognize }).recognizeDateTime;
    }
    const hit = memo.get(text);
    if (hit) return hit;
    const spans = recognize(text, 'en-us')
      .filter((r) => !/duration|set/.test(r.typeName))
      .map((r) => ({ start: r.start, end: r.end + 1, text: r.text }));
    if (memo.size > 500) memo.clear();
    memo.set(text, spans);
    return spans;
  } catch {
    return [];
  }
}
