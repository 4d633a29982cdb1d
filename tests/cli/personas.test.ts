import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPersonaDir, loadPersonaLibrary } from '../../src/content/personaLibrary';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'personas.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(cli)) {
    // tsc still emits when another module has type errors; what matters is that the CLI is there.
    spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  }
  if (!fs.existsSync(cli)) throw new Error(`build did not produce ${cli}`);
}, 120_000);

describe('personas CLI', () => {
  const library = loadPersonaLibrary();
  const ids = library.personas.map((p) => p.id);

  it('list prints one id per line, sorted, and nothing else', () => {
    const r = run('list');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${[...ids].sort().join('\n')}\n`);
  });

  it('validate reports the count and exits 0 for the shipped personas', () => {
    const r = run('validate');
    expect(r.stdout.trim()).toBe(`${ids.length} personas valid`);
    expect(r.code).toBe(0);
  });

  it('show prints a trainer summary in the chosen language', () => {
    const id = ids[0];
    const nl = run('show', id);
    expect(nl.code).toBe(0);
    expect(nl.stdout).toContain('Behoefte achter de klacht');
    expect(nl.stdout).toContain(library.personas[0]?.customer.name.nl);
    const en = run('show', id, '--lang', 'en');
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Need behind the complaint');
    expect(en.stdout).toContain(library.personas[0]?.need.en);
    expect(run('show', 'no-such-persona').code).toBe(1);
    expect(run('show', id, '--lang', 'de').code).toBe(2);
  });

  it('an unknown command prints usage on stderr and exits 2', () => {
    const r = run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/usage: personas/);
    expect(run().code).toBe(2);
  });

  describe('with a broken persona', () => {
    let dir = '';
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'personas-cli-'));
      const src = defaultPersonaDir();
      for (const f of ['persona.schema.json', 'common.schema.json', 'common.yaml', `${ids[0]}.yaml`]) {
        fs.copyFileSync(path.join(src, f), path.join(dir, f));
      }
      const text = fs.readFileSync(path.join(src, `${ids[0]}.yaml`), 'utf8');
      fs.writeFileSync(
        path.join(dir, 'broken.yaml'),
        text.replace(`id: ${ids[0]}`, 'id: broken').replace(/start: \d+/, 'start: 120'),
      );
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('validate prints file: field: message and exits 1', () => {
      const r = run('validate', '--dir', dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('broken.yaml: anger.start: must be <= 95');
      expect(r.stdout).toMatch(/^1 personas valid, 1 problems$/m);
    });

    it('list still prints the valid ids only', () => {
      const r = run('list', '--dir', dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${ids[0]}\n`);
    });
  });
});
