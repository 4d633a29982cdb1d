/**
 * What the web chat browser tests share: the app as `npm start` builds it (STORAGE=memory) and a headless
 * Chromium, started before the file's tests and closed after them, and where Web Chat 4.18 puts its bubbles.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { launchChromium } from './chromium';

/** Bot and user bubbles and the send box as Web Chat 4.18 renders them. */
export const BOT_BUBBLE = '.webchat__bubble:not(.webchat__bubble--from-user)';
export const USER_BUBBLE = '.webchat__bubble.webchat__bubble--from-user';
export const SEND_BOX = '[data-id="webchat-sendbox-input"]';

/** Filled in by `beforeAll`: read its fields inside tests, never at the top of the file. */
export interface WebChatInBrowser {
  app: RunningApp;
  browser: Browser;
}

/** Starts the app and Chromium for this test file (`testName` names it when Chromium is missing). */
export function webChatInBrowser(testName: string): WebChatInBrowser {
  const running = {} as WebChatInBrowser;
  beforeAll(async () => {
    running.app = await startApp({ env: { PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory' } }, { log: silentLogger });
    running.browser = await launchChromium(testName);
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.app?.close();
  });
  return running;
}
