import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRoomId } from '../../dialogs';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';

describe('the app as startApp wires it', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ env: { PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory' } }, { log: silentLogger });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('listens on localhost and reports the loaded personas', async () => {
    expect(app.url).toBe(`http://localhost:${app.port}/`);
    const health = (await (await fetch(`http://127.0.0.1:${app.port}/healthz`)).json()) as {
      status: string;
      personas: number;
    };
    expect(health.status).toBe('ok');
    expect(health.personas).toBeGreaterThan(0);
  });

  it('serves the projector and chart routes (unknown ids answer 404)', async () => {
    const projector = await fetch(`http://127.0.0.1:${app.port}/demo/${newRoomId()}`);
    expect(projector.status).toBe(404);
    expect(projector.headers.get('content-type')).toMatch(/html/);
    const chart = await fetch(`http://127.0.0.1:${app.port}/charts/${'a'.repeat(22)}.png`);
    expect(chart.status).toBe(404);
  });
});
