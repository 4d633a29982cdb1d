/** The two languages of the product: Dutch first, English second. */
export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'nl' || value === 'en';
}

/** One sentence in both languages. */
export type Bilingual = Readonly<Record<Lang, string>>;

/** Several variants in both languages (the caller picks one, e.g. by turn number). */
export type BilingualVariants = Readonly<Record<Lang, readonly string[]>>;
