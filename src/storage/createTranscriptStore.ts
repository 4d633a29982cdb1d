/**
 * The {@link TranscriptStore} for KEEP_TRANSCRIPTS=true, matching the STORAGE setting:
 *
 * | STORAGE  | transcripts go to                                                                   |
 * | -------- | ----------------------------------------------------------------------------------- |
 * | `memory` | botbuilder's MemoryTranscriptStore                                                  |
 * | `file`   | botbuilder's FileTranscriptStore in `<DATA_DIR>/transcripts`                        |
 * | `blob`   | botbuilder-azure-blobs' BlobsTranscriptStore, container `<BLOB_CONTAINER>-transcripts` |
 * | `cosmos` | BlobsTranscriptStore when BLOB_CONNECTION_STRING is set too; otherwise none (warned)  |
 *
 * The caller decides whether transcripts are kept at all (retention), and wires the store with botbuilder's
 * `TranscriptLoggerMiddleware`; {@link pruneTranscripts} deletes those older than the retention period.
 *
 * @example
 * if (config.retention.keepTranscripts) {
 *   const store = createTranscriptStore(config.storage, log);
 *   if (store) adapter.use(new TranscriptLoggerMiddleware(store));
 * }
 */
import * as path from 'path';
import { FileTranscriptStore, MemoryTranscriptStore, type TranscriptInfo, type TranscriptStore } from 'botbuilder';
import { assertContainerName, azureBlobs, type StorageLog, type StorageSettings } from './createStorage';

/** The container transcripts use beside the state container `stateContainer`. */
export function transcriptContainerName(stateContainer: string): string {
  return `${stateContainer}-transcripts`;
}

/** Builds the transcript store for `settings.kind`, or undefined when that kind has none configured. */
export function createTranscriptStore(settings: StorageSettings, log?: StorageLog): TranscriptStore | undefined {
  switch (settings.kind) {
    case 'memory':
      return new MemoryTranscriptStore();
    case 'file': {
      if (!settings.dataDir) throw new Error('STORAGE=file needs DATA_DIR');
      const folder = path.join(settings.dataDir, 'transcripts');
      log?.info('transcripts.file', { folder });
      return new FileTranscriptStore(folder);
    }
    case 'blob':
    case 'cosmos': {
      const { connectionString, container } = settings.blob ?? {};
      if (!connectionString) {
        if (settings.kind === 'blob') throw new Error('STORAGE=blob needs BLOB_CONNECTION_STRING');
        log?.warn('transcripts.none', {
          reason: 'STORAGE=cosmos keeps no transcripts unless BLOB_CONNECTION_STRING is set',
        });
        return undefined;
      }
      if (!container) throw new Error(`STORAGE=${settings.kind} needs BLOB_CONTAINER for transcripts`);
      const name = transcriptContainerName(container);
      assertContainerName(name, 'BLOB_CONTAINER (+ "-transcripts")');
      log?.info('transcripts.blob', { container: name });
      const { BlobsTranscriptStore } = azureBlobs();
      return new BlobsTranscriptStore(connectionString, name);
    }
    default:
      throw new Error(
        `STORAGE must be one of memory, file, blob, cosmos; got "${String((settings as { kind: unknown }).kind)}"`,
      );
  }
}

/**
 * Deletes the transcripts of `channelIds` created before `cutoff` (retention: now − RETENTION_DAYS).
 * Returns how many were deleted. Call it at start-up and once a day. A transcript's age is the store's `created`
 * is the timestamp of its first activity (or the store's `created` when it has none).
 */
export async function pruneTranscripts(store: TranscriptStore, channelIds: string[], cutoff: Date): Promise<number> {
  let deleted = 0;
  for (const channelId of channelIds) {
    const old = new Set<string>();
    let token: string | undefined;
    do {
      const page = await store.listTranscripts(channelId, token);
      for (const info of page.items) {
        const created = (await createdAt(store, channelId, info)) ?? undefined;
        if (!old.has(info.id) && created && created < cutoff) old.add(info.id);
      }
      token = page.continuationToken || undefined;
    } while (token);
    for (const id of old) {
      await store.deleteTranscript(channelId, id);
      deleted++;
    }
  }
  return deleted;
}

/**
 * When a transcript started: the timestamp of its first activity, else the store's `created`. (BlobsTranscriptStore
 * lists one entry per activity with `created` = now, FileTranscriptStore gives none, so `created` alone won't do.)
 */
async function createdAt(store: TranscriptStore, channelId: string, info: TranscriptInfo): Promise<Date | undefined> {
  const first = (await store.getTranscriptActivities(channelId, info.id)).items[0];
  const candidates: unknown[] = [first?.timestamp, info.created];
  for (const raw of candidates) {
    if (!raw) continue;
    const date = raw instanceof Date ? raw : new Date(raw as string);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return undefined;
}
