import * as path from 'path';
import * as os from 'os';
import { describe, expect, it } from 'vitest';
import { FileTranscriptStore, MemoryStorage, MemoryTranscriptStore } from 'botbuilder';
import { BlobsStorage, BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { CosmosDbPartitionedStorage } from 'botbuilder-azure';
import { accountName, createStorage, type StorageSettings } from '../../src/storage/createStorage';
import { createTranscriptStore } from '../../src/storage/createTranscriptStore';
import { FileStorage } from '../../src/storage/fileStorage';
import { devConnectionString } from '../../scripts/harness/azurite';

const base: StorageSettings = {
  kind: 'memory',
  dataDir: path.join(os.tmpdir(), 'never-written'),
  blob: { connectionString: devConnectionString(10000), container: 'bot-state' },
  cosmos: { endpoint: 'https://example.documents.azure.com:443/', key: 'a2V5', database: 'bot', container: 'state' },
};
const settings = (patch: Partial<StorageSettings>): StorageSettings => ({ ...base, ...patch });

describe('createStorage', () => {
  it.each([
    ['memory', MemoryStorage],
    ['file', FileStorage],
    ['blob', BlobsStorage],
    ['cosmos', CosmosDbPartitionedStorage],
  ] as const)('STORAGE=%s → %s', (kind, type) => {
    expect(createStorage(settings({ kind }))).toBeInstanceOf(type);
  });

  it.each([
    [settings({ kind: 'file', dataDir: '' }), 'STORAGE=file needs DATA_DIR'],
    [settings({ kind: 'blob', blob: { container: 'x' } }), 'STORAGE=blob needs BLOB_CONNECTION_STRING'],
    [settings({ kind: 'blob', blob: { connectionString: 'x', container: '' } }), 'STORAGE=blob needs BLOB_CONTAINER'],
    [
      settings({ kind: 'blob', blob: { connectionString: 'x', container: 'Bot_State' } }),
      'BLOB_CONTAINER "Bot_State" is not a valid blob container name',
    ],
    [
      settings({ kind: 'cosmos', cosmos: { ...base.cosmos, endpoint: undefined } }),
      'STORAGE=cosmos needs COSMOS_ENDPOINT',
    ],
    [settings({ kind: 'cosmos', cosmos: { ...base.cosmos, key: '' } }), 'STORAGE=cosmos needs COSMOS_KEY'],
    [settings({ kind: 'cosmos', cosmos: { ...base.cosmos, database: '' } }), 'STORAGE=cosmos needs COSMOS_DATABASE'],
    [settings({ kind: 'cosmos', cosmos: { ...base.cosmos, container: '' } }), 'STORAGE=cosmos needs COSMOS_CONTAINER'],
    [settings({ kind: 'disk' as never }), 'STORAGE must be one of memory, file, blob, cosmos; got "disk"'],
  ])('%#: fails with "%s"', (bad, message) => {
    expect(() => createStorage(bad)).toThrow(message);
  });

  it('logs the choice without secrets', () => {
    const lines: string[] = [];
    const log = {
      info: (e: string, f?: object) => lines.push(`${e} ${JSON.stringify(f)}`),
      warn: (e: string, f?: object) => lines.push(`${e} ${JSON.stringify(f)}`),
    };
    createStorage(settings({ kind: 'blob' }), log);
    createStorage(settings({ kind: 'cosmos' }), log);
    expect(lines.join('\n')).toContain('devstoreaccount1');
    expect(lines.join('\n')).not.toMatch(/AccountKey|Eby8|a2V5/);
  });

  it('reads the account name of a connection string', () => {
    expect(
      accountName(
        'DefaultEndpointsProtocol=https;AccountName=botstate42;AccountKey=abc;EndpointSuffix=core.windows.net',
      ),
    ).toBe('botstate42');
    expect(accountName('UseDevelopmentStorage=true')).toBe('devstoreaccount1');
  });
});

describe('createTranscriptStore', () => {
  it.each([
    ['memory', MemoryTranscriptStore],
    ['file', FileTranscriptStore],
    ['blob', BlobsTranscriptStore],
    ['cosmos', BlobsTranscriptStore],
  ] as const)('STORAGE=%s → %s', (kind, type) => {
    expect(createTranscriptStore(settings({ kind }))).toBeInstanceOf(type);
  });

  it('keeps none for cosmos without a blob connection string, and says so', () => {
    const warnings: string[] = [];
    const store = createTranscriptStore(settings({ kind: 'cosmos', blob: { container: 'bot-state' } }), {
      info: () => undefined,
      warn: (e) => warnings.push(e),
    });
    expect(store).toBeUndefined();
    expect(warnings).toEqual(['transcripts.none']);
  });
});
