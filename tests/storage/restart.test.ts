/**
 * Restart: a role-play half-way through, the bot process killed and started again on the same store, and the
 * conversation goes on where it was; the trainee's progress survives too. Runs the real bot
 * (`node dist/src/index.js`) over /api/messages, for STORAGE=file and STORAGE=blob (azurite).
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, type StorageSettings } from '../../src/storage/createStorage';
import { startAzurite, type Azurite } from '../../scripts/harness/azurite';
import {
  startBotProcess,
  startReplySink,
  textOf,
  type BotProcess,
  type ReplySink,
} from '../../scripts/harness/botProcess';

let azurite: Azurite;
let sink: ReplySink;
let tmp: string;
const running: BotProcess[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'restart-'));
  [azurite, sink] = await Promise.all([startAzurite(), startReplySink()]);
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.stop('SIGKILL')));
  await Promise.all([azurite?.stop(), sink?.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

const kinds = [
  { kind: 'file', env: () => ({ STORAGE: 'file', DATA_DIR: path.join(tmp, randomUUID()) }) },
  {
    kind: 'blob',
    env: () => ({
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: `restart-${randomUUID().slice(0, 8)}`,
    }),
  },
] as const;

const anger = (replies: { channelData?: unknown }[]) =>
  replies.map((r) => (r.channelData as { anger?: number } | undefined)?.anger).find((a) => typeof a === 'number');

function settingsFrom(env: Record<string, string>): StorageSettings {
  return {
    kind: env.STORAGE as StorageSettings['kind'],
    dataDir: env.DATA_DIR ?? '',
    blob: { connectionString: env.BLOB_CONNECTION_STRING, container: env.BLOB_CONTAINER ?? '' },
    cosmos: { database: '', container: '' },
  };
}

describe.each(kinds)('STORAGE=$kind', ({ env: makeEnv }) => {
  it('a role-play half-way through continues after the process is killed and restarted; progress survives', async () => {
    const env = makeEnv();
    const conversation = `restart-${randomUUID()}`;
    const start = async () => {
      const bot = await startBotProcess(env);
      running.push(bot);
      return bot;
    };

    // Before: greeting, a role-play, one reply from the trainee.
    const first = await start();
    expect(textOf(await first.send(sink, sink.joined(conversation)))).toMatch(/Welkom/);
    const opening = await first.send(sink, sink.message(conversation, '/start municipal-benefits'));
    expect(anger(opening)).toBeGreaterThan(0);
    const before = 'Ik zie dat u hier echt van baalt, dat snap ik.';
    expect(anger(await first.send(sink, sink.message(conversation, before)))).toBeDefined();
    await first.stop('SIGKILL'); // a crash, not a goodbye

    // After: the new process knows the role-play is running and continues it.
    const second = await start();
    expect(textOf(await second.send(sink, sink.message(conversation, '/hint')))).toMatch(/Tip:/);
    const after = 'Wat is er precies gebeurd met uw aanvraag?';
    const reply = await second.send(sink, sink.message(conversation, after));
    expect(anger(reply), textOf(reply)).toBeDefined();
    // Both trainee replies are in the one saved session.
    const key = `emulator/conversations/${conversation}/`;
    const saved = JSON.stringify((await createStorage(settingsFrom(env)).read([key]))[key]);
    expect(saved).toContain(before);
    expect(saved).toContain(after);
    expect(textOf(await second.send(sink, sink.message(conversation, '/stop')))).toMatch(/feedback/i);
    await second.stop();

    // Progress survives another restart.
    const third = await start();
    const progress = textOf(await third.send(sink, sink.message(conversation, '/progress')));
    expect(progress).toMatch(/Gemeente: de bijstandsuitkering is niet betaald/);
    await third.stop();
  });
});
