/**
 * Deletes what STORAGE=file keeps past its age, whether or not the conversation ever speaks again (a web chat
 * conversation does not, once the page is closed):
 *
 * - conversation state (keys with `/conversations/`: the running or last role-play, with the trainee's words):
 *   `conversationMaxAgeMs` after its last write (CONVERSATION_RETENTION_HOURS);
 * - every other item (progress, settings, charts): `retentionMaxAgeMs` after its last write (RETENTION_DAYS);
 * - transcripts (`<DATA_DIR>/transcripts/**`): `retentionMaxAgeMs` after they were written;
 * - items under a short-lived key prefix (`shortLived`: the embedded Direct Line's conversations): after that
 *   prefix's age, found by file name alone ({@link sweepKeyPrefix} sweeps only those, on a shorter timer);
 * - temporary files of interrupted writes: after an hour.
 *
 * The age is the file's modification time: every write renews it. Run at start and on a timer (createServer.ts).
 *
 * @example
 * const deleted = await sweepDataFolder('/var/lib/bot/data', { conversationMaxAgeMs: DAY, retentionMaxAgeMs: 90 * DAY });
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { keyToFileName } from './fileStorage';

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
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'transcripts') deleted += await sweepTree(file, now - rules.retentionMaxAgeMs);
      continue;
    }
    const shortLived = rules.shortLived?.find((items) => entry.name.startsWith(fileNamePrefix(items.keyPrefix)));
    const maxAge = entry.name.endsWith('.tmp')
      ? TEMP_MAX_AGE_MS
      : shortLived
        ? shortLived.maxAgeMs
        : entry.name.endsWith('.json')
          ? (await isConversationState(file))
            ? rules.conversationMaxAgeMs
            : rules.retentionMaxAgeMs
          : undefined;
    if (maxAge !== undefined && (await deleteIfOlder(file, now - maxAge))) deleted += 1;
  }
  return deleted;
}

/** Deletes only the items under one key prefix past their age (by file name, nothing read); returns how many. */
export async function sweepKeyPrefix(folder: string, items: ShortLivedItems, now = Date.now()): Promise<number> {
  const prefix = fileNamePrefix(items.keyPrefix);
  let deleted = 0;
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && (await deleteIfOlder(path.join(folder, name), now - items.maxAgeMs))) deleted += 1;
  }
  return deleted;
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

/** True when the file holds conversation state (its stored key names a conversation). */
async function isConversationState(file: string): Promise<boolean> {
  try {
    const record = JSON.parse(await fs.readFile(file, 'utf8')) as { key?: unknown };
    return typeof record.key === 'string' && record.key.includes('/conversations/');
  } catch {
    return false;
  }
}
