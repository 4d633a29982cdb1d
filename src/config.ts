/**
 * The only reader of the environment. `loadConfig()` parses `process.env` (after loading `.env` from the repo
 * root, when present) into a typed, frozen {@link AppConfig}; everything else receives config as an argument.
 * Invalid values fail fast with an Error naming the variable.
 *
 * @example
 * const config = loadConfig();                    // process.env (+ .env)
 * const test = loadConfig({ PORT: '0', STORAGE: 'memory' }); // an explicit env, .env is not read
 */
import * as fs from 'fs';
import * as path from 'path';
import { findRepoRoot } from './repoRoot';

export type Lang = 'nl' | 'en';
export type StorageKind = 'memory' | 'file' | 'blob' | 'cosmos';
export type LogLevel = 'info' | 'debug';

export interface AppCredentials {
  /** MicrosoftAppType: 'SingleTenant' (default when an app id is set), 'UserAssignedMSI' or 'MultiTenant'; '' for local dev. */
  appType: string;
  appId: string;
  appPassword: string;
  tenantId: string;
}

export interface StorageSettings {
  kind: StorageKind;
  /** Folder for STORAGE=file (absolute). */
  dataDir: string;
  /** FILE_CACHE_MB: memory for STORAGE=file's items, in millions of JSON characters (the least recently used go first). */
  fileCacheMb: number;
  blob: { connectionString?: string; container: string };
  cosmos: { endpoint?: string; key?: string; database: string; container: string };
}

export interface AppConfig {
  port: number;
  host: string;
  credentials: AppCredentials;
  /** True when MicrosoftAppId is set: the bot talks to the real Bot Framework channels. */
  hasCredentials: boolean;
  defaultLang: Lang;
  personasDir?: string;
  /** The public base URL (e.g. https://bot.example.org), used in links; optional. */
  publicUrl?: string;
  /** Serve the embedded Direct Line under /v3/directline (and the web chat page uses it). */
  embeddedDirectLine: boolean;
  /** Secret of a Direct Line channel (Azure), or the secret the embedded Direct Line demands from API callers. */
  directLineSecret?: string;
  /**
   * DIRECTLINE_ENDPOINT: the base URL of Azure's Direct Line the token route exchanges DIRECTLINE_SECRET at and the
   * page talks to (default the global one; e.g. https://europe.directline.botframework.com/v3/directline).
   */
  directLineEndpoint: string;
  /**
   * ALLOWED_ORIGINS: the sites (origins, e.g. https://intranet.example.org) that may embed the web chat widget or
   * the `/embed` iframe; the bot's own origin always may. Empty: no other site.
   */
  allowedOrigins: readonly string[];
  /** Budgets of the embedded Direct Line (see directLineStore.ts and docs/hardening.md). */
  directLine: DirectLineBudgets;
  /** Serve the projector view of group demos under /demo/ (default on without credentials, off with them). */
  projector: boolean;
  /**
   * How a demo room's changes reach the projectors (`DEMO_FEED`): `in-process` (one instance, the default) or
   * `store` (several instances on one blob or Cosmos store: a projector's instance reads its room every `pollMs`,
   * `DEMO_FEED_POLL_MS`, while the projector is open). See docs/scaling.md.
   */
  demoFeed: { kind: 'in-process' | 'store'; pollMs: number };
  /**
   * OpenID metadata URL for channel tokens (`BotOpenIdMetadata`, botbuilder's own setting name), replacing the
   * Bot Framework's public one. For tests that sign tokens with a local key; leave unset in every deployment.
   */
  openIdMetadataUrl?: string;
  /** How long fetching the OpenID metadata and keys may take (`OPENID_TIMEOUT_MS`); a token waits at most this. */
  openIdTimeoutMs: number;
  log: { level: LogLevel; messageText: boolean };
  /** MEMORY_LOG_SECONDS: log a `memory` line (resident memory, V8 heap) this often; 0 (default): never. */
  memoryLogSeconds: number;
  /** `conversationHours`: conversation state (the role-play, with the trainee's words) is deleted this long after its last write. */
  retention: { keepTranscripts: boolean; keepScores: boolean; days: number; conversationHours: number };
  storage: StorageSettings;
}

export interface DirectLineBudgets {
  /** DIRECTLINE_BUDGET_MB: all conversations' activity logs together. */
  maxBytes: number;
  /** DIRECTLINE_CONVERSATION_KB: one conversation's activity log. */
  maxBytesPerConversation: number;
  /** DIRECTLINE_ACTIVITY_KB: one activity a client posts. */
  maxActivityBytes: number;
  /** DIRECTLINE_QUEUED_TURNS: turns one conversation may have waiting or running. */
  maxQueuedTurns: number;
  /** DIRECTLINE_RATE_PER_MINUTE: tokens and new conversations per client and minute (burst: twice as many). */
  createsPerMinute: number;
}

const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;

/** The repo root (see findRepoRoot); the name other modules and scripts use. */
export const repoRoot = findRepoRoot;

/**
 * Loads `<repo root>/.env` into process.env when it exists (variables already set win). Called by
 * {@link loadConfig} only when it reads process.env itself.
 */
export function loadDotEnv(root: string = repoRoot()): void {
  const file = path.join(root, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

/** Parses the environment into a frozen AppConfig; throws an Error naming the variable on an invalid value. */
export function loadConfig(env?: NodeJS.ProcessEnv): AppConfig {
  if (env === undefined) {
    loadDotEnv();
    env = process.env;
  }
  const read = reader(env);

  const appId = read.str('MicrosoftAppId') ?? '';
  const appPassword = read.str('MicrosoftAppPassword') ?? '';
  const tenantId = read.str('MicrosoftAppTenantId') ?? '';
  const hasCredentials = appId !== '';
  const appType = read.oneOf('MicrosoftAppType', APP_TYPES) ?? (hasCredentials ? 'SingleTenant' : '');
  if (!hasCredentials && (appPassword || tenantId)) {
    throw new Error('MicrosoftAppId: required when MicrosoftAppPassword or MicrosoftAppTenantId is set');
  }
  if (hasCredentials && appType === 'SingleTenant' && !tenantId) {
    throw new Error('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }

  const config: AppConfig = {
    port: read.int('PORT', 3978, 0, 65535),
    host: read.str('HOST') ?? (hasCredentials ? '0.0.0.0' : '127.0.0.1'),
    credentials: { appType, appId, appPassword, tenantId },
    hasCredentials,
    defaultLang: read.oneOf('DEFAULT_LANG', ['nl', 'en'] as const) ?? 'nl',
    personasDir: optionalPath(read.str('PERSONAS_DIR')),
    publicUrl: read.url('PUBLIC_URL'),
    embeddedDirectLine: read.bool('EMBEDDED_DIRECTLINE', !hasCredentials),
    directLineSecret: read.str('DIRECTLINE_SECRET'),
    directLineEndpoint: read.url('DIRECTLINE_ENDPOINT') ?? 'https://directline.botframework.com/v3/directline',
    allowedOrigins: read.origins('ALLOWED_ORIGINS'),
    directLine: {
      maxBytes: read.int('DIRECTLINE_BUDGET_MB', 64, 1, 4096) * 1024 * 1024,
      maxBytesPerConversation: read.int('DIRECTLINE_CONVERSATION_KB', 1024, 64, 65536) * 1024,
      maxActivityBytes: read.int('DIRECTLINE_ACTIVITY_KB', 64, 1, 256) * 1024,
      maxQueuedTurns: read.int('DIRECTLINE_QUEUED_TURNS', 5, 1, 100),
      createsPerMinute: read.int('DIRECTLINE_RATE_PER_MINUTE', 30, 1, 100000),
    },
    projector: read.bool('PROJECTOR', !hasCredentials),
    demoFeed: {
      kind: read.oneOf('DEMO_FEED', ['in-process', 'store'] as const) ?? 'in-process',
      pollMs: read.int('DEMO_FEED_POLL_MS', 250, 50, 5000),
    },
    openIdMetadataUrl: read.url('BotOpenIdMetadata'),
    openIdTimeoutMs: read.int('OPENID_TIMEOUT_MS', 5000, 100, 60000),
    log: {
      level: read.oneOf('LOG_LEVEL', ['info', 'debug'] as const) ?? 'info',
      messageText: read.bool('LOG_MESSAGE_TEXT', false),
    },
    memoryLogSeconds: read.int('MEMORY_LOG_SECONDS', 0, 0, 3600),
    retention: {
      keepTranscripts: read.bool('KEEP_TRANSCRIPTS', false),
      keepScores: read.bool('KEEP_SCORES', true),
      days: read.int('RETENTION_DAYS', 90, 1, 3650),
      conversationHours: read.int('CONVERSATION_RETENTION_HOURS', 24, 1, 24 * 365),
    },
    storage: {
      kind: read.oneOf('STORAGE', ['memory', 'file', 'blob', 'cosmos'] as const) ?? 'file',
      dataDir: path.resolve(read.str('DATA_DIR') ?? path.join(repoRoot(), 'data')),
      fileCacheMb: read.int('FILE_CACHE_MB', 16, 1, 4096),
      blob: {
        connectionString: read.str('BLOB_CONNECTION_STRING'),
        container: read.str('BLOB_CONTAINER') ?? 'bot-state',
      },
      cosmos: {
        endpoint: read.url('COSMOS_ENDPOINT'),
        key: read.str('COSMOS_KEY'),
        database: read.str('COSMOS_DATABASE') ?? 'deescalation',
        container: read.str('COSMOS_CONTAINER') ?? 'bot-state',
      },
    },
  };

  if (config.storage.kind === 'blob' && !config.storage.blob.connectionString) {
    throw new Error('BLOB_CONNECTION_STRING: required when STORAGE=blob');
  }
  if (config.storage.kind === 'cosmos' && !config.storage.cosmos.endpoint) {
    throw new Error('COSMOS_ENDPOINT: required when STORAGE=cosmos');
  }
  if (config.storage.kind === 'cosmos' && !config.storage.cosmos.key) {
    throw new Error('COSMOS_KEY: required when STORAGE=cosmos');
  }
  return deepFreeze(config);
}

function optionalPath(value: string | undefined): string | undefined {
  return value === undefined ? undefined : path.resolve(value);
}

/** Typed readers over one env; empty strings count as unset. */
function reader(env: NodeJS.ProcessEnv) {
  const str = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  return {
    str,
    int(name: string, fallback: number, min: number, max: number): number {
      const raw = str(name);
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < min || value > max) {
        throw new Error(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
      }
      return value;
    },
    bool(name: string, fallback: boolean): boolean {
      const raw = str(name)?.toLowerCase();
      if (raw === undefined) return fallback;
      if (['true', '1', 'yes', 'on'].includes(raw)) return true;
      if (['false', '0', 'no', 'off'].includes(raw)) return false;
      throw new Error(`${name}: expected true or false, got "${raw}"`);
    },
    oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
      const raw = str(name);
      if (raw === undefined) return undefined;
      const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
      if (!match) throw new Error(`${name}: expected one of ${allowed.join(', ')}, got "${raw}"`);
      return match;
    },
    /** A comma- or space-separated list of http(s) origins (scheme, host and port; no path). */
    origins(name: string): string[] {
      const raw = str(name);
      if (raw === undefined) return [];
      return raw
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((item) => {
          let parsed: URL | undefined;
          try {
            parsed = new URL(item);
          } catch {
            parsed = undefined;
          }
          const bare = parsed !== undefined && parsed.pathname === '/' && !parsed.search && !parsed.hash;
          if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !bare) {
            throw new Error(`${name}: expected origins like https://intranet.example.org, got "${item}"`);
          }
          return parsed.origin;
        });
    },
    url(name: string): string | undefined {
      const raw = str(name);
      if (raw === undefined) return undefined;
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw new Error(`${name}: expected an absolute http(s) URL, got "${raw}"`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new Error(`${name}: expected an absolute http(s) URL, got "${raw}"`);
      }
      return raw.replace(/\/+$/, '');
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
