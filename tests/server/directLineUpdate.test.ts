/**
 * The group demo updates its round card in place in Web Chat: the bot's connector call
 * `PUT /v3/conversations/{id}/activities/{activityId}` (what botbuilder's updateActivity sends, the activity id
 * URL-encoded) replaces the activity in the embedded Direct Line, and the client gets it again under the same id
 * after its watermark, which Web Chat shows in the place of the old one.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logging';
import { createServer, type AppServer } from '../../src/server/createServer';

interface ActivitySet {
  activities: Array<{ id: string; type: string; text?: string; timestamp: string; from: { role?: string } }>;
  watermark: string;
}

/** A bot that posts a "card" and, when asked, updates it in place, as the demo does with its round card. */
function updatingBot(): ActivityHandler {
  const bot = new ActivityHandler();
  let cardId = '';
  bot.onMessage(async (context, next) => {
    if (context.activity.text === 'kaart') cardId = (await context.sendActivity('kaart'))?.id ?? '';
    if (context.activity.text === 'bijwerken')
      await context.updateActivity({ id: cardId, type: 'message', text: 'kaart, bijgewerkt' });
    await next();
  });
  return bot;
}

let app: AppServer;
let domain = '';

beforeAll(async () => {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory' });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  app = createServer({ config, log: silentLogger, adapter, bot: updatingBot(), personasCount: () => 1 });
  const { port } = await app.listen(0, '127.0.0.1');
  domain = `http://127.0.0.1:${port}/v3/directline`;
});

afterAll(async () => {
  await app?.close();
});

async function call(
  method: string,
  url: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : {} };
}

describe('embedded Direct Line: a bot updates an activity it sent', () => {
  it('the client receives the updated activity under the same id, once, in its place in time', async () => {
    const { conversationId, token } = (await call('POST', `${domain}/conversations`, undefined, {})).json as {
      conversationId: string;
      token: string;
    };
    const say = (text: string) =>
      call('POST', `${domain}/conversations/${conversationId}/activities`, token, {
        type: 'message',
        text,
        from: { id: 'u1' },
      });
    const log = async (watermark?: string) =>
      (
        await call(
          'GET',
          `${domain}/conversations/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`,
          token,
        )
      ).json as ActivitySet;

    await say('kaart');
    const first = await log();
    const card = first.activities.find((a) => a.text === 'kaart' && a.from.role === 'bot')!;
    await say('bijwerken');
    const next = await log(first.watermark);
    expect(next.activities.map((a) => [a.text, a.id === card.id])).toEqual([
      ['bijwerken', false],
      ['kaart, bijgewerkt', true],
    ]);
    expect(next.activities[1].timestamp).toBe(card.timestamp);
    const all = await log();
    expect(all.activities.filter((a) => a.id === card.id).map((a) => a.text)).toEqual(['kaart, bijgewerkt']);
  });
});
