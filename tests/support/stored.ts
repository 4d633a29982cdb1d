import type { Storage } from 'botbuilder';
import { expect } from 'vitest';
import type { ConversationSettings, KeptSession } from '../../dialogs';
import type { SessionRecord } from '../../src/core';

/** One stored item, typed as the test expects it: storage holds untyped JSON. */
export async function readStored<T extends object>(storage: Storage, key: string): Promise<T | undefined> {
  const items: Record<string, unknown> = await storage.read([key]);
  return items[key] as T | undefined;
}

/** The same, for an item the test knows is there. */
export async function readPresent<T extends object>(storage: Storage, key: string): Promise<T> {
  const item = await readStored<T>(storage, key);
  if (!item) throw new Error(`nothing stored under ${key}`);
  return item;
}

/** Any number, as a matcher inside `toEqual` (typed `unknown`, not `any`). */
export const ANY_NUMBER: unknown = expect.any(Number);

/** A conversation's state document as ConversationState saves it: the settings and the dialog stack. */
export interface StoredConversation {
  settings?: ConversationSettings;
  dialogState?: { dialogStack: unknown[] };
}

/** The record of a conversation's last finished role-play, in its own item next to the conversation state. */
export async function keptRecord(storage: Storage, conversationKey: string): Promise<SessionRecord | undefined> {
  return (await readStored<KeptSession>(storage, `${conversationKey}lastSession`))?.record;
}
