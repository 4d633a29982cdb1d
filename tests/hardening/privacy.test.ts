/**
 * What the trainee types stays out of the logs by default, through the whole app (HTTP → adapter → bot →
 * dialogs → logger); LOG_MESSAGE_TEXT=true (with LOG_LEVEL=debug for the rest) is the developer's switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startApp } from '../../src/index';
import { createLogger } from '../../src/logging';
import { startReplySink, type ReplySink } from '../../scripts/harness/botProcess';

const SECRET = 'Mijn BSN is 123456782 en ik woon op Geheimstraat 7';

async function playAndCollectLogs(sink: ReplySink, env: NodeJS.ProcessEnv): Promise<string> {
  const lines: string[] = [];
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', ...env });
  const app = await startApp(config, { log: createLogger(config.log, { write: (line) => lines.push(line) }) });
  try {
    const conversation = `privacy-${env.LOG_MESSAGE_TEXT ?? 'default'}`;
    const send = (text: string) =>
      fetch(`http://127.0.0.1:${app.port}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(sink.message(conversation, text)),
      });
    for (const text of ['/start municipal-benefits', `Ik begrijp u. ${SECRET}`, '/stop'])
      expect((await send(text)).status).toBe(200);
    // The replies did arrive (the feedback quotes the trainee): the secret was there to leak.
    expect(JSON.stringify(sink.received.get(conversation))).toMatch(/Geheimstraat|R2VoZWltc3RyYWF0/);
  } finally {
    await app.close();
  }
  return lines.join('');
}

describe('message text in logs', () => {
  let sink: ReplySink;
  beforeAll(async () => {
    sink = await startReplySink();
  });
  afterAll(async () => {
    await sink?.close();
  });

  it('is never logged by default, even at debug level', async () => {
    const logs = await playAndCollectLogs(sink, { LOG_LEVEL: 'debug' });
    expect(logs).toContain('"event":"roleplay.turn"');
    expect(logs).not.toContain('Geheimstraat');
    expect(logs).not.toContain('123456782');
  });

  it('is logged only when a developer sets LOG_MESSAGE_TEXT=true', async () => {
    const logs = await playAndCollectLogs(sink, { LOG_LEVEL: 'debug', LOG_MESSAGE_TEXT: 'true' });
    expect(logs).toContain('Geheimstraat');
  });

  it('the defaults are the private ones', () => {
    expect(loadConfig({}).log).toEqual({ level: 'info', messageText: false });
    expect(loadConfig({}).retention.keepTranscripts).toBe(false);
  });
});
