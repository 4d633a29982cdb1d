/**
 * Which judged turns a trainer wants to see first when the debrief cannot list them all: the escalating ones
 * (what the trainee most needs to hear about), then the ones the judgement most likely got wrong, then the
 * rest; within each group the most recent first. Pure: read from the debrief view alone.
 */
import { polarityOf, type DebriefTranscriptLine, type DebriefView } from '../src/core';

/** Why a turn is worth listing, most wanted first. */
export type TurnInterest = 'escalating' | 'doubtful' | 'other';

const RANK: Record<TurnInterest, number> = { escalating: 0, doubtful: 1, other: 2 };

/**
 * A turn is doubtful, a likely "misjudged", when nothing was recognised in it (the missed acknowledgements and
 * summaries of issue 16), or when it was judged only de-escalating and the customer still got angrier.
 */
function interestOf(line: DebriefTranscriptLine, angerBefore: number, angerAfter: number | undefined): TurnInterest {
  const polarity = polarityOf(line.labels);
  if (polarity === 'escalating') return 'escalating';
  if (polarity === 'neither') return 'doubtful';
  return angerAfter !== undefined && angerAfter > angerBefore ? 'doubtful' : 'other';
}

/** Every judged turn with its interest, in turn order. */
export function judgedTurnInterests(view: Pick<DebriefView, 'transcript'>): { turn: number; interest: TurnInterest }[] {
  const lines = view.transcript;
  const turns: { turn: number; interest: TurnInterest }[] = [];
  let angerBefore = lines[0]?.anger ?? 0;
  lines.forEach((line, i) => {
    if (line.role === 'customer') {
      angerBefore = line.anger;
      return;
    }
    const answer = lines.slice(i + 1).find((next) => next.role === 'customer');
    turns.push({ turn: line.turn, interest: interestOf(line, angerBefore, answer?.anger) });
  });
  return turns;
}

/**
 * The judged turns, most wanted first: the first `n` of them are the `n` a short list keeps.
 *
 * @example turnsByInterest(view).slice(0, 10).sort((a, b) => a - b) // the ten turns to list, in turn order
 */
export function turnsByInterest(view: Pick<DebriefView, 'transcript'>): number[] {
  return judgedTurnInterests(view)
    .sort((a, b) => RANK[a.interest] - RANK[b.interest] || b.turn - a.turn)
    .map(({ turn }) => turn);
}
