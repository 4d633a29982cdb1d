/**
 * FileStorage's journal (src/storage/journal.ts, src/storage/folderStore.ts): what a crash leaves on disk is
 * read back with nothing acknowledged lost, folders of the earlier one-file-per-item layout load as they are,
 * and memory stays bounded. A "crash image" is a copy of the folder taken while the store runs: exactly what a
 * kill -9 leaves behind (tests/storage/crash.test.ts kills real processes).
 */
import {
  chmodSync,
  cpSync,
  utimesSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreItem } from 'botbuilder';
import { FileStorage, keyToFileName } from '../../src/storage/fileStorage';
import { decodeJournal, encodeEntry, readJournal, type JournalEntry } from '../../src/storage/journal';
import { sweepDataFolder, sweepKeyPrefix } from '../../src/storage/retentionSweeper';
import { readPresent } from '../support/stored';

let dir: string;
let data: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'file-journal-'));
  data = path.join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A store whose item files are only refreshed when the test asks (a checkpoint). */
const slowFlushing = (folder: string) => new FileStorage(folder, { flushIntervalMs: 60_000 });
/** What another process sees of `folder` now. */
const reopened = (folder: string) => new FileStorage(folder, { shared: false });
/** A copy of the folder as it is now, while its store runs. */
function crashImage(folder: string): string {
  const image = mkdtempSync(path.join(dir, 'image-'));
  cpSync(folder, image, { recursive: true });
  return image;
}
const itemFile = (folder: string, key: string) =>
  JSON.parse(readFileSync(path.join(folder, keyToFileName(key)), 'utf8')) as { eTag: string; document: unknown };

describe('the journal format', () => {
  const write = encodeEntry({ key: 'a/b', eTag: 'e1', documentText: '{"v":1}' });
  const remove = encodeEntry({ key: 'a/b' });

  it.each([
    ['a write and a delete', write + remove, [{ key: 'a/b', eTag: 'e1', documentText: '{"v":1}' }, { key: 'a/b' }]],
    [
      'a torn last line (the write never finished)',
      write + remove.slice(0, 20),
      [{ key: 'a/b', eTag: 'e1', documentText: '{"v":1}' }],
    ],
    ['a line without its newline', write.trimEnd(), []],
    ['a damaged line and what follows', write.replace('"v":1', '"v":2') + remove, []],
    ['an empty journal', '', []],
  ])('%s', (_name, text, entries) => expect(decodeJournal(text)).toEqual(entries));

  const odd = { key: 'x/"quoted"\\back\u2028/ü', eTag: 'e"2', documentText: '{"t":"één € 😀 \\"q\\"","n":null}' };
  it.each([
    ['a key and eTag with quotes and backslashes, a document with non-ASCII text', encodeEntry(odd), [odd]],
    [
      'a line of another layout (parsed whole)',
      (() => {
        const json = '{"d":{"v":1},"e":"e1","k":"a/b"}';
        return `${zlib.crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
      })(),
      [{ key: 'a/b', eTag: 'e1', documentText: '{"v":1}' }],
    ],
  ])('%s', (_name, text, entries) => expect(decodeJournal(text)).toEqual(entries));

  it('reads a journal file a chunk at a time: lines longer than a chunk, and a torn last line', async () => {
    const big = { key: 'big', eTag: 'e1', documentText: JSON.stringify({ filler: 'é'.repeat(1_500_000) }) };
    const small = { key: 'small', eTag: 'e2', documentText: '{"v":2}' };
    const file = path.join(dir, 'journal-1.log');
    const torn = encodeEntry({ key: 'small', eTag: 'e3', documentText: '{"v":3}' }).slice(0, 25);
    writeFileSync(file, encodeEntry(big) + encodeEntry(small) + encodeEntry(big) + torn);
    const entries: JournalEntry[] = [];
    await readJournal(file, (entry) => entries.push(entry));
    expect(entries).toEqual([big, small, big]);
  });
});

describe('after a crash', () => {
  it('every acknowledged write is read back, also when its item file was not yet rewritten', async () => {
    const storage = slowFlushing(data);
    await storage.write({ 'c/1': { turn: 1 }, 'c/2': { turn: 1 } });
    for (let turn = 2; turn <= 5; turn++) await storage.write({ 'c/1': { turn } });
    await storage.delete(['c/2']);
    const image = crashImage(data);

    // The item file still holds the first version; the journal the later ones.
    expect(itemFile(image, 'c/1').document).toEqual({ turn: 1 });
    const restarted = reopened(image);
    expect(await restarted.read(['c/1', 'c/2'])).toEqual({ 'c/1': { turn: 5, eTag: expect.any(String) as unknown } });
    // The restarted store writes on, and puts the replayed items in their files at its first checkpoint.
    const current = await readPresent<StoreItem>(restarted, 'c/1');
    await restarted.write({ 'c/1': { ...current, turn: 6 } });
    await restarted.checkpoint();
    expect(readdirSync(image).sort()).toEqual([keyToFileName('c/1')]);
    expect(itemFile(image, 'c/1').document).toEqual({ turn: 6 });
  });

  it('keeps eTags: a write with the eTag read before the crash succeeds once, a stale one conflicts', async () => {
    const storage = slowFlushing(data);
    await storage.write({ k: { v: 1 } });
    const before = await readPresent<StoreItem>(storage, 'k');
    await storage.write({ k: { ...before, v: 2 } });
    const image = crashImage(data);
    const restarted = reopened(image);
    const after = await readPresent<StoreItem>(restarted, 'k');
    await expect(restarted.write({ k: { ...before, v: 3 } })).rejects.toThrow(/eTag conflict/);
    await restarted.write({ k: { ...after, v: 3 } });
    expect((await readPresent<{ v: number }>(restarted, 'k')).v).toBe(3);
  });

  it('ignores the torn last line of a write that was never acknowledged', async () => {
    const storage = slowFlushing(data);
    await storage.write({ k: { v: 1 } });
    const image = crashImage(data);
    const journal = path.join(image, 'journal-1.log');
    writeFileSync(
      journal,
      readFileSync(journal, 'utf8') + encodeEntry({ key: 'k', eTag: 'x', documentText: '{"v":2}' }).slice(0, 30),
    );
    expect((await readPresent<{ v: number }>(reopened(image), 'k')).v).toBe(1);
  });
  it('an item the retention sweeper deleted stays deleted after a crash', async () => {
    const storage = slowFlushing(data);
    await storage.write({ 'x/users/u/': { v: 1 } });
    const longAgo = new Date(Date.now() - 48 * 3_600_000);
    utimesSync(path.join(data, keyToFileName('x/users/u/')), longAgo, longAgo);
    const rules = { conversationMaxAgeMs: 3_600_000, retentionMaxAgeMs: 3_600_000 };
    expect(await sweepDataFolder(data, rules)).toBe(1);
    expect(await reopened(crashImage(data)).read(['x/users/u/'])).toEqual({});
  });
});

describe('a folder of the earlier layout (one file per item, no journal)', () => {
  it('loads as it is, takes new writes, and keeps them across a restart', async () => {
    const longKey = `msteams/conversations/${'a:1'.repeat(100)}`;
    const old = {
      'emulator/conversations/c1/': { step: 2 },
      'emulator/users/u1/': { lang: 'nl' },
      [longKey]: { x: 1 },
    };
    for (const [key, document] of Object.entries(old))
      writeFileSync(path.join(dir, keyToFileName(key)), JSON.stringify({ key, eTag: `old-${key.length}`, document }), {
        mode: 0o600,
      });
    writeFileSync(path.join(dir, `${keyToFileName('emulator/users/u1/')}.1.abc.tmp`), '{"half":');
    chmodSync(dir, 0o755);

    const storage = new FileStorage(dir);
    const read = await storage.read(Object.keys(old));
    for (const [key, document] of Object.entries(old))
      expect(read[key]).toEqual({ ...document, eTag: `old-${key.length}` });
    const conversation = read['emulator/conversations/c1/'] as StoreItem;
    await storage.write({ 'emulator/conversations/c1/': { ...conversation, step: 3 } });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await storage.checkpoint();
    const again = reopened(dir);
    expect((await readPresent<{ step: number }>(again, 'emulator/conversations/c1/')).step).toBe(3);
    expect(await again.read([longKey])).toEqual({ [longKey]: { x: 1, eTag: `old-${longKey.length}` } });
  });
});

describe('memory', () => {
  it('keeps in memory what is read between writes, and only the eTag of what is written again and again unread', async () => {
    const storage = new FileStorage(dir);
    const text = 'x'.repeat(50_000);
    // A log written on every change and read only after a restart (the embedded Direct Line's conversations).
    for (let version = 1; version <= 3; version++) await storage.write({ log: { version, text }, eTag: '*' });
    await storage.checkpoint();
    expect(storage.cachedCharacters).toBeLessThan(1_000);
    // State read before every write (the bot's turn state) stays in memory.
    for (let turn = 1; turn <= 3; turn++) {
      const state = (await storage.read(['state']))['state'] as StoreItem | undefined;
      await storage.write({ state: { ...state, turn, text } });
    }
    await storage.checkpoint();
    expect(storage.cachedCharacters).toBeGreaterThan(50_000);
    expect(storage.cachedCharacters).toBeLessThan(51_000);
    // The log's file holds its latest version, and a write with the eTag read goes on from there.
    const log = await readPresent<{ version: number; text: string }>(storage, 'log');
    expect(log).toMatchObject({ version: 3, text });
    await storage.write({ log: { ...log, version: 4 } });
    await expect(storage.write({ log: { ...log, version: 5 } })).rejects.toThrow(/eTag conflict/);
    expect((await readPresent<{ version: number }>(reopened(dir), 'log')).version).toBe(4);
  });

  it('drops unchanged items beyond cacheBytes and reads them again from their files', async () => {
    const storage = new FileStorage(dir, { cacheBytes: 2_000 });
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    for (const key of keys) await storage.write({ [key]: { key, padding: 'x'.repeat(200) } });
    const items = await storage.read(keys);
    expect(Object.keys(items)).toHaveLength(40);
    for (const key of keys) expect(items[key]).toMatchObject({ key });
  });
});

describe('the retention sweeper on a live store', () => {
  it('does not delete an item whose file is old when a newer version waits for its file', async () => {
    const storage = slowFlushing(dir);
    await storage.write({ 'x/conversations/c/': { turn: 1 } });
    const turn1 = await readPresent<StoreItem>(storage, 'x/conversations/c/');
    await storage.write({ 'x/conversations/c/': { ...turn1, turn: 2 } });
    const longAgo = new Date(Date.now() - 48 * 3_600_000);
    utimesSync(path.join(dir, keyToFileName('x/conversations/c/')), longAgo, longAgo);
    const rules = { conversationMaxAgeMs: 3_600_000, retentionMaxAgeMs: 3_600_000 };
    expect(await sweepDataFolder(dir, rules)).toBe(0);
    expect((await readPresent<{ turn: number }>(storage, 'x/conversations/c/')).turn).toBe(2);
  });

  const shortLived = { keyPrefix: 'web/conversations/', maxAgeMs: 3_600_000 };
  const longRules = {
    conversationMaxAgeMs: 100 * 3_600_000,
    retentionMaxAgeMs: 100 * 3_600_000,
    shortLived: [shortLived],
  };
  it.each([
    ['sweepDataFolder', () => sweepDataFolder(dir, longRules)],
    ['sweepKeyPrefix', () => sweepKeyPrefix(dir, shortLived)],
  ] as const)('%s expires a short-lived item through the store, unless a newer version waits', async (_name, sweep) => {
    const storage = slowFlushing(dir);
    await storage.write({ 'web/conversations/old': { turn: 1 }, 'web/conversations/busy': { turn: 1 } });
    await storage.checkpoint();
    const busy = await readPresent<StoreItem>(storage, 'web/conversations/busy');
    await storage.write({ 'web/conversations/busy': { ...busy, turn: 2 } });
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const key of ['web/conversations/old', 'web/conversations/busy']) {
      utimesSync(path.join(dir, keyToFileName(key)), longAgo, longAgo);
    }
    expect(await sweep()).toBe(1);
    expect(await storage.read(['web/conversations/old'])).toEqual({});
    expect((await readPresent<{ turn: number }>(storage, 'web/conversations/busy')).turn).toBe(2);
  });
});
