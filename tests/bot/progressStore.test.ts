import { MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { ProgressEntry } from '../../dialogs/practiceState';
import { PROGRESS_KEPT } from '../../dialogs/progress';
import { ProgressStore } from '../../src/bot/progressStore';
import { readPresent, readStored } from '../support/stored';
import { createTestBot, say, texts } from '../support/testBot';

interface StoredProgress {
  history: ProgressEntry[];
}

const USER_KEY = 'test/users/user1/';
const PROGRESS_KEY = 'test/users/user1/progress';
const context = () =>
  new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId: 'test',
    from: { id: 'user1', name: 'User1' },
    conversation: { id: 'c' } as never,
  });
const entry = (day: number, score = 50): ProgressEntry => ({
  id: `seed.${day}`,
  finishedAt: new Date(Date.UTC(2026, 10, day)).toISOString(),
  personaId: 'shop-refund',
  lang: 'nl',
  difficulty: 'normal',
  outcome: 'resolved',
  score,
  turns: 6,
  techniqueCounts: { listen: 1 },
});

describe('ProgressStore', () => {
  it('adds a finished role-play once, even when the turn that adds it runs again', async () => {
    const store = new ProgressStore(new MemoryStorage(), 90);
    await store.add(context(), entry(3));
    await store.add(context(), entry(3));
    await store.add(context(), entry(4, 80));
    expect((await store.history(context(), new Date(Date.UTC(2026, 10, 5)))).map((e) => e.score)).toEqual([50, 80]);
  });

  it('forgets scores older than the retention period, in storage as well, and keeps the last PROGRESS_KEPT', async () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage, 10);
    for (let day = 1; day <= 3; day++) await store.add(context(), entry(day));
    expect(await store.history(context(), new Date(Date.UTC(2026, 10, 12, 12)))).toEqual([entry(3)]);
    expect((await readPresent<StoredProgress>(storage, PROGRESS_KEY)).history).toEqual([entry(3)]);
    for (let day = 4; day <= 30; day++) await new ProgressStore(storage, 3650).add(context(), entry(day));
    expect(await new ProgressStore(storage, 3650).history(context(), new Date(Date.UTC(2026, 11, 1)))).toHaveLength(
      PROGRESS_KEPT,
    );
  });
});

describe('progress in the bot', () => {
  it('is kept apart from the user state, which stays small however much someone practises', async () => {
    const { adapter, storage } = createTestBot();
    for (let round = 0; round < 3; round++) {
      await say(adapter, '/start shop-refund');
      await say(adapter, 'Ik begrijp dat u boos bent.');
      expect(texts(await say(adapter, '/stop'))).toMatch(/Hier is uw feedback/);
    }
    expect((await readPresent<StoredProgress>(storage, PROGRESS_KEY)).history).toHaveLength(3);
    expect(JSON.stringify((await readStored(storage, USER_KEY)) ?? {}).length).toBeLessThan(200);
    expect(texts(await say(adapter, '/progress'))).toMatch(
      /Winkel: geld terug voor een kapotte stofzuiger · \d+\/100 · gestopt/,
    );
  });
});
