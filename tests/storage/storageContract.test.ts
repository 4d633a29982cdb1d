/**
 * One contract, three stores: MemoryStorage (botbuilder's reference), FileStorage, and BlobsStorage against the
 * real Azure Storage emulator (azurite). FileStorage must behave like the Azure store it stands in for.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage, type Storage, type StoreItem } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { FileStorage } from '../../src/storage/fileStorage';
import { isETagConflict, updateWithRetry } from '../../src/storage/retry';
import { startAzurite, type Azurite } from '../../scripts/harness/azurite';
import { readPresent, readStored } from '../support/stored';

let azurite: Azurite;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'storage-contract-'));
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface Subject {
  name: string;
  make: () => Storage;
  /** MemoryStorage accepts a stale eTag for an item that no longer exists; the Azure stores do not. */
  staleETagOnMissingConflicts: boolean;
}

const subjects: Subject[] = [
  { name: 'MemoryStorage', make: () => new MemoryStorage(), staleETagOnMissingConflicts: false },
  { name: 'FileStorage', make: () => new FileStorage(path.join(tmp, randomUUID())), staleETagOnMissingConflicts: true },
  {
    name: 'BlobsStorage (azurite)',
    make: () => new BlobsStorage(azurite.connectionString, `c${randomUUID().slice(0, 8)}`),
    staleETagOnMissingConflicts: true,
  },
];

const awkwardKeys = [
  'msteams/conversations/a:1HkT0-xyz;messageid=1700000000000/users/29:1AbC',
  'emulator/conversations/..%2F../etc/passwd',
  'Case',
  'case',
  'CASE/with spaces and ünïcödé ✓',
  `long/${'x'.repeat(400)}`,
  `long/${'x'.repeat(399)}y`,
];

/** An item of these tests: a number and the eTag the store gave it. */
interface Versioned extends StoreItem {
  v: number;
}

describe.each(subjects)('$name', ({ make, staleETagOnMissingConflicts }) => {
  it('reads nothing for a missing key', async () => {
    expect(await make().read(['nope'])).toEqual({});
  });

  it('round-trips an item and gives it an eTag', async () => {
    const storage = make();
    await storage.write({ a: { count: 1, nested: { list: [1, 'two', null] } } });
    const a = await readPresent<StoreItem>(storage, 'a');
    expect(a).toMatchObject({ count: 1, nested: { list: [1, 'two', null] } });
    expect(typeof a.eTag).toBe('string');
    expect(a.eTag!.length).toBeGreaterThan(0);
  });

  it('accepts the current eTag, then rejects the stale one without changing the item', async () => {
    const storage = make();
    await storage.write({ k: { v: 1 } });
    const first = await readPresent<Versioned>(storage, 'k');
    await storage.write({ k: { ...first, v: 2 } });
    const second = await readPresent<Versioned>(storage, 'k');
    expect(second.v).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);

    const error = await storage.write({ k: { ...first, v: 3 } }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isETagConflict(error)).toBe(true);
    expect(await readStored(storage, 'k')).toMatchObject({ v: 2, eTag: second.eTag });
  });

  it("overwrites with eTag '*' or without an eTag", async () => {
    const storage = make();
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2 } });
    expect((await readPresent<Versioned>(storage, 'k')).v).toBe(2);
    await storage.write({ k: { v: 3, eTag: '*' } });
    expect((await readPresent<Versioned>(storage, 'k')).v).toBe(3);
  });

  it('deletes, and deleting a missing key is no error', async () => {
    const storage = make();
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'never-there']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  it(`${staleETagOnMissingConflicts ? 'rejects' : 'accepts'} a stale eTag for a deleted item`, async () => {
    const storage = make();
    await storage.write({ k: { v: 1 } });
    const stale = await readPresent<Versioned>(storage, 'k');
    await storage.delete(['k']);
    const result = storage.write({ k: { ...stale, v: 2 } });
    if (staleETagOnMissingConflicts) await expect(result).rejects.toSatisfy(isETagConflict);
    else await expect(result).resolves.toBeUndefined();
  });

  it('keeps awkward keys apart (slashes, colons, dots, case, unicode, very long)', async () => {
    const storage = make();
    await storage.write(Object.fromEntries(awkwardKeys.map((key, i) => [key, { i }])));
    const items: Record<string, { i?: number } | undefined> = await storage.read(awkwardKeys);
    expect(awkwardKeys.map((key) => items[key]?.i)).toEqual(awkwardKeys.map((_, i) => i));
  });

  it('loses no update when 20 writers read-modify-write one item at once (updateWithRetry)', async () => {
    const storage = make();
    // The item exists: the Storage interface has no "create only if absent", so two *first* writes would race.
    await storage.write({ counter: { count: 0, seen: [] } });
    const writers = Array.from({ length: 20 }, (_, i) =>
      updateWithRetry<{ count: number; seen: number[] }>(
        storage,
        'counter',
        (c = { count: 0, seen: [] }) => ({ count: c.count + 1, seen: [...c.seen, i] }),
        {
          maxAttempts: 60,
          baseDelayMs: 2,
          maxDelayMs: 40,
        },
      ),
    );
    await Promise.all(writers);
    const counter = await readPresent<{ count: number; seen: number[] }>(storage, 'counter');
    expect(counter.count).toBe(20);
    expect([...counter.seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
