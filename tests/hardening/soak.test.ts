/**
 * `npm run soak`, short: 20 web chat conversations for 20 s with the attacker and a kill -9 half-way
 * (scripts/soak.ts). The printed report has every figure the issue asks for, and nothing was lost, duplicated
 * or crashed. Timing figures are printed, not asserted: the full 300 × 5 min run is a benchmark.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from '../../scripts/harness/botProcess';

function runSoak(args: string[]): Promise<{ code: number | null; output: string }> {
  ensureBuilt();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'dist', 'scripts', 'soak.js'), ...args], { cwd: REPO });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** The number after `<label>: ` in the report. */
const figure = (output: string, label: string) => {
  const match = new RegExp(`^${label}: (\\d+)`, 'm').exec(output);
  if (!match) throw new Error(`"${label}" is not in the report:\n${output}`);
  return Number(match[1]);
};

describe('npm run soak (short run)', () => {
  it('prints every figure, and loses, duplicates and crashes nothing through a kill -9', async () => {
    const { code, output } = await runSoak(['--conversations', '20', '--duration', '20', '--think', '2000-6000']);
    expect(figure(output, 'turns served')).toBeGreaterThan(20);
    expect(figure(output, 'p95 latency of honest turns')).toBeGreaterThan(0);
    expect(figure(output, 'peak RSS')).toBeGreaterThan(0);
    expect(output).toMatch(
      /^RSS at idle \(listening, no pages yet\): \d+ MB; after warm-up \(every page joined\): \d+ MB$/m,
    );
    expect(output).toMatch(/^heap at the highest RSS the bot logged \(\d+ MB, once a second\): \d+ MB used of \d+ MB/m);
    expect({
      'conversations lost': figure(output, 'conversations lost'),
      'acknowledged turns lost': figure(output, 'acknowledged turns lost'),
      'duplicate activities': figure(output, 'duplicate activities'),
      crashes: figure(output, 'crashes'),
    }).toEqual({ 'conversations lost': 0, 'acknowledged turns lost': 0, 'duplicate activities': 0, crashes: 0 });
    expect(output).toMatch(/^restart: down for \d+ ms; streams reconnected 20 of 20$/m);
    expect(output).toMatch(/^attacker: \d+ requests \(.*token route 429: \d+/m);
    expect(output).toMatch(/activity over the size limit 413: \d+/);
    expect(code).toBe(0);
  }, 180_000);
});
