/**
 * Edge validation and log hygiene (issue 20, findings 4 and 7): activities are checked and cleaned before the bot
 * sees them, no log line carries a bearer token, a token that cannot be verified is a 401 whatever the OpenID
 * metadata server does, and an unknown conversation id answers like a wrong token.
 */
import { createSign, generateKeyPairSync } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startApp } from '../../src/index';
import { createLogger, redactSecrets, silentLogger } from '../../src/logging';
import { call, startConversation, startHeldServer, type HeldServer } from './directLineServer';

let server: HeldServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

const DEPTH = 100;

/** A message activity as JSON text whose channelData nests `depth` objects (built as text: too deep to stringify). */
function deeplyNested(depth: number, text: string): string {
  return `{"type":"message","text":${JSON.stringify(text)},"channelData":${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}}`;
}

describe('activities are checked before they reach the bot', () => {
  it('refuses a deeply nested channelData (400); the log read afterwards still works', async () => {
    server = await startHeldServer();
    const { conversationId, token } = await startConversation(server.domain);
    const url = `${server.domain}/conversations/${conversationId}/activities`;
    const posted = await call(url, 'POST', token, deeplyNested(DEPTH, 'x'));
    expect(posted.status).toBe(400);
    expect((await call(url, 'GET', token)).status).toBe(200);
    expect(server.turns).toEqual([]);
  });

  it.each([
    ['whitespace', ' \t\n '],
    ['a zero-width joiner', '\u200D'],
    ['zero-width spaces and a BOM', '\u200B\u200C\uFEFF'],
    ['control characters', '\u0000\u0007\u001B'],
    ['bidi marks', '\u200E\u202E'],
  ])('text of only %s reaches the bot as empty', async (_name, text) => {
    server = await startHeldServer();
    const { conversationId, token } = await startConversation(server.domain);
    await call(`${server.domain}/conversations/${conversationId}/activities`, 'POST', token, { type: 'message', text });
    expect(server.turns).toEqual(['']);
  });

  it('keeps visible text, emoji joined with U+200D included', async () => {
    server = await startHeldServer();
    const { conversationId, token } = await startConversation(server.domain);
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    await call(`${server.domain}/conversations/${conversationId}/activities`, 'POST', token, {
      type: 'message',
      text: family,
    });
    expect(server.turns).toEqual([family]);
  });

  it('drops entities: null instead of failing the turn', async () => {
    server = await startHeldServer();
    const { conversationId, token } = await startConversation(server.domain);
    const posted = await call(`${server.domain}/conversations/${conversationId}/activities`, 'POST', token, {
      type: 'message',
      text: 'hallo',
      entities: null,
    });
    expect(posted.status).toBe(200);
    expect(server.seen[0]).not.toHaveProperty('entities');
  });

  it('answers an unknown conversation id exactly like a wrong token (401)', async () => {
    server = await startHeldServer();
    const { conversationId, token } = await startConversation(server.domain);
    const unknown = await call(`${server.domain}/conversations/no-such-id/activities`, 'GET', token);
    const wrongToken = await call(`${server.domain}/conversations/${conversationId}/activities`, 'GET', 'wrong');
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrongToken.json);
  });
});

describe('no bearer token in any log line', () => {
  it('after a deeply nested channelData and a GET, neither our log nor stdout/stderr shows the token', async () => {
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const log = createLogger({ level: 'debug', messageText: false }, { write: capture });
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    server = await startHeldServer({}, { log });
    const { conversationId, token } = await startConversation(server.domain);
    const url = `${server.domain}/conversations/${conversationId}/activities`;
    await call(url, 'POST', token, deeplyNested(DEPTH, 'geheim'));
    await call(url, 'GET', token);
    await call(url, 'POST', token, { type: 'message', text: 'nog geheimer' });
    vi.restoreAllMocks();
    const output = lines.join('');
    expect(output).not.toContain(token);
    expect(output).not.toMatch(/Bearer [A-Za-z0-9]/);
    expect(output).not.toContain('geheim');
  });

  it.each([
    ['a bearer header', 'authorization: Bearer abc.def-ghi', 'Bearer [redacted]'],
    ['a token field', '{"token":"abc123"}', '{"token":"[redacted]"}'],
    ['a nested secret', '{"a":{"b":{"clientSecret":"s3cr3t"}}}', '{"a":{"b":{"clientSecret":"[redacted]"}}}'],
    ['a stream URL', 'ws://h/v3/directline/conversations/c/stream?t=abc&watermark=1', '?t=[redacted]&watermark=1'],
    ['a storage key', 'AccountName=x;AccountKey=abc==;', 'AccountKey=[redacted];'],
  ])('redacts %s', (_name, line, expected) => {
    expect(redactSecrets(line)).toContain(expected);
  });
});

describe('a token that cannot be verified is a 401, whatever the OpenID metadata server does', () => {
  const forgedToken = () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({
      iss: 'https://api.botframework.com',
      aud: '00000000-0000-0000-0000-00000000b0a7',
      exp: Math.floor(Date.now() / 1000) + 600,
      serviceurl: 'https://smba.trafficmanager.net/emea/',
    })}`;
    return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
  };

  async function answerWith(metadataUrl: string): Promise<{ status: number; body: string }> {
    const app = await startApp(
      {
        env: {
          PORT: '0',
          HOST: '127.0.0.1',
          STORAGE: 'memory',
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppId: '00000000-0000-0000-0000-00000000b0a7',
          MicrosoftAppPassword: 'not-a-real-password',
          MicrosoftAppTenantId: '00000000-0000-0000-0000-00000000a1a1',
          BotOpenIdMetadata: metadataUrl,
        },
      },
      { log: silentLogger },
    );
    try {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const res = await fetch(`http://127.0.0.1:${app.port}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${forgedToken()}` },
        body: JSON.stringify({
          type: 'message',
          text: 'x',
          channelId: 'msteams',
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          conversation: { id: 'c1' },
        }),
      });
      return { status: res.status, body: await res.text() };
    } finally {
      await app.close();
    }
  }

  it.each([
    [
      'does not resolve (DNS)',
      () => Promise.resolve({ url: 'http://metadata.invalid/openid', close: () => Promise.resolve() }),
    ],
    [
      'answers 500',
      async () => {
        const broken = http.createServer((_req, res) => {
          res.statusCode = 500;
          res.end('oops');
        });
        await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
        const port = (broken.address() as AddressInfo).port;
        return {
          url: `http://127.0.0.1:${port}/openid`,
          close: () => new Promise<void>((resolve) => broken.close(() => resolve())),
        };
      },
    ],
  ])(
    'metadata server that %s: 401 without the cause',
    async (_name, start) => {
      const metadata = await start();
      try {
        const { status, body } = await answerWith(metadata.url);
        expect(status).toBe(401);
        expect(body).not.toMatch(/ENOTFOUND|getaddrinfo|metadata\.invalid|oops/);
      } finally {
        await metadata.close();
      }
    },
    30_000,
  );
});
