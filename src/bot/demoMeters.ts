import type { Storage } from 'botbuilder';
import type { DemoRoom } from '../core';

/**
 * Remembers which message holds a demo round's card, so later turns of the
 * round update that card in place (Teams, Web Chat); and a conversation's last
 * finished demo, for `/export` after the end. Kept in the shared storage (not
 * the dialog state): the id only exists after the turn's replies went out.
 */
export class DemoMeters {
  constructor(private readonly storage: Storage) {}

  private key(roomId: string): string {
    return `demoMeters/${roomId}`;
  }

  async remember(roomId: string, activityId: string): Promise<void> {
    await this.storage.write({ [this.key(roomId)]: { activityId, eTag: '*' } });
  }

  async recall(roomId: string): Promise<string | undefined> {
    const key = this.key(roomId);
    const item = (await this.storage.read([key]))[key] as { activityId?: unknown } | undefined;
    return typeof item?.activityId === 'string' && item.activityId !== '' ? item.activityId : undefined;
  }

  private finishedKey(conversationId: string): string {
    return `demoFinished/${conversationId}`;
  }

  /** Keeps a conversation's last finished demo room, so `/export` still has it after the demo ended. */
  async keepFinished(conversationId: string, room: DemoRoom, endedAt: number): Promise<void> {
    await this.storage.write({ [this.finishedKey(conversationId)]: { room, endedAt, eTag: '*' } });
  }

  /** The conversation's last finished demo and when it ended, if any. */
  async lastFinished(conversationId: string): Promise<{ room: DemoRoom; endedAt: number } | undefined> {
    const key = this.finishedKey(conversationId);
    const item = (await this.storage.read([key]))[key] as { room?: DemoRoom; endedAt?: unknown } | undefined;
    return item?.room && typeof item.endedAt === 'number' ? { room: item.room, endedAt: item.endedAt } : undefined;
  }
}
