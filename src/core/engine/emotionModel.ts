import type { Classification } from '../classifier/types';
import type { Difficulty, Persona, ReactionKey } from '../persona/types';
import { nextFloat } from '../random';
import { ESCALATING, isEscalating, type DeEscalatingId, type EscalatingId, type TechniqueId } from '../techniques';
import type { EffectReason } from './effectReasons';

/**
 * The customer's inner state between two replies. Plain JSON: stored with the
 * conversation, restored on `/retry`. See docs/emotion-model.md for the picture.
 */
export interface EmotionState {
  /** 0 = calm, 100 = about to leave. */
  anger: number;
  /** Trainee replies taken so far. */
  turn: number;
  /** Replies the customer still needs to let off steam (an outburst burns out in about a minute and a half). */
  ventingLeft: number;
  /** How far along the seven-step plan the conversation has come. */
  progress: { acknowledged: boolean; asked: boolean; summarized: boolean; choiceOffered: boolean; agreed: boolean };
  /** Consecutive replies with the same move: repetition wears out. */
  ackStreak: number;
  listenStreak: number;
  /** The escalation path: louder, then personal, then abusive. */
  escalation: EscalationLevel;
  boundary: { set: boolean; crossedAgain: boolean; missed: number };
  /**
   * The customer has said their last warning ("Nog één keer en ik ben weg"): the next reply that does not
   * help makes them leave. Absent in sessions stored before the warning existed.
   */
  warned?: boolean;
  /** Generator state: the next random draw. */
  rng: number;
}

export type EscalationLevel = 'none' | 'louder' | 'personal' | 'abusive';
const LEVELS: readonly EscalationLevel[] = ['none', 'louder', 'personal', 'abusive'];

/** Anger from which each escalation level starts. */
export const ESCALATION_THRESHOLDS: Record<Exclude<EscalationLevel, 'none'>, number> = {
  louder: 70,
  personal: 82,
  abusive: 90,
};
/** At or below this anger, with an agreement, the customer is satisfied. */
export const CALM_ENOUGH = 40;
export const WALK_OUT_AT = 100;

/**
 * The persona's calibration when its file leaves a field out: residual irritation (the floor while the problem
 * is open, and after an agreement) and inertia (the most one reply moves anger, up or down).
 */
export const ANGER_DEFAULTS = { residual: 15, residualAgreed: 5, maxRise: 30, maxFall: 30 } as const;
/** No reply moves anger more than this, whatever the persona file says. */
export const MAX_STEP = 30;
/** A reply that only de-escalates lowers anger at least this much, even at the top of the scale. */
export const LEAST_NOTICED_CALMING = 2;

/** The persona's inertia and residual irritation, with the defaults filled in and the inertia capped. */
export function angerCalibration(persona: Pick<Persona, 'anger'>): {
  residual: number;
  residualAgreed: number;
  maxRise: number;
  maxFall: number;
} {
  const a = persona.anger;
  return {
    residual: a.residual ?? ANGER_DEFAULTS.residual,
    residualAgreed: a.residualAgreed ?? ANGER_DEFAULTS.residualAgreed,
    maxRise: Math.min(MAX_STEP, a.maxRise ?? ANGER_DEFAULTS.maxRise),
    maxFall: Math.min(MAX_STEP, a.maxFall ?? ANGER_DEFAULTS.maxFall),
  };
}

/** One line of the explanation a trainer sees: which move changed anger by how much, and why. */
export interface TurnEffect {
  /**
   * The move, or what the customer's own nature added: `inertia` (one reply moves anger only so far),
   * `residual` (some irritation stays), `registered` (a de-escalating reply is always noticed).
   */
  label: TechniqueId | 'none' | 'venting' | 'noise' | 'shouting' | 'inertia' | 'residual' | 'registered';
  delta: number;
  /** Key into EFFECT_REASONS (effectReasons.ts): why this move had this effect now. */
  reason: EffectReason;
  /** A kind move followed by a flagged one ("yes, but") counts for half. */
  halvedByBut?: true;
}

/** A reaction family, or the customer crossing a boundary again. */
export type CustomerReaction = ReactionKey | 'crossedAgain';

export type TurnEnding = 'resolved' | 'walked_out' | 'ended_by_trainee';

export interface TurnOutcome {
  state: EmotionState;
  effects: TurnEffect[];
  /** What the customer reacts to; `crossedAgain` is voiced from the escalation lines. */
  reaction: CustomerReaction;
  /** A step on the escalation path the customer takes this turn (voiced after the reaction). */
  escalationLine?: 'louder' | 'personal' | 'abusive' | 'crossedAgain' | 'lastWarning' | 'walkOut';
  ending?: TurnEnding;
  /** True when ending the conversation was the right move (a boundary set and crossed again). */
  endingJustified?: boolean;
}

interface DifficultyFactors {
  startOffset: number;
  calming: number;
  provoking: number;
  boundaryRespect: number;
}

export const DIFFICULTY: Record<Difficulty, DifficultyFactors> = {
  easy: { startOffset: -10, calming: 1.25, provoking: 0.8, boundaryRespect: 1.3 },
  normal: { startOffset: 0, calming: 1, provoking: 1, boundaryRespect: 1 },
  hard: { startOffset: 8, calming: 0.8, provoking: 1.25, boundaryRespect: 0.7 },
};

export function initialEmotion(persona: Persona, difficulty: Difficulty, rng: number): EmotionState {
  const anger = clamp(persona.anger.start + DIFFICULTY[difficulty].startOffset, 0, 95);
  return {
    anger,
    turn: 0,
    ventingLeft: persona.anger.ventingTurns,
    progress: { acknowledged: false, asked: false, summarized: false, choiceOffered: false, agreed: false },
    ackStreak: 0,
    listenStreak: 0,
    escalation: levelFor(anger, 'none'),
    boundary: { set: false, crossedAgain: false, missed: 0 },
    rng,
  };
}

/** What a flagged move does to the customer: how much it provokes, what they react to, and why. */
interface FlaggedMove {
  /** Base effect on anger, before the persona's sensitivity. */
  provocation: number;
  reaction: CustomerReaction;
  reason: EffectReason;
  /** The reason while the customer is still venting, when it differs. */
  reasonWhileVenting?: EffectReason;
}

/** One entry per flagged technique: a new one in the catalogue is named here by the compiler. */
const FLAGGED_MOVES: Record<EscalatingId, FlaggedMove> = {
  argue: { provocation: 13, reaction: 'argued', reason: 'argue' },
  defend: { provocation: 9, reaction: 'defended', reason: 'defend' },
  rules_speak: { provocation: 12, reaction: 'rulesQuoted', reason: 'rulesSpeak' },
  dismiss: { provocation: 14, reaction: 'dismissed', reason: 'dismiss', reasonWhileVenting: 'dismissVenting' },
  counter_aggression: { provocation: 20, reaction: 'counterAggression', reason: 'counterAggression' },
};

/** When a reply has several flagged moves, the customer reacts to the one that hurts most. */
const FLAGGED_BY_STRENGTH: readonly EscalatingId[] = [...ESCALATING].sort(
  (a, b) => FLAGGED_MOVES[b].provocation - FLAGGED_MOVES[a].provocation,
);

/** Which credited reaction the customer voices when a reply holds several moves: the most concrete first. */
const CREDITED_PRIORITY: readonly ReactionKey[] = [
  'agreementAccepted',
  'agreementTooEarly',
  'choiceAccepted',
  'choiceTooEarly',
  'summaryConfirmed',
  'summaryCorrected',
  'limitAccepted',
  'questionAnswered',
  'acknowledgedAgain',
  'acknowledged',
  'listenedTooLong',
  'listened',
];

/**
 * Applies one classified trainee reply to the customer's state. Pure: the
 * random draws come from and go back into `state.rng`.
 */
export function applyTurn(
  persona: Persona,
  difficulty: Difficulty,
  before: EmotionState,
  classification: Pick<Classification, 'labels' | 'signals'>,
): TurnOutcome {
  const factors = DIFFICULTY[difficulty];
  const labels = new Set(classification.labels);
  const s: EmotionState = structuredCloneState(before);
  s.turn += 'askedAgain' in classification ? 2 : 1; // a question answered before costs a little patience
  const effects: TurnEffect[] = [];
  const venting = before.ventingLeft > 0;
  const flagged = classification.labels.filter(isEscalating);
  // "Yes, but": a kind move followed by a flagged one counts for half.
  const mixed = flagged.length > 0;

  const calm = (label: TechniqueId, base: number, reason: EffectReason) => {
    const sensitivity = persona.sensitivity[label] ?? 1;
    const delta = -Math.round(base * sensitivity * factors.calming * (mixed ? 0.5 : 1));
    effects.push(mixed ? { label, delta, reason, halvedByBut: true } : { label, delta, reason });
  };
  const provoke = (label: TechniqueId | 'none' | 'shouting', base: number, reason: EffectReason) => {
    const sensitivity = label === 'none' || label === 'shouting' ? 1 : (persona.sensitivity[label] ?? 1);
    effects.push({ label, delta: Math.round(base * sensitivity * factors.provoking), reason });
  };

  let reaction: CustomerReaction | undefined;
  let escalationLine: TurnOutcome['escalationLine'];
  let ending: TurnEnding | undefined;
  let endingJustified: boolean | undefined;

  // --- The trainee stops the conversation: only right after a boundary was crossed again (STOP).
  if (labels.has('end_conversation')) {
    endingJustified = before.boundary.crossedAgain;
    ending = 'ended_by_trainee';
    reaction = endingJustified ? 'endedRightly' : 'endedTooEarly';
    if (!endingJustified) provoke('end_conversation', 10, 'endedTooEarly');
  }

  // --- A boundary: right when the customer got personal or abusive, patronising otherwise.
  if (!ending && labels.has('set_boundary')) {
    const needed = before.escalation === 'personal' || before.escalation === 'abusive';
    if (needed) {
      const respect = Math.min(1, persona.anger.boundaryRespect * factors.boundaryRespect);
      const draw = nextFloat(s.rng);
      s.rng = draw.next;
      s.boundary.set = true;
      if (before.boundary.set && before.boundary.crossedAgain) {
        // A second warning after a crossed boundary: the customer no longer believes it.
        reaction = 'crossedAgain';
        provoke('set_boundary', 3, 'boundaryRepeated');
      } else if (draw.value < respect) {
        reaction = 'boundaryAccepted';
        calm('set_boundary', 14, 'boundaryRight');
        s.escalation = 'louder';
      } else {
        reaction = 'crossedAgain';
        s.boundary.crossedAgain = true;
        calm('set_boundary', 3, 'boundaryCrossed');
      }
    } else {
      reaction = 'boundaryUnneeded';
      provoke('set_boundary', 6, 'boundaryUnneeded');
    }
  }

  // --- Flagged moves raise anger; the customer reacts to the worst.
  for (const label of flagged) {
    const move = FLAGGED_MOVES[label];
    // Defending once the feeling was named (before, or earlier in this reply) is still defending, but the
    // reason must not claim the feeling was never acknowledged.
    const afterAck = label === 'defend' && (before.progress.acknowledged || labels.has('acknowledge_emotion'));
    const reason = afterAck ? 'defendAfterAck' : venting ? (move.reasonWhileVenting ?? move.reason) : move.reason;
    const softened = label === 'defend' && before.progress.acknowledged ? 0.6 : 1;
    const duringVenting = venting && label === 'dismiss' ? 1.3 : 1;
    provoke(label, move.provocation * softened * duringVenting, reason);
  }
  if (!reaction && flagged.length > 0) {
    const worst = FLAGGED_BY_STRENGTH.find((label) => labels.has(label));
    reaction = worst && FLAGGED_MOVES[worst].reaction;
  }

  // --- Credited moves, in the order of the seven-step plan; the timing decides the size.
  // One handler per credited move (the boundary and the ending are judged above): a new technique in the
  // catalogue is named here by the compiler. They run in the order written, which is the order of the effects.
  const p = s.progress;
  const credited: ReactionKey[] = [];
  const creditedMoves = {
    listen: () => {
      if (venting) calm('listen', 7, 'listenVenting');
      else if (before.listenStreak >= 2) provoke('listen', 4, 'listenPassive');
      else calm('listen', 2, 'listen');
      credited.push(!venting && before.listenStreak >= 2 ? 'listenedTooLong' : 'listened');
    },
    acknowledge_emotion: () => {
      const streak = before.ackStreak;
      if (streak >= 3) provoke('acknowledge_emotion', 4, 'ackScripted');
      else calm('acknowledge_emotion', [13, 8, 3][streak] ?? 3, streak === 0 ? 'ackFirst' : 'ackAgain');
      if (before.escalation === 'abusive' && !before.boundary.set) {
        effects.push({ label: 'acknowledge_emotion', delta: 4, reason: 'ackDuringAbuse' });
      }
      p.acknowledged = true;
      credited.push(streak >= 2 ? 'acknowledgedAgain' : 'acknowledged');
    },
    ask_question: () => {
      if (venting) calm('ask_question', 2, 'askVenting');
      else calm('ask_question', p.acknowledged ? 8 : 4, p.acknowledged ? 'askAfterAck' : 'askBeforeAck');
      p.asked = true;
      credited.push('questionAnswered');
    },
    summarize: () => {
      const informed = before.progress.asked || before.progress.acknowledged;
      calm('summarize', informed ? 10 : 4, informed ? 'summaryInformed' : 'summaryEarly');
      p.summarized = true;
      credited.push(informed ? 'summaryConfirmed' : 'summaryCorrected');
    },
    explain_limits: () => {
      if (p.acknowledged || before.progress.acknowledged) calm('explain_limits', 5, 'limitsAfterAck');
      else provoke('explain_limits', 2, 'limitsBeforeAck');
      credited.push('limitAccepted');
    },
    offer_choice: () => {
      if (venting) {
        provoke('offer_choice', 5, 'choiceVenting');
        credited.push('choiceTooEarly');
      } else {
        const explored = before.progress.asked || before.progress.summarized;
        const ready = before.progress.acknowledged && explored;
        calm(
          'offer_choice',
          ready ? 12 : before.progress.acknowledged ? 7 : 3,
          ready ? 'choiceReady' : explored ? 'choiceBeforeAck' : 'choiceUnexplored',
        );
        credited.push('choiceAccepted');
      }
      p.choiceOffered = true;
    },
    make_agreement: () => {
      const prepared = before.progress.choiceOffered || before.progress.summarized || before.progress.asked;
      if (venting || (before.anger > 65 && !before.progress.acknowledged)) {
        provoke('make_agreement', 2, 'agreementEarly');
        credited.push('agreementTooEarly');
      } else {
        calm('make_agreement', prepared ? 15 : 8, prepared ? 'agreementPrepared' : 'agreementUnprepared');
        p.agreed = true;
        credited.push('agreementAccepted');
      }
    },
  } satisfies Record<Exclude<DeEscalatingId, 'set_boundary' | 'end_conversation'>, () => void>;
  const present: ReadonlySet<string> = labels;
  for (const [label, apply] of Object.entries(creditedMoves)) if (present.has(label)) apply();

  // The customer answers the most concrete thing in the reply: a question gets an answer even when it came
  // with an acknowledgement, a choice gets a choice (the acknowledgement still shows in the lower anger).
  reaction ??= CREDITED_PRIORITY.find((key) => credited.includes(key));

  // --- Nothing recognised: information without a technique.
  if (classification.labels.length === 0) {
    if (venting || before.anger > 70) provoke('none', 2, 'noTechnique');
    // Nothing happens for an upset customer: patience wears thin, a little each time.
    else if (before.anger > CALM_ENOUGH) provoke('none', 1, 'noTechnique');
    reaction ??= 'neutral';
  }
  if (classification.signals.shouting && !labels.has('counter_aggression')) {
    provoke('shouting', 8, 'shouting');
  }

  // --- Abuse that is not answered with a boundary counts as a missed boundary.
  if (before.escalation === 'abusive' && !labels.has('set_boundary') && !labels.has('end_conversation')) {
    s.boundary.missed += 1;
  }

  // --- The outburst burns out by itself, unless the trainee fuels it.
  if (venting) {
    s.ventingLeft -= 1;
    if (flagged.length === 0) effects.push({ label: 'venting', delta: -3, reason: 'venting' });
  }

  const noiseDraw = nextFloat(s.rng);
  s.rng = noiseDraw.next;
  const noise = Math.round(noiseDraw.value * 4) - 2;
  if (noise !== 0) effects.push({ label: 'noise', delta: noise, reason: 'noise' });

  settle(persona, before, s, effects);
  s.ackStreak = labels.has('acknowledge_emotion') ? before.ackStreak + 1 : 0;
  // "Hm." and "Ja." between listening replies do not break the passive streak; a real move does.
  const onlyListening = labels.has('listen') && classification.labels.length === 1;
  s.listenStreak = onlyListening
    ? before.listenStreak + 1
    : classification.labels.length === 0
      ? before.listenStreak
      : 0;

  if (!ending) {
    // --- The escalation path, one step per turn, and back down when anger drops.
    const previousLevel = reaction === 'boundaryAccepted' ? 'louder' : before.escalation;
    const level = levelFor(s.anger, previousLevel);
    if (reaction !== 'boundaryAccepted') s.escalation = level;
    if (LEVELS.indexOf(level) > LEVELS.indexOf(previousLevel)) {
      if (level === 'abusive' && s.boundary.set && reaction !== 'crossedAgain') {
        escalationLine = 'crossedAgain';
        s.boundary.crossedAgain = true;
      } else if (level !== 'none') {
        escalationLine = level;
      }
    } else if (level === 'abusive' && reaction !== 'crossedAgain' && !labels.has('set_boundary')) {
      // Still abusive: the insult comes again until someone draws a line.
      escalationLine = s.boundary.set ? 'crossedAgain' : 'abusive';
      if (s.boundary.set) s.boundary.crossedAgain = true;
    }

    // At the top of the scale after the whole escalation path (so there was a moment for a boundary),
    // or out of patience while still upset, the customer is ready to leave. They say so first ("one more
    // like that and I'm off"); they leave on the next reply that does not help. A customer who has calmed
    // down stays for the agreement, however long it takes.
    const exhausted = s.anger >= WALK_OUT_AT && before.escalation === 'abusive';
    const outOfPatience = s.turn >= persona.anger.patience && s.anger > CALM_ENOUGH;
    const ready = (exhausted || outOfPatience) && !(s.progress.agreed && s.anger <= CALM_ENOUGH);
    // A new step on the escalation path (getting personal, the first insult, the first crossing of a boundary)
    // is what the trainee must hear now, and answer: the warning comes on the next reply.
    const firstCrossing = escalationLine === 'crossedAgain' && !before.boundary.crossedAgain;
    const newStep = firstCrossing || LEVELS.indexOf(level) > LEVELS.indexOf(previousLevel);
    if (ready && !before.warned) {
      if (!newStep) {
        s.warned = true;
        escalationLine = 'lastWarning';
      }
    } else if (ready && !helped(effects)) {
      ending = 'walked_out';
      escalationLine = 'walkOut';
    }
    // Back out of the escalation with patience left: the warning is forgotten.
    if (s.warned && s.escalation === 'none' && s.turn < persona.anger.patience) s.warned = false;
    if (!ending && s.progress.agreed && s.anger <= CALM_ENOUGH) {
      ending = 'resolved';
    }
  }

  return { state: s, effects, reaction: reaction ?? 'neutral', escalationLine, ending, endingJustified };
}

/** The effects of the trainee's reply itself (not the customer's mood or nature). */
function replyEffects(effects: readonly TurnEffect[]): TurnEffect[] {
  return effects.filter(
    (e) => e.label !== 'noise' && e.label !== 'venting' && e.label !== 'inertia' && e.label !== 'residual',
  );
}

/** True when the reply, taken on its own, lowered anger: after a last warning that keeps the customer there. */
function helped(effects: readonly TurnEffect[]): boolean {
  return replyEffects(effects).reduce((sum, e) => sum + e.delta, 0) < 0;
}

/**
 * Turns the effects into the new anger, adding the customer's nature as effects of its own so the effects
 * always add up to the change: a de-escalating reply is always noticed, one reply moves anger only so far
 * (inertia), and some irritation stays (the residual floor, lower once there is an agreement).
 */
function settle(persona: Persona, before: EmotionState, s: EmotionState, effects: TurnEffect[]): void {
  const calibration = angerCalibration(persona);
  const sum = () => effects.reduce((total, e) => total + e.delta, 0);
  const own = replyEffects(effects);
  const deEscalating = own.some((e) => e.delta < 0) && !own.some((e) => e.delta > 0);
  if (deEscalating && sum() > -LEAST_NOTICED_CALMING && before.anger > calibration.residual) {
    effects.push({ label: 'registered', delta: -LEAST_NOTICED_CALMING - sum(), reason: 'registered' });
  }
  const change = sum();
  if (change > calibration.maxRise) {
    effects.push({ label: 'inertia', delta: calibration.maxRise - change, reason: 'inertiaRise' });
  } else if (change < -calibration.maxFall) {
    effects.push({ label: 'inertia', delta: -calibration.maxFall - change, reason: 'inertiaFall' });
  }
  const floor = Math.min(before.anger, s.progress.agreed ? calibration.residualAgreed : calibration.residual);
  const reached = before.anger + sum();
  if (reached < floor) {
    const reason = s.progress.agreed ? 'residualAgreed' : 'residual';
    effects.push({ label: 'residual', delta: floor - reached, reason });
  }
  const ceilingExcess = before.anger + sum() - WALK_OUT_AT;
  s.anger = clamp(before.anger + sum(), 0, WALK_OUT_AT);
  // The scale ends at 100: what would go past it is not an effect the trainee needs to read.
  if (ceilingExcess > 0) effects.push({ label: 'inertia', delta: -ceilingExcess, reason: 'topOfScale' });
}

function levelFor(anger: number, current: EscalationLevel): EscalationLevel {
  // Up by at most one step per turn; down (with 10 points of slack) when anger drops.
  const target: EscalationLevel =
    anger >= ESCALATION_THRESHOLDS.abusive
      ? 'abusive'
      : anger >= ESCALATION_THRESHOLDS.personal
        ? 'personal'
        : anger >= ESCALATION_THRESHOLDS.louder
          ? 'louder'
          : 'none';
  const currentIndex = LEVELS.indexOf(current);
  const targetIndex = LEVELS.indexOf(target);
  if (targetIndex > currentIndex) return LEVELS[currentIndex + 1];
  if (targetIndex < currentIndex) {
    const threshold = current === 'none' ? 0 : ESCALATION_THRESHOLDS[current];
    return anger < threshold - 10 ? target : current;
  }
  return current;
}

function structuredCloneState(state: EmotionState): EmotionState {
  return { ...state, progress: { ...state.progress }, boundary: { ...state.boundary } };
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The band of an anger level; calm is where the customer can be satisfied ({@link CALM_ENOUGH} or lower). */
export function angerBand(anger: number): 'calm' | 'tense' | 'angry' | 'furious' {
  if (anger <= CALM_ENOUGH) return 'calm';
  if (anger < 60) return 'tense';
  if (anger < 82) return 'angry';
  return 'furious';
}
