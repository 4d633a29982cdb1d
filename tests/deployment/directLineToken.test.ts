import * as http from 'http';
import type { AddressInfo } from 'net';
import * as restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectLineTokenRoute } from '../../src/server/directLineToken';

const SECRET = 'test-secret-never-to-leave-the-server';

/** A fake of Azure's token endpoint on loopback; `mode` picks its answer. */
let mode: 'ok' | 'forbidden' | 'garbage' | 'slow' = 'ok';
const seen: { authorization?: string; body: unknown }[] = [];
// (restify patches http.ServerResponse, so no chaining of writeHead here.)
const reply = (res: http.ServerResponse, status: number, body = '', type = 'application/json') => {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(body);
};
const fake = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    seen.push({ authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined });
    if (req.url !== '/v3/directline/tokens/generate' || req.method !== 'POST') return reply(res, 404);
    if (mode === 'forbidden' || req.headers.authorization !== `Bearer ${SECRET}`)
      return reply(res, 403, JSON.stringify({ error: { message: SECRET } }));
    if (mode === 'garbage') return reply(res, 200, '<html>', 'text/html');
    if (mode === 'slow') return void setTimeout(() => reply(res, 200, '{}'), 1_000);
    reply(res, 200, JSON.stringify({ conversationId: 'abc123', token: 'tok.en', expires_in: 1800 }));
  });
});

let server: restify.Server;
let base: string;

beforeAll(async () => {
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  const domain = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v3/directline`;
  server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  let n = 0;
  server.post(
    '/api/directline/token',
    createDirectLineTokenRoute({
      secret: SECRET,
      domain,
      timeoutMs: 300,
      newTraineeId: () => `t_new-trainee-number-000000${++n}`,
    }),
  );
  await new Promise<void>((r) => {
    server.listen(0, '127.0.0.1', r);
  });
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  server?.close();
  fake.closeAllConnections();
  await new Promise((r) => fake.close(r));
});

const post = async (body?: unknown) => {
  const response = await fetch(`${base}/api/directline/token`, {
    method: 'POST',
    ...(body ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const json = JSON.parse(text) as Record<string, unknown>;
  return { status: response.status, text, json, cache: response.headers.get('cache-control') };
};

describe('POST /api/directline/token', () => {
  it('exchanges the secret for a token bound to a new trainee’s dl_ user id', async () => {
    mode = 'ok';
    const first = await post();
    const second = await post();
    expect(first.status).toBe(200);
    const localDomain: unknown = expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v3\/directline$/);
    expect(first.json).toEqual({
      conversationId: 'abc123',
      token: 'tok.en',
      expires_in: 1800,
      userId: 'dl_t_new-trainee-number-0000001',
      traineeId: 't_new-trainee-number-0000001',
      domain: localDomain,
      resumed: false,
    });
    expect(second.json.userId).toBe('dl_t_new-trainee-number-0000002');
    expect(first.cache).toBe('no-store');
    expect(seen.at(-2)).toEqual({
      authorization: `Bearer ${SECRET}`,
      body: { user: { id: 'dl_t_new-trainee-number-0000001' } },
    });
    expect(first.text).not.toContain(SECRET);
  });

  it('remembers the trainee: the id the page kept comes back as the same user, anything else gets a new one', async () => {
    mode = 'ok';
    const kept = 't_AAAAAAAAAAAAAAAAAAAAAA';
    const again = await post({ user: { id: kept } });
    expect(again.json).toMatchObject({ userId: `dl_${kept}`, traineeId: kept });
    expect(seen.at(-1)?.body).toEqual({ user: { id: `dl_${kept}` } });
    const forged = await post({ user: { id: 'dl_someone-else' } });
    expect(forged.json.userId).toMatch(/^dl_t_new-trainee-number-/);
  });

  it.each([
    ['forbidden', 502],
    ['garbage', 502],
    ['slow', 504],
  ] as const)('answers %s upstream with %i, without leaking the secret', async (m, status) => {
    mode = m;
    const result = await post();
    expect(result.status).toBe(status);
    expect(result.json).toEqual({
      error: { code: 'DirectLineUnavailable', message: 'Could not get a Direct Line token' },
    });
    expect(result.text).not.toContain(SECRET);
  });

  it('refuses to start without a secret', () => {
    expect(() => createDirectLineTokenRoute({ secret: '' })).toThrow('DIRECTLINE_SECRET');
  });

  it('defaults to Azure’s global Direct Line and uses the injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch = ((url: URL | string) => {
      calls.push(String(url));
      return Promise.resolve(
        new Response(JSON.stringify({ conversationId: 'c', token: 't', expires_in: 60 }), { status: 200 }),
      );
    }) as typeof fetch;
    const handler = createDirectLineTokenRoute({ secret: 's', fetchImpl: fakeFetch });
    let sent: unknown;
    const res = { header: () => undefined, json: (b: unknown) => (sent = b) } as unknown as restify.Response;
    await handler({} as restify.Request, res);
    expect(calls).toEqual(['https://directline.botframework.com/v3/directline/tokens/generate']);
    expect(sent).toMatchObject({ token: 't', domain: 'https://directline.botframework.com/v3/directline' });
  });
});
