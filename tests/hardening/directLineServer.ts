/**
 * The real server (createServer) on loopback with a bot whose turns can be held: `hold()` makes every following
 * message turn wait until `release()`, as a slow model or storage would. Counts the turns that ran, so a test
 * can see that a retried activity ran once.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { silentLogger, type Logger } from '../../src/logging';
import { createServer, type AppServer } from '../../src/server/createServer';
import type { DirectLineStore } from '../../src/server/directLine/directLineStore';

export interface HeldServer {
  app: AppServer;
  baseUrl: string;
  domain: string;
  /** Texts of the message turns that ran, in order. */
  turns: string[];
  /** The message activities the bot received, in order. */
  seen: Record<string, unknown>[];
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startHeldServer(
  env: NodeJS.ProcessEnv = {},
  extra: {
    store?: DirectLineStore;
    turnTimeoutMs?: number;
    log?: Logger;
    /** Runs in the bot's turn right after its reply was sent (where a bot would go on to save its state). */
    afterReply?: (conversationId: string) => Promise<void>;
  } = {},
): Promise<HeldServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', ...env });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const turns: string[] = [];
  const seen: Record<string, unknown>[] = [];
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    if (gate) await gate;
    seen.push({ ...context.activity });
    turns.push(context.activity.text ?? '');
    await context.sendActivity(`echo ${turns.length}`);
    await extra.afterReply?.(context.activity.conversation.id);
    await next();
  });
  const app = createServer({
    config,
    log: extra.log ?? silentLogger,
    adapter,
    bot,
    directLineStore: extra.store,
    directLineTurnTimeoutMs: extra.turnTimeoutMs,
  });
  const { port } = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    domain: `${baseUrl}/v3/directline`,
    turns,
    seen,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      open?.();
      gate = undefined;
    },
    close: () => app.close(),
  };
}

/** A JSON call with an optional bearer token (a string body is sent as it is); status, Retry-After and JSON. */
export async function call(
  url: string,
  method: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; retryAfter: string | null; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    json: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

/** Starts a conversation; its id and token. */
export async function startConversation(domain: string): Promise<{ conversationId: string; token: string }> {
  const started = await call(`${domain}/conversations`, 'POST', undefined, {});
  if (started.status !== 201) throw new Error(`could not start a conversation: ${started.status}`);
  return started.json as { conversationId: string; token: string };
}
