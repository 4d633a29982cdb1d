/** English date-time recognition by Microsoft Recognizers-Text, loaded lazily (it is slow to load). */

export interface TimeSpan {
  start: number;
  end: number;
  text: string;
}

const HINT =
  /\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|tonight|tomorrow|noon|midday|midnight|morning|afternoon|evening|week|month|weekend|jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|quarter)\b/i;

/** Cheap pre-check before paying for the recogniser. */
export function mightHoldEnglishTime(text: string): boolean {
  return HINT.test(text);
}

type Recognize = (text: string, culture: string) => Array<{ start: number; end: number; text: string; typeName: string }>;
let recognize: Recognize | null = null;

/** Time expressions in English text (offsets end-exclusive). Never throws. */
export function englishTimeSpans(text: string): TimeSpan[] {
  try {
    if (!recognize) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      recognize = (require('@microsoft/recognizers-text-suite') as { recognizeDateTime: Recognize }).recognizeDateTime;
    }
    return recognize(text, 'en-us')
      .filter((r) => !/duration|set/.test(r.typeName))
      .map((r) => ({ start: r.start, end: r.end + 1, text: r.text }));
  } catch {
    return [];
  }
}
