/**
 * Setup file of every test file (vitest.config.ts): feeds the leak check (logLeaks.ts) every log line and
 * every trainee text, and fails the test during which a leaking line appeared.
 */
import { format } from 'util';
import { afterAll, afterEach } from 'vitest';
import { observeLogLines } from '../../src/logging';
import { botProcessWatchers } from '../../scripts/harness/botProcess';
import { leakLedger, type Leak } from './logLeaks';

// The loggers' lines, silentLogger's included; a logger with LOG_MESSAGE_TEXT=true may hold trainee words.
observeLogLines((line, origin) => leakLedger.check(line, origin.messageText));

// Bot processes the tests start: what they print, and the texts sent to them.
botProcessWatchers.lines.add((line) => leakLedger.check(line));
botProcessWatchers.sent.add((text) => leakLedger.noteSent(text));

// Whatever reaches this process's stdout and stderr, and the console (botbuilder and restify write there).
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = (chunk: unknown, ...rest: unknown[]) => {
    leakLedger.check(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : '');
    return write(chunk, ...rest);
  };
}
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    leakLedger.check(format(...args));
    original(...args);
  };
}

// Trainee texts sent over HTTP (to /api/messages or the embedded Direct Line): a message activity's text.
const originalFetch = globalThis.fetch;
globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
  if (typeof init?.body === 'string' && init.body.startsWith('{')) {
    try {
      const activity = JSON.parse(init.body) as { type?: unknown; text?: unknown };
      if (activity.type === 'message' && typeof activity.text === 'string') leakLedger.noteSent(activity.text);
    } catch {
      // Not JSON: not an activity.
    }
  }
  return originalFetch(input, init);
};

function failOnLeaks(when: string): void {
  const leaks: Leak[] = leakLedger.take();
  if (leaks.length === 0) return;
  const list = leaks.slice(0, 5).map((leak) => `  ${leak.kind}: ${leak.line}`);
  throw new Error(
    `${leaks.length} log line(s) ${when} leak a token, a secret or a trainee's words:\n${list.join('\n')}`,
  );
}

afterEach(() => failOnLeaks('during this test'));
afterAll(() => failOnLeaks('after the last test of this file'));
