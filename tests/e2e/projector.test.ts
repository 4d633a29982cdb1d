/**
 * The projector page in headless Chromium: a real restify server with the projector routes, a demo room
 * played through the real core, snapshots published to the hub while the page is open. Needs Chromium at
 * /usr/bin/chromium; the test FAILS (never skips) without it. The screenshot goes to
 * test-artifacts/projector.png (gitignored).
 */
import * as path from 'path';
import * as restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from '../support/chromium';
import { type Browser } from 'playwright-core';
import type { Persona, Stage } from '../../src/core';
import {
  pause,
  pick,
  reply,
  resume,
  roomSnapshot,
  startDemo,
  vote,
  type DemoRoom,
  type Participant,
} from '../../src/core/demo';
import { shippedStage } from '../support/shippedContent';
import { silentLogger } from '../../src/logging';
import { installErrorFormatting } from '../../src/server/errors';
import { newRoomId } from '../../dialogs';
import { DemoHub } from '../../src/server/projector/demoHub';
import { registerProjectorRoutes, type ProjectorRoutes } from '../../src/server/projector/projectorRoutes';

const INJECTION = '<script>alert(1)</script>';

const stage: Stage = shippedStage('municipal-benefits');
const persona: Persona = stage.persona;
const trainer: Participant = { id: 't-1', name: 'Trainer Tineke' };
const anna: Participant = { id: 'u-anna', name: 'Anna de Vries' };
const bram: Participant = { id: 'u-bram', name: 'Bram' };
const chen: Participant = { id: 'u-chen', name: INJECTION };

let server: restify.Server;
let base: string;
let hub: DemoHub;
let routes: ProjectorRoutes;
let browser: Browser;

beforeAll(async () => {
  server = restify.createServer({ handleUncaughtExceptions: false });
  installErrorFormatting(server, () => undefined);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  hub = new DemoHub({ sweepIntervalMs: 0 });
  routes = registerProjectorRoutes(server, { hub, log: silentLogger });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium('projector');
});

afterAll(async () => {
  await browser?.close();
  routes?.closeStreams();
  hub?.close();
  if (server)
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
});

/** Runs a room step and publishes the new snapshot, as the bot does after every change. */
function step(roomId: string, room: DemoRoom): DemoRoom {
  hub.publish(roomId, roomSnapshot(room, persona));
  return room;
}

describe('projector page in a real browser', () => {
  it('shows the room, updates the meter live over SSE, shows injected HTML as text, and looks right at 1920×1080', async () => {
    const roomId = newRoomId();
    let room = step(roomId, startDemo(stage, { roomId, trainer, lang: 'nl', seed: 7, now: 0, mode: 'open' }).room);
    const startAnger = room.session.emotion.anger;

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) external.push(request.url());
    });

    await page.goto(`${base}/demo/${roomId}`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect.poll(() => page.locator('#anger').innerText()).toBe(String(startAnger));
    await expect
      .poll(() => page.locator('#status-text').innerText(), { message: 'the SSE stream to connect' })
      .toBe('live');

    // Large type, readable from the back of the room.
    const sizes = await page.evaluate(() => ({
      body: parseFloat(getComputedStyle(document.body).fontSize),
      meter: parseFloat(getComputedStyle(document.getElementById('anger')!).fontSize),
      band: parseFloat(getComputedStyle(document.getElementById('band')!).fontSize),
    }));
    expect(sizes.body).toBeGreaterThanOrEqual(28);
    expect(sizes.meter).toBeGreaterThanOrEqual(64);
    expect(sizes.band).toBeGreaterThanOrEqual(64);

    // Three participants reply; the page follows every publish without a reload.
    room = step(roomId, reply(stage, room, anna, 'Vertelt u maar, ik luister.', 15_000).room);
    room = step(roomId, reply(stage, room, bram, 'Dat klopt gewoon niet.', 30_000).room);
    const afterArgue = room.session.emotion.anger;
    expect(afterArgue).not.toBe(startAnger);
    await expect
      .poll(() => page.locator('#anger').innerText(), { message: 'the meter to update live' })
      .toBe(String(afterArgue));
    await expect.poll(() => page.getAttribute('#bar', 'aria-valuenow')).toBe(String(afterArgue));
    await expect.poll(() => page.locator('.entry.trainee .who').allInnerTexts()).toEqual(['Anna de Vries', 'Bram']);
    const chips = await page.locator('.entry.trainee .labels').allInnerTexts();
    expect(chips[0]).toContain('laten uitrazen en luisteren');
    expect(chips[1]).toContain('in discussie gaan');
    // The band is named in words, not colour alone.
    expect(['kalm', 'gespannen', 'boos', 'woedend']).toContain(await page.locator('#band').innerText());

    // Someone types HTML: it is shown as text and never runs.
    room = step(roomId, reply(stage, room, chen, `${INJECTION} Ik zie dat u hier echt van baalt.`, 45_000).room);
    await expect
      .poll(() => page.locator('.entry.trainee .text').last().innerText())
      .toBe(`${INJECTION} Ik zie dat u hier echt van baalt.`);
    expect(await page.locator('.entry.trainee .who').last().innerText()).toBe(INJECTION);
    expect(await page.locator('.transcript script, .transcript img').count()).toBe(0);

    // Paused banner, then running again.
    room = step(roomId, pause(room, trainer, 50_000).room);
    await expect.poll(() => page.locator('#paused').isVisible()).toBe(true);
    expect(await page.locator('#paused').innerText()).toContain('Pauze');
    room = step(roomId, resume(room, trainer, 55_000).room);
    await expect.poll(() => page.locator('#paused').isVisible()).toBe(false);

    await page.waitForTimeout(700); // let the bar's transition finish before the picture
    await page.screenshot({ path: path.join(ARTIFACTS, 'projector.png') });

    // ?lang=en switches the chrome.
    await page.goto(`${base}/demo/${roomId}?lang=en`);
    await expect.poll(() => page.locator('.meter-label').innerText()).toBe('Anger');

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  });

  it('vote mode: proposals with votes, then what would have happened after the pick', async () => {
    const roomId = newRoomId();
    let room = step(roomId, startDemo(stage, { roomId, trainer, lang: 'en', seed: 3, now: 0, mode: 'vote' }).room);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/demo/${roomId}`);
    await expect.poll(() => page.locator('#status-text').innerText()).toBe('live');

    room = step(roomId, reply(stage, room, anna, 'I can see this really upsets you.', 10_000).room);
    room = step(roomId, reply(stage, room, bram, 'Those are the rules, I cannot change them.', 11_000).room);
    room = step(roomId, vote(room, chen, 'p1').room);
    await expect.poll(() => page.locator('#proposals > li').count()).toBe(2);
    expect(await page.locator('#proposals > li').first().innerText()).toContain('1 vote');

    step(roomId, pick(stage, room, trainer, 'p1', 12_000).room);
    await expect.poll(() => page.locator('#round-box').isVisible()).toBe(true);
    const alternative = await page.locator('#round > li').first().innerText();
    expect(alternative).toContain('Bram');
    expect(alternative).toMatch(/Anger [+−±]\d+/);
    await page.waitForTimeout(700); // let the bar's transition finish before the picture
    await page.screenshot({ path: path.join(ARTIFACTS, 'projector-vote.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reconnects by itself after a restart: reconnecting while the bot is down, then the new state without a reload', async () => {
    // A server of its own, so it can go down and come back on the same port with an empty hub.
    const start = async (port: number) => {
      const own = restify.createServer({ handleUncaughtExceptions: false });
      own.use(restify.plugins.queryParser({ mapParams: false }));
      const ownHub = new DemoHub({ sweepIntervalMs: 0 });
      const ownRoutes = registerProjectorRoutes(own, { hub: ownHub, log: silentLogger });
      await new Promise<void>((resolve) => {
        own.listen(port, '127.0.0.1', () => resolve());
      });
      return { own, ownHub, ownRoutes, port: own.address().port };
    };
    const stop = async (running: Awaited<ReturnType<typeof start>>) => {
      running.ownRoutes.closeStreams();
      running.ownHub.close();
      await new Promise<void>((resolve) => {
        running.own.close(() => resolve());
      });
    };
    let running = await start(0);
    const roomId = newRoomId();
    let room = startDemo(stage, { roomId, trainer, lang: 'nl', seed: 7, now: 0, mode: 'open' }).room;
    running.ownHub.publish(roomId, roomSnapshot(room, persona));
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`http://127.0.0.1:${running.port}/demo/${roomId}`);
    await expect.poll(() => page.getAttribute('body', 'data-live')).toBe('true');

    await stop(running);
    await expect
      .poll(() => page.locator('#status-text').innerText(), { timeout: 10_000 })
      .toBe('Verbinding kwijt, opnieuw verbinden…');

    // The bot is back; the room is published again (with its next turn), and the page follows it.
    running = await start(running.port);
    room = reply(stage, room, anna, 'Vertelt u maar, ik luister.', 15_000).room;
    running.ownHub.publish(roomId, roomSnapshot(room, persona));
    await expect.poll(() => page.getAttribute('body', 'data-live'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => page.locator('.entry.trainee .who').allInnerTexts()).toEqual(['Anna de Vries']);
    await expect(page.locator('#anger').innerText()).resolves.toBe(String(room.session.emotion.anger));
    await page.close();
    await stop(running);
  });

  it('an unknown room gets the friendly 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/demo/${newRoomId()}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').first().innerText()).resolves.toBe('Deze demo bestaat niet (meer)');
    await page.close();
  });
});
