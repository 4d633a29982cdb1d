import { randomUUID } from 'crypto';
import { BotAdapter, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';

/** A minimal adapter that records what the bot sends. */
export class RecordingAdapter extends BotAdapter {
  readonly sent: Partial<Activity>[] = [];
  sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    this.sent.push(...activities);
    return Promise.resolve(activities.map(() => ({ id: randomUUID() })));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  /** Not used by these tests: they run turns with {@link process}. */
  async continueConversation(): Promise<void> {}
  process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
