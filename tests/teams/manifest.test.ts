import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { afterAll, describe, expect, it } from 'vitest';
import { helpText, parseCommand } from '../../dialogs/commands';
import { repoRoot } from '../../src/config';
import {
  PACKAGE_FILES,
  TeamsPackageError,
  buildManifest,
  bundledSchemaDir,
  checkIcons,
  fillPlaceholders,
  main,
  nameBasedGuid,
  packageTeamsApp,
  readPackageSettings,
  readPng,
  validateLocalization,
  validateManifest,
  type TeamsManifest,
} from '../../scripts/packageTeams';
import { TEAMS_ICONS, renderIcon } from '../../scripts/renderTeamsIcons';

const APP_DIR = path.join(repoRoot(__dirname), 'appPackage');
const BOT_ID = '0b5e2d4a-1c3f-4e6a-9b8d-7f2e1a3c5d7e';
const TEAMS_APP_ID = 'f3a1c2b4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const ENV = { MicrosoftAppId: BOT_ID, TEAMS_APP_ID, PUBLIC_URL: 'https://oefenbalie.example.org/chat' };

const template = fs.readFileSync(path.join(APP_DIR, 'manifest.json'), 'utf8');
const localization = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'nl-nl.json'), 'utf8')) as Record<string, string>;
const filled = () => buildManifest(template, readPackageSettings(ENV, '1.2.3'));

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Width and height from the IHDR chunk, read here without the script's decoder. */
function ihdrSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(file);
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(data.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('appPackage/manifest.json', () => {
  it('is a template with placeholders for the app id, the bot id and the version', () => {
    expect(template).toContain('"id": "${{TEAMS_APP_ID}}"');
    expect(template).toContain('"botId": "${{BOT_ID}}"');
    expect(template).toContain('"version": "${{APP_VERSION}}"');
  });

  it('filled, validates against the schema bundled with @microsoft/app-manifest with zero errors', async () => {
    const manifest = filled();
    expect(manifest.manifestVersion).toBe('1.30');
    expect(bundledSchemaDir('1.30')).toContain(path.join('node_modules', '@microsoft', 'app-manifest'));
    expect(await validateManifest(manifest)).toEqual([]);
    // The same through the package's own entry point, given the bundled schema file explicitly (offline).
    const schema = JSON.parse(
      fs.readFileSync(path.join(bundledSchemaDir('1.30'), 'MicrosoftTeams.schema.json'), 'utf8'),
    ) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
    expect(await AppManifestUtils.validateAgainstSchema(manifest, schema)).toEqual([]);
  });

  it('has every placeholder filled from the settings', () => {
    const manifest = filled();
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(['oefenbalie.example.org']);
  });

  it('describes a conversational bot for personal, group chat and team scopes that sends files (reports, after consent)', () => {
    const bot = filled().bots?.[0];
    expect(bot?.scopes).toEqual(expect.arrayContaining(['personal', 'groupChat', 'team']));
    expect(bot?.scopes).toHaveLength(3);
    expect(bot).toMatchObject({ supportsFiles: true, isNotificationOnly: false });
    expect(filled().localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'nl-nl', file: 'nl-nl.json' }],
    });
  });

  it('fails validation with a message naming the field', async () => {
    const broken = filled();
    broken.bots![0].botId = 'not-a-guid';
    broken.name.short = 'A name that is far too long for the Teams app bar';
    const problems = await validateManifest(broken);
    expect(problems.some((p) => p.includes('/bots/0/botId'))).toBe(true);
    expect(problems.some((p) => p.includes('/name/short'))).toBe(true);
  });

  it('rejects a $schema that does not match manifestVersion', async () => {
    const broken: TeamsManifest = {
      ...filled(),
      $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json',
    };
    expect(await validateManifest(broken)).toEqual([
      expect.stringContaining('$schema: must be https://developer.microsoft.com/json-schemas/teams/v1.30/'),
    ]);
  });
});

describe('packaging settings', () => {
  it('requires MicrosoftAppId and names it', () => {
    expect(() => readPackageSettings({}, '0.1.0')).toThrow(/MicrosoftAppId: required/);
    expect(() => readPackageSettings({ MicrosoftAppId: 'my-bot' }, '0.1.0')).toThrow(/MicrosoftAppId: must be a GUID/);
  });

  it('rejects a malformed TEAMS_APP_ID or PUBLIC_URL, naming each', () => {
    const attempt = () =>
      readPackageSettings({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '1234', PUBLIC_URL: 'bot.example.org' }, '0.1.0');
    expect(attempt).toThrow(TeamsPackageError);
    expect(attempt).toThrow(/TEAMS_APP_ID: must be a GUID[\s\S]*PUBLIC_URL: must be an absolute http\(s\) URL/);
  });

  it('derives a stable v5 GUID from the bot id when TEAMS_APP_ID is absent', () => {
    const first = readPackageSettings({ MicrosoftAppId: BOT_ID }, '0.1.0');
    const again = readPackageSettings({ MicrosoftAppId: BOT_ID.toUpperCase() }, '0.1.0');
    const other = readPackageSettings({ MicrosoftAppId: TEAMS_APP_ID }, '0.1.0');
    expect(first.teamsAppIdDerived).toBe(true);
    expect(first.teamsAppId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.teamsAppId).toBe(again.teamsAppId);
    expect(first.teamsAppId).not.toBe(BOT_ID);
    expect(other.teamsAppId).not.toBe(first.teamsAppId);
    expect(readPackageSettings(ENV, '0.1.0')).toMatchObject({ teamsAppId: TEAMS_APP_ID, teamsAppIdDerived: false });
  });

  it('computes RFC 4122 name-based GUIDs (the standard DNS example)', () => {
    expect(nameBasedGuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('names a placeholder that has no value', () => {
    expect(() =>
      fillPlaceholders(
        '{"id": "${{TEAMS_APP_ID}}", "x": "${{NOPE}}"}',
        { TEAMS_APP_ID: TEAMS_APP_ID },
        'manifest.json',
      ),
    ).toThrow('manifest.json: no value for the placeholder ${{NOPE}}');
  });

  it('leaves validDomains empty without PUBLIC_URL', () => {
    expect(buildManifest(template, readPackageSettings({ MicrosoftAppId: BOT_ID }, '0.1.0')).validDomains).toEqual([]);
  });
});

describe('icons', () => {
  it('are PNGs of exactly 192×192 (colour) and 32×32 (outline)', () => {
    expect(ihdrSize(path.join(APP_DIR, 'color.png'))).toEqual({ width: 192, height: 192 });
    expect(ihdrSize(path.join(APP_DIR, 'outline.png'))).toEqual({ width: 32, height: 32 });
  });

  it('outline is white on a transparent background', () => {
    const png = readPng(fs.readFileSync(path.join(APP_DIR, 'outline.png')));
    expect(png.colorType).toBe(6);
    const pixels = png.rgba!;
    let transparent = 0;
    const notWhite: number[] = [];
    for (let i = 0; i < 32 * 32; i++) {
      const [r, g, b, a] = pixels.subarray(i * 4, i * 4 + 4);
      if (a === 0) transparent++;
      else if (Math.min(r, g, b) < 240) notWhite.push(i);
    }
    expect(notWhite).toEqual([]);
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(transparent).toBeLessThan(32 * 32);
    expect([pixels[3], pixels[31 * 4 + 3], pixels[31 * 32 * 4 + 3], pixels[(32 * 32 - 1) * 4 + 3]]).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('colour icon is opaque full colour', () => {
    const png = readPng(fs.readFileSync(path.join(APP_DIR, 'color.png')));
    const pixels = png.rgba!;
    const colours = new Set<string>();
    let seeThrough = 0;
    for (let i = 0; i < 192 * 192; i++) {
      if (pixels[i * 4 + 3] !== 255) seeThrough++;
      colours.add(Array.from(pixels.subarray(i * 4, i * 4 + 3)).join());
    }
    expect(seeThrough).toBe(0);
    expect(colours.size).toBeGreaterThan(3);
  });

  it('pass the package check, which catches a wrong size and an opaque outline', () => {
    const color = fs.readFileSync(path.join(APP_DIR, 'color.png'));
    const outline = fs.readFileSync(path.join(APP_DIR, 'outline.png'));
    expect(checkIcons({ 'color.png': color, 'outline.png': outline })).toEqual([]);
    expect(checkIcons({ 'color.png': outline, 'outline.png': outline })).toEqual([
      'color.png: must be 192×192 pixels, is 32×32',
    ]);
    const opaque = renderIcon(fs.readFileSync(path.join(APP_DIR, 'icons', 'color.svg'), 'utf8'), 32);
    expect(checkIcons({ 'color.png': color, 'outline.png': opaque })).toEqual([
      'outline.png: the background must be transparent (a corner pixel is not)',
      expect.stringMatching(/^outline\.png: only white may be drawn/),
    ]);
    expect(checkIcons({ 'color.png': Buffer.from('GIF89a'), 'outline.png': outline })).toEqual([
      'color.png: not a PNG file',
    ]);
  });

  it.each(TEAMS_ICONS)('$png is up to date with $svg', (icon) => {
    const committed = readPng(fs.readFileSync(path.join(APP_DIR, icon.png))).rgba!;
    const fresh = readPng(renderIcon(fs.readFileSync(path.join(APP_DIR, icon.svg), 'utf8'), icon.size)).rgba!;
    expect(fresh.length).toBe(committed.length);
    const worst = committed.reduce((max, value, i) => Math.max(max, Math.abs(value - fresh[i])), 0);
    expect(worst, 'run: npm run build && node dist/scripts/renderTeamsIcons.js').toBeLessThanOrEqual(2);
  });
});

describe('command lists', () => {
  const lists = () => filled().bots![0].commandLists!;

  it('exist for the personal scope and for team and group chat', () => {
    expect(lists().map((l) => l.scopes)).toEqual([['personal'], ['team', 'groupChat']]);
  });

  it.each([0, 1])('list %i offers /start, /help and /stop, in English and in Dutch', (l) => {
    const titles = lists()[l].commands.map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(['/start', '/help', '/stop']));
    lists()[l].commands.forEach((command, c) => {
      const key = `bots[0].commandLists[${l}].commands[${c}]`;
      expect(localization[`${key}.title`]).toBe(command.title);
      expect(command.description).toBeTruthy();
      expect(localization[`${key}.description`], key).toBeTruthy();
      expect(localization[`${key}.description`], `${key} is not translated`).not.toBe(command.description);
    });
  });

  it('hold only commands the bot understands', () => {
    for (const command of lists().flatMap((l) => l.commands)) {
      expect(parseCommand(command.title)?.name, command.title).not.toBe('unknown');
    }
  });

  it('offer every command that /help explains', () => {
    const titles = new Set(lists().flatMap((l) => l.commands.map((c) => c.title)));
    const explained = new Set(helpText('en', 'shop-refund').match(/\/[a-z]+/g) ?? []);
    expect(explained.size).toBeGreaterThan(3);
    for (const command of explained)
      expect(titles.has(command), `${command} is in /help but not in the Teams command lists`).toBe(true);
  });

  it('nl-nl.json validates against the bundled localization schema and covers every command', () => {
    expect(localization['name.short']).not.toBe(filled().name.short);
    expect(validateLocalization(localization, filled(), 'nl-nl.json')).toEqual([]);
  });

  it('a missing translation, a changed command word or an unknown key is reported by key', () => {
    const broken: Record<string, unknown> = {
      ...localization,
      'bots[0].commandLists[0].commands[0].title': '/begin',
      'bots[0].commandLists[2].commands[0].title': '/x',
    };
    delete broken['bots[0].commandLists[1].commands[2].description'];
    broken['name.short'] = 'Een naam die veel te lang is voor de Teams-balk';
    expect(validateLocalization(broken, filled(), 'nl-nl.json')).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/name.short'),
        expect.stringContaining('"bots[0].commandLists[0].commands[0].title": must stay "/start"'),
        expect.stringContaining('"bots[0].commandLists[1].commands[2].description": missing'),
        expect.stringContaining('"bots[0].commandLists[2].commands[0].title": the manifest has no such command'),
      ]),
    );
  });
});

describe('package:teams', () => {
  it('writes a zip with exactly manifest.json, nl-nl.json, color.png and outline.png at its root', async () => {
    const outDir = tempDir();
    const result = await packageTeamsApp({ env: ENV, outDir });
    expect(result.zipPath).toBe(path.join(outDir, 'deescalation-practice-bot.zip'));
    const zip = await JSZip.loadAsync(fs.readFileSync(result.zipPath));
    expect(Object.keys(zip.files).sort()).toEqual([...PACKAGE_FILES].sort());
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as TeamsManifest;
    expect(manifest).toMatchObject({
      id: TEAMS_APP_ID,
      bots: [{ botId: BOT_ID }],
      validDomains: ['oefenbalie.example.org'],
    });
    expect(await validateManifest(manifest)).toEqual([]);
    expect(JSON.parse(await zip.file('nl-nl.json')!.async('string'))).toEqual(localization);
    expect(await zip.file('color.png')!.async('nodebuffer')).toEqual(fs.readFileSync(path.join(APP_DIR, 'color.png')));
    expect(await zip.file('outline.png')!.async('nodebuffer')).toEqual(
      fs.readFileSync(path.join(APP_DIR, 'outline.png')),
    );
    // PUBLIC_URL is set: the template's placeholder links become the bot's own pages.
    expect(manifest.developer).toMatchObject({
      websiteUrl: 'https://oefenbalie.example.org/chat/',
      privacyUrl: 'https://oefenbalie.example.org/chat/privacy',
      termsOfUseUrl: 'https://oefenbalie.example.org/chat/terms',
    });
    expect(result.warnings).toEqual([]);
  });

  it('warns about the placeholder links when there is no PUBLIC_URL to put in their place', async () => {
    const withoutUrl: NodeJS.ProcessEnv = { ...ENV };
    delete withoutUrl.PUBLIC_URL;
    const result = await packageTeamsApp({ env: withoutUrl, outDir: tempDir() });
    expect(result.warnings).toEqual([
      expect.stringContaining('PUBLIC_URL is not set'),
      expect.stringContaining(
        'developer.websiteUrl, developer.privacyUrl, developer.termsOfUseUrl still point at example.org; set PUBLIC_URL',
      ),
    ]);
  });

  it('writes the same bytes for the same inputs', async () => {
    const first = await packageTeamsApp({ env: ENV, outDir: tempDir() });
    const second = await packageTeamsApp({ env: ENV, outDir: tempDir() });
    expect(fs.readFileSync(first.zipPath)).toEqual(fs.readFileSync(second.zipPath));
  });

  it('stops without writing a zip when the manifest is invalid, naming the field', async () => {
    const appDir = tempDir();
    for (const file of fs.readdirSync(APP_DIR))
      if (file.includes('.')) fs.copyFileSync(path.join(APP_DIR, file), path.join(appDir, file));
    const manifest = JSON.parse(template) as { developer: { name: string } };
    manifest.developer.name = 'A developer name longer than thirty-two characters';
    fs.writeFileSync(path.join(appDir, 'manifest.json'), JSON.stringify(manifest));
    const outDir = path.join(tempDir(), 'out');
    await expect(packageTeamsApp({ env: ENV, appDir, outDir })).rejects.toThrow(
      /manifest\.json \/developer\/name must NOT have more than 32 characters/,
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('from the command line prints the zip path, or the problem and exit code 1', async () => {
    const outDir = tempDir();
    const lines: string[] = [];
    const errors: string[] = [];
    const out = { log: (line: string) => lines.push(line), error: (line: string) => errors.push(line) };
    expect(await main(['--out', outDir], { MicrosoftAppId: BOT_ID }, out)).toBe(0);
    expect(lines).toEqual([path.join(outDir, 'deescalation-practice-bot.zip')]);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warning: TEAMS_APP_ID is not set; using [0-9a-f-]{36}, derived from the bot id/),
      ]),
    );
    expect(fs.existsSync(lines[0])).toBe(true);

    errors.length = 0;
    expect(await main(['--out', outDir], {}, out)).toBe(1);
    expect(errors.join('\n')).toContain('MicrosoftAppId: required');
    expect(await main(['--bogus'], {}, out)).toBe(2);
  });
});
