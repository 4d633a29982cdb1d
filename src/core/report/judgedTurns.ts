/**
 * The judged turns: for every trainee reply, which moves came at the right moment, which came at the wrong
 * one and why, and which clumsy moves it holds. Every tick, cross and timing claim in the debrief is read
 * from here, so the debrief can only say what the recorded turns show.
 */
import type { EffectReason } from '../engine/effectReasons';
import type { TurnRecord } from '../session/types';
import { isTechniqueId, type TechniqueId } from '../techniques';
import { isVaguePromise } from './vaguePromise';

/** Effect reasons that mean the move landed: it counts for the plan and is praised. */
const WELL_TIMED: ReadonlySet<EffectReason> = new Set<EffectReason>([
  'listenVenting',
  'listen',
  'ackFirst',
  'ackAgain',
  'askVenting',
  'askAfterAck',
  'askBeforeAck',
  'summaryInformed',
  'summaryEarly',
  'limitsAfterAck',
  'choiceReady',
  'choiceUnexplored',
  'choiceBeforeAck',
  'agreementPrepared',
  'agreementUnprepared',
  'boundaryRight',
  'boundaryCrossed',
]);

/** Moves that offer a way out: made before the problem was asked or acknowledged, they come too soon. */
const SOLUTIONS: readonly TechniqueId[] = ['offer_choice', 'make_agreement'];

export interface MistimedMove {
  label: TechniqueId;
  reason: EffectReason;
}

export interface JudgedTurn {
  turn: TurnRecord;
  /** Moves that landed, in the order the reply made them. */
  wellTimed: TechniqueId[];
  /** Moves that were recognised but came at the wrong moment, with the engine's reason. */
  mistimed: MistimedMove[];
  /** A solution or a choice before the customer's problem was asked about or the feeling acknowledged. */
  prematureSolution?: TechniqueId;
  /** A promise without a time ("ik ga kijken wat ik voor u kan doen"). */
  vaguePromise: boolean;
}

export function judgeTurns(turns: readonly TurnRecord[]): JudgedTurn[] {
  return turns.map(judgeTurn);
}

function judgeTurn(turn: TurnRecord): JudgedTurn {
  const labels = turn.classification.labels;
  const wellTimed: TechniqueId[] = [];
  const mistimed: MistimedMove[] = [];
  for (const label of labels) {
    const own = turn.effects.filter((e) => e.label === label);
    if (own.some((e) => WELL_TIMED.has(e.reason))) wellTimed.push(label);
    else {
      const wrong = own.find((e) => !WELL_TIMED.has(e.reason));
      if (wrong && isTechniqueId(wrong.label)) mistimed.push({ label, reason: wrong.reason });
    }
  }
  const before = turn.stateBefore.progress;
  const heardInThisReply = labels.includes('acknowledge_emotion') || labels.includes('ask_question');
  const prematureSolution =
    before.acknowledged || before.asked || heardInThisReply
      ? undefined
      : SOLUTIONS.find((label) => labels.includes(label));
  return {
    turn,
    wellTimed,
    mistimed,
    ...(prematureSolution ? { prematureSolution } : {}),
    vaguePromise: isVaguePromise(turn),
  };
}

/** The first reply in which one of these moves landed. */
export function firstWellTimed(
  judged: readonly JudgedTurn[],
  labels: readonly TechniqueId[],
): { turn: TurnRecord; label: TechniqueId } | undefined {
  for (const j of judged) {
    const label = labels.find((l) => j.wellTimed.includes(l));
    if (label) return { turn: j.turn, label };
  }
  return undefined;
}

/** The first reply in which one of these moves was tried at the wrong moment. */
export function firstMistimed(
  judged: readonly JudgedTurn[],
  labels: readonly TechniqueId[],
): { turn: TurnRecord; move: MistimedMove } | undefined {
  for (const j of judged) {
    const move = j.mistimed.find((m) => labels.includes(m.label));
    if (move) return { turn: j.turn, move };
  }
  return undefined;
}
