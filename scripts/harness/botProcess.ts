/**
 * Runs the real bot as a child process (`node dist/src/index.js`, built by `npm run build`) and talks to it the
 * way a channel does: activities POSTed to /api/messages whose serviceUrl points at a {@link ReplySink} on
 * loopback, where the bot's replies arrive. No credentials are configured, so no auth is involved.
 *
 * @example
 * const sink = await startReplySink();
 * const bot = await startBotProcess({ STORAGE: 'file', DATA_DIR: dir });
 * const replies = await bot.send(sink.message('conv-1', '/start'));
 */
import * as net from 'net';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import { existsSync } from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Activity } from 'botbuilder';
import { stopChild } from './azurite';

/** The repository root (the folder with package.json above this file, from tests/ or dist/tests/). */
export const REPO = ((): string => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();
export const BOT_ENTRY = path.join(REPO, 'dist', 'src', 'index.js');

/** Builds dist/ when it is missing (npm test builds first; a bare `npx vitest` may not have). */
export function ensureBuilt(): void {
  if (existsSync(BOT_ENTRY)) return;
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(BOT_ENTRY))
    throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Where the bot's replies land: a tiny Bot Connector on 127.0.0.1. */
export interface ReplySink {
  serviceUrl: string;
  /** Every activity the bot sent, per conversation id, in arrival order. */
  received: Map<string, Partial<Activity>[]>;
  /** A message from the trainee, as a channel would post it. */
  message(conversationId: string, text: string, userId?: string): Partial<Activity>;
  /** The conversationUpdate a channel sends when the bot joins. */
  joined(conversationId: string, userId?: string): Partial<Activity>;
  close(): Promise<void>;
}

export async function startReplySink(): Promise<ReplySink> {
  const received = new Map<string, Partial<Activity>[]>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        const conversationId = decodeURIComponent(match[1]);
        const activity = JSON.parse(body) as Partial<Activity>;
        if (!received.has(conversationId)) received.set(conversationId, []);
        received.get(conversationId)!.push(activity);
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ id: randomUUID() }));
        return;
      }
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const base = (conversationId: string, userId: string): Partial<Activity> => ({
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl,
    timestamp: new Date(),
    conversation: { id: conversationId } as Activity['conversation'],
    from: { id: userId, name: 'Trainee' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: 'nl-NL',
  });
  return {
    serviceUrl,
    received,
    message: (conversationId, text, userId = 'trainee-1') => ({
      ...base(conversationId, userId),
      type: 'message',
      text,
    }),
    joined: (conversationId, userId = 'trainee-1') => ({
      ...base(conversationId, userId),
      type: 'conversationUpdate',
      membersAdded: [
        { id: userId, name: 'Trainee' },
        { id: 'bot', name: 'Bot' },
      ],
    }),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Who sees what bot processes print (line by line) and the texts sent to them: the test suite's leak check
 * (tests/support/logLeaks.ts). Nobody, in the benchmarks.
 */
export const botProcessWatchers = {
  lines: new Set<(line: string) => void>(),
  sent: new Set<(text: string) => void>(),
};

/** Hands `chunk` to the line watchers line by line; returns what is left of an unfinished line. */
function watchLines(pending: string, chunk: string): string {
  const lines = (pending + chunk).split('\n');
  const rest = lines.pop() ?? '';
  for (const line of lines) for (const watch of botProcessWatchers.lines) watch(line);
  return rest;
}

export interface BotProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Everything the process printed (JSON log lines). */
  output(): string;
  /** POSTs one activity to /api/messages; resolves with the replies that arrived for it at `sink`. */
  send(sink: ReplySink, activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** SIGTERM (graceful) or SIGKILL (a crash). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * The environment every bot process started by a test or a script begins with: loopback, no credentials, no
 * Direct Line secret, no message text in the logs. Set (even empty) so a developer's .env cannot switch on
 * credentials here; callers add storage, port and what they measure.
 */
export function isolatedBotEnv(): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    MicrosoftAppType: '',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppTenantId: '',
    DIRECTLINE_SECRET: '',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    LOG_MESSAGE_TEXT: 'false',
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now (for a process that must keep its port across a restart). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node dist/src/index.js` on 127.0.0.1 and a free port with `env` (storage settings etc.). */
export async function startBotProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number; entry?: string } = {},
): Promise<BotProcess> {
  if (!options.entry) ensureBuilt();
  const child = spawn(process.execPath, [options.entry ?? BOT_ENTRY], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...isolatedBotEnv(),
      PORT: '0',
      EMBEDDED_DIRECTLINE: 'false',
      DEFAULT_LANG: 'nl',
      ...env,
    },
  });
  let output = '';
  const pending = { stdout: '', stderr: '' };
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending[stream] = watchLines(pending[stream], chunk.toString());
    });
    child[stream].on('end', () => (pending[stream] = watchLines(pending[stream], '\n')));
  }
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`bot did not start in time:\n${output}`)),
      options.timeoutMs ?? 20_000,
    );
    const poll = setInterval(() => {
      const match = /"event":"server_listening".*?"port":(\d+)/.exec(output);
      if (match) done(undefined, Number(match[1]));
    }, 25);
    const onExit = (code: number | null) => done(new Error(`bot exited with ${code}:\n${output}`));
    child.once('exit', onExit);
    function done(err?: Error, value?: number) {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else resolve(value!);
    }
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    port,
    baseUrl,
    child,
    output: () => output,
    async send(sink, activity) {
      const conversationId = activity.conversation!.id;
      if (activity.text) for (const watch of botProcessWatchers.sent) watch(activity.text);
      const before = sink.received.get(conversationId)?.length ?? 0;
      const response = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (response.status >= 300)
        throw new Error(`/api/messages answered ${response.status}: ${await response.text()}`);
      // The adapter answers after the turn, when its replies have been delivered.
      return (sink.received.get(conversationId) ?? []).slice(before).filter((a) => a.replyToId === activity.id);
    },
    stop: (signal = 'SIGTERM') => {
      if (signal === 'SIGKILL') {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        return new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        });
      }
      return stopChild(child);
    },
  };
}

/** The text of replies, joined. */
export const textOf = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
