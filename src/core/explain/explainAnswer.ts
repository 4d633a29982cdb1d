/**
 * What the customer's line on a turn was about, as data for `/why`: the persona topic it answered (with the fact
 * the answer rests on, as drawn for this role-play) or the offer item it took up or holds the trainee to.
 */
import type { Lang } from '../lang';
import type { OfferItem, Topic } from '../persona/types';

export type AnsweredContent =
  | {
      kind: 'topic';
      /** The topic id, as `simulate` prints it (`flight-day`). */
      id: string;
      /** The fact's value in this role-play (`zaterdag`), when the persona has the topic and the fact. */
      fact?: string;
    }
  | {
      kind: 'offer';
      /** The offer item id (`urgent-application`). */
      id: string;
      /** The item in the persona's words, in the role-play's language. */
      label?: string;
      /** A `cannotOffer` item: the customer holds the trainee to a promise the desk cannot keep. */
      cannotKeep: boolean;
    };

/** What a judged turn records about the content it answered. */
export interface AnswerRecord {
  answered?: string;
  offer?: string;
}

/** What naming an answer needs of a persona: its topics' facts and its offer items' kinds and labels. */
export interface AnswerPersona {
  topics?: readonly Pick<Topic, 'id' | 'fact'>[];
  offers?: readonly (Pick<OfferItem, 'id' | 'label'> & { kind?: OfferItem['kind'] })[];
}

export interface AnswerContext {
  lang: Lang;
  /** The facts drawn for this role-play. */
  slots: Readonly<Record<string, string>>;
  /** A live persona, or the part of it a stored role-play kept (see sessionRecord.ts). */
  persona?: AnswerPersona;
  common?: { topics?: readonly Pick<Topic, 'id' | 'fact'>[] };
}

/**
 * The topic or offer item a turn's customer line answered, or undefined when it answered neither (a reaction to
 * the move rather than to the content).
 *
 * @example
 * explainAnswer({ answered: 'flight-day' }, { lang: 'nl', slots: session.slots, persona, common });
 * // { kind: 'topic', id: 'flight-day', fact: 'zaterdag' }
 */
export function explainAnswer(turn: AnswerRecord, context: AnswerContext): AnsweredContent | undefined {
  if (turn.offer) {
    const item = context.persona?.offers?.find((o) => o.id === turn.offer);
    const label = item?.label?.[context.lang];
    return { kind: 'offer', id: turn.offer, ...(label ? { label } : {}), cannotKeep: item?.kind === 'cannot' };
  }
  if (turn.answered) {
    // A persona's own topic overrides a shared one of the same id.
    const topic =
      context.persona?.topics?.find((t) => t.id === turn.answered) ??
      context.common?.topics?.find((t) => t.id === turn.answered);
    const fact = topic ? context.slots[topic.fact] : undefined;
    return { kind: 'topic', id: turn.answered, ...(fact ? { fact } : {}) };
  }
  return undefined;
}
