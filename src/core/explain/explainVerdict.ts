/**
 * Why a reply got its labels, as data: which rule fired on which words, and for the credited moves what each
 * needs, which part was there and which was missing. A credited move that was almost there (one of its parts
 * present, the label not given) is a near miss. The words are laid out by `/why` (dialogs/whyMessage.ts).
 */
import type { Classification, Evidence } from '../classifier/types';
import type { Lang } from '../lang';
import {
  TECHNIQUES,
  WHAT_IT_NEEDS,
  isEscalating,
  techniqueName,
  type NeedPartId,
  type TechniqueId,
} from '../techniques';

/** The words a rule fired on; for the learned layer (`<lang>.learned.<label>`), the words that weighed most. */
export interface FiredRule {
  ruleId: string;
  quote: string;
  start: number;
  end: number;
  /** Only for the learned layer: how sure the model was, 0 to 1. */
  probability?: number;
}

/** An escalating label a rule gave that the learned layer did not count: the words as a whole read otherwise. */
export interface OverruledRule {
  id: TechniqueId;
  name: string;
  /** The rules that matched, and the words they matched. */
  rules: FiredRule[];
  /** The model's probability that the reply has the label (below the veto threshold when vetoed). */
  probability: number;
  /** The words that weighed most against the label, when some did (for a label an add took away: for that add). */
  against?: string;
  /** The added label that took this one away, and its name (a question read as argue or sarcasm is rhetorical). */
  cancelledBy?: { id: TechniqueId; name: string };
}

export interface ExplainedLabel {
  id: TechniqueId;
  name: string;
  polarity: 'de-escalating' | 'escalating';
  rules: FiredRule[];
}

export interface ExplainedPart {
  id: NeedPartId;
  text: string;
  present: boolean;
  /** The words that made the part present, when one piece of the reply did. */
  quote?: string;
}

/** What a credited move needs and which of it the reply had. */
export interface NeedsCheck {
  id: TechniqueId;
  name: string;
  needs: string;
  parts: ExplainedPart[];
}

export interface VerdictExplanation {
  lang: Lang;
  text: string;
  /** Every label given, in the classifier's order, with the rules that gave it. */
  labels: ExplainedLabel[];
  /** The credited labels given, with their parts (a part may still be missing: the move could be stronger). */
  credited: NeedsCheck[];
  /** Credited moves not given although a part of them is in the reply: what was missing. */
  nearMisses: NeedsCheck[];
  /** Escalating labels a rule gave that the learned layer did not count. */
  overruled: OverruledRule[];
}

/** What `/why` reads: the reply as classified, and the customer's line it answered (for "in their own words"). */
export interface VerdictInput {
  lang: Lang;
  text: string;
  classification: Pick<Classification, 'labels' | 'details' | 'signals' | 'overruled'>;
  customerLine?: string;
}

/** Words that find a part in a reply, per language. Small on purpose: they explain, they do not classify. */
const CUES: Partial<Record<NeedPartId, Record<Lang, RegExp>>> = {
  feelingNamed: {
    nl: /\b(boos|kwaad|frustr\w*|vervelend|balen|baal|zorgen|ongerust|bang|schrik\w*|teleurgesteld|verdriet\w*|geïrriteerd|moe|zat|onzeker|lastig|rot)\b/iu,
    en: /\b(angry|upset|frustrat\w*|annoy\w*|worr\w*|scared|afraid|disappoint\w*|stress\w*|fed up|tired|hurt|furious|anxious|awful)\b/iu,
  },
  noButAfter: { nl: /\b(maar|alleen)\b/iu, en: /\b(but|however|though)\b/iu },
  openQuestion: {
    nl: /(^|[.!?]\s*)(wat|hoe|welke?|wanneer|waar|wie|waardoor|vertel)\b/iu,
    en: /(^|[.!?]\s*)(what|how|which|when|where|who|tell me)\b/iu,
  },
  summaryFrame: {
    nl: /\b(dus|kortom|als ik het goed begrijp|als ik u goed begrijp|op een rijtje|het komt erop neer|wat u (zegt|wilt|bedoelt))\b/iu,
    en: /\b(so|in short|if I understand|if I've got this right|to sum up|what you're saying|what you want|it comes down to)\b/iu,
  },
  twoOptions: { nl: /\b(of|kiezen|keuze|liever)\b/iu, en: /\b(or|choose|choice|prefer|rather)\b/iu },
  whatCannot: {
    nl: /\b(kan|kunnen|mag|lukt|gaat)\b[^.!?;]*\b(niet|geen)\b|\b(niet|geen)\b[^.!?;]*\b(kan|mag|lukt)\b|\bzit er niet in\b/iu,
    en: /\b(can't|cannot|can not|not able|unable|won't be possible|not allowed|isn't possible)\b/iu,
  },
  whatCan: {
    nl: /\b(wel|wat ik kan|wat wel kan|in plaats daarvan)\b/iu,
    en: /\b(what I can|instead|I can|we can|is possible)\b(?!['’]t| ?not)/iu,
  },
  behaviourNamed: {
    nl: /\b(schreeuw\w*|scheld\w*|toon|vloek\w*|dreig\w*|duw\w*|filmen|gefilmd|vinger|handen|aanraken|beledig\w*)\b/iu,
    en: /\b(shout\w*|yell\w*|swear\w*|tone|threat\w*|push\w*|film\w*|finger|hands|touch\w*|insult\w*|language)\b/iu,
  },
  consequence: {
    nl: /\b(als|anders|dan)\b/iu,
    en: /\b(if|otherwise|or else|then)\b/iu,
  },
  // A promise in the first person ("ik bel u", "I'll send it"): who and what, when the agreement signal has none.
  agreementWhat: {
    nl: /\b(ik|wij|we)\s+(bel|stuur|regel|zorg|mail|kijk|zoek|vraag|breng|haal|zet)\w*(\s+\w+)?/iu,
    en: /\b(I|we)('ll| will| am going to)\s+(call|send|sort|arrange|email|check|look|ask|bring|get|put)\w*(\s+\w+)?/iu,
  },
  endingNamed: {
    nl: /\b(beëindig\w*|afronden|rond\w* (dit|het) gesprek|stop\w*|hang\w* (nu )?op)\b/iu,
    en: /\b(end\w*|finish\w*|stop\w*|hang\w* up|clos\w* (this|the) conversation)\b/iu,
  },
};

/** Replies longer than this are not a listening turn. */
const SHORT_TURN_WORDS = 12;
/** Words shorter than this say little about the customer's problem. */
const MIN_SHARED_WORD = 5;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** Whether a part is in the reply, and the words that show it. */
function findPart(part: NeedPartId, input: VerdictInput): { present: boolean; quote?: string } {
  const { text, classification, lang } = input;
  const agreement = classification.signals.agreement;
  switch (part) {
    case 'shortTurn':
      return { present: classification.signals.wordCount <= SHORT_TURN_WORDS };
    case 'noAnswerYet':
      return { present: !classification.labels.some((id) => id !== 'listen' && id !== 'acknowledge_emotion') };
    case 'question':
      return { present: classification.signals.question };
    case 'noButAfter':
      // Present when no "but" follows: the cue finds the "but".
      return { present: !CUES.noButAfter![lang].test(text) };
    case 'customerWords': {
      const customer = new Set(wordsOf(input.customerLine ?? '').filter((w) => w.length >= MIN_SHARED_WORD));
      const shared = wordsOf(text).filter((w) => customer.has(w));
      return shared.length > 0 ? { present: true, quote: [...new Set(shared)].join(', ') } : { present: false };
    }
    case 'agreementWho': {
      if (agreement?.who) return { present: true, quote: agreement.who };
      const promise = CUES.agreementWhat![lang].exec(text);
      return promise?.[1] ? { present: true, quote: promise[1] } : { present: false };
    }
    case 'agreementWhat': {
      if (agreement?.what) return { present: true, quote: agreement.what };
      const promise = CUES.agreementWhat![lang].exec(text);
      return promise ? { present: true, quote: promise[0].trim() } : { present: false };
    }
    case 'agreementWhen':
      return agreement?.when ? { present: true, quote: agreement.when } : { present: false };
    default: {
      const match = CUES[part]?.[lang].exec(text);
      return match ? { present: true, quote: match[0].trim() } : { present: false };
    }
  }
}

function firedRule({ ruleId, quote, start, end, probability }: Evidence): FiredRule {
  return { ruleId, quote, start, end, ...(probability !== undefined ? { probability } : {}) };
}

function checkNeeds(id: TechniqueId, input: VerdictInput): NeedsCheck | undefined {
  const needs = WHAT_IT_NEEDS[id];
  if (!needs) return undefined;
  return {
    id,
    name: techniqueName(id, input.lang),
    needs: needs.text[input.lang],
    parts: needs.parts.map((part) => ({ id: part.id, text: part.text[input.lang], ...findPart(part.id, input) })),
  };
}

/** Almost there: an anchor part (any part, when the move has no anchors) present, another part missing. */
function isNearMiss(id: TechniqueId, check: NeedsCheck): boolean {
  if (WHAT_IT_NEEDS[id]?.nearMiss === false) return false;
  const parts = WHAT_IT_NEEDS[id]?.parts ?? [];
  const anchors = parts.some((p) => p.anchor) ? parts.filter((p) => p.anchor).map((p) => p.id) : parts.map((p) => p.id);
  const anchorPresent = check.parts.some((p) => p.present && anchors.includes(p.id));
  return anchorPresent && check.parts.some((p) => !p.present);
}

/**
 * Explains one verdict.
 *
 * @example
 * const why = explainVerdict({ lang: 'nl', text, classification, customerLine });
 * why.nearMisses[0]?.parts.filter((p) => !p.present); // what was missing
 */
export function explainVerdict(input: VerdictInput): VerdictExplanation {
  const given = new Set(input.classification.labels);
  const labels: ExplainedLabel[] = input.classification.details.map((detail) => ({
    id: detail.id,
    name: techniqueName(detail.id, input.lang),
    polarity: isEscalating(detail.id) ? 'escalating' : 'de-escalating',
    rules: detail.evidence.map(firedRule),
  }));
  const overruled: OverruledRule[] = (input.classification.overruled ?? []).map((o) => ({
    id: o.id,
    name: techniqueName(o.id, input.lang),
    rules: o.evidence.map(firedRule),
    probability: o.probability,
    ...(o.against ? { against: o.against.quote } : {}),
    ...(o.cancelledBy ? { cancelledBy: { id: o.cancelledBy, name: techniqueName(o.cancelledBy, input.lang) } } : {}),
  }));
  const credited: NeedsCheck[] = [];
  const nearMisses: NeedsCheck[] = [];
  // An escalating reply is not "almost" a credited move: the jab is what to fix first.
  const escalating = input.classification.labels.some(isEscalating);
  for (const id of TECHNIQUES) {
    const check = checkNeeds(id, input);
    if (!check) continue;
    if (given.has(id)) credited.push(check);
    else if (!escalating && isNearMiss(id, check)) nearMisses.push(check);
  }
  return { lang: input.lang, text: input.text, labels, credited, nearMisses, overruled };
}
