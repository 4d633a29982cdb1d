import type { Activity, TestAdapter } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomSnapshot } from '../../src/core/demo';
import { DemoHub } from '../../src/server/projector/demoHub';
import { cards, createTestBot, say, shown, texts } from '../support/testBot';

/** Three people in a Teams group chat: a trainer and two colleagues. */
const people = {
  trainer: { id: '29:trainer', name: 'Anouk de Vries' },
  sem: { id: '29:sem', name: 'Sem Bakker' },
  fatima: { id: '29:fatima', name: 'Fatima El Amrani' },
} as const;

const conversation = {
  id: '19:group-demo@thread.v2',
  name: 'Oefengroep',
  conversationType: 'groupChat',
  isGroup: true,
  tenantId: 'tenant-1',
};

function from(person: keyof typeof people, text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    text: `<at>Oefenbalie</at> ${text}`,
    from: people[person],
    recipient: { id: '28:bot', name: 'Oefenbalie' },
    conversation,
    entities: [{ type: 'mention', text: '<at>Oefenbalie</at>', mentioned: { id: '28:bot', name: 'Oefenbalie' } }],
    locale: 'nl-NL',
    ...extra,
  };
}

describe('a group demo in a Teams group chat', () => {
  const hub = new DemoHub({ sweepIntervalMs: 0 });
  let adapter: TestAdapter;
  let roomId = '';
  const published: RoomSnapshot[] = [];
  const updatedCards: Partial<Activity>[] = [];

  beforeAll(() => {
    ({ adapter } = createTestBot({ PUBLIC_URL: 'https://oefenen.example.org' }, { demoHub: hub }));
    const update = adapter.updateActivity.bind(adapter);
    adapter.updateActivity = async (context, activity) => {
      updatedCards.push(activity);
      return update(context, activity);
    };
  });
  afterAll(() => hub.close());

  it('the trainer starts a vote demo; the room gets the briefing, the customer and a live meter with a projector link', async () => {
    const replies = await say(adapter, from('trainer', '/demo municipal-benefits vote'));
    expect(texts(replies)).toMatch(/Groepsdemo gestart door Anouk de Vries/);
    expect(texts(replies)).toMatch(/https:\/\/oefenen\.example\.org\/demo\/[A-Za-z0-9_-]{22}/);
    roomId = /\/demo\/([A-Za-z0-9_-]{22})/.exec(texts(replies))![1]!;
    // Two messages: who started what (its text) with the briefing card, then the meter card with the first words.
    expect(replies).toHaveLength(2);
    expect(replies[0].text).toMatch(/Groepsdemo gestart/);
    expect(shown([replies[0]])).toMatch(/Wat niet kan/);
    expect(shown([replies[1]])).toMatch(/Sandra de Wit:\s+\S/);
    expect(cards(replies)).toHaveLength(2); // briefing + meter
    expect(hub.last(roomId)?.snapshot.mode).toBe('vote');
    hub.subscribe(roomId, (snapshot) => published.push(snapshot));
  });

  it('two colleagues propose replies, and everyone votes', async () => {
    expect(texts(await say(adapter, from('sem', 'Dat is nu eenmaal de regel.')))).toMatch(/Voorstel 1 van Sem Bakker/);
    expect(texts(await say(adapter, from('fatima', 'Ik zie dat u hier echt van baalt, en dat snap ik.')))).toMatch(
      /Voorstel 2 van Fatima/,
    );
    await say(adapter, from('sem', '/vote 2'));
    const lastVote = await say(adapter, from('fatima', '/vote 2'));
    expect(published[published.length - 1].proposals.map((p) => p.votes)).toEqual([0, 2]);
    // Teams: the meter card is updated in place, not posted again.
    expect(cards(lastVote)).toHaveLength(0);
    expect(updatedCards.length).toBeGreaterThanOrEqual(4);
    expect(new Set(updatedCards.map((a) => a.id)).size).toBe(1);
  });

  it('only the trainer may pick or pause; the others get a friendly no', async () => {
    const refused = await say(adapter, from('sem', '/pick 1'));
    expect(texts(refused)).toMatch(/trainer/i);
    expect(published[published.length - 1].turns).toBe(0);
  });

  it('the trainer picks the proposal; the customer answers it and the room sees what the other would have done', async () => {
    const replies = await say(adapter, from('trainer', '/pick 2'));
    expect(texts(replies)).toMatch(/antwoord op Fatima El Amrani/);
    const snapshot = published[published.length - 1];
    expect(snapshot.turns).toBe(1);
    expect(snapshot.lastRound?.alternatives[0]).toMatchObject({ author: 'Sem Bakker' });
    expect(snapshot.lastRound!.alternatives[0].delta).toBeGreaterThan(0); // rules-speak would have made it worse
  });

  it('the trainer takes the turn back, and the next proposal is played instead', async () => {
    expect(texts(await say(adapter, from('trainer', '/retry')))).toMatch(/Beurt 1 is teruggedraaid/);
    expect(published[published.length - 1].turns).toBe(0);
    await say(adapter, from('sem', 'Vertelt u maar, ik luister.'));
    await say(adapter, from('trainer', '/pick 1'));
    expect(published[published.length - 1].turns).toBe(1);
  });

  it('ends with a group debrief: the report plus who contributed which techniques', async () => {
    expect(texts(await say(adapter, from('sem', '/end')))).toMatch(/trainer/i);
    const replies = await say(adapter, from('trainer', '/end'));
    expect(texts(replies)).toMatch(/Nabespreking van de groepsdemo/);
    const debrief = JSON.stringify(cards(replies).map((c): unknown => c.content));
    expect(debrief).toContain('Sem Bakker');
    expect(published[published.length - 1].ended).toBe(true);
    // The conversation is free again: a personal role-play can start.
    expect(shown(await say(adapter, from('trainer', '/start gp-phone')))).toMatch(/Boosheid/);
  });

  it('a demo in another conversation never sees this one', async () => {
    const other = createTestBot({}, { demoHub: hub }).adapter;
    const replies = await say(other, {
      ...from('fatima', '/vote 1'),
      conversation: { ...conversation, id: '19:other@thread.v2' },
    });
    expect(texts(replies)).toMatch(/alleen tijdens een groepsdemo/);
  });
});
