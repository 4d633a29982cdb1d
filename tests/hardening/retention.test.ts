/**
 * Privacy as promised (issue 20, finding 4): data files are private to the bot's user, expired state and
 * transcripts are deleted whether or not the conversation speaks again, and /privacy states the very ages the
 * code applies (the config values and the Direct Line's idle time).
 */
import { mkdtempSync, promises as fs, statSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { privacyPage } from '../../src/server/aboutPages';
import { retentionSweepRules } from '../../src/server/createServer';
import { STORAGE_PREFIX } from '../../src/server/directLine/conversationPersistence';
import { DIRECT_LINE_STORAGE_SWEEP_MS, DirectLineStore } from '../../src/server/directLine/directLineStore';
import { FileStorage, keyToFileName, sweepDataFolder, sweepKeyPrefix } from '../../src/storage';

const HOUR = 60 * 60 * 1000;

function tempFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'retention-'));
}

/** Sets a stored item's last write `hoursAgo` hours back. */
async function age(folder: string, key: string, hoursAgo: number): Promise<void> {
  const when = new Date(Date.now() - hoursAgo * HOUR);
  await fs.utimes(path.join(folder, keyToFileName(key)), when, when);
}

/** Writes each item and backdates its file by the given hours. */
async function storeAged(storage: FileStorage, folder: string, hoursAgoByKey: Record<string, number>): Promise<void> {
  for (const [key, hoursAgo] of Object.entries(hoursAgoByKey)) {
    await storage.write({ [key]: { x: 1 } });
    await age(folder, key, hoursAgo);
  }
}

describe('data files', () => {
  it('are written 0600 in a folder set to 0700, also when the folder existed with wider rights', async () => {
    const folder = path.join(tempFolder(), 'data');
    await fs.mkdir(folder, { mode: 0o755 });
    await fs.chmod(folder, 0o755);
    const storage = new FileStorage(folder, { durable: false });
    await storage.write({ 'directline/conversations/c1/': { words: 'wat de deelnemer typte' } });
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(folder, keyToFileName('directline/conversations/c1/'))).mode & 0o777).toBe(0o600);
  });
});

describe('the retention sweeper', () => {
  it('deletes conversation state past its hours and other items past the retention days, keeps the rest', async () => {
    const config = loadConfig({ RETENTION_DAYS: '30', CONVERSATION_RETENTION_HOURS: '12' });
    const folder = tempFolder();
    const storage = new FileStorage(folder, { durable: false });
    const items = {
      'directline/conversations/old/': 13,
      'directline/conversations/fresh/': 11,
      'directline/users/old/': 31 * 24,
      'directline/users/fresh/': 29 * 24,
    };
    await storeAged(storage, folder, items);
    const transcripts = path.join(folder, 'transcripts', 'directline', 'c1');
    await fs.mkdir(transcripts, { recursive: true });
    await fs.writeFile(path.join(transcripts, 'a.json'), '{}');
    const old = new Date(Date.now() - 31 * 24 * HOUR);
    await fs.utimes(path.join(transcripts, 'a.json'), old, old);

    const deleted = await sweepDataFolder(folder, {
      conversationMaxAgeMs: config.retention.conversationHours * HOUR,
      retentionMaxAgeMs: config.retention.days * 24 * HOUR,
    });

    expect(deleted).toBe(3);
    const kept = await storage.read(Object.keys(items));
    expect(Object.keys(kept).sort()).toEqual(['directline/conversations/fresh/', 'directline/users/fresh/']);
  });
});

describe('stored web chat conversations (embedded Direct Line)', () => {
  it.each([
    [
      'the full sweep',
      (folder: string) =>
        sweepDataFolder(folder, {
          conversationMaxAgeMs: 24 * HOUR,
          retentionMaxAgeMs: 90 * 24 * HOUR,
          shortLived: [{ keyPrefix: STORAGE_PREFIX, maxAgeMs: new DirectLineStore().storedMaxAgeMs }],
        }),
    ],
    [
      'the quarter-hourly sweep',
      (folder: string) =>
        sweepKeyPrefix(folder, { keyPrefix: STORAGE_PREFIX, maxAgeMs: new DirectLineStore().storedMaxAgeMs }),
    ],
  ])('go once idle past their age, left by a restart or not, in %s; nothing else is touched', async (_name, sweep) => {
    const folder = tempFolder();
    const storage = new FileStorage(folder, { durable: false });
    const items = {
      [`${STORAGE_PREFIX}idle`]: 1.5,
      [`${STORAGE_PREFIX}recent`]: 1,
      'directline/conversations/idle/': 1.5,
    };
    await storeAged(storage, folder, items);
    expect(await sweep(folder)).toBe(1);
    expect(Object.keys(await storage.read(Object.keys(items))).sort()).toEqual([
      'directline/conversations/idle/',
      `${STORAGE_PREFIX}recent`,
    ]);
  });
});

describe('a group demo’s own items (room with names, proposals and votes; join codes)', () => {
  it('go with conversation state, not after the retention days', async () => {
    const config = loadConfig({ RETENTION_DAYS: '30', CONVERSATION_RETENTION_HOURS: '12' });
    const folder = tempFolder();
    const storage = new FileStorage(folder, { durable: false });
    const items = {
      'demoRooms/old-room': 13,
      'demoRooms/fresh-room': 11,
      'demoJoinCodes/OLDCDE': 13,
      'demoJoinCodes/NEWCDE': 11,
    };
    await storeAged(storage, folder, items);
    expect(await sweepDataFolder(folder, retentionSweepRules(config))).toBe(2);
    expect(Object.keys(await storage.read(Object.keys(items))).sort()).toEqual([
      'demoJoinCodes/NEWCDE',
      'demoRooms/fresh-room',
    ]);
  });
});

describe('/privacy matches the code', () => {
  it.each([
    ['defaults', {}],
    ['other settings', { RETENTION_DAYS: '7', CONVERSATION_RETENTION_HOURS: '6', KEEP_TRANSCRIPTS: 'true' }],
  ])('states the ages the code applies (%s), in both languages', (_name, env) => {
    const config = loadConfig(env);
    const { days, conversationHours } = config.retention;
    // Idle time in memory, then at most one storage sweep after a stored conversation's last write is that old.
    const keptMinutes = (new DirectLineStore().storedMaxAgeMs + DIRECT_LINE_STORAGE_SWEEP_MS) / 60_000;
    const en = privacyPage(config, 'en')
      .sections.flatMap((s) => s.paragraphs)
      .join('\n');
    const nl = privacyPage(config, 'nl')
      .sections.flatMap((s) => s.paragraphs)
      .join('\n');
    expect(en).toContain(`deleted ${conversationHours} hours after your last message`);
    expect(nl).toContain(`uiterlijk ${conversationHours} uur na uw laatste bericht gewist`);
    expect(en).toContain(`deleted ${keptMinutes} minutes after the last message at the latest`);
    expect(nl).toContain(`uiterlijk ${keptMinutes} minuten na het laatste bericht gewist`);
    expect(en).toContain(`for ${Math.min(24, conversationHours)} hours at most`);
    expect(en).toContain(`for ${days} days`);
    expect(en).toContain(`deleted ${conversationHours} hours after its last change at the latest`);
    expect(nl).toContain(`uiterlijk ${conversationHours} uur na de laatste wijziging gewist`);
    expect(nl).toContain(`${days} dagen`);
  });
});
