/**
 * Whether a channel refused a message for its size. The Bot Connector client throws a RestError
 * (@azure/core-rest-pipeline) with the HTTP status in `statusCode` and the error body's code in `code`; Teams
 * answers an oversized bot message with 413 RequestEntityTooLarge and `{"error":{"code":"MessageSizeTooBig"}}`.
 */
const TOO_LARGE_CODES: ReadonlySet<string> = new Set(['MessageSizeTooBig', 'RequestEntityTooLarge', 'PayloadTooLarge']);

export function isMessageTooLarge(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return statusCode === 413 || (typeof code === 'string' && TOO_LARGE_CODES.has(code));
}
