import type { Storage } from 'botbuilder';

/**
 * The one storage item every correction of the judgement goes to (written by the bot's CorrectionStore, read by
 * `npm run corrections`): one key, so the command line finds them all without listing the store.
 */
export const CORRECTIONS_KEY = 'corrections/all';

/** The stored corrections as they are, unchecked (the reader checks each one). */
export async function readCorrectionItems(storage: Storage): Promise<unknown[]> {
  const item = (await storage.read([CORRECTIONS_KEY]))[CORRECTIONS_KEY] as { corrections?: unknown } | undefined;
  return Array.isArray(item?.corrections) ? (item.corrections as unknown[]) : [];
}
