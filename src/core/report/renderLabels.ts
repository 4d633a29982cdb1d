/**
 * The words the report renderers add themselves (headings, measure names, verdicts),
 * Dutch first, English second. The Report carries its own texts in the session's
 * language; these labels are picked by `report.lang`.
 */
import { fillTemplate } from '../fillTemplate';
import type { Difficulty } from '../persona/types';
import type { Lang } from '../lang';
import type { BoundaryVerdict, ChecklistItem, Measures } from './types';

type L = Record<Lang, string>;

export const LABELS = {
  debrief: { nl: 'Nabespreking', en: 'Debrief' },
  customer: { nl: 'Klant', en: 'Customer' },
  difficulty: { nl: 'Moeilijkheid', en: 'Difficulty' },
  outcome: { nl: 'Uitkomst', en: 'Outcome' },
  score: { nl: 'Score', en: 'Score' },
  scoreHow: { nl: 'Zo is de score opgebouwd', en: 'How the score was made' },
  angerCurve: { nl: 'Boosheid per beurt', en: 'Anger per turn' },
  checklist: { nl: 'Het zevenstappenplan', en: 'The seven-step plan' },
  measures: { nl: 'Meetpunten', en: 'Measurement points' },
  keyMoments: { nl: 'De drie keerpunten', en: 'The three turning points' },
  wentWell: { nl: 'Wat ging goed', en: 'What went well' },
  toImprove: { nl: 'Wat kan anders', en: 'What to do differently' },
  betterReply: { nl: 'Beter', en: 'Better' },
  tips: { nl: 'Tips voor de volgende keer', en: 'Tips for next time' },
  transcript: { nl: 'Het hele gesprek', en: 'The whole conversation' },
  turn: { nl: 'beurt', en: 'turn' },
  Turn: { nl: 'Beurt', en: 'Turn' },
  opening: { nl: 'opening', en: 'opening' },
  you: { nl: 'Jij', en: 'You' },
  anger: { nl: 'boosheid', en: 'anger' },
  techniques: { nl: 'technieken', en: 'techniques' },
  why: { nl: 'Waarom', en: 'Why' },
  nothingYet: { nl: 'Nog niets om te tonen.', en: 'Nothing to show yet.' },
  noTurns: {
    nl: 'Er is nog niet gereageerd: geen beurten om te beoordelen.',
    en: 'No replies yet: no turns to assess.',
  },
  showDetails: { nl: 'Tonen of verbergen', en: 'Show or hide' },
  restart: { nl: 'Opnieuw oefenen', en: 'Practise again' },
  personas: { nl: 'Andere klant kiezen', en: 'Choose another customer' },
  exportMarkdown: { nl: 'Verslag downloaden', en: 'Download the report' },
  chartAlt: { nl: 'Grafiek van de boosheid per beurt', en: 'Chart of anger per turn' },
  generatedNote: {
    nl: 'Dit verslag is gemaakt uit jouw oefengesprek. De score is een hulpmiddel om te oefenen, geen oordeel.',
    en: 'This report was made from your practice conversation. The score is a practice aid, not a verdict.',
  },
} satisfies Record<string, L>;

export type LabelKey = keyof typeof LABELS;

/** The anger curve in one line of figures. */
export const ANGER_SUMMARY: Record<Lang, string> = {
  nl: 'start {start}, piek {peak}, eind {final}; kalm bij {calm} of lager',
  en: 'start {start}, peak {peak}, end {final}; calm at {calm} or below',
};

/** The anger summary in the report language, its `{name}` placeholders filled in. */
export function angerSummary(lang: Lang, values: Record<'start' | 'peak' | 'final' | 'calm', number>): string {
  return fillTemplate(ANGER_SUMMARY[lang], values);
}

export const DIFFICULTY_NAMES: Record<Difficulty, L> = {
  easy: { nl: 'makkelijk', en: 'easy' },
  normal: { nl: 'normaal', en: 'normal' },
  hard: { nl: 'moeilijk', en: 'hard' },
};

export const BAND_NAMES: Record<'calm' | 'tense' | 'angry' | 'furious', L> = {
  calm: { nl: 'kalm', en: 'calm' },
  tense: { nl: 'gespannen', en: 'tense' },
  angry: { nl: 'boos', en: 'angry' },
  furious: { nl: 'woedend', en: 'furious' },
};

export const STATUS_ICON: Record<ChecklistItem['status'], string> = { done: '✅', missed: '❌', notNeeded: '➖' };
export const STATUS_NAMES: Record<ChecklistItem['status'], L> = {
  done: { nl: 'gedaan', en: 'done' },
  missed: { nl: 'gemist', en: 'missed' },
  notNeeded: { nl: 'niet nodig', en: 'not needed' },
};

export const BOUNDARY_NAMES: Record<BoundaryVerdict, L> = {
  notNeeded: {
    nl: 'niet nodig (de klant ging niet over tot schelden)',
    en: 'not needed (the customer never became abusive)',
  },
  handled: { nl: 'grens gesteld, en die hield', en: 'boundary set, and it held' },
  stoppedRightly: {
    nl: 'STOP goed toegepast: grens gesteld, overschreden, gesprek beëindigd',
    en: 'STOP done right: boundary set, crossed, conversation ended',
  },
  notStopped: {
    nl: 'grens overschreden, maar het gesprek ging door',
    en: 'boundary crossed, but the conversation went on',
  },
  missed: { nl: 'geen grens gesteld terwijl de klant schold', en: 'no boundary set when the customer became abusive' },
  endedTooEarly: { nl: 'gesprek te vroeg beëindigd', en: 'conversation ended too early' },
};

export const MEASURE_NAMES = {
  turns: { nl: 'Beurten', en: 'Turns' },
  duration: { nl: 'Duur', en: 'Duration' },
  untilCalm: { nl: 'Tot kalm', en: 'Until calm' },
  escalating: { nl: 'Escalerende reacties', en: 'Escalating replies' },
  summary: { nl: 'Samenvatting', en: 'Summary' },
  agreement: { nl: 'Afspraak (wie, wat, wanneer)', en: 'Agreement (who, what, when)' },
  boundary: { nl: 'Grens (STOP)', en: 'Boundary (STOP)' },
  hints: { nl: 'Hints / overgedaan', en: 'Hints / retries' },
} satisfies Record<string, L>;

/** Seconds as "1 min 35 s" / "45 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

/** The measurement points as label → value pairs, values our own words and numbers only (no trainee text). */
export function measureFacts(measures: Measures, lang: Lang): Array<{ title: string; value: string }> {
  const m = measures;
  const yes = lang === 'nl' ? 'ja' : 'yes';
  const untilCalm =
    m.turnsUntilCalm === null
      ? lang === 'nl'
        ? 'niet bereikt'
        : 'not reached'
      : `${m.turnsUntilCalm} ${lang === 'nl' ? (m.turnsUntilCalm === 1 ? 'beurt' : 'beurten') : m.turnsUntilCalm === 1 ? 'turn' : 'turns'}` +
        (m.secondsUntilCalm === null ? '' : ` (${formatDuration(m.secondsUntilCalm)})`);
  const summary = !m.summary.given
    ? lang === 'nl'
      ? 'niet gegeven'
      : 'not given'
    : m.summary.clear
      ? lang === 'nl'
        ? 'gegeven en helder'
        : 'given and clear'
      : lang === 'nl'
        ? 'gegeven, niet helder'
        : 'given, not clear';
  const parts = [m.agreement.who, m.agreement.what, m.agreement.when];
  const agreement = m.agreement.made
    ? `${yes} (${parts.filter((p) => p !== undefined && p !== '').length}/3 ${lang === 'nl' ? 'onderdelen' : 'parts'})`
    : lang === 'nl'
      ? 'geen'
      : 'none';
  return [
    { title: MEASURE_NAMES.turns[lang], value: String(m.traineeTurns) },
    { title: MEASURE_NAMES.duration[lang], value: formatDuration(m.durationSeconds) },
    { title: MEASURE_NAMES.untilCalm[lang], value: untilCalm },
    { title: MEASURE_NAMES.escalating[lang], value: String(m.escalatingReplies) },
    { title: MEASURE_NAMES.summary[lang], value: summary },
    { title: MEASURE_NAMES.agreement[lang], value: agreement },
    { title: MEASURE_NAMES.boundary[lang], value: BOUNDARY_NAMES[m.boundary.verdict][lang] },
    { title: MEASURE_NAMES.hints[lang], value: `${m.hintsUsed} / ${m.retries}` },
  ];
}

/** The agreement's parts as label → trainee words (unescaped: escape for the target format). */
export function agreementParts(measures: Measures, lang: Lang): Array<{ title: string; value: string }> {
  const names = lang === 'nl' ? ['Wie', 'Wat', 'Wanneer'] : ['Who', 'What', 'When'];
  const { who, what, when } = measures.agreement;
  return [who, what, when]
    .map((value, i) => ({ title: names[i], value: value ?? '' }))
    .filter((p) => p.value.trim() !== '');
}

/** "+12" / "−9" with a real minus sign. */
export function signed(delta: number): string {
  const rounded = Math.round(delta);
  if (rounded > 0) return `+${rounded}`;
  if (rounded < 0) return `−${Math.abs(rounded)}`;
  return '±0';
}
