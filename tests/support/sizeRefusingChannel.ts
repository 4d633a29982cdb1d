/**
 * A channel that refuses large messages the way Teams does: any message over `limitBytes` (UTF-16, as Teams counts
 * them) fails with a 413 RestError whose code is MessageSizeTooBig. Used by the tests of the debrief's and the
 * export's size budgets.
 */
import type { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { utf16Bytes } from '../../dialogs/channels';

/** Teams refuses a bot message over about 100 KB (counted as UTF-16). */
export const TEAMS_REFUSES_OVER = 100 * 1024;

/** What the Bot Connector client throws when Teams refuses a message for its size. */
export function messageSizeTooBig(): Error {
  return Object.assign(new Error('Message size too large.'), {
    name: 'RestError',
    statusCode: 413,
    code: 'MessageSizeTooBig',
  });
}

/** Makes `adapter` refuse every message over `limitBytes`; returns the sizes it refused, in order. */
export function refuseMessagesOver(adapter: TestAdapter, limitBytes: number = TEAMS_REFUSES_OVER): number[] {
  const refused: number[] = [];
  const send = adapter.sendActivities.bind(adapter);
  adapter.sendActivities = async (context: TurnContext, activities: Partial<Activity>[]) => {
    const tooLarge = activities.find((activity) => utf16Bytes(activity) > limitBytes);
    if (tooLarge) {
      refused.push(utf16Bytes(tooLarge));
      throw messageSizeTooBig();
    }
    return send(context, activities);
  };
  return refused;
}
