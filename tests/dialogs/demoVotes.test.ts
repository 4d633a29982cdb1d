/**
 * Vote management in a group demo in Web Chat (the embedded Direct Line's channel id), played through the real
 * bot: a vote taken back, a proposal replaced under its voters, the trainer's own proposals, removals, a tie, a
 * late vote and a button on an old card, one card per round updated in place, and the export with every round.
 */
import type { Activity, TestAdapter } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_METER_MARK } from '../../dialogs';
import { DemoHub } from '../../src/server/projector/demoHub';
import { createTestBot, say, texts } from '../support/testBot';

const people = {
  tineke: { id: 'dl-tineke', name: 'Tineke' },
  anna: { id: 'dl-anna', name: 'Anna' },
  bram: { id: 'dl-bram', name: 'Bram' },
  chen: { id: 'dl-chen', name: 'Chen' },
} as const;
type Person = keyof typeof people;

const ACK = 'Ik zie dat u hier echt van baalt.';
const ARGUE = 'Dat klopt gewoon niet.';
const ASK = 'Wat is er precies gebeurd?';
const LISTEN = 'Vertelt u maar, ik luister.';
const RULE = 'Dat is nu eenmaal de regel.';

function from(person: Person, text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'directline',
    text,
    from: people[person],
    recipient: { id: 'bot', name: 'Oefenbalie' },
    conversation: { id: 'dl-group-room', isGroup: false, conversationType: 'personal', name: 'Oefenen' },
    locale: 'nl-NL',
    ...extra,
  };
}

/** A press on a demo card button: no text, the button's submit data as the value. */
function button(person: Person, data: Record<string, string>): Partial<Activity> {
  return from(person, '', { value: { action: 'demo', ...data } });
}

const isRoundCard = (activity: Partial<Activity>) =>
  typeof (activity.channelData as Record<string, unknown> | undefined)?.[DEMO_METER_MARK] === 'string';

describe('vote management in a Web Chat group demo', () => {
  const hub = new DemoHub({ sweepIntervalMs: 0 });
  let adapter: TestAdapter;
  let roomId = '';
  const posted: Partial<Activity>[] = [];
  const updated: Partial<Activity>[] = [];
  const view = () => hub.last(roomId)!.snapshot;
  /** What one person's message makes the bot say, all replies as one text; every round card posted is counted. */
  const act = async (activity: Partial<Activity>) => {
    const replies = await say(adapter, activity);
    posted.push(...replies.filter(isRoundCard));
    return texts(replies);
  };

  beforeAll(() => {
    ({ adapter } = createTestBot({}, { demoHub: hub }));
    const update = adapter.updateActivity.bind(adapter);
    adapter.updateActivity = async (context, activity) => {
      updated.push(activity);
      return update(context, activity);
    };
  });
  afterAll(() => hub.close());

  it('the trainer starts a vote demo with a join code; the round has one card', async () => {
    const started = await act(from('tineke', '/demo municipal-benefits vote'));
    roomId = /\/demo\/([A-Za-z0-9_-]{22})/.exec(started)![1]!;
    expect(view()).toMatchObject({ phase: 'proposing', round: 1, votedCount: 0, voterCount: 0 });
    expect(view().joinCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(posted).toHaveLength(1);
  });

  it('proposals and votes update that one card in place; "n of m voted" counts the room, not the trainer', async () => {
    expect(await act(from('anna', ACK))).toMatch(/Voorstel 1 van Anna/);
    expect(await act(from('bram', ARGUE))).toMatch(/Voorstel 2 van Bram/);
    await act(from('chen', '/vote 1'));
    await act(from('bram', '/vote 1'));
    expect(view()).toMatchObject({ phase: 'voting', votedCount: 2, voterCount: 3 });
    expect(view().proposals.map((p) => [p.number, p.author, p.votes])).toEqual([
      [1, 'Anna', 2],
      [2, 'Bram', 0],
    ]);
    expect(posted).toHaveLength(1);
    expect(updated.length).toBe(4);
    expect(new Set(updated.map((a) => a.id))).toEqual(new Set([posted[0].id]));
  });

  it('/unvote takes a vote back; a second /unvote is refused to that person by name', async () => {
    expect(await act(from('bram', '/unvote'))).toBe('Bram trekt de stem op voorstel 1 in.');
    expect(view().proposals[0].votes).toBe(1);
    expect(await act(from('bram', '/unvote'))).toBe(
      'Bram, u hebt in deze ronde nog niet gestemd, dus er is niets in te trekken.',
    );
  });

  it('a replaced proposal tells its voters their vote is gone, and the old number is refused by name', async () => {
    const replaced = await act(from('anna', ASK));
    expect(replaced).toMatch(/Voorstel 3 van Anna/);
    expect(replaced).toMatch(
      /^Chen: Anna heeft voorstel 1 vervangen door een nieuw voorstel, dus uw stem telt niet meer/m,
    );
    expect(await act(from('chen', '/vote 1'))).toBe(
      'Chen, voorstel 1 is vervangen of weggehaald. Kies een voorstel dat nu op de kaart staat.',
    );
  });

  it('the trainer proposes beside the room, twice, without replacing anything', async () => {
    await act(from('tineke', LISTEN));
    await act(from('tineke', RULE));
    expect(view().proposals.map((p) => [p.number, p.author])).toEqual([
      [2, 'Bram'],
      [3, 'Anna'],
      [4, 'Tineke'],
      [5, 'Tineke'],
    ]);
  });

  it('the trainer removes a proposal and a participant; others may not, and a removed participant cannot vote', async () => {
    expect(await act(from('anna', '/remove 2'))).toBe(
      'Anna, alleen de trainer (of wie de trainer heeft aangewezen) kan een voorstel weghalen.',
    );
    await act(from('chen', '/vote 2'));
    const removed = await act(from('tineke', '/remove 2'));
    expect(removed).toMatch(/Tineke heeft voorstel 2 van Bram weggehaald/);
    expect(removed).toMatch(/Chen: voorstel 2 van Bram is weggehaald, dus uw stem telt niet meer/);
    expect(await act(from('tineke', '/remove chen'))).toMatch(/Tineke heeft Chen uit de demo gehaald/);
    expect(await act(from('chen', '/vote 3'))).toMatch(/^Chen, de trainer heeft u uit deze demo gehaald/);
    expect(await act(from('tineke', '/remove Niemand'))).toBe(
      'Tineke, er doet niemand met de naam "Niemand" mee aan deze demo.',
    );
    expect(view().participants.map((p) => p.name)).toEqual(['Tineke', 'Anna', 'Bram']);
    expect(view().voterCount).toBe(2);
  });

  it('a tie is no majority; the trainer picks against it and the room sees it; a new round gets a new card', async () => {
    await act(from('anna', '/vote 3'));
    await act(from('bram', '/vote 4'));
    expect(await act(from('tineke', '/pick majority'))).toMatch(/^Tineke, er is nog geen meerderheid/);
    const picked = await act(from('tineke', '/pick 5'));
    expect(picked).toMatch(
      /Ronde 1: Tineke kiest voorstel 5 van Tineke \(0 van 2 stemmen\)\. Let op: dat is niet het voorstel met de meeste stemmen\./,
    );
    expect(view()).toMatchObject({ phase: 'closed', round: 2, proposals: [] });
    expect(view().lastRound).toMatchObject({ pickedNumber: 5, pickedBy: 'Tineke', overrodeMajority: true });
    expect(posted).toHaveLength(2);
  });

  it('a late vote and a button on the old card both hear that voting on round 1 is closed', async () => {
    const closed = 'het stemmen over ronde 1 is gesloten: de trainer heeft al gekozen.';
    expect(await act(from('bram', '/vote 4'))).toMatch(new RegExp(`^Bram, ${closed}`));
    expect(await act(button('anna', { op: 'vote', roomId, proposalId: 'p4' }))).toMatch(new RegExp(`^Anna, ${closed}`));
  });

  it('/export during the demo has the round so far; after the end it has every round and every participant', async () => {
    const during = await say(adapter, from('anna', '/export markdown'));
    const markdown = (activity: Partial<Activity>[]) =>
      Buffer.from(activity[0].attachments![0].contentUrl!.split(',')[1], 'base64').toString('utf8');
    expect(markdown(during)).toMatch(/### Ronde 1/);

    await act(from('anna', ACK));
    await act(from('bram', '/vote 1'));
    await act(from('tineke', '/pick majority'));
    await act(from('tineke', '/end'));
    const after = await say(adapter, from('bram', '/export'));
    expect(after[0].attachments!.map((a) => a.name)).toEqual([
      'groepsdemo-municipal-benefits.md',
      'groepsdemo-municipal-benefits.html',
      'groepsdemo-municipal-benefits.json',
    ]);
    const md = markdown(after);
    expect(md).toMatch(/### Ronde 1/);
    expect(md).toMatch(/### Ronde 2/);
    expect(md).toContain('Gekozen door Tineke \\(niet het voorstel met de meeste stemmen\\)');
    expect(md).toContain('Gekozen door de meerderheid \\(gevraagd door Tineke\\)');
    for (const text of [ASK, LISTEN, RULE]) expect(md).toContain(text.replace('.', ''));
    const json = JSON.parse(
      Buffer.from(after[0].attachments![2].contentUrl!.split(',')[1], 'base64').toString('utf8'),
    ) as {
      rounds: { round: number; chosenBy: string }[];
      contributors: { name: string; proposals: number; votes: number }[];
    };
    expect(json.rounds.map((r) => [r.round, r.chosenBy])).toEqual([
      [1, 'Tineke'],
      [2, 'Tineke'],
    ]);
    expect(json.contributors.map((c) => [c.name, c.proposals, c.votes])).toEqual([
      ['Tineke', 2, 0],
      ['Anna', 2, 1],
      ['Bram', 0, 2],
      ['Chen', 0, 0],
    ]);
  });

  it('after the end, a button on an old card says the demo is over', async () => {
    expect(await act(button('bram', { op: 'vote', roomId, proposalId: 'p9' }))).toBe(
      'Die demo is afgelopen: stemmen en kiezen kan niet meer. Met /export krijgt u het verslag.',
    );
  });

  it('kept one card per round: three rounds begun (two decided, one closed by the end), three cards posted, every other change an update', () => {
    expect(posted).toHaveLength(3);
    expect(updated.length).toBeGreaterThan(10);
  });
});
