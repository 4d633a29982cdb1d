/**
 * Deletes what STORAGE=file keeps past its age, whether or not the conversation ever speaks again (a web chat
 * conversation does not, once the page is closed):
 *
 * - conversation state (keys with `/conversations/`: the running or last role-play, with the trainee's words):
 *   `conversationMaxAgeMs` after its last write (CONVERSATION_RETENTION_HOURS);
 * - every other item (progress, settings, charts): `retentionMaxAgeMs` after its last write (RETENTION_DAYS);
 * - transcripts (`<DATA_DIR>/transcripts/**`): `retentionMaxAgeMs` after they were written;
 * - items under a short-lived key prefix (`shortLived`: the embedded Direct Line's conversations): after that
 *   prefix's age, found by file name ({@link sweepKeyPrefix} sweeps only those, on a shorter timer);
 * - temporary files of interrupted writes: after an hour.
 *
 * The age is the item file's modification time: FileStorage rewrites an item's file within a second of each
 * change. When a FileStorage serves the folder in this process, expired items are deleted through it (its
 * memory and journal forget them too), and only if the version read from the file is still the latest. The
 * store's journals (`journal-<n>.log`) are not the sweeper's: the store deletes them at its checkpoints.
 * Run at start and on a timer (createServer.ts).
 *
 * @example
 * const deleted = await sweepDataFolder('/var/lib/bot/data', { conversationMaxAgeMs: DAY, retentionMaxAgeMs: 90 * DAY });
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { keyToFileName } from './fileNames';
import { liveFolderStore, type FolderStore } from './folderStore';

/** Items whose storage key starts with `keyPrefix` go `maxAgeMs` after their last write. */
export interface ShortLivedItems {
  keyPrefix: string;
  maxAgeMs: number;
}

export interface SweepRules {
  conversationMaxAgeMs: number;
  retentionMaxAgeMs: number;
  shortLived?: ShortLivedItems[];
  now?: number;
}

const TEMP_MAX_AGE_MS = 60 * 60 * 1000;

/** Deletes the expired files of a FileStorage folder (and its transcripts); returns how many. */
export async function sweepDataFolder(folder: string, rules: SweepRules): Promise<number> {
  const now = rules.now ?? Date.now();
  let deleted = 0;
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  const store = liveFolderStore(folder);
  const youngestExpiry = now - Math.min(rules.conversationMaxAgeMs, rules.retentionMaxAgeMs);
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'transcripts') deleted += await sweepTree(file, now - rules.retentionMaxAgeMs);
      continue;
    }
    if (entry.name.endsWith('.tmp')) {
      if (await deleteIfOlder(file, now - TEMP_MAX_AGE_MS)) deleted += 1;
      continue;
    }
    if (!entry.name.endsWith('.json')) continue;
    const shortLived = rules.shortLived?.find((items) => entry.name.startsWith(fileNamePrefix(items.keyPrefix)));
    if (shortLived) {
      if (await expireItem(file, now - shortLived.maxAgeMs, store)) deleted += 1;
      continue;
    }
    const modified = (await fs.stat(file).catch(() => undefined))?.mtimeMs;
    if (modified === undefined || modified >= youngestExpiry) continue;
    const record = await readRecord(file);
    const maxAge = record?.key.includes('/conversations/') ? rules.conversationMaxAgeMs : rules.retentionMaxAgeMs;
    if (modified >= now - maxAge) continue;
    if (store && record) {
      if (await store.expire(record.key, record.eTag)) deleted += 1;
    } else if (await deleteIfOlder(file, now - maxAge)) deleted += 1;
  }
  return deleted;
}

/**
 * Deletes only the items under one key prefix past their age (found by file name; only expired files are read);
 * returns how many.
 */
export async function sweepKeyPrefix(folder: string, items: ShortLivedItems, now = Date.now()): Promise<number> {
  const prefix = fileNamePrefix(items.keyPrefix);
  const store = liveFolderStore(folder);
  let deleted = 0;
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.json')) continue;
    if (await expireItem(path.join(folder, name), now - items.maxAgeMs, store)) deleted += 1;
  }
  return deleted;
}

/**
 * Deletes an item file last written before `cutoff`: through the live store when there is one (only if the
 * file's version is still the latest, and the store forgets it too), directly otherwise.
 */
async function expireItem(file: string, cutoff: number, store: FolderStore | undefined): Promise<boolean> {
  const modified = (await fs.stat(file).catch(() => undefined))?.mtimeMs;
  if (modified === undefined || modified >= cutoff) return false;
  const record = store && (await readRecord(file));
  if (store && record) return store.expire(record.key, record.eTag);
  return deleteIfOlder(file, cutoff);
}

/** The file name every key with this prefix starts with (FileStorage's encoding, short keys). */
function fileNamePrefix(keyPrefix: string): string {
  return keyToFileName(keyPrefix).replace(/\.json$/, '');
}

async function sweepTree(folder: string, cutoff: number): Promise<number> {
  let deleted = 0;
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) deleted += await sweepTree(file, cutoff);
    else if (await deleteIfOlder(file, cutoff)) deleted += 1;
  }
  return deleted;
}

async function deleteIfOlder(file: string, cutoff: number): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat || stat.mtimeMs >= cutoff) return false;
  await fs.rm(file, { force: true });
  return true;
}

/** The key and eTag an item file holds, or undefined for a file that is not one. */
async function readRecord(file: string): Promise<{ key: string; eTag: string } | undefined> {
  try {
    const record = JSON.parse(await fs.readFile(file, 'utf8')) as { key?: unknown; eTag?: unknown };
    return typeof record.key === 'string' ? { key: record.key, eTag: String(record.eTag) } : undefined;
  } catch {
    return undefined;
  }
}
