/**
 * How much a group demo in vote mode posts to the chat: plays one scripted session (a trainer and three
 * trainees, three rounds with proposals, votes, a moved vote, an /unvote, a replaced proposal and a pick) through
 * the real bot on each channel, and prints per channel the round cards posted, the card updates in place and all
 * messages the bot posted. Target (issue 19): one card per round where the channel can update a message, instead
 * of a new card for every proposal and vote.
 *
 *   npm run bench:demo
 */
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { DemoMeters } from '../src/bot';
import { loadDefaultClassifier, loadPersonaLibrary } from '../src/content';
import { DEMO_METER_MARK } from '../dialogs';
import { practiceBotOn } from './harness/inProcessBot';

const personas = loadPersonaLibrary();
const classifier = loadDefaultClassifier();

type Person = 'trainer' | 'anna' | 'bram' | 'chen';

/** One session: what each person types, in order. */
const SCRIPT: Array<[Person, string]> = [
  ['trainer', '/demo municipal-benefits vote'],
  // Round 1: three proposals, three votes, one moved, one taken back, the trainer picks.
  ['anna', 'Ik zie dat u hier echt van baalt.'],
  ['bram', 'Dat klopt gewoon niet.'],
  ['chen', 'Vertelt u maar, ik luister.'],
  ['anna', '/vote 1'],
  ['bram', '/vote 3'],
  ['chen', '/vote 3'],
  ['bram', '/vote 1'],
  ['chen', '/unvote'],
  ['trainer', '/pick 1'],
  // Round 2: a replaced proposal, votes, a pick.
  ['anna', 'Wat is er precies gebeurd?'],
  ['bram', 'Dat is nu eenmaal de regel.'],
  ['bram', 'Wanneer heeft u de aanvraag gedaan?'],
  ['chen', '/vote 1'],
  ['anna', '/vote 3'],
  ['bram', '/vote 3'],
  ['trainer', '/pick 3'],
  // Round 3: two proposals, a late vote for round 2, votes, the end.
  ['chen', 'Ik begrijp dat dit vervelend is.'],
  ['anna', 'Ik ga het voor u uitzoeken.'],
  ['bram', '/vote 3'],
  ['anna', '/vote 1'],
  ['bram', '/vote 2'],
  ['trainer', '/end'],
];

interface Counts {
  roundCards: number;
  updates: number;
  messages: number;
}

async function play(channelId: string): Promise<Counts> {
  const storage = new MemoryStorage();
  let now = 1_700_000_000_000;
  const { bot } = practiceBotOn(storage, {
    personas,
    classifier,
    clock: () => (now += 15_000),
    newSeed: () => 7,
    demoMeters: new DemoMeters(storage),
  });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  const counts: Counts = { roundCards: 0, updates: 0, messages: 0 };
  const update = adapter.updateActivity.bind(adapter);
  adapter.updateActivity = async (context, activity) => {
    counts.updates += 1;
    return update(context, activity);
  };
  for (const [person, text] of SCRIPT) {
    const activity: Partial<Activity> = {
      type: 'message',
      channelId,
      text,
      from: { id: `${channelId}-${person}`, name: person },
      recipient: { id: 'bot', name: 'Oefenbalie' },
      conversation: { id: `${channelId}-bench`, isGroup: true, conversationType: 'groupChat', name: 'Bench' },
      locale: 'nl-NL',
    };
    const before = adapter.activeQueue.length;
    await adapter.receiveActivity(activity);
    const replies = adapter.activeQueue.splice(before);
    counts.messages += replies.length;
    counts.roundCards += replies.filter(
      (r) => typeof (r.channelData as Record<string, unknown> | undefined)?.[DEMO_METER_MARK] === 'string',
    ).length;
  }
  return counts;
}

async function main(): Promise<void> {
  const rounds = SCRIPT.filter(([, text]) => text.startsWith('/pick') || text === '/end').length;
  const changes = SCRIPT.filter(
    ([, text]) => !text.startsWith('/demo') && !text.startsWith('/pick') && text !== '/end',
  );
  console.log(
    `Scripted vote demo: ${rounds} rounds, ${changes.length} proposals, votes and /unvotes (${SCRIPT.length} messages in all)`,
  );
  console.log('channel     round cards posted  card updates  bot messages');
  for (const channel of ['msteams', 'directline', 'emulator']) {
    const c = await play(channel);
    console.log(
      `${channel.padEnd(12)}${String(c.roundCards).padStart(18)}${String(c.updates).padStart(14)}${String(c.messages).padStart(14)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
