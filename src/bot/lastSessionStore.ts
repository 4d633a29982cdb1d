import type { Storage, StoreItem, TurnContext } from 'botbuilder';
import type { KeptSession, LastSessionBook } from '../../dialogs';
import { lastSessionKey } from '../storage';

/**
 * Each conversation's last finished role-play (its record: what was judged and said), in a storage item of its
 * own next to the conversation state. The state is read, compared and saved on every turn and stays about a
 * kilobyte; the record, several kilobytes, is written once when a role-play ends and read only by `/export`,
 * `/why`, corrections and a Teams file upload. The conversation settings note when it ended, so a record is
 * only believed while the conversation names it (see findLastSession).
 */
export class LastSessionStore implements LastSessionBook {
  constructor(
    private readonly storage: Storage,
    private readonly conversationState: { getStorageKey(context: TurnContext): string | undefined },
  ) {}

  async read(context: TurnContext): Promise<KeptSession | undefined> {
    const key = this.keyOf(context);
    const stored = (await this.storage.read([key]))[key] as (KeptSession & StoreItem) | undefined;
    if (!stored) return undefined;
    return { record: stored.record, endedAt: stored.endedAt };
  }

  /** Overwrites whatever was kept (a turn that runs again after a storage conflict writes the same). */
  async keep(context: TurnContext, kept: KeptSession): Promise<void> {
    await this.storage.write({ [this.keyOf(context)]: { record: kept.record, endedAt: kept.endedAt, eTag: '*' } });
  }

  async drop(context: TurnContext): Promise<void> {
    await this.storage.delete([this.keyOf(context)]);
  }

  private keyOf(context: TurnContext): string {
    const key = this.conversationState.getStorageKey(context);
    if (!key) throw new Error('LastSessionStore: the activity has no channelId or conversation id');
    return lastSessionKey(key);
  }
}
