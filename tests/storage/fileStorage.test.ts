import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationState, TestAdapter, TurnContext, type Activity, type StoreItem } from 'botbuilder';
import { ETagConflictError, FileStorage, keyToFileName } from '../../src/storage/fileStorage';
import { readPresent } from '../support/stored';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'file-storage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('keyToFileName', () => {
  it.each([
    ['simple', 'simple.json'],
    ['Case', '_43ase.json'],
    ['a/b:c', 'a_2fb_3ac.json'],
    ['..', '_2e_2e.json'],
    ['_', '_5f.json'],
    ['é', '_c3_a9.json'],
  ])('%j → %j', (key, name) => expect(keyToFileName(key)).toBe(name));

  it('gives portable names: [a-z0-9_-], hashed when long, never over 255 bytes', () => {
    const long = `msteams/conversations/${'a:1'.repeat(300)}`;
    for (const key of ['x', 'A/B', long, `${long}!`, 'ünï/cødé ✓'.repeat(40)]) {
      const name = keyToFileName(key);
      expect(name).toMatch(/^[a-z0-9_-]+(~[0-9a-f]{64})?\.json$/);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    }
    expect(keyToFileName(long)).not.toBe(keyToFileName(`${long}!`));
  });

  it('rejects an empty key', () => expect(() => keyToFileName('')).toThrow(/non-empty/));
});

describe('FileStorage', () => {
  it('keeps items across instances (a restart) and stores the key in the file', async () => {
    await new FileStorage(dir).write({ 'emulator/conversations/c1': { step: 3 } });
    const again = new FileStorage(dir);
    const item = await readPresent<StoreItem>(again, 'emulator/conversations/c1');
    expect(item.step).toBe(3);
    const file = path.join(dir, keyToFileName('emulator/conversations/c1'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      key: 'emulator/conversations/c1',
      eTag: item.eTag,
      document: { step: 3 },
    });
  });

  it('creates the data folder on first write', async () => {
    const nested = path.join(dir, 'a', 'b');
    await new FileStorage(nested).write({ k: { v: 1 } });
    expect(existsSync(path.join(nested, 'k.json'))).toBe(true);
  });

  it('writes atomically: after a checkpoint the folder holds one file per item, a stray temporary file is ignored', async () => {
    const storage = new FileStorage(dir);
    await Promise.all(Array.from({ length: 30 }, (_, i) => storage.write({ [`k${i % 3}`]: { i } })));
    expect(readdirSync(dir).sort()).toEqual(['journal-1.log', 'k0.json', 'k1.json', 'k2.json']);
    await storage.checkpoint();
    expect(readdirSync(dir).sort()).toEqual(['k0.json', 'k1.json', 'k2.json']);
    for (const i of [0, 1, 2]) {
      const onDisk = JSON.parse(readFileSync(path.join(dir, `k${i}.json`), 'utf8')) as { document: unknown };
      expect(onDisk.document).toEqual({ i: 27 + i }); // the last of the 30 writes to that key
    }
    // A crash between "write temp" and "rename" leaves a temp file; readers never see it.
    writeFileSync(path.join(dir, 'k0.json.123.abc.tmp'), '{"half":');
    expect((await storage.read(['k0'])).k0).toHaveProperty('i');
  });

  it('serialises writes per key: of 25 writers holding the same eTag exactly one wins', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ k: { v: 0 } });
    const k = await readPresent<StoreItem>(storage, 'k');
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => storage.write({ k: { ...k, v: i + 1 } })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ETagConflictError);
    expect((await readPresent<{ v: number }>(storage, 'k')).v).toBeGreaterThan(0);
  });

  it('names the file when it holds invalid JSON', async () => {
    writeFileSync(path.join(dir, 'k.json'), 'not json');
    await expect(new FileStorage(dir).read(['k'])).rejects.toThrow(/k\.json is not valid JSON/);
  });

  it('the conflict error looks like the Azure stores’ (412, same message)', () => {
    const error = new ETagConflictError('a/b');
    expect(error.statusCode).toBe(412);
    expect(error.message).toBe('Storage: error writing "a/b" due to eTag conflict.');
  });

  it('serves ConversationState: a half-done conversation is read back by a fresh store (restart)', async () => {
    const activity = {
      type: 'message',
      channelId: 'test',
      conversation: { id: 'conv/with:odd?chars' },
      from: { id: 'u1' },
      recipient: { id: 'bot' },
    } as Partial<Activity>;
    const save = async (storage: FileStorage, mutate: (s: { step?: number; answers?: string[] }) => void) => {
      const state = new ConversationState(storage);
      const accessor = state.createProperty<{ step?: number; answers?: string[] }>('session');
      const context = new TurnContext(new TestAdapter(), activity);
      const session = await accessor.get(context, {});
      mutate(session);
      await accessor.set(context, session);
      await state.saveChanges(context);
      return session;
    };
    await save(new FileStorage(dir), (s) => Object.assign(s, { step: 1, answers: ['hello'] }));
    await save(new FileStorage(dir), (s) => {
      s.step = (s.step ?? 0) + 1;
      s.answers = [...(s.answers ?? []), 'sorry'];
    });
    const final = await save(new FileStorage(dir), () => undefined);
    expect(final).toEqual({ step: 2, answers: ['hello', 'sorry'] });
  });
});
