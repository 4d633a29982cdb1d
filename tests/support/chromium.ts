/** Headless Chromium for the browser tests: Debian's /usr/bin/chromium, never a downloaded one. */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Where the browser tests put their screenshots (gitignored). */
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');

/** Launches Chromium; a missing browser FAILS the test (`testName` says which) rather than skipping it. */
export async function launchChromium(testName: string): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. The ${testName} test needs it: install it with "sudo apt-get install -y chromium" (or run .ci/run as root).`,
    );
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}
