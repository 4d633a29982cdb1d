import { CALM_ENOUGH, type TurnEffect } from '../engine/emotionModel';
import { describeEffect, type EffectReason } from '../engine/effectReasons';
import type { Session, TurnRecord } from '../session/types';
import type { Lang } from '../lang';
import {
  escalatingSpec,
  isEscalating,
  isTechniqueId,
  techniqueName,
  techniquesForStep,
  type TechniqueId,
} from '../techniques';
import { fillTemplate } from '../fillTemplate';
import { prepareQuote } from './renderEscape';
import {
  betterReplyFor,
  CLUMSY_MOVE_TEXT,
  mistimedReply,
  OUTCOME_TEXT,
  pickVariant,
  STEP_TITLES,
  TIPS,
  type MistimedKey,
} from './coaching';
import { firstMistimed, firstWellTimed, judgeTurns, type JudgedTurn } from './judgedTurns';
import { findVaguePromise } from './vaguePromise';
import type {
  BoundaryVerdict,
  ChecklistItem,
  ClumsyMove,
  CreditedMove,
  FlaggedReply,
  KeyMoment,
  Measures,
  Quote,
  Report,
  ReportPersona,
  ScorePart,
} from './types';
import { PLAN_STEPS } from './planSteps';

const QUOTE_MAX = 160;
const MAX_LISTED = 5;

/** Effects that mean a credited move came at the wrong moment: not praised, coached instead. */
const MISTIMED: Partial<Record<EffectReason, MistimedKey>> = {
  choiceVenting: 'tooEarlySolution',
  agreementEarly: 'tooEarlySolution',
  endedTooEarly: 'tooEarlyEnd',
  boundaryUnneeded: 'unneededBoundary',
  ackScripted: 'scriptedUnderstanding',
  ackDuringAbuse: 'missedBoundary',
};

/**
 * Builds the debrief from a finished (or stopped) session. Pure and
 * deterministic: the same session gives the same report, field for field.
 */
export function buildReport(session: Session, persona: ReportPersona): Report {
  const lang = session.lang;
  const turns = session.turns;
  const angerCurve = session.transcript.filter((e) => e.role === 'customer').map((e) => e.anger);
  const startAnger = angerCurve[0] ?? session.emotion.anger;
  const finalAnger = angerCurve[angerCurve.length - 1] ?? startAnger;
  const outcome = session.outcome ?? 'stopped';

  const judged = judgeTurns(turns);
  const measures = measure(session, judged);
  const checklist = buildChecklist(session, judged, measures);
  const clumsy = clumsyMoves(judged, lang, promiseWords(session, persona));
  const scoreParts = scoreSession(session, checklist, measures, startAnger, finalAnger);

  return {
    schemaVersion: 1,
    lang,
    personaId: persona.id,
    personaTitle: persona.title[lang],
    customerName: persona.customer.name[lang],
    difficulty: session.difficulty,
    outcome,
    outcomeText: OUTCOME_TEXT[outcome][lang],
    score: scoreParts.reduce((sum, part) => sum + part.points, 0),
    scoreParts,
    angerCurve,
    startAnger,
    peakAnger: Math.max(startAnger, ...angerCurve),
    finalAnger,
    calmLine: CALM_ENOUGH,
    checklist,
    measures,
    wentWell: creditedMoves(judged, lang, measures),
    toImprove: flaggedReplies(judged, lang, measures, clumsy),
    clumsyMoves: clumsy,
    keyMoments: keyMoments(turns, lang),
    tips: chooseTips(checklist, measures, lang),
    techniqueCounts: countTechniques(turns),
  };
}

/** The trainee's own words for a label: the evidence span, or the reply itself, shortened. */
export function quoteFor(turn: TurnRecord, label?: TechniqueId): Quote {
  const evidence = label ? turn.classification.details.find((d) => d.id === label)?.evidence[0] : undefined;
  const raw = evidence ? sentenceAround(turn.traineeText, evidence.start, evidence.end) : turn.traineeText;
  return { turn: turn.index, text: shorten(raw.trim()) };
}

/** The sentence that holds the evidence: "nu eenmaal" alone says little, its sentence says what was said. */
function sentenceAround(text: string, start: number, end: number): string {
  const boundary = /[.!?\n]/;
  let from = Math.max(0, Math.min(start, text.length));
  while (from > 0 && !boundary.test(text.charAt(from - 1))) from -= 1;
  let to = Math.max(from, Math.min(end, text.length));
  while (to < text.length && !boundary.test(text.charAt(to))) to += 1;
  if (to < text.length) to += 1;
  return text.slice(from, to);
}

function shorten(text: string): string {
  return prepareQuote(text, QUOTE_MAX);
}

const has = (turn: TurnRecord, label: TechniqueId) => turn.classification.labels.includes(label);
const hasEffect = (turn: TurnRecord, reason: EffectReason) => turn.effects.some((e) => e.reason === reason);

/**
 * The first turn at which the customer was abusive, if ever: from there a boundary is required. A boundary
 * when the customer is merely personal is credited too, but calming them down another way is just as good.
 * A customer who walks out or is shown the door on the turn they would turn abusive left no reply to answer
 * it with; one who was abusive when the trainee typed `/stop` did.
 */
function boundaryNeededAt(session: Session): number | undefined {
  const turn = session.turns.find((t) => t.stateBefore.escalation === 'abusive');
  if (turn) return turn.index;
  const open = session.outcome === undefined || session.outcome === 'stopped';
  return open && session.emotion.escalation === 'abusive' ? session.turns.length + 1 : undefined;
}

function measure(session: Session, judged: readonly JudgedTurn[]): Measures {
  const { turns, lang } = session;
  const calmTurn = turns.find((t) => t.angerAfter <= CALM_ENOUGH);
  const summaryTurn = turns.find((t) => has(t, 'summarize'));
  const agreementTurn = firstWellTimed(judged, ['make_agreement'])?.turn;
  const agreementParts = agreementTurn?.classification.signals.agreement;
  const lastTurn = turns[turns.length - 1];
  return {
    traineeTurns: turns.length,
    durationSeconds: Math.round((session.endedAtMs ?? lastTurn?.atMs ?? 0) / 1000),
    turnsUntilCalm: calmTurn ? calmTurn.index : null,
    secondsUntilCalm: calmTurn ? Math.round(calmTurn.atMs / 1000) : null,
    escalatingReplies: turns.filter((t) => t.classification.labels.some(isEscalating)).length,
    summary: summaryTurn
      ? {
          given: true,
          clear: summaryTurn.reaction.includes('summaryConfirmed'),
          quote: quoteFor(summaryTurn, 'summarize'),
        }
      : { given: false, clear: false },
    agreement: agreementTurn
      ? { made: true, ...agreementParts, quote: quoteFor(agreementTurn, 'make_agreement') }
      : { made: false },
    boundary: judgeBoundary(session, lang),
    hintsUsed: session.hintsUsed,
    retries: session.retries,
  };
}

const BOUNDARY_TEXT: Record<BoundaryVerdict, Record<Lang, string>> = {
  notNeeded: {
    nl: 'De klant ging niet over tot schelden; een grens was niet nodig.',
    en: 'The customer never became abusive; no boundary was needed.',
  },
  handled: {
    nl: 'U stelde een grens toen de klant persoonlijk werd, en die werd gerespecteerd.',
    en: 'You set a boundary when the customer got personal, and it held.',
  },
  stoppedRightly: {
    nl: 'Grens gesteld, opnieuw overschreden, en toen heeft u het gesprek gestopt: precies volgens STOP.',
    en: 'Boundary set, crossed again, and then you ended the conversation: STOP done right.',
  },
  notStopped: {
    nl: 'De klant ging opnieuw over uw grens, maar het gesprek liep door. Dan is stoppen de juiste stap.',
    en: 'The customer crossed your boundary again, but the conversation went on. Ending it is the right step then.',
  },
  missed: {
    nl: 'De klant begon te schelden, maar er kwam geen grens.',
    en: 'The customer became abusive, but no boundary came.',
  },
  endedTooEarly: {
    nl: 'U stopte het gesprek voordat u een grens had gesteld die opnieuw werd overschreden.',
    en: 'You ended the conversation before a boundary had been set and crossed again.',
  },
};

function judgeBoundary(session: Session, lang: Lang): Measures['boundary'] {
  const verdict = boundaryVerdict(session);
  const boundaryTurn = session.turns.find((t) => has(t, 'set_boundary'));
  const endTurn = session.turns.find((t) => has(t, 'end_conversation'));
  const quoteTurn = verdict === 'stoppedRightly' || verdict === 'endedTooEarly' ? endTurn : boundaryTurn;
  const quoteLabel: TechniqueId = quoteTurn === endTurn ? 'end_conversation' : 'set_boundary';
  return {
    verdict,
    explanation: BOUNDARY_TEXT[verdict][lang],
    ...(quoteTurn && verdict !== 'missed' && verdict !== 'notNeeded' ? { quote: quoteFor(quoteTurn, quoteLabel) } : {}),
  };
}

function boundaryVerdict(session: Session): BoundaryVerdict {
  const last = session.turns[session.turns.length - 1];
  if (last && hasEffect(last, 'endedTooEarly')) return 'endedTooEarly';
  if (session.emotion.boundary.crossedAgain)
    return session.outcome === 'ended_by_trainee' ? 'stoppedRightly' : 'notStopped';
  const rightBoundary = session.turns.some((t) => has(t, 'set_boundary') && hasEffect(t, 'boundaryRight'));
  if (rightBoundary) return 'handled';
  return boundaryNeededAt(session) === undefined ? 'notNeeded' : 'missed';
}

const STEP_NOTES = {
  done: { nl: 'Gedaan in beurt', en: 'Done in turn' },
  missed: { nl: 'Niet gedaan.', en: 'Not done.' },
  noReplies: { nl: 'Er kwam geen reactie van u.', en: 'You did not reply.' },
  calmKept: {
    nl: 'U bleef rustig: geen sarcasme, dreigen of schreeuwen.',
    en: 'You stayed calm: no sarcasm, threats or shouting.',
  },
  calmLost: {
    nl: 'Hier sloeg u terug; even ademhalen had geholpen.',
    en: 'Here you hit back; a breath first would have helped.',
  },
  reflex: {
    nl: 'Uw eerste reactie ging meteen de discussie in; eerst even ademhalen en laten uitrazen helpt.',
    en: 'Your first answer went straight into the argument; a breath first, and letting them vent, helps.',
  },
  /** `{turn}` and `{why}`: the reply and the engine's reason it did not land then. */
  mistimed: {
    nl: 'Geprobeerd in beurt {turn}, maar op een moment dat het nog niet werkte: {why}.',
    en: 'Tried in turn {turn}, but at a moment when it could not work yet: {why}.',
  },
  boundaryNotNeeded: {
    nl: 'Niet nodig: de klant ging niet over tot schelden.',
    en: 'Not needed: the customer never became abusive.',
  },
} as const;

function buildChecklist(session: Session, judged: readonly JudgedTurn[], measures: Measures): ChecklistItem[] {
  const { turns, lang } = session;
  return PLAN_STEPS.map((step): ChecklistItem => {
    const title = STEP_TITLES[step][lang];
    if (step === 'stopAndBreathe') {
      if (turns.length === 0) return { step, title, status: 'missed', note: STEP_NOTES.noReplies[lang] };
      const lostIt = turns.find((t) => has(t, 'counter_aggression') || t.classification.signals.shouting);
      if (lostIt)
        return {
          step,
          title,
          status: 'missed',
          quote: quoteFor(lostIt, 'counter_aggression'),
          note: STEP_NOTES.calmLost[lang],
        };
      const first = turns[0];
      // The first answer shows whether the trainee took a breath: going straight into a flagged move is the reflex.
      const reflex = first.classification.labels.find(isEscalating);
      if (reflex)
        return { step, title, status: 'missed', quote: quoteFor(first, reflex), note: STEP_NOTES.reflex[lang] };
      return { step, title, status: 'done', quote: quoteFor(first), note: STEP_NOTES.calmKept[lang] };
    }
    if (step === 'setLimit') {
      const verdict = measures.boundary.verdict;
      // Done when a boundary came at the right moment, whatever happened after it (ending too early is judged apart).
      const boundaryTurn = turns.find(
        (t) => has(t, 'set_boundary') && (hasEffect(t, 'boundaryRight') || hasEffect(t, 'boundaryCrossed')),
      );
      const done = boundaryTurn !== undefined;
      if (
        !done &&
        (verdict === 'notNeeded' || (verdict === 'endedTooEarly' && boundaryNeededAt(session) === undefined))
      ) {
        return { step, title, status: 'notNeeded', note: STEP_NOTES.boundaryNotNeeded[lang] };
      }
      return {
        step,
        title,
        status: done ? 'done' : 'missed',
        ...(done && boundaryTurn ? { quote: quoteFor(boundaryTurn, 'set_boundary') } : {}),
        note: measures.boundary.explanation,
      };
    }
    const techniques = techniquesForStep(step);
    const credited = firstWellTimed(judged, techniques);
    if (credited) {
      return {
        step,
        title,
        status: 'done',
        quote: quoteFor(credited.turn, credited.label),
        note: `${STEP_NOTES.done[lang]} ${credited.turn.index}.`,
      };
    }
    const tried = firstMistimed(judged, techniques);
    return tried
      ? {
          step,
          title,
          status: 'missed',
          quote: quoteFor(tried.turn, tried.move.label),
          note: fillTemplate(STEP_NOTES.mistimed[lang], {
            turn: tried.turn.index,
            why: describeEffect({ reason: tried.move.reason }, lang),
          }),
        }
      : { step, title, status: 'missed', note: STEP_NOTES.missed[lang] };
  });
}

const SCORE_TITLES: Record<ScorePart['key'], Record<Lang, string>> = {
  outcome: { nl: 'Uitkomst', en: 'Outcome' },
  calming: { nl: 'Boosheid omlaag', en: 'Anger brought down' },
  plan: { nl: 'Zevenstappenplan', en: 'Seven-step plan' },
  conduct: { nl: 'Geen escalerende reacties', en: 'No escalating replies' },
};

function scoreSession(
  session: Session,
  checklist: readonly ChecklistItem[],
  measures: Measures,
  start: number,
  final: number,
): ScorePart[] {
  const lang = session.lang;
  const outcome = session.outcome ?? 'stopped';
  const calmedShare =
    start <= CALM_ENOUGH ? (final <= start ? 1 : 0) : clamp01((start - final) / (start - CALM_ENOUGH));

  let outcomePoints: number;
  let outcomeWhy: string;
  if (outcome === 'resolved') {
    outcomePoints = 35;
    outcomeWhy = lang === 'nl' ? 'Opgelost: alle 35 punten.' : 'Resolved: all 35 points.';
  } else if (outcome === 'ended_by_trainee' && measures.boundary.verdict === 'stoppedRightly') {
    outcomePoints = 30;
    outcomeWhy =
      lang === 'nl'
        ? 'Terecht gestopt na een overschreden grens: 30 van 35.'
        : 'Rightly ended after a crossed boundary: 30 of 35.';
  } else if (outcome === 'stopped') {
    outcomePoints = Math.round(15 * calmedShare);
    outcomeWhy =
      lang === 'nl'
        ? 'Gestopt: tot 15 punten naar hoeveel de klant al bedaard was.'
        : 'Stopped: up to 15 points for how far the customer had calmed down.';
  } else if (outcome === 'ended_by_trainee') {
    outcomePoints = 5;
    outcomeWhy = lang === 'nl' ? 'Te vroeg gestopt: 5 van 35.' : 'Ended too early: 5 of 35.';
  } else {
    outcomePoints = 0;
    outcomeWhy = lang === 'nl' ? 'De klant liep weg: geen punten.' : 'The customer walked out: no points.';
  }

  const calmingPoints = session.turns.length === 0 ? 0 : Math.round(20 * calmedShare);
  const calmingWhy =
    lang === 'nl'
      ? `Van ${start} naar ${final}; de volle 20 punten bij ${CALM_ENOUGH} of lager.`
      : `From ${start} to ${final}; the full 20 points at ${CALM_ENOUGH} or below.`;

  const applicable = checklist.filter((item) => item.status !== 'notNeeded');
  const done = applicable.filter((item) => item.status === 'done').length;
  const planPoints = applicable.length === 0 ? 0 : Math.round((30 * done) / applicable.length);
  const planWhy =
    lang === 'nl'
      ? `${done} van ${applicable.length} stappen die nodig waren.`
      : `${done} of the ${applicable.length} steps that were needed.`;

  const missedBoundary = measures.boundary.verdict === 'missed' || measures.boundary.verdict === 'notStopped' ? 1 : 0;
  const conductPoints =
    session.turns.length === 0 ? 0 : Math.max(0, 15 - 4 * measures.escalatingReplies - 5 * missedBoundary);
  const conductWhy =
    lang === 'nl'
      ? `15 punten, min 4 per escalerende reactie (${measures.escalatingReplies}) en min 5 voor een gemiste grens (${missedBoundary}).`
      : `15 points, minus 4 per escalating reply (${measures.escalatingReplies}) and minus 5 for a missed boundary (${missedBoundary}).`;

  const part = (key: ScorePart['key'], points: number, max: number, explanation: string): ScorePart => ({
    key,
    title: SCORE_TITLES[key][lang],
    points,
    max,
    explanation,
  });
  return [
    part('outcome', outcomePoints, 35, outcomeWhy),
    part('calming', calmingPoints, 20, calmingWhy),
    part('plan', planPoints, 30, planWhy),
    part('conduct', conductPoints, 15, conductWhy),
  ];
}

function creditedMoves(judged: readonly JudgedTurn[], lang: Lang, measures: Measures): CreditedMove[] {
  const seen = new Set<TechniqueId>();
  const moves: CreditedMove[] = [];
  const credit = (turn: TurnRecord, label: TechniqueId) => {
    seen.add(label);
    moves.push({ turn: turn.index, label, labelName: techniqueName(label, lang), quote: quoteFor(turn, label) });
  };
  for (const { turn, wellTimed } of judged) {
    for (const label of turn.classification.labels) {
      if (isEscalating(label) || seen.has(label)) continue;
      // Stopping after a crossed boundary changes no anger, but it is exactly right (STOP).
      const rightStop = label === 'end_conversation' && measures.boundary.verdict === 'stoppedRightly';
      if (!rightStop && !wellTimed.includes(label)) continue;
      credit(turn, label);
    }
  }
  return moves.slice(0, MAX_LISTED);
}

function flaggedReplies(
  judged: readonly JudgedTurn[],
  lang: Lang,
  measures: Measures,
  clumsy: readonly ClumsyMove[],
): FlaggedReply[] {
  const turns = judged.map((j) => j.turn);
  const flagged: FlaggedReply[] = [];
  const named: FlaggedReply[] = [];
  for (const { turn, prematureSolution } of judged) {
    for (const label of turn.classification.labels) {
      if (isEscalating(label)) {
        // The catalogue's reason may say "before the feeling was acknowledged"; the turn's own reason knows when.
        const timed = turn.effects.find((e) => e.label === label && e.reason === 'defendAfterAck');
        flagged.push({
          turn: turn.index,
          label,
          labelName: techniqueName(label, lang),
          quote: quoteFor(turn, label),
          why: timed ? capitalise(describeEffect(timed, lang)) : escalatingSpec(label).whyItHurts[lang],
          betterReply: betterReplyFor(label, lang, turn.index),
        });
      }
    }
    for (const move of clumsy.filter((m) => m.turn === turn.index)) {
      const label: TechniqueId =
        move.kind === 'prematureSolution' ? (prematureSolution ?? 'offer_choice') : 'make_agreement';
      named.push({
        turn: turn.index,
        label,
        labelName: move.name,
        quote: move.quote,
        why: move.why,
        betterReply: move.betterReply,
      });
    }
    for (const effect of turn.effects) {
      const coaching = MISTIMED[effect.reason];
      const label = effect.label;
      if (!coaching || !isTechniqueId(label)) continue;
      // A solution too early that is named as a premature solution is not flagged twice.
      if (coaching === 'tooEarlySolution' && label === prematureSolution) continue;
      flagged.push({
        turn: turn.index,
        label,
        labelName: techniqueName(label, lang),
        quote: quoteFor(turn, label),
        why: capitalise(describeEffect(effect, lang)),
        betterReply: mistimedReply(coaching, lang, turn.index),
      });
    }
  }
  if (measures.boundary.verdict === 'missed') {
    const neededTurn = turns.find((t) => t.stateBefore.escalation === 'abusive');
    if (neededTurn && !flagged.some((f) => f.turn === neededTurn.index)) {
      flagged.push({
        turn: neededTurn.index,
        label: 'set_boundary',
        labelName: techniqueName('set_boundary', lang),
        quote: quoteFor(neededTurn),
        why: BOUNDARY_TEXT.missed[lang],
        betterReply: mistimedReply('missedBoundary', lang, neededTurn.index),
      });
    }
  }
  // The named clumsy moves are always listed; the other flags fill the remaining places in conversation order.
  const kept = [...named.slice(0, MAX_LISTED), ...flagged.sort((a, b) => a.turn - b.turn)].slice(0, MAX_LISTED);
  return kept.sort((a, b) => a.turn - b.turn);
}

/** What the debrief needs from the persona to name a promise: the items' labels and the deadline fact. */
interface PromiseWords {
  itemLabel: (id: string) => string | undefined;
  deadline?: string;
}

function promiseWords(session: Session, persona: Pick<ReportPersona, 'offers' | 'deadline'>): PromiseWords {
  const deadline = persona.deadline ? session.slots[persona.deadline.before] : undefined;
  return {
    itemLabel: (id) => persona.offers?.find((o) => o.id === id)?.label?.[session.lang],
    ...(deadline ? { deadline } : {}),
  };
}

/**
 * Every premature solution, vague promise, promise that cannot be kept and agreement past the deadline,
 * quoted, each with why it hurts and a better reply.
 */
function clumsyMoves(judged: readonly JudgedTurn[], lang: Lang, words: PromiseWords): ClumsyMove[] {
  const moves: ClumsyMove[] = [];
  for (const { turn, prematureSolution } of judged) {
    if (turn.promiseCannotKeep) {
      const label = words.itemLabel(turn.promiseCannotKeep);
      const move = clumsyMove('promiseCannotKeep', turn, quoteFor(turn), lang);
      // Without a label in the persona file the sentence stands without naming the item.
      const why = label ? fillTemplate(move.why, { item: lowerFirst(label) }) : move.why.replace(/ \(\{item\}\)/, '');
      moves.push({ ...move, why });
    }
    if (turn.pastDeadline) {
      // The deadline fact; the customer refused the option, so the persona has one.
      const deadline = words.deadline ?? (lang === 'nl' ? 'de deadline' : 'the deadline');
      const move = clumsyMove('pastDeadline', turn, quoteFor(turn), lang);
      moves.push({
        ...move,
        why: fillTemplate(move.why, { deadline }),
        betterReply: fillTemplate(move.betterReply, { deadline }),
      });
    }
    if (prematureSolution) moves.push(clumsyMove('prematureSolution', turn, quoteFor(turn, prematureSolution), lang));
    const vague = findVaguePromise(turn);
    if (vague) {
      const quote = {
        turn: turn.index,
        text: shorten(sentenceAround(turn.traineeText, vague.start, vague.end).trim()),
      };
      moves.push(clumsyMove('vaguePromise', turn, quote, lang));
    }
  }
  return moves;
}

function clumsyMove(kind: ClumsyMove['kind'], turn: TurnRecord, quote: Quote, lang: Lang): ClumsyMove {
  const text = CLUMSY_MOVE_TEXT[kind];
  return {
    kind,
    turn: turn.index,
    name: text.name[lang],
    quote,
    why: text.why[lang],
    betterReply: pickVariant(text.betterReplies, lang, turn.index),
  };
}

function keyMoments(turns: readonly TurnRecord[], lang: Lang): KeyMoment[] {
  return turns
    .map((turn) => ({ turn, delta: turn.angerAfter - turn.angerBefore }))
    .filter((m) => m.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.turn.index - b.turn.index)
    .slice(0, 3)
    .sort((a, b) => a.turn.index - b.turn.index)
    .map(({ turn, delta }) => ({
      turn: turn.index,
      traineeText: shorten(turn.traineeText),
      customerText: shorten(turn.customerText),
      angerBefore: turn.angerBefore,
      angerAfter: turn.angerAfter,
      delta,
      labels: [...turn.classification.labels],
      why: strongestEffects(turn.effects, delta).map((e) => capitalise(describeEffect(e, lang))),
    }));
}

function strongestEffects(effects: readonly TurnEffect[], delta: number): TurnEffect[] {
  return effects
    .filter((e) => e.label !== 'noise' && Math.sign(e.delta) === Math.sign(delta))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .slice(0, 2);
}

function chooseTips(checklist: readonly ChecklistItem[], measures: Measures, lang: Lang): string[] {
  const tips: string[] = [];
  if (measures.boundary.verdict === 'notStopped' || measures.boundary.verdict === 'endedTooEarly')
    tips.push(TIPS.stopRule[lang]);
  for (const item of checklist) {
    if (tips.length >= 2) break;
    if (item.status === 'missed') tips.push(TIPS[item.step][lang]);
  }
  return tips.slice(0, 2);
}

function countTechniques(turns: readonly TurnRecord[]): Partial<Record<TechniqueId, number>> {
  const counts: Partial<Record<TechniqueId, number>> = {};
  for (const turn of turns) for (const label of turn.classification.labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
