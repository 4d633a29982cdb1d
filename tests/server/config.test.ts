import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadConfig, repoRoot } from '../../src/config';

const CREDENTIALS = {
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
  MicrosoftAppPassword: 'not-a-real-password',
  MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
};

describe('loadConfig', () => {
  it('has local-development defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      hasCredentials: false,
      credentials: { appType: '', appId: '', appPassword: '', tenantId: '' },
      defaultLang: 'nl',
      embeddedDirectLine: true,
      demoFeed: { kind: 'in-process', pollMs: 250 },
      log: { level: 'info', messageText: false },
      memoryLogSeconds: 0,
      retention: { keepTranscripts: false, keepScores: true, days: 90, conversationHours: 24 },
      storage: {
        kind: 'file',
        dataDir: path.join(repoRoot(), 'data'),
        fileCacheMb: 16,
        blob: { container: 'bot-state' },
        cosmos: { database: 'deescalation', container: 'bot-state' },
      },
    });
    expect(config.personasDir).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
    expect(config.directLineSecret).toBeUndefined();
  });

  it('switches to hosted defaults when app credentials are set', () => {
    const config = loadConfig(CREDENTIALS);
    expect(config.hasCredentials).toBe(true);
    expect(config.credentials.appType).toBe('SingleTenant');
    expect(config.host).toBe('0.0.0.0');
    expect(config.embeddedDirectLine).toBe(false);
    expect(loadConfig({ ...CREDENTIALS, EMBEDDED_DIRECTLINE: 'true' }).embeddedDirectLine).toBe(true);
  });

  it('parses every setting', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '::1',
      DEFAULT_LANG: 'en',
      PERSONAS_DIR: 'personas',
      PUBLIC_URL: 'https://bot.example.org/',
      DIRECTLINE_SECRET: 'dl-secret',
      LOG_LEVEL: 'debug',
      LOG_MESSAGE_TEXT: 'true',
      KEEP_TRANSCRIPTS: 'yes',
      KEEP_SCORES: 'false',
      RETENTION_DAYS: '30',
      STORAGE: 'cosmos',
      COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/',
      COSMOS_KEY: 'key',
      COSMOS_DATABASE: 'db',
      COSMOS_CONTAINER: 'c',
      DATA_DIR: '/tmp/practice-data',
      DEMO_FEED: 'store',
      DEMO_FEED_POLL_MS: '200',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '::1',
      defaultLang: 'en',
      personasDir: path.resolve('personas'),
      publicUrl: 'https://bot.example.org',
      directLineSecret: 'dl-secret',
      demoFeed: { kind: 'store', pollMs: 200 },
      log: { level: 'debug', messageText: true },
      retention: { keepTranscripts: true, keepScores: false, days: 30, conversationHours: 24 },
      storage: {
        kind: 'cosmos',
        dataDir: '/tmp/practice-data',
        cosmos: { endpoint: 'https://example.documents.azure.com:443', key: 'key', database: 'db', container: 'c' },
      },
    });
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.storage.blob)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DEFAULT_LANG: 'de' }, 'DEFAULT_LANG'],
    [{ LOG_LEVEL: 'trace' }, 'LOG_LEVEL'],
    [{ LOG_MESSAGE_TEXT: 'maybe' }, 'LOG_MESSAGE_TEXT'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    [{ FILE_CACHE_MB: '0' }, 'FILE_CACHE_MB'],
    [{ MEMORY_LOG_SECONDS: 'often' }, 'MEMORY_LOG_SECONDS'],
    [{ STORAGE: 'sql' }, 'STORAGE'],
    [{ DEMO_FEED: 'redis' }, 'DEMO_FEED'],
    [{ DEMO_FEED_POLL_MS: '10' }, 'DEMO_FEED_POLL_MS'],
    [{ STORAGE: 'blob' }, 'BLOB_CONNECTION_STRING'],
    [{ STORAGE: 'cosmos', COSMOS_ENDPOINT: 'https://x.documents.azure.com' }, 'COSMOS_KEY'],
    [{ PUBLIC_URL: 'bot.example.org' }, 'PUBLIC_URL'],
    [{ MicrosoftAppType: 'Other' }, 'MicrosoftAppType'],
    [{ MicrosoftAppPassword: 'secret' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: CREDENTIALS.MicrosoftAppId, MicrosoftAppPassword: 'p' }, 'MicrosoftAppTenantId'],
  ])('fails fast naming the variable: %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}`));
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', STORAGE: ' ', MicrosoftAppId: '' })).toMatchObject({
      port: 3978,
      hasCredentials: false,
    });
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('is a list of origins (comma- or space-separated), none by default', () => {
    expect(loadConfig({}).allowedOrigins).toEqual([]);
    expect(
      loadConfig({ ALLOWED_ORIGINS: 'https://intranet.example.org, http://localhost:8080 https://LMS.example.org/' })
        .allowedOrigins,
    ).toEqual(['https://intranet.example.org', 'http://localhost:8080', 'https://lms.example.org']);
  });

  it('refuses anything that is not a bare http(s) origin, naming the variable', () => {
    for (const bad of ['intranet.example.org', 'https://intranet.example.org/pages', 'ftp://example.org', '*']) {
      expect(() => loadConfig({ ALLOWED_ORIGINS: bad })).toThrow(/^ALLOWED_ORIGINS: /);
    }
  });
});
