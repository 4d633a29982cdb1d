import type { Storage } from 'botbuilder';

/**
 * Remembers which Teams message holds a demo's live meter card, so later
 * turns update that card in place. Kept in the shared storage (not the
 * dialog state): the id only exists after the turn's replies went out.
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
}
