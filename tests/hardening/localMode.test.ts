/**
 * Local mode is locked to local use (issue 20, finding 3), and the hosted embedded Direct Line hands tokens to
 * its own page only (finding 1). Through createServer on 127.0.0.1 with a small echo bot; replies go to a reply
 * sink on loopback, so nothing leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplySink, type ReplySink } from '../../scripts/harness/botProcess';
import { startTestServer, type TestServer } from '../server/support/testServer';
import { call, startConversation } from './directLineServer';

let local: TestServer;
let sink: ReplySink;
beforeAll(async () => {
  local = await startTestServer();
  sink = await startReplySink();
});
afterAll(async () => {
  await local?.close();
  await sink?.close();
});

function postMessages(body: string, headers: Record<string, string>) {
  return fetch(`${local.baseUrl}/api/messages`, { method: 'POST', headers, body });
}

describe('/api/messages without app credentials', () => {
  it('answers an activity whose serviceUrl is on this machine (the Emulator, local tools)', async () => {
    const res = await postMessages(JSON.stringify(sink.message('local-1', 'hallo')), {
      'Content-Type': 'application/json',
    });
    expect(res.status).toBe(200);
    expect(sink.received.get('local-1')?.at(-1)?.text).toBe('echo: hallo');
  });

  it.each([
    ['another machine', 'https://attacker.example/'],
    ['a look-alike host', 'http://127.0.0.1.attacker.example/'],
    ['a non-http scheme', 'file:///etc/passwd'],
  ])('refuses a serviceUrl on %s with 403 before the bot runs', async (_name, serviceUrl) => {
    const res = await postMessages(JSON.stringify({ ...sink.message('remote-1', '/export html'), serviceUrl }), {
      'Content-Type': 'application/json',
    });
    expect(res.status).toBe(403);
  });

  it('refuses a form-encoded body (what a web page can send without a preflight) with 415', async () => {
    const form = new URLSearchParams({
      type: 'message',
      text: 'hallo',
      serviceUrl: sink.serviceUrl,
      'conversation[id]': 'form-1',
      channelId: 'emulator',
    });
    const res = await postMessages(form.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(sink.received.get('form-1')).toBeUndefined();
  });

  it('refuses a request from a page on another site with 403', async () => {
    const res = await postMessages(JSON.stringify(sink.message('cross-1', 'hallo')), {
      'Content-Type': 'application/json',
      Origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect(sink.received.get('cross-1')).toBeUndefined();
  });
});

describe('the embedded connector (/v3/conversations/...)', () => {
  it('refuses a local caller without the per-process key (401), also without app credentials', async () => {
    const { conversationId, token } = await startConversation(local.domain);
    const spoofed = await call(`${local.baseUrl}/v3/conversations/${conversationId}/activities`, 'POST', undefined, {
      type: 'message',
      text: 'spoofed',
    });
    expect(spoofed.status).toBe(401);
    const log = await call(`${local.domain}/conversations/${conversationId}/activities`, 'GET', token);
    expect(JSON.stringify(log.json)).not.toContain('spoofed');
  });

  it('refuses a browser page (any Origin) with 403', async () => {
    const { conversationId } = await startConversation(local.domain);
    const res = await fetch(`${local.baseUrl}/v3/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://evil.example' },
      body: JSON.stringify({ type: 'message', text: 'spoofed' }),
    });
    expect(res.status).toBe(403);
  });
});

const CREDENTIALS = {
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppId: '00000000-0000-0000-0000-00000000b0a7',
  MicrosoftAppPassword: 'not-a-real-password',
  MicrosoftAppTenantId: '00000000-0000-0000-0000-00000000a1a1',
};

describe('hosted with EMBEDDED_DIRECTLINE=true: tokens for the own page only', () => {
  let hosted: TestServer;
  beforeAll(async () => {
    hosted = await startTestServer({ ...CREDENTIALS, EMBEDDED_DIRECTLINE: 'true', DIRECTLINE_SECRET: 'some-secret' });
  });
  afterAll(async () => {
    await hosted?.close();
  });

  const ownOrigin = () => hosted.baseUrl;
  const pageNonce = async () => {
    const page = await (await fetch(`${hosted.baseUrl}/`)).text();
    const match = /"pageNonce":"([^"]+)"/.exec(page);
    if (!match?.[1]) throw new Error('the page carries no nonce');
    return match[1];
  };
  const askToken = (headers: Record<string, string>) =>
    fetch(`${hosted.baseUrl}/api/directline/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });

  it('hands a token to its own page (same origin and the nonce the page carries)', async () => {
    const res = await askToken({ Origin: ownOrigin(), 'X-Page-Nonce': await pageNonce() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { token?: string }).token).toBeTruthy();
  });

  it.each([
    ['no origin, no nonce (a script anywhere)', () => Promise.resolve({})],
    ['the own origin without a nonce', () => Promise.resolve({ Origin: ownOrigin() })],
    ['a nonce without the origin', async () => ({ 'X-Page-Nonce': await pageNonce() })],
    [
      'a forged nonce',
      () => Promise.resolve({ Origin: ownOrigin(), 'X-Page-Nonce': `${Date.now()}.${'A'.repeat(43)}` }),
    ],
    ['an old nonce', () => Promise.resolve({ Origin: ownOrigin(), 'X-Page-Nonce': `1000.${'A'.repeat(43)}` })],
  ])('refuses %s with 403', async (_name, headers) => {
    const res = await askToken(await headers());
    expect(res.status).toBe(403);
  });
});
