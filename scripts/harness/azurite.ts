/**
 * Starts the real Azure Storage emulator (azurite's blob service, pinned 3.35.0) as a child process on
 * 127.0.0.1 and a free port (it binds port 0 and prints the one it got), in memory, with telemetry off.
 *
 * @example
 * const azurite = await startAzurite();
 * const storage = new BlobsStorage(azurite.connectionString, 'state');
 * await azurite.stop();
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The emulator's well-known development account. */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  port: number;
  blobEndpoint: string;
  connectionString: string;
  stop(): Promise<void>;
}

export function devConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

export async function startAzurite(options: { timeoutMs?: number } = {}): Promise<Azurite> {
  const main = require.resolve('azurite/dist/src/blob/main.js');
  // Own working folder: nothing azurite might write lands in the repository.
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '256',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: withoutSqlMetadata(process.env) },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`azurite did not start in time:\n${output}`)),
      options.timeoutMs ?? 20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`azurite exited with ${code}:\n${output}`)));
    child.once('error', fail);
  });
  // Keep draining output so the pipe never fills up.
  child.stdout.resume();
  child.stderr.resume();
  return {
    port,
    blobEndpoint: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`,
    connectionString: devConnectionString(port),
    stop: () => stopChild(child).finally(() => rmSync(cwd, { recursive: true, force: true })),
  };
}

/** AZURITE_DB (any value) switches azurite to SQL metadata, which cannot run in memory. */
function withoutSqlMetadata(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.AZURITE_DB;
  return rest;
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
