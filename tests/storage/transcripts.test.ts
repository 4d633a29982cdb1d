/**
 * Transcripts through botbuilder's TranscriptStore: the blob store (azurite) for production and the file store for
 * local use, as createTranscriptStore builds them, written by TranscriptLoggerMiddleware-shaped calls, read back,
 * and pruned by retention.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { type StorageSettings } from '../../src/storage/createStorage';
import { createTranscriptStore, pruneTranscripts } from '../../src/storage/createTranscriptStore';
import { startAzurite, type Azurite } from '../../scripts/harness/azurite';

let azurite: Azurite;
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'transcripts-'));
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const settings = (kind: 'file' | 'blob' | 'memory'): StorageSettings => ({
  kind,
  dataDir: path.join(tmp, randomUUID()),
  blob: { connectionString: azurite.connectionString, container: `t${randomUUID().slice(0, 8)}` },
  cosmos: { database: '', container: '' },
});

const activity = (conversationId: string, text: string, at: Date, fromBot = false): Activity =>
  ({
    type: 'message',
    id: randomUUID(),
    text,
    timestamp: at,
    channelId: 'msteams',
    conversation: { id: conversationId },
    from: fromBot ? { id: 'bot', name: 'Bot', role: 'bot' } : { id: 'u1', name: 'Trainee', role: 'user' },
    recipient: fromBot ? { id: 'u1', name: 'Trainee' } : { id: 'bot', name: 'Bot' },
  }) as unknown as Activity;

describe.each(['blob', 'file', 'memory'] as const)('transcripts with STORAGE=%s', (kind) => {
  it('logs activities and reads them back in order, per conversation', async () => {
    const store = createTranscriptStore(settings(kind))!;
    const t0 = new Date('2026-01-05T10:00:00Z');
    const conversation = '19:meeting_Mjk5@thread.v2;messageid=1700000000000'; // a Teams conversation id
    await store.logActivity(activity(conversation, 'Ik wil mijn geld!', t0));
    await store.logActivity(activity(conversation, 'Dat begrijp ik.', new Date(t0.getTime() + 1000), true));
    await store.logActivity(activity('other', 'elders', t0));
    const page = await store.getTranscriptActivities('msteams', conversation);
    expect(page.items.map((a) => a.text)).toEqual(['Ik wil mijn geld!', 'Dat begrijp ik.']);
    // Listing names both conversations (BlobsTranscriptStore once per activity; FileTranscriptStore in its file-safe form).
    const listed = new Set((await store.listTranscripts('msteams')).items.map((i) => i.id));
    expect(listed.size).toBe(2);
    expect(listed).toContain('other');
  });

  it('prunes transcripts older than the retention cutoff and keeps the rest', async () => {
    const store = createTranscriptStore(settings(kind))!;
    await store.logActivity(activity('old', 'old', new Date('2020-01-01T00:00:00Z')));
    await store.logActivity(activity('new', 'new', new Date()));
    const cutoff = new Date(Date.now() - 24 * 3600_000);
    const expected = ['old'];
    expect(await pruneTranscripts(store, ['msteams'], cutoff)).toBe(expected.length);
    const left = (await store.listTranscripts('msteams')).items.map((i) => i.id);
    for (const id of expected) expect(left).not.toContain(id);
    expect([...new Set(left)]).toEqual(['new']);
  });
});
