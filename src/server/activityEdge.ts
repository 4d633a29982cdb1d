/**
 * Checks and clean-ups every incoming activity gets at the edge, before the bot sees it (the embedded Direct
 * Line and /api/messages alike):
 *
 * - nesting deeper than {@link MAX_ACTIVITY_DEPTH} is refused (400): nothing the bot reads is that deep, and a
 *   deeply nested `channelData` makes JSON.stringify overflow the stack later, when the log is read back;
 * - text that is empty once whitespace, invisible characters (zero-width joiners and spaces, word joiner, BOM,
 *   bidi marks) and control characters are removed becomes '' (the bot answers an empty message with a hint and
 *   takes no turn);
 * - `entities: null` (or any non-array) is dropped; botbuilder expects an array or nothing.
 */

export const MAX_ACTIVITY_DEPTH = 32;

/** Whitespace, invisible format characters and control characters. */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/gu;

/** True when `value` nests objects or arrays deeper than `max` (iterative: no recursion to overflow). */
export function nestedDeeperThan(value: unknown, max: number = MAX_ACTIVITY_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** True when `text` has nothing visible in it. */
export function isBlankText(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}

/** Cleans `activity` in place (see the module comment); returns why it is refused, or undefined. */
export function checkAtEdge(activity: Record<string, unknown>): string | undefined {
  if (nestedDeeperThan(activity)) return `the activity nests deeper than ${MAX_ACTIVITY_DEPTH} levels`;
  if (typeof activity.text === 'string' && activity.text !== '' && isBlankText(activity.text)) activity.text = '';
  if ('entities' in activity && !Array.isArray(activity.entities)) delete activity.entities;
  return undefined;
}
