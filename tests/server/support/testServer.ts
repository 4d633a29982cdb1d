/**
 * Starts createServer() on a free loopback port with a small test bot (greets on `webchat/join`, echoes
 * messages), so the Direct Line tests do not depend on the practice bot's wording.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { loadConfig, type AppConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logging';
import { createServer, type AppServer } from '../../../src/server/createServer';
import type { DirectLineStore } from '../../../src/server/directLine/directLineStore';

export const TEST_GREETING = 'Welkom bij de test';

export function testBot(): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onEvent(async (context, next) => {
    if (context.activity.name === 'webchat/join') {
      const lang = (context.activity.value as { lang?: string } | undefined)?.lang ?? '?';
      await context.sendActivity(`${TEST_GREETING} (${lang})`);
    }
    await next();
  });
  bot.onMessage(async (context, next) => {
    if (context.activity.text === 'crash') throw new Error('test crash');
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  return bot;
}

export interface TestServer {
  app: AppServer;
  baseUrl: string;
  domain: string;
  close(): Promise<void>;
}

export async function startTestServer(
  env: NodeJS.ProcessEnv = {},
  extra: { directLineStore?: DirectLineStore; onTurnError?: (error: Error) => void } = {},
): Promise<TestServer> {
  const config: AppConfig = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', ...env });
  const { appType, appId, appPassword, tenantId } = config.credentials;
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppType: appType || undefined,
      MicrosoftAppId: appId || undefined,
      MicrosoftAppPassword: appPassword || undefined,
      MicrosoftAppTenantId: tenantId || undefined,
    }),
  );
  adapter.onTurnError = async (context, error) => {
    extra.onTurnError?.(error);
    await context.sendActivity('Er ging iets mis / Something went wrong');
  };
  const app = createServer({
    config,
    log: silentLogger,
    adapter,
    bot: testBot(),
    personasCount: () => 3,
    directLineStore: extra.directLineStore,
  });
  const { port } = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  return { app, baseUrl, domain: `${baseUrl}/v3/directline`, close: () => app.close() };
}
