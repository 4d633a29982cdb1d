/**
 * What a trainee waits for, in a real browser (`npm run bench:latency`): the app as `npm start` builds it
 * (memory storage) and the web chat page in headless Chromium (/usr/bin/chromium). The page plays role-plays
 * until it has timed 20 trainee replies, from the Enter key to the customer's next line in the DOM, once
 * streaming (the page's default: `webSocket: true`) and once polling (`?transport=polling`, Web Chat polling
 * every 500 ms, as the page did before). Prints p50, p95 and max in milliseconds for each.
 *
 * Both clock readings are the page's own (`performance.now()` in a capturing keydown listener and in a
 * MutationObserver), so the figures include Web Chat's send, the Direct Line, the bot's turn, the way back and
 * Web Chat's rendering, but not Playwright's own round trips.
 *
 * Options: --replies <n> (default 20), --persona <id> (default energy-bill).
 */
import * as fs from 'fs';
import { chromium, type Page } from 'playwright-core';
import { startApp } from '../src/index';
import { silentLogger } from '../src/logging';
import { percentile } from './harness/benchArgs';

const CHROMIUM = '/usr/bin/chromium';
const SEND_BOX = '[data-id="webchat-sendbox-input"]';
/** The customer's line ends with the anger meter ("Boosheid 68/100"); the debrief ends the role-play. */
const CUSTOMER_LINE = '(Boosheid|Anger) \\d+/100';
const ENDED = '(Hier is uw feedback|Here is your feedback)';

/** Trainee replies that keep a conversation going (acknowledging, asking, explaining), used in turn. */
const REPLIES = [
  'Goedemiddag, ik hoor dat u boos bent. Vertel eens wat er gebeurd is?',
  'Dat begrijp ik, dat is vervelend voor u.',
  'Wanneer heeft u de rekening precies ontvangen?',
  'Ik zie hier dat het voorschot is verhoogd.',
  'Mag ik uw klantnummer even hebben?',
  'Ik snap dat u zich zorgen maakt over het bedrag.',
  'Heeft u al eerder contact met ons gehad hierover?',
  'Ik kijk met u mee wat er mis is gegaan.',
  'Klopt het dat u vorige maand bent verhuisd?',
  'Dat had duidelijker uitgelegd moeten worden.',
];

interface Options {
  replies: number;
  persona: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { replies: 20, persona: 'energy-bill' };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--replies') options.replies = Number(argv[(i += 1)]);
    else if (argv[i] === '--persona') options.persona = String(argv[(i += 1)]);
  }
  if (!Number.isInteger(options.replies) || options.replies < 1) throw new Error('--replies: a whole number ≥ 1');
  return options;
}

/** The nearest-rank percentile of sorted values. */

/** Installed once per page: notes when Enter goes down in the send box (capturing, before Web Chat sees it). */
function installEnterClock(): void {
  const clock = window as unknown as { benchEnterAt?: number };
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter') clock.benchEnterAt = performance.now();
    },
    true,
  );
}

/**
 * In the page: resolves with ms from Enter to the next customer line, or -1 when the role-play ended instead.
 * Started before Enter is pressed; counts the lines that are there now.
 */
function nextCustomerLine(patterns: { line: string; ended: string }): Promise<number> {
  const line = new RegExp(patterns.line);
  const ended = new RegExp(patterns.ended);
  const botTexts = () =>
    Array.from(document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user)')).map(
      (bubble) => bubble.textContent ?? '',
    );
  const count = (pattern: RegExp) => botTexts().filter((text) => pattern.test(text)).length;
  const lines = count(line);
  const ends = count(ended);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const clock = window as unknown as { benchEnterAt?: number };
      if (count(line) > lines) {
        observer.disconnect();
        resolve(performance.now() - (clock.benchEnterAt ?? Number.NaN));
      } else if (count(ended) > ends) {
        observer.disconnect();
        resolve(-1);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

async function send(page: Page, text: string): Promise<void> {
  const input = page.locator(SEND_BOX);
  await input.fill(text);
  await input.press('Enter');
}

/** Plays role-plays on a fresh page until `replies` replies were timed; returns the times in ms. */
async function measure(page: Page, url: string, options: Options): Promise<{ times: number[]; transport: string }> {
  await page.addInitScript(installEnterClock);
  await page.goto(url);
  await page.locator(SEND_BOX).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll('.webchat__bubble').length > 0, undefined, {
    timeout: 30_000,
  });
  const transport = (await page.getAttribute('#webchat', 'data-transport')) ?? '?';
  const patterns = { line: CUSTOMER_LINE, ended: ENDED };
  const times: number[] = [];
  let reply = 0;
  while (times.length < options.replies) {
    const opening = page.evaluate(nextCustomerLine, patterns);
    await send(page, `/start ${options.persona}`);
    if ((await opening) < 0) throw new Error('the role-play did not start');
    for (;;) {
      if (times.length >= options.replies) break;
      const answered = page.evaluate(nextCustomerLine, patterns);
      await send(page, REPLIES[reply % REPLIES.length]);
      reply += 1;
      const ms = await answered;
      if (ms < 0) break; // The customer left or was satisfied: start again, this reply is not timed.
      times.push(ms);
    }
    if (times.length < options.replies) await page.waitForTimeout(200);
  }
  return { times, transport };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM} (sudo apt-get install -y chromium)`);
  const app = await startApp({ env: { PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory' } }, { log: silentLogger });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const rows: string[] = [];
  try {
    for (const [label, url] of [
      ['streaming', app.url],
      ['polling', `${app.url}?transport=polling`],
    ] as const) {
      const context = await browser.newContext({ locale: 'nl-NL' });
      const page = await context.newPage();
      const { times, transport } = await measure(page, url, options);
      await context.close();
      const sorted = [...times].sort((a, b) => a - b);
      const fmt = (ms: number) => String(Math.round(ms)).padStart(6);
      rows.push(
        `${label.padEnd(10)} ${transport.padEnd(10)} ${String(sorted.length).padStart(3)} ${fmt(percentile(sorted, 50))} ${fmt(percentile(sorted, 95))} ${fmt(sorted.at(-1) ?? Number.NaN)}`,
      );
    }
  } finally {
    await browser.close();
    await app.close();
  }
  console.log("Enter to the customer's next line in the DOM (headless Chromium, ms)");
  console.log(
    `${'mode'.padEnd(10)} ${'transport'.padEnd(10)} ${'n'.padStart(3)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'max'.padStart(6)}`,
  );
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
