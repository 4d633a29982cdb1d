/**
 * The one place that turns the STORAGE setting into a botbuilder {@link Storage}: the store behind
 * conversation state, user state, progress and reports.
 *
 * | STORAGE  | store                                                   | needs                                   |
 * | -------- | ------------------------------------------------------- | --------------------------------------- |
 * | `memory` | botbuilder's MemoryStorage (tests; lost on restart)      | –                                       |
 * | `file`   | {@link FileStorage} in DATA_DIR (the `npm start` default) | DATA_DIR                                |
 * | `blob`   | botbuilder-azure-blobs' BlobsStorage                     | BLOB_CONNECTION_STRING, BLOB_CONTAINER  |
 * | `cosmos` | botbuilder-azure's CosmosDbPartitionedStorage            | COSMOS_ENDPOINT, COSMOS_KEY, COSMOS_DATABASE, COSMOS_CONTAINER |
 *
 * All four give items eTags and reject a write with a stale eTag; botbuilder's `saveChanges` does not use
 * them (it writes with `'*'`), see `runTurnWithRetry` in ./retry for saving turns safely.
 *
 * @example
 * const storage = createStorage(config.storage, log);
 * const conversationState = new ConversationState(storage);
 */
import { MemoryStorage, type Storage } from 'botbuilder';
import { FileStorage } from './fileStorage';

export type StorageKind = 'memory' | 'file' | 'blob' | 'cosmos';

/** Same shape as `AppConfig['storage']` (src/config.ts). */
export interface StorageSettings {
  kind: StorageKind;
  dataDir: string;
  /** Memory for STORAGE=file's items, in millions of JSON characters (FileStorage's `cacheBytes`; default 16). */
  fileCacheMb?: number;
  blob: { connectionString?: string; container: string };
  cosmos: { endpoint?: string; key?: string; database: string; container: string };
}

/** The part of the app's Logger this module uses. */
export interface StorageLog {
  info(event: string, fields?: object): void;
  warn(event: string, fields?: object): void;
}

/** Builds the Storage chosen by `settings.kind`; throws an Error naming the missing setting. */
export function createStorage(settings: StorageSettings, log?: StorageLog): Storage {
  if (!settings || typeof settings !== 'object') throw new Error('createStorage: settings are required');
  switch (settings.kind) {
    case 'memory':
      log?.warn('storage.memory', { note: 'state is lost when the process stops' });
      return new MemoryStorage();
    case 'file': {
      requireSetting(settings.dataDir, 'STORAGE=file needs DATA_DIR');
      const storage = new FileStorage(settings.dataDir, { cacheBytes: (settings.fileCacheMb ?? 16) * 1024 * 1024 });
      log?.info('storage.file', { dataDir: storage.folder });
      return storage;
    }
    case 'blob': {
      const { connectionString, container } = settings.blob ?? {};
      requireSetting(connectionString, 'STORAGE=blob needs BLOB_CONNECTION_STRING');
      requireSetting(container, 'STORAGE=blob needs BLOB_CONTAINER');
      assertContainerName(container, 'BLOB_CONTAINER');
      log?.info('storage.blob', { container, account: accountName(connectionString) });
      const { BlobsStorage } = azureBlobs();
      return new BlobsStorage(connectionString, container);
    }
    case 'cosmos': {
      const { endpoint, key, database, container } = settings.cosmos ?? {};
      requireSetting(endpoint, 'STORAGE=cosmos needs COSMOS_ENDPOINT');
      requireSetting(key, 'STORAGE=cosmos needs COSMOS_KEY');
      requireSetting(database, 'STORAGE=cosmos needs COSMOS_DATABASE');
      requireSetting(container, 'STORAGE=cosmos needs COSMOS_CONTAINER');
      log?.info('storage.cosmos', { endpoint, database, container });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: see azureBlobs
      const { CosmosDbPartitionedStorage } = require('botbuilder-azure') as typeof import('botbuilder-azure');
      // compatibilityMode false: keys are escaped, not truncated to 255 characters (new containers only).
      return new CosmosDbPartitionedStorage({
        cosmosDbEndpoint: endpoint,
        authKey: key,
        databaseId: database,
        containerId: container,
        compatibilityMode: false,
      });
    }
    default:
      throw new Error(
        `STORAGE must be one of memory, file, blob, cosmos; got "${String((settings as { kind: unknown }).kind)}"`,
      );
  }
}

/**
 * The Azure SDKs are loaded only by the STORAGE kind that needs them: botbuilder-azure-blobs costs a process about
 * 7 MB of resident memory, botbuilder-azure (Cosmos DB) about 14 MB, which a bot on STORAGE=file never uses.
 */
export function azureBlobs(): typeof import('botbuilder-azure-blobs') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: loaded only with STORAGE=blob or cosmos
  return require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
}

function requireSetting(value: string | undefined, message: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(message);
}

/** Azure's container naming rules: 3–63 characters, lower-case letters, digits and single hyphens, no hyphen at either end. */
export function assertContainerName(name: string, setting: string): void {
  if (!/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
    throw new Error(
      `${setting} "${name}" is not a valid blob container name (3-63 lower-case letters, digits, single hyphens)`,
    );
  }
}

/** The AccountName of a connection string, for logs (never the key). */
export function accountName(connectionString: string): string | undefined {
  if (/UseDevelopmentStorage=true/i.test(connectionString)) return 'devstoreaccount1';
  return /(?:^|;)\s*AccountName=([^;]+)/i.exec(connectionString)?.[1];
}
