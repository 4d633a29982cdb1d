/**
 * The safety net at sending: when a channel refuses the debrief card as too large after all (Teams: 413
 * RequestEntityTooLarge, `MessageSizeTooBig`), the plain-text debrief goes out instead and one line is logged
 * (sizes, never words).
 *
 * It works where the replies really leave, not in the dialog: a turn's replies are held back until its state is
 * saved (src/storage/retry.ts, runTurnWithRetry) and only then sent, on the turn's outer context. So the bot
 * installs the net on that context ({@link sendPlainWhenTooLarge}) before the turn, and the feedback dialog
 * leaves the plain text next to the card it sends ({@link offerPlainAlternative}). The record of the role-play
 * is saved by then: /why, /export and corrections do not depend on which form arrived.
 */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { DialogLogger } from './dialogServices';

/** The plain-text debrief to send instead of a card, and the sizes to log if it comes to that. */
export interface PlainAlternative {
  activities: Partial<Activity>[];
  sizes: Record<string, string | number>;
}

/**
 * Plain alternatives by card (the attachment's content: the one object every copy of a held reply shares). Made
 * before the turn and shared by every attempt of it, so whichever attempt's replies go out finds its own.
 */
const PLAIN_ALTERNATIVES = Symbol('plainAlternatives');

type Alternatives = WeakMap<object, PlainAlternative>;

const cardOf = (activity: Partial<Activity>): object | undefined => {
  const content: unknown = activity.attachments?.[0]?.content;
  return typeof content === 'object' && content !== null ? content : undefined;
};

/**
 * Whether a channel refused a message for its size. The Bot Connector client throws a RestError
 * (@azure/core-rest-pipeline) with the HTTP status in `statusCode` and the error body's code in `code`.
 */
export function isMessageTooLarge(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return statusCode === 413 || code === 'MessageSizeTooBig' || code === 'RequestEntityTooLarge';
}

/** The feedback dialog: if the channel refuses `card` as too large, send `alternative` instead. */
export function offerPlainAlternative(
  context: TurnContext,
  card: Partial<Activity>,
  alternative: PlainAlternative,
): void {
  const alternatives = context.turnState.get<Alternatives | undefined>(PLAIN_ALTERNATIVES);
  const key = cardOf(card);
  if (alternatives && key) alternatives.set(key, alternative);
}

/**
 * The bot, on a turn's outer context before the turn runs: replies with a plain alternative are sent one by one
 * (so a refusal is of that reply alone, nothing goes twice), and a refused one is replaced by its alternative.
 */
export function sendPlainWhenTooLarge(context: TurnContext, log: DialogLogger): void {
  const alternatives: Alternatives = new WeakMap();
  context.turnState.set(PLAIN_ALTERNATIVES, alternatives);
  context.onSendActivities(async (ctx, activities, next): Promise<ResourceResponse[]> => {
    const alternativeOf = (activity: Partial<Activity>) => {
      const key = cardOf(activity);
      return key && alternatives.get(key);
    };
    if (!activities.some(alternativeOf)) return next();
    if (activities.length > 1) {
      const responses: ResourceResponse[] = [];
      for (const activity of activities) responses.push(...(await ctx.sendActivities([activity])));
      return responses;
    }
    try {
      return await next();
    } catch (error) {
      const alternative = alternativeOf(activities[0]);
      if (!alternative || !isMessageTooLarge(error)) throw error;
      log.warn('feedback.refused_as_too_large', {
        ...alternative.sizes,
        status: String((error as { statusCode?: unknown }).statusCode ?? (error as { code?: unknown }).code),
        sentInstead: 'plainText',
      });
      const sent = await ctx.sendActivities(alternative.activities);
      // One response for the one activity the caller sent: the debrief's.
      return sent.slice(-1);
    }
  });
}
