/**
 * Who gets in, through the real wiring (startApp) on 127.0.0.1:
 *
 * - with app credentials, /api/messages refuses every request without a valid Bot Framework token (401): no
 *   token, a malformed one, one signed by an unknown key, and the near misses (other bot, other serviceUrl,
 *   expired); a token signed by the key the (local) OpenID metadata publishes is accepted, so the test can fail;
 * - with credentials the embedded Direct Line and the projector pages are off unless switched on explicitly;
 * - request bodies: 413 over the limit, 400 for malformed JSON or a body that is not an activity, unknown
 *   activity types answered 200 and ignored.
 *
 * The OpenID metadata and its JWKS come from a loopback server in this file (`BotOpenIdMetadata`), never the
 * internet.
 */
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { MAX_BODY_BYTES } from '../../src/server/createServer';
import { newRoomId } from '../../dialogs';
import { startReplySink, type ReplySink } from '../../scripts/harness/botProcess';

const APP_ID = '00000000-0000-0000-0000-00000000b0a7';
const CREDENTIALS = {
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'not-a-real-password',
  MicrosoftAppTenantId: '00000000-0000-0000-0000-00000000a1a1',
};
const BASE_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  STORAGE: 'memory',
  EMBEDDED_DIRECTLINE: '',
  PROJECTOR: '',
  DIRECTLINE_SECRET: '',
};
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const ISSUER = 'https://api.botframework.com';

interface OpenIdServer {
  url: string;
  /** Requests the bot made for metadata and keys. */
  hits: string[];
  close(): Promise<void>;
}

/** `/.well-known/openid-configuration` and `/keys` on 127.0.0.1, publishing `publicKey` as `kid`. */
async function startOpenIdServer(publicKey: KeyObject, kid: string): Promise<OpenIdServer> {
  const hits: string[] = [];
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid,
    use: 'sig',
    alg: 'RS256',
    endorsements: ['msteams', 'webchat', 'directline'],
  };
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(
        JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }),
      );
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An RS256 JWT, signed with node's crypto (no JWT library needed). */
function signJwt(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}

function channelClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: ISSUER,
    aud: APP_ID,
    serviceurl: SERVICE_URL,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
    ...overrides,
  };
}

/** A Teams typing indicator: the bot runs a turn for it but sends nothing (no AAD token needed to reply). */
function typingActivity(serviceUrl = SERVICE_URL) {
  return {
    type: 'typing',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:trainee', name: 'Trainee' },
    recipient: { id: `28:${APP_ID}`, name: 'Bot' },
    conversation: { id: 'a:conversation-1' },
  };
}

async function post(baseUrl: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: text.startsWith('{') ? (JSON.parse(text) as { error?: { code: string; message: string } }) : undefined,
  };
}

describe('/api/messages with app credentials', () => {
  const KID = 'local-test-key';
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let openId: OpenIdServer;
  let app: RunningApp;
  let baseUrl: string;

  beforeAll(async () => {
    openId = await startOpenIdServer(trusted.publicKey, KID);
    app = await startApp(
      { env: { ...BASE_ENV, ...CREDENTIALS, BotOpenIdMetadata: openId.url } },
      { log: silentLogger },
    );
    baseUrl = `http://127.0.0.1:${app.port}`;
  });
  afterAll(async () => {
    await app?.close();
    await openId?.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('accepts a token signed by the key the OpenID metadata publishes (control: the refusals below mean something)', async () => {
    const res = await post(baseUrl, typingActivity(), bearer(signJwt(trusted.privateKey, KID, channelClaims())));
    expect(res.status).toBe(200);
    // The keys came from the loopback server, not the internet.
    expect(openId.hits).toContain('/keys');
  });

  it.each([
    ['no Authorization header', () => ({})],
    ['an empty bearer', () => bearer('')],
    ['a malformed token', () => bearer('not.a.jwt')],
    ['garbage that looks like a JWT', () => bearer(`${Buffer.from('{"alg":"RS256"}').toString('base64url')}.e30.AAAA`)],
    ['another scheme', () => ({ Authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` })],
    ['a token signed by an unknown key (same kid)', () => bearer(signJwt(stranger.privateKey, KID, channelClaims()))],
    [
      'a token signed by an unknown key (unknown kid)',
      () => bearer(signJwt(stranger.privateKey, 'other-key', channelClaims())),
    ],
    [
      'an unsigned token (alg none)',
      () =>
        bearer(
          `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(channelClaims())).toString('base64url')}.`,
        ),
    ],
    [
      'a token for another bot',
      () => bearer(signJwt(trusted.privateKey, KID, channelClaims({ aud: '11111111-1111-1111-1111-111111111111' }))),
    ],
    [
      'a token from another issuer',
      () => bearer(signJwt(trusted.privateKey, KID, channelClaims({ iss: 'https://evil.example' }))),
    ],
    [
      'a token for another serviceUrl',
      () => bearer(signJwt(trusted.privateKey, KID, channelClaims({ serviceurl: 'https://evil.example/' }))),
    ],
    [
      'an expired token',
      () => bearer(signJwt(trusted.privateKey, KID, channelClaims({ exp: Math.floor(Date.now() / 1000) - 3600 }))),
    ],
  ])('refuses %s with 401', async (_name, headers) => {
    const res = await post(baseUrl, typingActivity(), headers());
    expect(res.status).toBe(401);
  });

  it('refuses a message too, before the bot runs (nothing is sent anywhere)', async () => {
    const res = await post(baseUrl, { ...typingActivity(), type: 'message', text: 'hallo' }, bearer('not.a.jwt'));
    expect(res.status).toBe(401);
  });

  it('has no embedded Direct Line, no loopback connector and no projector pages by default', async () => {
    expect((await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${baseUrl}/v3/conversations/x/activities`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/directline/token`, { method: 'POST' })).status).toBe(503);
    const projector = await fetch(`${baseUrl}/demo/${newRoomId()}`);
    expect(projector.status).toBe(404);
    expect(projector.headers.get('content-type')).toMatch(/json/); // no route at all, not the projector's 404 page
  });
});

describe('explicit settings with credentials', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(
      { env: { ...BASE_ENV, ...CREDENTIALS, PROJECTOR: 'true', EMBEDDED_DIRECTLINE: 'true' } },
      { log: silentLogger },
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it('PROJECTOR=true and EMBEDDED_DIRECTLINE=true switch them on; a room still needs its own unguessable link', async () => {
    const base = `http://127.0.0.1:${app.port}`;
    const projector = await fetch(`${base}/demo/${newRoomId()}`);
    expect(projector.status).toBe(404);
    expect(projector.headers.get('content-type')).toMatch(/html/); // the projector's friendly page: the route is on
    expect((await fetch(`${base}/demo/${'A'.repeat(21)}`)).status).toBe(404);
    expect((await fetch(`${base}/v3/directline/conversations`, { method: 'POST' })).status).toBe(201);
  });
});

describe('local mode (no credentials)', () => {
  let app: RunningApp;
  let sink: ReplySink;
  let baseUrl: string;
  beforeAll(async () => {
    sink = await startReplySink();
    // HOST left to its default: loopback.
    app = await startApp(
      { env: { PORT: '0', STORAGE: 'memory', MicrosoftAppId: '', HOST: '' } },
      { log: silentLogger },
    );
    baseUrl = `http://127.0.0.1:${app.port}`;
  });
  afterAll(async () => {
    await app?.close();
    await sink?.close();
  });

  it('listens on loopback only, so the unauthenticated routes never face the network', async () => {
    const { loadConfig } = await import('../../src/config');
    expect(loadConfig({ MicrosoftAppId: '' }).host).toBe('127.0.0.1');
    const projector = await fetch(`${baseUrl}/demo/${newRoomId()}`);
    expect(projector.headers.get('content-type')).toMatch(/html/);
  });

  it(`answers 413 with a clear message for a body over ${MAX_BODY_BYTES} bytes`, async () => {
    const res = await post(baseUrl, { ...sink.message('big', 'x'.repeat(MAX_BODY_BYTES + 1)) });
    expect(res.status).toBe(413);
    expect(res.json?.error).toMatchObject({ code: 'PayloadTooLarge' });
    expect(res.json?.error?.message).toMatch(/too large|exceeds/i);
  });

  it('answers 400 with a clear message for malformed JSON', async () => {
    const res = await post(baseUrl, '{"type": "message", "text": ');
    expect(res.status).toBe(400);
    expect(res.json?.error?.message).toMatch(/^Malformed JSON body/);
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['an object without type', '{"text":"hi"}'],
    ['a non-string type', '{"type":42,"text":"hi"}'],
  ])('answers 400 for a body that is not an activity: %s', async (_name, body) => {
    const res = await post(baseUrl, body);
    expect(res.status).toBe(400);
    expect(res.json?.error?.code).toBe('BadRequest');
    expect(res.json?.error?.message).toMatch(/activity/i);
  });

  it('answers 415 for a body that is not JSON at all (local mode takes JSON only)', async () => {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
  });

  it('ignores unknown activity types politely: 200, no reply; the conversation then works', async () => {
    const odd = { ...sink.message('odd-types', ''), type: 'somethingNobodyKnows', text: undefined };
    expect((await post(baseUrl, odd)).status).toBe(200);
    expect(sink.received.get('odd-types') ?? []).toHaveLength(0);
    const res = await post(baseUrl, sink.message('odd-types', '/start municipal-benefits'));
    expect(res.status).toBe(200);
    // The role-play's first message: the briefing card with the customer's first words and the meter.
    expect(JSON.stringify(sink.received.get('odd-types') ?? [])).toMatch(/Boosheid \d+\/100/);
  });
});
