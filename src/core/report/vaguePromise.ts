/**
 * A vague promise: the trainee commits to doing something but names no time ("ik ga kijken wat ik voor u
 * kan doen", "I'll look into it"). Trainers see it as one of the commonest clumsy moves: it sounds helpful
 * and leaves the customer with nothing to hold on to.
 *
 * The classifier marks a concrete agreement (`make_agreement`) and any time it finds
 * (`signals.agreement.when`); a vague promise is what is left: a commitment phrase below, in a reply with
 * neither.
 */
import type { Lang } from '../lang';
import type { TurnRecord } from '../session/types';

/** Commitment phrases that on their own name no time. Lowercase; matched on word boundaries. */
const COMMITMENTS: Record<Lang, readonly RegExp[]> = {
  nl: [
    /\bik (ga|zal) (even |eens |wel )?(kijken|zien) (wat|of|hoe)\b/,
    /\bik kijk (even |wel |eens )?(wat|of|hoe)\b/,
    /\bik (ga|zal) (het|dit|dat) (even |wel )?(voor u |voor je )?(uitzoeken|navragen|regelen|doorgeven|oppakken)\b/,
    /\bik zoek (het|dit|dat) (even |wel )?(voor u |voor je )?uit\b/,
    /\bik (ga|zal) (er|ermee) (even |wel )?(achteraan|mee aan de slag|naar kijken)\b/,
    /\bik kom (er )?(bij u |bij je )?(op )?terug\b/,
    /\bik laat (het )?(u|je) (het )?weten\b/,
    /\bik (doe|zal) mijn (uiterste )?best\b/,
    /\bik neem (het|dit|dat) mee\b/,
    /\bwe (gaan|zullen) (er|ernaar) (even |goed )?(naar )?kijken\b/,
  ],
  en: [
    /\b(i'll|i will|let me) see what i can do\b/,
    /\b(i'll|i will) (look|check) into (it|this|that)\b/,
    /\b(i'll|i will) (check|find out|sort it|sort that|sort this)\b/,
    /\b(i'll|i will) get back to you\b/,
    /\b(i'll|i will) let you know\b/,
    /\b(i'll|i will) do my (very )?best\b/,
    /\b(i'll|i will) try (to|and)\b/,
    /\b(i'll|i will) pass (it|this|that) on\b/,
    /\bwe('ll| will) look into (it|this|that)\b/,
  ],
};

/** Where in the reply the vague promise is (character offsets), or undefined when the reply holds none. */
export function findVaguePromise(
  turn: Pick<TurnRecord, 'traineeText' | 'classification'>,
): { start: number; end: number } | undefined {
  const { labels, signals } = turn.classification;
  if (labels.includes('make_agreement') || signals.agreement?.when) return undefined;
  const text = lowerKeepingOffsets(turn.traineeText.replace(/[’‘]/g, "'"));
  for (const lang of ['nl', 'en'] as const) {
    for (const cue of COMMITMENTS[lang]) {
      const match = cue.exec(text);
      if (match) return { start: match.index, end: match.index + match[0].length };
    }
  }
  return undefined;
}

/** True when the reply promises something without a time and is not a concrete agreement. */
export function isVaguePromise(turn: Pick<TurnRecord, 'traineeText' | 'classification'>): boolean {
  return findVaguePromise(turn) !== undefined;
}

/** Lower case of the same length as `text`, so offsets in it point into the reply; one call for plain ASCII. */
function lowerKeepingOffsets(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
  if (ascii) return text.toLowerCase();
  return text.replace(/./gsu, (c) => {
    const lower = c.toLowerCase();
    return lower.length === c.length ? lower : c;
  });
}
