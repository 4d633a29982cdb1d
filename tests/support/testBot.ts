import { readFileSync } from 'fs';
import * as path from 'path';
import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity } from 'botbuilder';
import { createBot, DemoMeters, DemoRooms, type BotDependencies } from '../../src/bot';
import { loadConfig } from '../../src/config';
import type { PersonaLibrary } from '../../src/content';
import { silentLogger } from '../../src/logging';
import { leakLedger } from './logLeaks';
import { allNodes } from './cardNodes';
// Not the server's index: that loads restify, which patches Node's http responses for the whole test file.
import type { DemoHub } from '../../src/server/projector/demoHub';
import { projectorFor } from '../../src/server/projector/projectorLink';
import type { Classifier, Lang } from '../../src/core';
import { shippedClassifier as classifier, shippedLibrary as personas, shippedRulesVersions } from './shippedContent';

/** A fresh bot on memory storage with a fixed clock and seed, driven by botbuilder's TestAdapter. */
export function createTestBot(
  env: NodeJS.ProcessEnv = {},
  options: {
    demoHub?: DemoHub;
    storage?: MemoryStorage;
    personas?: PersonaLibrary;
    /** The classifier and its rules' versions, when a test plays on its own copy of the rules. */
    classifier?: Classifier;
    rulesVersions?: Record<Lang, string>;
    sessionCacheSize?: number;
    uploadFile?: BotDependencies['uploadFile'];
  } = {},
) {
  const storage = options.storage ?? new MemoryStorage();
  const config = loadConfig({ STORAGE: 'memory', ...env });
  let now = 1_700_000_000_000;
  const conversationState = new ConversationState(storage);
  const demoRooms = new DemoRooms(storage, conversationState, options.personas ?? personas);
  const bot = createBot({
    config,
    log: silentLogger,
    conversationState,
    userState: new UserState(storage),
    storage,
    personas: options.personas ?? personas,
    classifier: options.classifier ?? classifier,
    rulesVersions: options.rulesVersions ?? shippedRulesVersions,
    clock: () => (now += 15_000),
    newSeed: () => 7,
    ...(options.sessionCacheSize !== undefined ? { sessionCacheSize: options.sessionCacheSize } : {}),
    ...(options.uploadFile ? { uploadFile: options.uploadFile } : {}),
    ...(options.demoHub
      ? {
          projector: projectorFor(options.demoHub),
          demoMeters: new DemoMeters(storage),
          demoRooms,
          localUrl: () => 'http://localhost:3978',
        }
      : {}),
  });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  adapter.locale = 'nl-NL';
  return { adapter, storage, bot, demoRooms };
}

/** Sends one activity and collects every reply the bot sends for it. */
export async function say(adapter: TestAdapter, activity: string | Partial<Activity>): Promise<Partial<Activity>[]> {
  // The leak check looks for the trainee's words in every log line.
  leakLedger.noteSent(typeof activity === 'string' ? activity : activity.text);
  const before = adapter.activeQueue.length;
  await adapter.receiveActivity(activity);
  return adapter.activeQueue.splice(before);
}

export const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
/** What replies show, in order: each one's text, then the words on its cards (TextBlocks and TextRuns). */
export const shown = (replies: Partial<Activity>[]) =>
  replies
    .map((r) =>
      [r.text ?? '', ...allNodes(r.attachments ?? []).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []))]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
export const cards = (replies: Partial<Activity>[]) =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');

/** A recorded activity from tests/fixtures, as a fresh copy (the adapter mutates what it receives). */
export function fixture(relativePath: string): Partial<Activity> {
  return JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', relativePath), 'utf8')) as Partial<Activity>;
}
