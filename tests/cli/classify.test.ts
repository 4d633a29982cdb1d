import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'classify.js');

function run(input: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8' });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    lines: r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

beforeAll(() => {
  if (!fs.existsSync(cli)) {
    // tsc still emits when another module has type errors; what matters is that the CLI is there.
    spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  }
  if (!fs.existsSync(cli)) throw new Error(`build did not produce ${cli}`);
}, 180_000);

describe('classify CLI', () => {
  it('writes one line per input line, in order, labels only (Dutch by default)', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Ik snap dat u boos bent. Wat is er precies gebeurd?' }),
      '',
      JSON.stringify({ id: 2, text: 'Regels zijn regels.' }),
      JSON.stringify({ id: 'c', text: 'Goedemorgen.' }),
    ].join('\n');
    const r = run(input);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      { id: 'a', labels: ['acknowledge_emotion', 'ask_question'] },
      { id: 2, labels: ['rules_speak'] },
      { id: 'c', labels: [] },
    ]);
  });

  it('classifies English with --lang en', () => {
    const r = run(JSON.stringify({ id: 'e1', text: 'Rules are rules, calm down.' }) + '\n', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([{ id: 'e1', labels: ['rules_speak', 'dismiss'] }]);
  });

  it('reports a malformed line and carries on', () => {
    const input = [
      '{not json',
      JSON.stringify({ id: 'x' }),
      '[1,2]',
      JSON.stringify({ id: 'ok', text: 'Ga door, ik luister.' }),
    ].join('\n');
    const r = run(input);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(4);
    for (const bad of r.lines.slice(0, 3)) {
      expect(bad).toMatchObject({ id: null, labels: [] });
      expect(typeof bad.error).toBe('string');
    }
    expect(r.lines[3]).toEqual({ id: 'ok', labels: ['listen'] });
  });

  it('adds evidence with --explain', () => {
    const text = 'Ik bel u donderdag voor 12 uur terug.';
    const r = run(JSON.stringify({ id: 1, text }) + '\n', '--explain');
    const line = r.lines[0] as {
      labels: string[];
      evidence: Array<{ id: string; evidence: Array<{ start: number; end: number; quote: string }> }>;
    };
    expect(line.labels).toEqual(['make_agreement']);
    const ev = line.evidence[0].evidence[0];
    expect(text.slice(ev.start, ev.end)).toBe(ev.quote);
  });

  it('rejects an invalid --lang with a usage message and exit code 2', () => {
    const r = run('', '--lang', 'fr');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage/);
    expect(r.stdout).toBe('');
  });
});
