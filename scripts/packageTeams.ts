/**
 * Builds the Microsoft Teams app package (the zip a user uploads to Teams) from `appPackage/`:
 *
 * 1. reads the settings from the environment (and `.env` at the repo root): `MicrosoftAppId` (the bot's app
 *    id, required), `TEAMS_APP_ID` (optional, see {@link readPackageSettings}), `PUBLIC_URL` (optional, its
 *    host goes into `validDomains`); the app version comes from package.json;
 * 2. fills the `${{NAME}}` placeholders of `manifest.json`;
 * 3. validates the manifest and `nl-nl.json` against the JSON schemas that `@microsoft/app-manifest` ships
 *    (offline; nothing is fetched), checks that the localization covers every command, and checks the icons'
 *    sizes and the outline icon's transparency;
 * 4. writes `manifest.json`, `nl-nl.json`, `color.png` and `outline.png` at the root of
 *    `dist/teams/deescalation-practice-bot.zip` (or `--out <dir>`), and prints the path.
 *
 * Any problem stops it with an error that names the field or file.
 *
 * @example
 * npm run package:teams
 * node dist/scripts/packageTeams.js --out /tmp/teams
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import JSZip from 'jszip';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { AppManifestUtils, type TeamsManifestV1D30 } from '@microsoft/app-manifest';
import { loadDotEnv, repoRoot } from '../src/config';

/** The manifest as this package writes it (schema 1.30). */
export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;

/** Name of the zip written to the output folder. */
export const PACKAGE_FILE_NAME = 'deescalation-practice-bot.zip';
/** The files at the root of the zip, in this order. */
export const PACKAGE_FILES = ['manifest.json', 'nl-nl.json', 'color.png', 'outline.png'] as const;
/** Pixel sizes Teams demands: a 192×192 full-colour icon and a 32×32 white-on-transparent outline. */
export const ICON_SIZES = Object.freeze({ 'color.png': 192, 'outline.png': 32 });

/**
 * Namespace of the name-based (v5) GUID that stands in for TEAMS_APP_ID when it is not set. Fixed forever:
 * changing it would give every existing installation a new app id.
 */
export const TEAMS_APP_ID_NAMESPACE = '7d916bab-a3f5-4192-a67d-5feed4a09fcf';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

/** A problem that stops packaging; `problems` lists every one found, each naming its field or file. */
export class TeamsPackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Teams app package not written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TeamsPackageError';
  }
}

export interface PackageSettings {
  /** manifest `id`: TEAMS_APP_ID, or a GUID derived from the bot id. */
  teamsAppId: string;
  /** True when TEAMS_APP_ID was absent and {@link teamsAppId} was derived from the bot id. */
  teamsAppIdDerived: boolean;
  /** `bots[0].botId`: MicrosoftAppId, the bot's Microsoft Entra app id. */
  botId: string;
  /** manifest `version` (semver), from package.json. */
  appVersion: string;
  /** Host of PUBLIC_URL, for `validDomains`; undefined when PUBLIC_URL is not set. */
  publicHost?: string;
  /** PUBLIC_URL without a trailing slash: the bot serves its privacy statement and terms of use there. */
  publicUrl?: string;
}

/**
 * Reads the packaging settings from an environment. TEAMS_APP_ID, when absent, becomes a name-based (v5-style)
 * GUID of the bot id, so the same bot always gets the same Teams app id and re-uploading updates the app
 * instead of adding a second one; set TEAMS_APP_ID to choose another.
 *
 * @throws TeamsPackageError naming each missing or malformed variable.
 */
export function readPackageSettings(env: NodeJS.ProcessEnv, appVersion: string): PackageSettings {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const botId = value('MicrosoftAppId');
  if (!botId)
    problems.push("MicrosoftAppId: required, the bot's Microsoft App ID (a GUID) from its Azure Bot resource");
  else if (!GUID.test(botId)) problems.push(`MicrosoftAppId: must be a GUID, got "${botId}"`);

  const explicitAppId = value('TEAMS_APP_ID');
  if (explicitAppId && !GUID.test(explicitAppId)) problems.push(`TEAMS_APP_ID: must be a GUID, got "${explicitAppId}"`);

  let publicHost: string | undefined;
  const publicUrl = value('PUBLIC_URL')?.replace(/\/+$/, '');
  if (publicUrl) {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
      publicHost = url.hostname;
    } catch {
      problems.push(`PUBLIC_URL: must be an absolute http(s) URL such as https://bot.example.org, got "${publicUrl}"`);
    }
  }

  if (!/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(appVersion))
    problems.push(`package.json version: must be semver, got "${appVersion}"`);
  if (problems.length > 0) throw new TeamsPackageError(problems);

  const bot = (botId as string).toLowerCase();
  return {
    botId: bot,
    teamsAppId: explicitAppId ? explicitAppId.toLowerCase() : nameBasedGuid(TEAMS_APP_ID_NAMESPACE, bot),
    teamsAppIdDerived: !explicitAppId,
    appVersion,
    ...(publicHost ? { publicHost, publicUrl } : {}),
  };
}

/** The template's stand-in links (example.org), to be replaced before publishing. */
function isPlaceholderUrl(url: unknown): boolean {
  return typeof url === 'string' && new URL(url).hostname === 'example.org';
}

/** RFC 4122 name-based GUID (version 5, SHA-1) of `name` in `namespace`. */
export function nameBasedGuid(namespace: string, name: string): string {
  if (!GUID.test(namespace)) throw new Error(`nameBasedGuid: namespace must be a GUID, got "${namespace}"`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Replaces every `${{NAME}}` in `text` with `values[NAME]`.
 *
 * @throws TeamsPackageError naming each placeholder without a value.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, file: string): string {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) missing.add(name);
    return v ?? whole;
  });
  if (missing.size > 0)
    throw new TeamsPackageError([...missing].map((name) => `${file}: no value for the placeholder \${{${name}}}`));
  return filled;
}

/** The filled manifest: placeholders replaced and `validDomains` set to PUBLIC_URL's host (or empty). */
export function buildManifest(template: string, settings: PackageSettings): TeamsManifest {
  const text = fillPlaceholders(
    template,
    { TEAMS_APP_ID: settings.teamsAppId, BOT_ID: settings.botId, APP_VERSION: settings.appVersion },
    'manifest.json',
  );
  const manifest = parseJson(text, 'manifest.json') as TeamsManifest;
  manifest.validDomains = settings.publicHost ? [settings.publicHost] : [];
  // The bot serves its own privacy statement and terms (src/server/aboutPages.ts): use them for placeholder links.
  if (settings.publicUrl) {
    const own = {
      websiteUrl: `${settings.publicUrl}/`,
      privacyUrl: `${settings.publicUrl}/privacy`,
      termsOfUseUrl: `${settings.publicUrl}/terms`,
    };
    for (const key of Object.keys(own) as (keyof typeof own)[]) {
      if (isPlaceholderUrl(manifest.developer[key])) manifest.developer[key] = own[key];
    }
  }
  return manifest;
}

/** Folder of the JSON schemas that @microsoft/app-manifest ships for `manifestVersion` (e.g. "1.30"). */
export function bundledSchemaDir(manifestVersion: string): string {
  const dir = path.join(
    path.dirname(require.resolve('@microsoft/app-manifest')),
    'json-schemas',
    'teams',
    `v${manifestVersion}`,
  );
  if (!fs.existsSync(path.join(dir, 'MicrosoftTeams.schema.json'))) {
    throw new TeamsPackageError([
      `manifestVersion: @microsoft/app-manifest ships no schema for "${manifestVersion}" (looked in ${dir})`,
    ]);
  }
  return dir;
}

/**
 * Validates a filled manifest against the bundled schema of its `manifestVersion` with the package's own
 * validator (`AppManifestUtils.validateAgainstSchema`, draft-04 ajv). The schema is passed in, so nothing is
 * fetched. Returns one message per problem, each starting with the JSON path of the field; empty when valid.
 */
export async function validateManifest(manifest: TeamsManifest): Promise<string[]> {
  const version = String(manifest.manifestVersion);
  const expectedSchemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  const problems: string[] = [];
  if (manifest.$schema !== expectedSchemaUrl)
    problems.push(`$schema: must be ${expectedSchemaUrl} to match manifestVersion ${version}`);
  const schema = readJson(path.join(bundledSchemaDir(version), 'MicrosoftTeams.schema.json'));
  const errors = await AppManifestUtils.validateAgainstSchema(
    manifest,
    schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
  return [...problems, ...errors.map((e) => `manifest.json ${e.trim()}`)];
}

/**
 * Validates a localization file (e.g. nl-nl.json) against the bundled localization schema, and checks that
 * it translates exactly the manifest's commands: a title and a description for each, keys for no command
 * that does not exist, and the same titles (the bot understands the command words only as written).
 *
 * The package's validator cannot compile this schema (one of its patterns is not a valid Unicode regular
 * expression), so this uses a draft-04 ajv with `unicodeRegExp: false`, otherwise configured like the package's.
 */
export function validateLocalization(
  localization: Record<string, unknown>,
  manifest: TeamsManifest,
  file: string,
): string[] {
  const schema = readJson(
    path.join(bundledSchemaDir(String(manifest.manifestVersion)), 'MicrosoftTeams.Localization.schema.json'),
  );
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema as object);
  const problems = validate(localization)
    ? []
    : (validate.errors ?? []).map((e) =>
        `${file} ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`.trim(),
      );

  const expected = new Map<string, string>();
  (manifest.bots ?? []).forEach((bot, b) =>
    (bot.commandLists ?? []).forEach((list, l) =>
      list.commands.forEach((command, c) => {
        const key = `bots[${b}].commandLists[${l}].commands[${c}]`;
        expected.set(`${key}.title`, command.title);
        expected.set(`${key}.description`, command.description ?? '');
      }),
    ),
  );
  for (const [key, english] of expected) {
    const translated = localization[key];
    if (typeof translated !== 'string' || translated.trim() === '')
      problems.push(`${file} "${key}": missing; the manifest has "${english}"`);
    else if (key.endsWith('.title') && translated !== english)
      problems.push(
        `${file} "${key}": must stay "${english}" (the bot only understands the command as written), got "${translated}"`,
      );
  }
  for (const key of Object.keys(localization)) {
    if (key.startsWith('bots[') && !expected.has(key))
      problems.push(`${file} "${key}": the manifest has no such command`);
  }
  return problems;
}

/** A decoded PNG: its IHDR fields and, for 8-bit images, the pixels as RGBA. */
export interface PngImage {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  /** width × height × 4 bytes; present for 8-bit non-palette, non-interlaced images (what resvg writes). */
  rgba?: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads a PNG's header and, where it can, its pixels. @throws Error when the data is not a PNG. */
export function readPng(data: Buffer): PngImage {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('readPng: not a PNG file');
  }
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const bitDepth = data[24];
  const colorType = data[25];
  const interlace = data[28];
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (bitDepth !== 8 || interlace !== 0 || channels === undefined) return { width, height, bitDepth, colorType };

  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= data.length;) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('readPng: image data is truncated');
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`readPng: unknown filter type ${filter} on row ${y}`);
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, a] =
      channels >= 3 ? [p[0], p[1], p[2], channels === 4 ? p[3] : 255] : [p[0], p[0], p[0], channels === 2 ? p[1] : 255];
    rgba.set([r, g, b, a], i * 4);
  }
  return { width, height, bitDepth, colorType, rgba };
}

/**
 * Checks the icons Teams checks on upload: each a PNG of {@link ICON_SIZES}; the outline icon white on a
 * transparent background (corners fully transparent, every visible pixel white).
 */
export function checkIcons(icons: Readonly<Record<keyof typeof ICON_SIZES, Buffer>>): string[] {
  const problems: string[] = [];
  for (const [name, size] of Object.entries(ICON_SIZES) as [keyof typeof ICON_SIZES, number][]) {
    let png: PngImage;
    try {
      png = readPng(icons[name]);
    } catch {
      problems.push(`${name}: not a PNG file`);
      continue;
    }
    if (png.width !== size || png.height !== size)
      problems.push(`${name}: must be ${size}×${size} pixels, is ${png.width}×${png.height}`);
    if (name !== 'outline.png') continue;
    if (!png.rgba || (png.colorType !== 4 && png.colorType !== 6)) {
      problems.push('outline.png: must be an 8-bit PNG with an alpha channel (white on transparent)');
      continue;
    }
    const alphaAt = (x: number, y: number) => png.rgba![(y * png.width + x) * 4 + 3];
    const last = png.width - 1;
    if ([alphaAt(0, 0), alphaAt(last, 0), alphaAt(0, last), alphaAt(last, last)].some((a) => a !== 0)) {
      problems.push('outline.png: the background must be transparent (a corner pixel is not)');
    }
    for (let i = 0; i < png.width * png.height; i++) {
      const [r, g, b, a] = png.rgba.subarray(i * 4, i * 4 + 4);
      if (a > 0 && Math.min(r, g, b) < 240) {
        problems.push(
          `outline.png: only white may be drawn, pixel (${i % png.width}, ${Math.floor(i / png.width)}) is rgb(${r}, ${g}, ${b})`,
        );
        break;
      }
    }
  }
  return problems;
}

export interface PackageOptions {
  /** Environment with MicrosoftAppId, TEAMS_APP_ID, PUBLIC_URL. */
  env: NodeJS.ProcessEnv;
  /** Folder with manifest.json, nl-nl.json and the icons; default `<repo>/appPackage`. */
  appDir?: string;
  /** Folder the zip is written to; default `<repo>/dist/teams`. */
  outDir?: string;
  /** manifest `version`; default package.json's version. */
  appVersion?: string;
}

export interface PackageResult {
  zipPath: string;
  manifest: TeamsManifest;
  settings: PackageSettings;
  /** Things a deployer should know that do not stop packaging (derived app id, placeholder URLs). */
  warnings: string[];
}

/**
 * Fills, validates and zips the app package. The zip is reproducible: same inputs, same bytes.
 *
 * @throws TeamsPackageError listing every problem found.
 */
export async function packageTeamsApp(options: PackageOptions): Promise<PackageResult> {
  const root = repoRoot(__dirname);
  const appDir = options.appDir ?? path.join(root, 'appPackage');
  const outDir = options.outDir ?? path.join(root, 'dist', 'teams');
  const appVersion =
    options.appVersion ?? String((readJson(path.join(root, 'package.json')) as { version?: unknown }).version);

  const settings = readPackageSettings(options.env, appVersion);
  const manifest = buildManifest(fs.readFileSync(path.join(appDir, 'manifest.json'), 'utf8'), settings);
  const localization = parseJson(fs.readFileSync(path.join(appDir, 'nl-nl.json'), 'utf8'), 'nl-nl.json') as Record<
    string,
    unknown
  >;
  const icons = {
    'color.png': fs.readFileSync(path.join(appDir, 'color.png')),
    'outline.png': fs.readFileSync(path.join(appDir, 'outline.png')),
  };

  const problems = [
    ...(await validateManifest(manifest)),
    ...validateLocalization(localization, manifest, 'nl-nl.json'),
    ...checkIcons(icons),
    ...checkReferencedFiles(manifest),
  ];
  if (problems.length > 0) throw new TeamsPackageError(problems);

  const zip = new JSZip();
  const date = new Date(Date.UTC(2020, 0, 1));
  const contents: Record<(typeof PACKAGE_FILES)[number], Buffer | string> = {
    'manifest.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'nl-nl.json': `${JSON.stringify(localization, null, 2)}\n`,
    ...icons,
  };
  for (const name of PACKAGE_FILES) zip.file(name, contents[name], { date });
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, PACKAGE_FILE_NAME);
  fs.writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }));

  const warnings: string[] = [];
  if (settings.teamsAppIdDerived)
    warnings.push(
      `TEAMS_APP_ID is not set; using ${settings.teamsAppId}, derived from the bot id (stable for this bot)`,
    );
  if (!settings.publicHost) warnings.push('PUBLIC_URL is not set; validDomains is empty');
  const placeholderUrls = Object.entries(manifest.developer)
    .filter(([key, url]) => key.endsWith('Url') && isPlaceholderUrl(url))
    .map(([key]) => `developer.${key}`);
  if (placeholderUrls.length > 0) {
    warnings.push(
      `${placeholderUrls.join(', ')} still point at example.org; set PUBLIC_URL (the bot serves /privacy and /terms) or change them in appPackage/manifest.json before publishing`,
    );
  }
  return { zipPath, manifest, settings, warnings };
}

/** Every file the manifest names (icons, localization files) must be one the package contains. */
function checkReferencedFiles(manifest: TeamsManifest): string[] {
  const inZip = new Set<string>(PACKAGE_FILES);
  const referenced: [string, string | undefined][] = [
    ['icons.color', manifest.icons.color],
    ['icons.outline', manifest.icons.outline],
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l, i): [string, string] => [
      `localizationInfo.additionalLanguages[${i}].file`,
      l.file,
    ]),
  ];
  return referenced
    .filter(([, file]) => file !== undefined && !inZip.has(file))
    .map(([field, file]) => `manifest.json ${field}: "${file}" is not in the package`);
}

function readJson(file: string): unknown {
  return parseJson(fs.readFileSync(file, 'utf8'), file);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TeamsPackageError([`${file}: not valid JSON (${(error as Error).message})`]);
  }
}

const USAGE = `Usage: node dist/scripts/packageTeams.js [--out <dir>]

Writes <dir>/${PACKAGE_FILE_NAME} (default dist/teams) for upload to Microsoft Teams.
Settings (environment or .env): MicrosoftAppId (required), TEAMS_APP_ID, PUBLIC_URL. See appPackage/README.md.`;

/**
 * The command line: returns the exit code. Without `env`, reads `.env` at the repo root into process.env
 * (variables already set win) and uses process.env.
 */
export async function main(
  argv: readonly string[],
  env?: NodeJS.ProcessEnv,
  out: Pick<Console, 'log' | 'error'> = console,
): Promise<number> {
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      out.log(USAGE);
      return 0;
    }
    if (arg === '--out' && argv[i + 1]) outDir = path.resolve(argv[++i]);
    else {
      out.error(`packageTeams: unknown argument "${arg}"\n${USAGE}`);
      return 2;
    }
  }
  if (env === undefined) {
    loadDotEnv();
    env = process.env;
  }
  try {
    const result = await packageTeamsApp({ env, ...(outDir ? { outDir } : {}) });
    for (const warning of result.warnings) out.error(`warning: ${warning}`);
    out.log(result.zipPath);
    return 0;
  } catch (error) {
    out.error(
      error instanceof TeamsPackageError ? error.message : `packageTeams: ${(error as Error).stack ?? String(error)}`,
    );
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
