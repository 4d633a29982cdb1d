/**
 * The technique catalogue: the 14 label ids that the classifier produces, the
 * evaluation sets use and the feedback report talks about. The ids are a
 * contract (see techniques.md in the shared folder); never rename one.
 */
export const DE_ESCALATING = [
  'listen',
  'acknowledge_emotion',
  'ask_question',
  'summarize',
  'offer_choice',
  'explain_limits',
  'set_boundary',
  'make_agreement',
  'end_conversation',
] as const;

export const ESCALATING = ['argue', 'defend', 'rules_speak', 'dismiss', 'counter_aggression'] as const;

export const TECHNIQUES = [...DE_ESCALATING, ...ESCALATING] as const;

export type TechniqueId = (typeof TECHNIQUES)[number];

export type Polarity = 'de-escalating' | 'escalating' | 'neither';

const escalatingSet: ReadonlySet<string> = new Set(ESCALATING);
const techniqueSet: ReadonlySet<string> = new Set(TECHNIQUES);

export function isTechniqueId(value: unknown): value is TechniqueId {
  return typeof value === 'string' && techniqueSet.has(value);
}

export function isEscalating(id: TechniqueId): boolean {
  return escalatingSet.has(id);
}

/** A reply is escalating as soon as one flagged label is present: one jab spoils a kind sentence. */
export function polarityOf(labels: readonly TechniqueId[]): Polarity {
  if (labels.length === 0) return 'neither';
  return labels.some(isEscalating) ? 'escalating' : 'de-escalating';
}

export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'nl' || value === 'en';
}

/** Names a trainee reads, in both languages. */
export const TECHNIQUE_NAMES: Record<TechniqueId, Record<Lang, string>> = {
  listen: { nl: 'laten uitrazen en luisteren', en: 'letting them vent, listening' },
  acknowledge_emotion: { nl: 'emotie erkennen', en: 'acknowledging the emotion' },
  ask_question: { nl: 'doorvragen', en: 'asking questions' },
  summarize: { nl: 'samenvatten', en: 'summarising' },
  offer_choice: { nl: 'keuzes bieden', en: 'offering choices' },
  explain_limits: { nl: 'uitleggen wat wel en niet kan', en: 'explaining what can and cannot be done' },
  set_boundary: { nl: 'een grens stellen', en: 'setting a boundary' },
  make_agreement: { nl: 'afspraken maken', en: 'making a concrete agreement' },
  end_conversation: { nl: 'het gesprek beëindigen', en: 'ending the conversation' },
  argue: { nl: 'in discussie gaan', en: 'arguing' },
  defend: { nl: 'verdedigen of schuld afschuiven', en: 'defending or shifting blame' },
  rules_speak: { nl: 'regels als schild', en: 'hiding behind the rules' },
  dismiss: { nl: 'bagatelliseren', en: 'dismissing the feeling' },
  counter_aggression: {
    nl: 'terugslaan (sarcasme, dreigen, schreeuwen)',
    en: 'hitting back (sarcasm, threats, shouting)',
  },
};
