import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/bot/sessionCache';
import { appendInput, MAX_LOG_INPUTS, replyInput, startLog, startSession, takeTurn, type Stage } from '../../src/core';
import { shippedStage } from '../support/shippedContent';
import { keptRecord, readPresent, readStored, type StoredConversation } from '../support/stored';
import { createTestBot, say, texts } from '../support/testBot';

const stage: Stage = shippedStage('municipal-benefits');
const CONVERSATION_KEY = 'test/conversations/Convo1/';
const SCRIPT = [
  '/start municipal-benefits',
  'Goedemiddag, waar gaat het om?',
  '/hint',
  'Dat is nu eenmaal de regel.',
  '/retry',
  'Ik begrijp dat u boos bent.',
  'Wat is er precies gebeurd?',
  'Dus uw uitkering is niet betaald en de huur moet maandag betaald worden?',
  '/stop',
  '/export json',
];

/** A reply without what differs on every send (its id and time). */
const withoutIds = (activity: Partial<Activity>) => {
  const rest = { ...activity };
  delete rest.id;
  delete rest.timestamp;
  return rest;
};

function playedSession() {
  const session = startSession(stage, { lang: 'nl', seed: 5, now: 1000 });
  const log = startLog(session);
  const turn = takeTurn(stage, session, 'Ik begrijp dat u boos bent.', 21_000);
  return { log: appendInput(log, replyInput('Ik begrijp dat u boos bent.', turn.turn.atMs)), session: turn.session };
}

describe('SessionCache', () => {
  it('gives back the remembered session while the stored log is the same one', () => {
    const cache = new SessionCache();
    const { log, session } = playedSession();
    cache.remember('c1', log, session);
    const stored = JSON.parse(JSON.stringify(log)) as typeof log; // as it comes back from storage
    expect(cache.restore('c1', stored, stage)).toBe(session);
  });

  it('replays when the stored log differs (a turn on another instance, a restart), and keeps the replay', () => {
    const cache = new SessionCache();
    const { log, session } = playedSession();
    cache.remember('c1', startLog(session), session); // what this process saw before the other instance's turn
    const replayed = cache.restore('c1', log, stage);
    expect(replayed).not.toBe(session);
    expect(replayed).toEqual(session);
    expect(cache.restore('c1', log, stage)).toBe(replayed);
  });

  it('replays when a turn that failed to save left another input where the stored log has its own', () => {
    const cache = new SessionCache();
    const { log, session } = playedSession();
    const lost = appendInput(startLog(session), replyInput('Dat is nu eenmaal de regel.', 20_000));
    cache.remember(
      'c1',
      lost,
      takeTurn(stage, startSession(stage, { lang: 'nl', seed: 5, now: 1000 }), 'Dat is nu eenmaal de regel.', 21_000)
        .session,
    );
    expect(cache.restore('c1', log, stage)).toEqual(session);
  });

  it('forgets the least recently used role-play when full; size 0 keeps nothing', () => {
    const cache = new SessionCache(2);
    const { log, session } = playedSession();
    cache.remember('a', log, session);
    cache.remember('b', log, session);
    cache.restore('a', log, stage); // a is used again, so b is the oldest
    cache.remember('c', log, session);
    expect(cache.size).toBe(2);
    expect(cache.restore('a', log, stage)).toBe(session);
    expect(cache.restore('b', log, stage)).not.toBe(session);
    const none = new SessionCache(0);
    none.remember('a', log, session);
    expect(none.size).toBe(0);
  });
});

describe('what a role-play stores', () => {
  it('is the log of what the trainee did, and a bot that replays every turn says exactly what a caching bot says', async () => {
    const cached = createTestBot();
    const replaying = createTestBot({}, { sessionCacheSize: 0 });
    for (const line of SCRIPT) {
      const [a, b] = [await say(cached.adapter, line), await say(replaying.adapter, line)];
      expect(JSON.stringify(b.map(withoutIds))).toBe(JSON.stringify(a.map(withoutIds)));
      const stored = await readStored(cached.storage, CONVERSATION_KEY);
      expect(JSON.stringify(stored)).not.toContain('"transcript"');
    }
    // Once finished, what was judged is kept as a record (the retried reply is gone, as in the debrief).
    const record = await keptRecord(cached.storage, CONVERSATION_KEY);
    expect(record?.turns.map((turn) => turn.t)).toEqual([
      'Goedemiddag, waar gaat het om?',
      'Ik begrijp dat u boos bent.',
      'Wat is er precies gebeurd?',
      'Dus uw uitkering is niet betaald en de huur moet maandag betaald worden?',
    ]);
    expect(record).toMatchObject({ hintsUsed: 1, retries: 1, outcome: 'stopped' });
  });
});

describe('a role-play that does not end', () => {
  it(`stops after ${MAX_LOG_INPUTS} inputs with a word to the trainee (both languages) and a debrief, so its state stays bounded`, async () => {
    for (const [lang, said] of [
      ['nl', /zo lang dat het hier stopt[\s\S]*Hier is uw feedback/],
      ['en', /gone on so long that it stops here[\s\S]*Here is your feedback/],
    ] as const) {
      const { adapter, storage } = createTestBot();
      if (lang === 'en') await say(adapter, '/lang en');
      await say(adapter, '/start municipal-benefits');
      for (let i = 0; i < MAX_LOG_INPUTS; i++) await say(adapter, '/hint');
      const stored = await readStored(storage, CONVERSATION_KEY);
      expect(JSON.stringify(stored)).toContain('"inputs"');
      expect(texts(await say(adapter, 'Wat is er precies gebeurd?'))).toMatch(said);
      const after = await readPresent<StoredConversation>(storage, CONVERSATION_KEY);
      expect(after.dialogState?.dialogStack).toEqual([]);
      // The record kept for /export is the stopped role-play: every hint counted, the reply past the limit not played.
      const record = await keptRecord(storage, CONVERSATION_KEY);
      expect(record).toMatchObject({ hintsUsed: MAX_LOG_INPUTS, outcome: 'stopped', turns: [] });
    }
  });
});
