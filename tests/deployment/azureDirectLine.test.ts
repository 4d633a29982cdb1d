/**
 * The production web chat path, as `npm start` builds the app with DIRECTLINE_SECRET set and EMBEDDED_DIRECTLINE
 * off, against a fake of Azure's Direct Line on loopback: its token service (`POST /v3/directline/tokens/generate`)
 * and its Bot Connector side, where the bot's replies land. Each page load gets a new Azure conversation, as on
 * Azure; the trainee is the token's user id `dl_<trainee id>`, and the bot's data follows the trainee across
 * conversations until "forget me". Nothing here leaves the machine: every fetch the app makes is checked to stay
 * on loopback, and the addresses that must never be reached are under `.invalid`.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { randomUUID } from 'crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../dialogs';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { FORGET_PATH, TOKEN_PATH } from '../../src/server/webChatRoutes';

const SECRET = 'azure-direct-line-secret-that-stays-on-the-server';
const INTRANET = 'https://intranet.example.org';
const ELSEWHERE = 'https://elsewhere.example.com';

interface TokenRequest {
  authorization?: string;
  body: unknown;
}

/** Azure's Direct Line, as far as the bot and its token route see it. */
class FakeAzureDirectLine {
  readonly tokenRequests: TokenRequest[] = [];
  /** What the bot sent, per conversation id. */
  readonly replies = new Map<string, Partial<Activity>[]>();
  private readonly server = http.createServer((req, res) => this.answer(req, res));
  base = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      res.setHeader('Content-Type', 'application/json');
      if (req.method === 'POST' && req.url === '/v3/directline/tokens/generate') {
        this.tokenRequests.push({ authorization: req.headers.authorization, body });
        if (req.headers.authorization !== `Bearer ${SECRET}`) {
          res.statusCode = 403;
          return res.end('{}');
        }
        // A new conversation for every token, as Azure's Direct Line does.
        return res.end(
          JSON.stringify({ conversationId: randomUUID(), token: `token-${randomUUID()}`, expires_in: 1800 }),
        );
      }
      const reply = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
      if (req.method === 'POST' && reply) {
        const conversationId = decodeURIComponent(reply[1]);
        this.replies.set(conversationId, [...(this.replies.get(conversationId) ?? []), body as Partial<Activity>]);
        return res.end(JSON.stringify({ id: randomUUID() }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
  }
}

const azure = new FakeAzureDirectLine();
let app: RunningApp;
let base: string;
/** Every URL the app fetched while the tests ran. */
const fetched: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  await azure.start();
  // The token route fetches with the global fetch: record where it goes (the tests' own fetches are on loopback too).
  globalThis.fetch = (input, init) => {
    fetched.push(input instanceof Request ? input.url : String(input));
    return realFetch(input, init);
  };
  app = await startApp(
    {
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        STORAGE: 'memory',
        EMBEDDED_DIRECTLINE: 'false',
        DIRECTLINE_SECRET: SECRET,
        DIRECTLINE_ENDPOINT: `${azure.base}/v3/directline`,
        ALLOWED_ORIGINS: INTRANET,
        BotOpenIdMetadata: 'https://login.openid.invalid/v1/.well-known/openidconfiguration',
      },
    },
    { log: silentLogger },
  );
  base = `http://127.0.0.1:${app.port}`;
});

afterAll(async () => {
  await app?.close();
  await azure.close();
  globalThis.fetch = realFetch;
});

interface PageSession {
  status: number;
  text: string;
  json: { conversationId?: string; userId?: string; traineeId?: string; domain?: string; resumed?: boolean };
  allowOrigin: string | null;
}

/** What the page does on load: asks the bot's token route, from the intranet page, with the id it kept. */
async function loadPage(traineeId?: string, origin = INTRANET): Promise<PageSession> {
  const response = await fetch(`${base}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify(traineeId ? { user: { id: traineeId } } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: JSON.parse(text) as PageSession['json'],
    allowOrigin: response.headers.get('access-control-allow-origin'),
  };
}

/** What Azure's Direct Line posts to the bot for the page's activity; resolves with the bot's replies to it. */
async function send(page: PageSession, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  const conversationId = page.json.conversationId!;
  const before = azure.replies.get(conversationId)?.length ?? 0;
  const response = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      channelId: 'directline',
      serviceUrl: `${azure.base}/`,
      timestamp: new Date(),
      conversation: { id: conversationId },
      from: { id: page.json.userId, role: 'user' },
      recipient: { id: 'practice-bot', role: 'bot' },
      locale: 'nl-NL',
      ...activity,
    }),
  });
  expect(response.status).toBe(200);
  return (azure.replies.get(conversationId) ?? []).slice(before);
}

const say = async (page: PageSession, text: string) => textOf(await send(page, { type: 'message', text }));
const join = (page: PageSession) =>
  send(page, { type: 'event', name: 'webchat/join', value: { lang: 'nl', page: 'p', fresh: !page.json.resumed } });
const textOf = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
const attachmentNames = (replies: Partial<Activity>[]) =>
  replies.flatMap((r) => r.attachments ?? []).map((a) => a.name);

describe('the token route on Azure’s Direct Line', () => {
  it('exchanges the secret server-side for a token bound to the trainee’s dl_ user id; the browser never sees it', async () => {
    const first = await loadPage();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ domain: `${azure.base}/v3/directline`, resumed: false });
    const traineeId = first.json.traineeId!;
    expect(traineeId).toMatch(/^t_[\w-]{22,}$/);
    expect(first.json.userId).toBe(`dl_${traineeId}`);
    expect(azure.tokenRequests.at(-1)).toEqual({
      authorization: `Bearer ${SECRET}`,
      body: { user: { id: `dl_${traineeId}` } },
    });

    const again = await loadPage(traineeId);
    expect(again.json.userId).toBe(`dl_${traineeId}`);
    expect(again.json.conversationId).not.toBe(first.json.conversationId);
    expect(azure.tokenRequests.at(-1)?.body).toEqual({ user: { id: `dl_${traineeId}` } });

    for (const path of ['/', '/?lang=en', '/embed', '/widget.js', '/privacy', '/privacy?lang=en']) {
      expect(await (await fetch(`${base}${path}`)).text(), path).not.toContain(SECRET);
    }
    expect(first.text).not.toContain(SECRET);
    expect(first.allowOrigin).toBe(INTRANET);
  });

  it('refuses a site that is not in ALLOWED_ORIGINS before it asks Azure: no token, no forgetting', async () => {
    const asked = azure.tokenRequests.length;
    const refused = await loadPage(undefined, ELSEWHERE);
    expect(refused.status).toBe(403);
    expect(refused.allowOrigin).toBeNull();
    expect(refused.text).not.toContain('token');
    expect(azure.tokenRequests).toHaveLength(asked);
    const forget = await fetch(`${base}${FORGET_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ELSEWHERE },
      body: JSON.stringify({ user: { id: 't_AAAAAAAAAAAAAAAAAAAAAA' } }),
    });
    expect(forget.status).toBe(403);
  });
});

describe('a trainee on Azure’s Direct Line, over several page loads', () => {
  const title = 'de bijstandsuitkering is niet betaald';

  it('finds the earlier role-play in a new conversation (/progress, /export, /retry), until "forget me"', async () => {
    // First page load: a role-play to the debrief.
    const first = await loadPage();
    const traineeId = first.json.traineeId!;
    expect(textOf(await join(first))).toContain(t('welcome', 'nl'));
    await say(first, '/start municipal-benefits');
    await say(first, 'Ik begrijp dat u boos bent. Wat is er precies gebeurd?');
    expect(await say(first, '/stop')).toContain(t('feedbackIntro', 'nl'));

    // A reload: a new Azure conversation, the same trainee. Welcomed again (the page shows nothing earlier).
    const second = await loadPage(traineeId);
    expect(second.json.conversationId).not.toBe(first.json.conversationId);
    expect(textOf(await join(second))).toContain(t('welcome', 'nl'));
    const progress = await say(second, '/progress');
    expect(progress).toContain(title);
    expect(progress).not.toContain(t('progressEmpty', 'nl'));
    expect(attachmentNames(await send(second, { type: 'message', text: '/export' }))).toEqual([
      'feedback-municipal-benefits.md',
      'feedback-municipal-benefits.html',
      'feedback-municipal-benefits.json',
    ]);

    // Another trainee, in a conversation of their own, sees none of it.
    const stranger = await loadPage();
    expect(await say(stranger, '/progress')).toContain(t('progressEmpty', 'nl'));
    expect(await say(stranger, '/export')).toContain(t('nothingToExport', 'nl'));

    // A role-play running when the page reloads (a language switch) carries on: /retry takes back the last reply.
    await say(second, '/start municipal-benefits');
    await say(second, 'Dat is vervelend. Ik ga het voor u uitzoeken.');
    const third = await loadPage(traineeId);
    expect(await say(third, '/retry')).toContain(t('retried', 'nl'));
    expect(await say(third, '/stop')).toContain(t('feedbackIntro', 'nl'));

    // "Forget me": the progress, the role-play and the settings go; the next page load is a newcomer.
    const forgotten = await fetch(`${base}${FORGET_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: INTRANET },
      body: JSON.stringify({ user: { id: traineeId } }),
    });
    expect(forgotten.status).toBe(204);
    const after = await loadPage(traineeId);
    expect(await say(after, '/progress')).toContain(t('progressEmpty', 'nl'));
    expect(await say(after, '/export')).toContain(t('nothingToExport', 'nl'));
    expect(await say(after, '/retry')).toContain(t('notInRolePlay', 'nl'));
  });

  // Last but one: it spends this client's token budget. Each Azure token is a conversation billed to the deployment.
  it('limits token requests per client: a flood gets 429 with Retry-After and never reaches Azure', async () => {
    const asked = azure.tokenRequests.length;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 80; i++) {
      const response = await fetch(`${base}${TOKEN_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: INTRANET },
        body: '{}',
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    const refused = statuses.filter((status) => status === 429).length;
    expect(refused).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(azure.tokenRequests.length - asked).toBe(statuses.length - refused);
  });

  it('reached nothing but loopback', () => {
    expect(fetched.length).toBeGreaterThan(0);
    for (const url of fetched) expect(new URL(url).hostname).toBe('127.0.0.1');
  });
});
