/**
 * The debrief as the layouts show it: every heading, figure, quote, tip and
 * technique name, resolved in the report's language, as plain JSON data. The
 * card, the Markdown and HTML exports and the plain-text version only lay this
 * out (and escape it for their format); none of them looks anything up.
 */
import type { Lang } from '../lang';
import type { Outcome } from '../session/types';
import { TECHNIQUES, isTechniqueId, techniqueName, techniqueNames, type TechniqueId } from '../techniques';
import { describeAngerCurve, renderSparkline } from './angerChart';
import type { ExportTranscriptEntry } from './renderExport';
import {
  BOUNDARY_NAMES,
  DIFFICULTY_NAMES,
  LABELS,
  STATUS_ICON,
  STATUS_NAMES,
  agreementParts,
  angerSummary,
  measureFacts,
  signed,
} from './renderLabels';
import { PLAN_STEPS } from './planSteps';
import type { BoundaryVerdict, ChecklistItem, CreditedMove, FlaggedReply, Quote, Report, ScorePart } from './types';

/** Fixed words of the layouts beyond the report labels (table headers, short section names). */
const LAYOUT_WORDS = {
  part: { nl: 'Onderdeel', en: 'Part' },
  points: { nl: 'Punten', en: 'Points' },
  how: { nl: 'Hoe', en: 'How' },
  summary: { nl: 'Samenvatting', en: 'Summary' },
  agreement: { nl: 'Afspraak', en: 'Agreement' },
  boundary: { nl: 'Grens', en: 'Boundary' },
  quotes: { nl: 'citaten', en: 'quotes' },
  /** `{count}`: the credited and flagged replies a short layout (the card) leaves out. */
  moreInFullReport: { nl: 'Nog {count} in het volledige verslag.', en: '{count} more in the full report.' },
  judgedTurns: { nl: 'Beoordeling per beurt', en: 'Judgement per turn' },
  noLabel: { nl: 'geen techniek herkend', en: 'no technique recognised' },
  misjudged: { nl: 'Verkeerd beoordeeld?', en: 'Misjudged?' },
  rightLabels: { nl: 'Welke technieken zaten er wel in?', en: 'Which techniques were really in it?' },
  correctionNote: { nl: 'Toelichting (mag leeg blijven)', en: 'Note (optional)' },
  sendCorrection: { nl: 'Correctie versturen', en: 'Send correction' },
  why: { nl: 'Waarom?', en: 'Why?' },
  /** `{count}` of `{total}` replies a message too small for all of them leaves out; `{example}`: one of them. */
  turnsNotListed: {
    nl: 'Hier niet getoond: {count} van uw {total} antwoorden. Typ /why met het nummer van de beurt (bijvoorbeeld /why {example}) voor de uitleg bij dat antwoord, of /export voor het verslag met alle antwoorden.',
    en: 'Not listed here: {count} of your {total} replies. Type /why and a turn number (say /why {example}) to see how that reply was judged, or /export for the report with all of them.',
  },
  /** The last line of a plain-text debrief cut to fit one message. */
  restInExport: {
    nl: 'De rest van deze nabespreking past niet in één bericht: typ /export voor het volledige verslag.',
    en: 'The rest of this debrief does not fit in one message: type /export for the full report.',
  },
} satisfies Record<string, Record<Lang, string>>;

/** Every fixed word a layout needs, in the debrief's language. */
export type DebriefWords = Readonly<Record<keyof typeof LABELS | keyof typeof LAYOUT_WORDS, string>>;

export interface DebriefFact {
  title: string;
  value: string;
}

export interface DebriefStep {
  /** 1 to 7: the step's place in the plan. */
  number: number;
  status: ChecklistItem['status'];
  /** ✅ / ❌ / ➖ */
  icon: string;
  statusName: string;
  title: string;
  quote?: Quote;
  note: string;
}

export interface DebriefMoment {
  turn: number;
  angerBefore: number;
  angerAfter: number;
  /** The change with its sign: "+12", "−9". */
  change: string;
  direction: 'up' | 'down';
  traineeText: string;
  customerText: string;
  why: string[];
}

export interface DebriefTranscriptLine {
  role: 'customer' | 'trainee';
  /** The trainee turn this line belongs to (0: the customer's opening). */
  turn: number;
  text: string;
  anger: number;
  /** The recognised techniques' names (trainee lines). */
  labelNames: string[];
  /** The recognised techniques' ids (trainee lines): what a correction says was wrong. */
  labels: TechniqueId[];
}

/** The whole debrief, ready to lay out. */
export interface DebriefView {
  lang: Lang;
  words: DebriefWords;
  personaTitle: string;
  customerName: string;
  difficultyName: string;
  outcome: Outcome;
  outcomeText: string;
  score: number;
  scoreParts: ScorePart[];
  anger: {
    /** The curve as block characters; "–" when there is none. */
    sparkline: string;
    /** "start 70, peak 80, end 35; calm at 40 or below". */
    summary: string;
    /** The curve in sentences, for alt texts and screen readers. */
    description: string;
  };
  /** False when the trainee never replied. */
  hasTurns: boolean;
  tips: string[];
  checklist: DebriefStep[];
  measures: {
    facts: DebriefFact[];
    /** Who, what and when of the agreement, in the trainee's words (escape them). */
    agreementParts: DebriefFact[];
    summaryQuote?: Quote;
    agreementQuote?: Quote;
    boundary: { verdict: BoundaryVerdict; verdictName: string; explanation: string; quote?: Quote };
  };
  keyMoments: DebriefMoment[];
  wentWell: CreditedMove[];
  toImprove: FlaggedReply[];
  transcript: DebriefTranscriptLine[];
  /** Every technique a trainer can pick when marking a turn misjudged, in catalogue order. */
  techniqueChoices: { id: TechniqueId; name: string }[];
}

/** A table of bilingual words in one language. */
function inLang<K extends string>(table: Record<K, Record<Lang, string>>, lang: Lang): Record<K, string> {
  return Object.fromEntries(
    Object.entries<Record<Lang, string>>(table).map(([key, value]) => [key, value[lang]]),
  ) as Record<K, string>;
}

/** The debrief's words in each language, made once: every debrief of that language shares them (read only). */
const WORDS_BY_LANG = new Map<Lang, DebriefView['words']>();

function debriefWords(lang: Lang): DebriefView['words'] {
  let words = WORDS_BY_LANG.get(lang);
  if (!words) {
    words = Object.freeze({ ...inLang(LABELS, lang), ...inLang(LAYOUT_WORDS, lang) });
    WORDS_BY_LANG.set(lang, words);
  }
  return words;
}

/**
 * Builds the view of a debrief, with the conversation when a layout shows it (the exports).
 *
 * @example
 * const view = debriefView(report, session.transcript);
 * const file = renderReportMarkdown(view);
 */
export function debriefView(report: Report, transcript: readonly ExportTranscriptEntry[] = []): DebriefView {
  const lang = report.lang;
  const m = report.measures;
  let turn = 0;
  return {
    lang,
    words: debriefWords(lang),
    personaTitle: report.personaTitle,
    customerName: report.customerName,
    difficultyName: DIFFICULTY_NAMES[report.difficulty][lang],
    outcome: report.outcome,
    outcomeText: report.outcomeText,
    score: report.score,
    scoreParts: report.scoreParts,
    anger: {
      sparkline: renderSparkline(report.angerCurve) || '–',
      summary: angerSummary(lang, {
        start: report.startAnger,
        peak: report.peakAnger,
        final: report.finalAnger,
        calm: report.calmLine,
      }),
      description: describeAngerCurve(report),
    },
    hasTurns: m.traineeTurns > 0,
    tips: report.tips,
    checklist: report.checklist.map((item) => ({
      number: PLAN_STEPS.indexOf(item.step) + 1,
      status: item.status,
      icon: STATUS_ICON[item.status],
      statusName: STATUS_NAMES[item.status][lang],
      title: item.title,
      ...(item.quote ? { quote: item.quote } : {}),
      note: item.note,
    })),
    measures: {
      facts: measureFacts(m, lang),
      agreementParts: agreementParts(m, lang),
      ...(m.summary.quote ? { summaryQuote: m.summary.quote } : {}),
      ...(m.agreement.quote ? { agreementQuote: m.agreement.quote } : {}),
      boundary: {
        verdict: m.boundary.verdict,
        verdictName: BOUNDARY_NAMES[m.boundary.verdict][lang],
        explanation: m.boundary.explanation,
        ...(m.boundary.quote ? { quote: m.boundary.quote } : {}),
      },
    },
    keyMoments: report.keyMoments.map((moment) => ({
      turn: moment.turn,
      angerBefore: moment.angerBefore,
      angerAfter: moment.angerAfter,
      change: signed(moment.delta),
      direction: moment.delta > 0 ? 'up' : 'down',
      traineeText: moment.traineeText,
      customerText: moment.customerText,
      why: moment.why,
    })),
    wentWell: report.wentWell,
    toImprove: report.toImprove,
    transcript: transcript.map((entry) => {
      if (entry.role === 'trainee') turn += 1;
      return {
        role: entry.role,
        turn,
        text: entry.text,
        anger: entry.anger,
        labelNames: entry.role === 'trainee' ? techniqueNames(entry.labels, lang) : [],
        labels: entry.role === 'trainee' ? entry.labels.filter(isTechniqueId) : [],
      };
    }),
    techniqueChoices: TECHNIQUES.map((id) => ({ id, name: techniqueName(id, lang) })),
  };
}
