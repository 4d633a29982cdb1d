/**
 * The OpenID metadata behind channel tokens, when its server misbehaves: a forged token gets 401 whatever the
 * server does (no answer, 500, garbage, too slow, a name that does not resolve), within the fetch timeout, and
 * the server is asked once for many requests (cached; after a failure, again only after a growing pause).
 * The servers are fakes on 127.0.0.1; the name that does not resolve is under `.invalid`.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import { startApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { OpenIdKeys } from '../../src/server/openIdKeys';

const TIMEOUT_MS = 300;
const APP_ID = '00000000-0000-0000-0000-00000000b0a7';
const KID = 'k1';

interface FakeMetadataServer {
  url: string;
  /** Requests received, by path. */
  hits: string[];
  close(): Promise<void>;
}

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse, origin: string) => void;

async function fakeServer(behaviour: Behaviour): Promise<FakeMetadataServer> {
  const hits: string[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    behaviour(req, res, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/openid`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A metadata server that works: the metadata names /keys, which publishes `publicKey` as KID. */
const publishing =
  (publicKey: KeyObject): Behaviour =>
  (req, res, origin) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/openid') res.end(JSON.stringify({ jwks_uri: `${origin}/keys` }));
    else res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID }] }));
  };

const BROKEN: { name: string; behaviour: Behaviour | 'dns' }[] = [
  { name: 'never answers', behaviour: () => undefined },
  { name: 'answers too late', behaviour: (_req, res) => setTimeout(() => res.end('{}'), TIMEOUT_MS * 5) },
  {
    name: 'answers 500',
    behaviour: (_req, res) => {
      res.statusCode = 500;
      res.end('oops');
    },
  },
  { name: 'answers garbage', behaviour: (_req, res) => res.end('<html>not json') },
  {
    name: 'answers JSON without keys',
    behaviour: (_req, res, origin) => res.end(JSON.stringify({ jwks_uri: `${origin}/openid` })),
  },
  { name: 'does not resolve (DNS)', behaviour: 'dns' },
];

const servers: FakeMetadataServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serverFor(behaviour: Behaviour | 'dns'): Promise<{ url: string; hits: () => number }> {
  if (behaviour === 'dns') return { url: 'http://openid-metadata.invalid/openid', hits: () => 0 };
  const server = await fakeServer(behaviour);
  servers.push(server);
  return { url: server.url, hits: () => server.hits.length };
}

function forgedToken(kid = KID): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    exp: Math.floor(Date.now() / 1000) + 600,
    serviceurl: 'https://smba.trafficmanager.net/emea/',
  })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

describe('the signing keys, when the metadata server misbehaves', () => {
  it.each(BROKEN)(
    'a server that $name: no key, within the timeout, after one fetch for 20 requests',
    async ({ behaviour }) => {
      const server = await serverFor(behaviour);
      const keys = new OpenIdKeys(server.url, { timeoutMs: TIMEOUT_MS });
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 10 }, () => keys.getKey(KID)));
      for (let i = 0; i < 10; i++) answers.push(await keys.getKey(KID));
      expect(answers.every((key) => key === null)).toBe(true);
      // A generous bound: the point is "the timeout, not minutes"; the fetch is cut at TIMEOUT_MS.
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3000);
      expect(keys.fetches).toBe(1);
      expect(server.hits()).toBeLessThanOrEqual(2); // at most the metadata and the keys, once
    },
  );

  it('botbuilder’s own metadata class, for comparison, asks a failing server again on every request', async () => {
    const server = await serverFor(BROKEN[2].behaviour);
    const theirs = new OpenIdMetadata(server.url);
    for (let i = 0; i < 5; i++) await theirs.getKey(KID).catch(() => null);
    expect(server.hits()).toBe(5);
  });

  it('a working server: keys cached, one fetch for many requests, an unknown key id does not fetch again', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const server = await serverFor(publishing(publicKey));
    const keys = new OpenIdKeys(server.url, { timeoutMs: TIMEOUT_MS });
    const found = await Promise.all(Array.from({ length: 10 }, () => keys.getKey(KID)));
    expect(found.every((key) => key?.key.includes('BEGIN PUBLIC KEY'))).toBe(true);
    for (let i = 0; i < 10; i++) expect(await keys.getKey('someone-elses-key')).toBeNull();
    expect(keys.fetches).toBe(1);
    expect(server.hits()).toBe(2); // the metadata, then the keys
  });

  it('after a failure it tries again only after a pause that doubles, and recovers when the server does', async () => {
    let now = 0;
    let broken = true;
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const works = publishing(publicKey);
    const server = await serverFor((req, res, origin) => {
      if (!broken) return works(req, res, origin);
      res.statusCode = 500;
      res.end();
    });
    const keys = new OpenIdKeys(server.url, { timeoutMs: TIMEOUT_MS, firstBackoffMs: 1000, clock: () => now });
    const steps: { at: number; fetches: number }[] = [
      { at: 0, fetches: 1 },
      { at: 999, fetches: 1 },
      { at: 1000, fetches: 2 }, // waited 1 s; the next pause is 2 s
      { at: 2999, fetches: 2 },
      { at: 3000, fetches: 3 }, // the next pause is 4 s
      { at: 6999, fetches: 3 },
    ];
    for (const step of steps) {
      now = step.at;
      expect(await keys.getKey(KID)).toBeNull();
      expect(keys.fetches, `at ${step.at} ms`).toBe(step.fetches);
    }
    broken = false;
    now = 7000;
    expect(await keys.getKey(KID)).not.toBeNull();
    expect(keys.fetches).toBe(4);
  });
});

describe('/api/messages with credentials, while the metadata server hangs', () => {
  it('answers every forged token 401 within the timeout, and asks the server once', async () => {
    const server = await fakeServer(() => undefined);
    servers.push(server);
    const app = await startApp(
      {
        env: {
          PORT: '0',
          HOST: '127.0.0.1',
          STORAGE: 'memory',
          EMBEDDED_DIRECTLINE: '',
          PROJECTOR: '',
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 'not-a-real-password',
          MicrosoftAppTenantId: '00000000-0000-0000-0000-00000000a1a1',
          BotOpenIdMetadata: server.url,
          OPENID_TIMEOUT_MS: String(TIMEOUT_MS),
        },
      },
      { log: silentLogger },
    );
    // botbuilder reports each refused token on the console; the answers are what this test reads.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const token = forgedToken();
    try {
      const post = () =>
        fetch(`http://127.0.0.1:${app.port}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({
            type: 'message',
            text: 'x',
            channelId: 'msteams',
            serviceUrl: 'https://smba.trafficmanager.net/emea/',
            conversation: { id: 'c1' },
            from: { id: 'u1' },
            recipient: { id: 'b1' },
          }),
        });
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 8 }, post));
      const later = await post();
      expect([...answers, later].map((res) => res.status)).toEqual(Array(9).fill(401));
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 5000);
      expect(server.hits).toEqual(['/openid']);
    } finally {
      vi.restoreAllMocks();
      await app.close();
    }
  });
});
