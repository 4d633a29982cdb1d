/**
 * When is an offered option ready? Reads the day of a reply ("maandag", "morgen", "over drie
 * werkdagen", "on Monday", "the day after tomorrow") as days from today, so the customer can
 * check it against a deadline in the persona's facts. English by Microsoft Recognizers-Text
 * (loaded lazily, with a fixed reference date on today's weekday: deterministic); Dutch by the
 * rules below. Pure apart from the lazy load.
 */
import type { Lang } from '../lang';

const WEEKDAYS: Record<Lang, readonly string[]> = {
  // Monday first, as ISO numbers them (1-7).
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
};

/** ISO weekday (1 = Monday) of a fact value such as "zaterdag" or "Saturday"; undefined when it is none. */
export function weekdayOf(value: string, lang: Lang): number | undefined {
  const v = value.trim().toLowerCase();
  const i = WEEKDAYS[lang].findIndex((day) => v.startsWith(day));
  return i < 0 ? undefined : i + 1;
}

/** Days from `today` to the next `weekday` (a weekday named on that same day means next week's). */
export function daysUntil(today: number, weekday: number): number {
  const ahead = (weekday - today + 7) % 7;
  return ahead === 0 ? 7 : ahead;
}

const DUTCH_NUMBERS: Record<string, number> = {
  een: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
};

/** Calendar days for a number of working days starting on `today` (weekends skipped). */
function workingDays(today: number, count: number): number {
  let day = today;
  let days = 0;
  for (let left = count; left > 0;) {
    day = (day % 7) + 1;
    days += 1;
    if (day <= 5) left -= 1;
  }
  return days;
}

/** The Dutch day expressions a desk uses, as days from today; the first one in the text counts. */
function dutchDays(text: string, today: number): number | undefined {
  const t = text.toLowerCase();
  const found: Array<{ at: number; days: number }> = [];
  const add = (re: RegExp, days: (m: RegExpExecArray) => number | undefined) => {
    const m = re.exec(t);
    if (!m) return;
    const d = days(m);
    if (d !== undefined) found.push({ at: m.index, days: d });
  };
  const count = (word: string) => DUTCH_NUMBERS[word] ?? Number(word);
  add(/\bvandaag\b|\bvanmiddag\b|\bvanavond\b|\bnog deze dag\b/, () => 0);
  add(/\bovermorgen\b/, () => 2);
  // "morgen" as a day, not "'s morgens" or "vanmorgen".
  add(/(?<![s'’]\s?|van)\bmorgen(?:ochtend|middag|avond|vroeg)?\b(?!s)/, () => 1);
  add(/\b(?:de )?(?:eerst)?volgende werkdag\b/, () => workingDays(today, 1));
  add(/\bna het weekend\b/, () => daysUntil(today, 1));
  add(/\b(?:eind|einde) (?:van )?de(?:ze)? week\b/, () => daysUntil(today, 5));
  add(
    /\b(?:over|binnen) (\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien) (werkdag(?:en)?|dag(?:en)?|weken|week)\b/,
    (m) => {
      const n = count(m[1]);
      if (m[2].startsWith('werkdag')) return workingDays(today, n);
      return m[2].startsWith('dag') ? n : n * 7;
    },
  );
  add(/\bvolgende week(?: (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))?\b/, (m) => {
    const toMonday = daysUntil(today, 1);
    return m[1] ? toMonday + (weekdayOf(m[1], 'nl') ?? 1) - 1 : toMonday;
  });
  add(/\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)/, (m) => {
    const day = weekdayOf(m[1], 'nl');
    return day === undefined ? undefined : daysUntil(today, day);
  });
  found.sort((a, b) => a.at - b.at);
  return found[0]?.days;
}

type Recognize = (
  text: string,
  culture: string,
  options: undefined,
  refDate: Date,
) => Array<{ start: number; resolution?: { values?: Array<Record<string, string>> } }>;
let recognize: Recognize | null = null;

/** English day expressions by Recognizers-Text, as days from today; the first one in the text counts. */
function englishDays(text: string, today: number): number | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: slow to load, rarely needed
    recognize ??= (require('@microsoft/recognizers-text-suite') as { recognizeDateTime: Recognize }).recognizeDateTime;
    // 1 January 2024 was a Monday: the reference date is the persona's today in that week.
    const reference = Date.UTC(2024, 0, today, 9);
    const results = recognize(text, 'en-us', undefined, new Date(reference)).sort((a, b) => a.start - b.start);
    for (const result of results) {
      const days = (result.resolution?.values ?? [])
        .map((v) => v.value ?? v.start ?? v.end)
        .filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
        .map((v) =>
          Math.round((Date.UTC(+v.slice(0, 4), +v.slice(5, 7) - 1, +v.slice(8, 10), 9) - reference) / 86_400_000),
        )
        .filter((d) => d >= 0);
      if (days.length > 0) return Math.min(...days);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** Days from today named in a reply, or undefined when it names no day. */
export function offeredDay(text: string, lang: Lang, today: number): number | undefined {
  return lang === 'en' ? englishDays(text, today) : dutchDays(text, today);
}
