import type { HintKey } from '../techniques';
import type { EmotionState } from './emotionModel';

export { HINT_TEXT, type HintKey } from '../techniques';

/** What would help now, in the order of the seven-step plan: names the move, never the words. */
export function hintKeyFor(state: EmotionState): HintKey {
  if (state.boundary.crossedAgain) return 'stop';
  if ((state.escalation === 'abusive' || state.escalation === 'personal') && !state.boundary.set) return 'boundary';
  if (state.ventingLeft > 0 && !state.progress.acknowledged) return 'vent';
  if (!state.progress.acknowledged) return 'acknowledge';
  if (!state.progress.asked) return 'ask';
  if (!state.progress.summarized) return 'summarize';
  if (!state.progress.choiceOffered) return 'choices';
  if (!state.progress.agreed) return 'agree';
  return 'close';
}
