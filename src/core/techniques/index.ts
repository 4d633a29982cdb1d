/**
 * The technique ids and what follows from the catalogue (catalogue.ts): lists by
 * polarity, names, marks, hint texts. Nothing here names a technique by its id:
 * every table is derived, so a new catalogue entry shows up everywhere at once.
 */
import type { Bilingual, Lang } from '../lang';
import { TECHNIQUE_ENTRIES, type DeEscalatingSpec, type EscalatingSpec, type TechniqueSpec } from './catalogue';

export type { Bilingual, BilingualVariants, Lang } from '../lang';
export { LANGS, isLang } from '../lang';
export type { DeEscalatingSpec, EscalatingSpec, TechniqueSpec, NeedPart, NeedPartId, WhatItNeeds } from './catalogue';
export { WHAT_IT_NEEDS } from './catalogue';

type Entries = typeof TECHNIQUE_ENTRIES;

export type TechniqueId = keyof Entries;
export type EscalatingId = { [K in TechniqueId]: Entries[K]['polarity'] extends 'escalating' ? K : never }[TechniqueId];
export type DeEscalatingId = Exclude<TechniqueId, EscalatingId>;

/** The key of a `/hint` text: every hint points at the technique that would help now. */
export type HintKey = {
  [K in TechniqueId]: Entries[K] extends { hints: infer H } ? keyof H & string : never;
}[TechniqueId];

/** Everything the product knows about a technique, by id. */
export const TECHNIQUE_CATALOGUE: Readonly<Record<TechniqueId, TechniqueSpec>> = TECHNIQUE_ENTRIES;

export type Polarity = TechniqueSpec['polarity'] | 'neither';

/** All ids, de-escalating first, in catalogue order. */
export const TECHNIQUES: readonly TechniqueId[] = Object.keys(TECHNIQUE_ENTRIES) as TechniqueId[];

const techniqueSet: ReadonlySet<string> = new Set(TECHNIQUES);

export function isTechniqueId(value: unknown): value is TechniqueId {
  return typeof value === 'string' && techniqueSet.has(value);
}

export function isEscalating(id: TechniqueId): id is EscalatingId {
  return TECHNIQUE_CATALOGUE[id].polarity === 'escalating';
}

export const ESCALATING: readonly EscalatingId[] = TECHNIQUES.filter(isEscalating);
export const DE_ESCALATING: readonly DeEscalatingId[] = TECHNIQUES.filter(
  (id): id is DeEscalatingId => !isEscalating(id),
);

/** The spec of a flagged move (its coaching texts). */
export function escalatingSpec(id: EscalatingId): EscalatingSpec {
  return TECHNIQUE_ENTRIES[id];
}

/** The spec of a credited move (its plan step, hints, /progress listing). */
export function deEscalatingSpec(id: DeEscalatingId): DeEscalatingSpec {
  return TECHNIQUE_ENTRIES[id];
}

/** A reply is escalating as soon as one flagged label is present: one jab spoils a kind sentence. */
export function polarityOf(labels: readonly TechniqueId[]): Polarity {
  if (labels.length === 0) return 'neither';
  return labels.some(isEscalating) ? 'escalating' : 'de-escalating';
}

/** Names a trainee reads, in both languages. */
export const TECHNIQUE_NAMES: Readonly<Record<TechniqueId, Bilingual>> = Object.fromEntries(
  TECHNIQUES.map((id) => [id, TECHNIQUE_CATALOGUE[id].name]),
) as Record<TechniqueId, Bilingual>;

/** The name in one language; a label that is not (or no longer) a technique id is shown as it is. */
export function techniqueName(id: string, lang: Lang): string {
  return isTechniqueId(id) ? TECHNIQUE_CATALOGUE[id].name[lang] : id;
}

/** The names of labels in one language, in their order. */
export function techniqueNames(labels: readonly string[], lang: Lang): string[] {
  return labels.map((id) => techniqueName(id, lang));
}

/** The mark before a technique's name on cards and the projector: credited or flagged, never colour alone. */
export const POLARITY_MARK: Readonly<Record<TechniqueSpec['polarity'], string>> = {
  'de-escalating': '✓',
  escalating: '⚠',
};

/** What a reply shows when no technique was recognised in it. */
export const NO_TECHNIQUE: Bilingual = { nl: 'geen techniek herkend', en: 'no technique recognised' };

/** "✓ name" / "⚠ name"; an unknown label is shown as it is, with the credited mark. */
export function markedTechniqueName(id: string, lang: Lang): string {
  const mark = isTechniqueId(id) && isEscalating(id) ? POLARITY_MARK.escalating : POLARITY_MARK['de-escalating'];
  return `${mark} ${techniqueName(id, lang)}`;
}

/** What "/hint" says, by hint key: gathered from the techniques the hints point at. */
export const HINT_TEXT: Readonly<Record<HintKey, Bilingual>> = Object.fromEntries(
  DE_ESCALATING.flatMap((id) => Object.entries(deEscalatingSpec(id).hints)),
) as Record<HintKey, Bilingual>;

/** The techniques whose first credited use ticks off a plan step, in catalogue order. */
export function techniquesForStep(step: DeEscalatingSpec['planStep']): DeEscalatingId[] {
  return DE_ESCALATING.filter((id) => deEscalatingSpec(id).planStep === step);
}
