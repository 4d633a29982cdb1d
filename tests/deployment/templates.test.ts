/**
 * The deployment templates: main.bicep and its hand-written ARM twin azuredeploy.json must declare the same
 * parameters, resources and app settings; the app settings must be settings the bot reads (src/config.ts,
 * .env.example), secrets must be secure parameters / Key Vault references, and the platform choices of the issue
 * (Linux Node 20, HTTPS only, TLS 1.2, alwaysOn, no MultiTenant, Teams + Web Chat) must hold.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const bicep = readFileSync(path.join(root, 'deploymentTemplates', 'main.bicep'), 'utf8');
const arm = JSON.parse(readFileSync(path.join(root, 'deploymentTemplates', 'azuredeploy.json'), 'utf8')) as ArmTemplate;

interface ArmResource {
  type: string;
  apiVersion: string;
  name: string;
  condition?: string;
  properties?: Record<string, unknown>;
  sku?: Record<string, unknown>;
  kind?: string;
}
interface ArmTemplate {
  parameters: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[] }>;
  resources: ArmResource[];
  outputs: Record<string, unknown>;
}

// ---- a small reader for the parts of Bicep this template uses ----
interface BicepParam {
  name: string;
  type: string;
  secure: boolean;
  allowed?: string[];
  defaultValue?: string;
}
function bicepParams(text: string): BicepParam[] {
  const params: BicepParam[] = [];
  let decorators = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('@')) {
      decorators += `${line}\n`;
      if (line.startsWith('@allowed(['))
        while (!lines[i].trim().startsWith('])')) decorators += `${lines[++i].trim()}\n`;
      continue;
    }
    const match = /^param (\w+) (\w+)(?: = (.+))?$/.exec(line);
    if (match) {
      const allowed = /@allowed\(\[\n([\s\S]*?)\]\)/
        .exec(decorators)?.[1]
        .split('\n')
        .map((s) => s.trim().replace(/^'|'$/g, ''))
        .filter(Boolean);
      params.push({
        name: match[1],
        type: match[2],
        secure: decorators.includes('@secure()'),
        allowed,
        defaultValue: match[3],
      });
    }
    if (!line.startsWith('//')) decorators = '';
  }
  return params;
}
function bicepResources(text: string) {
  return [...text.matchAll(/^resource (\w+) '([^@']+)@([^']+)' = (if \(.*\) )?\{/gm)].map((m) => ({
    symbol: m[1],
    type: m[2],
    apiVersion: m[3],
    conditional: !!m[4],
  }));
}
/** The body of `resource <symbol> ...` up to its closing brace at column 0. */
function bicepResourceBody(text: string, symbol: string): string {
  const start = text.indexOf(`resource ${symbol} `);
  expect(start, `resource ${symbol} in main.bicep`).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf('\n}\n', start));
}
function bicepAppSettings(text: string): Record<string, string> {
  const body = bicepResourceBody(text, 'appSettings');
  const props = body.slice(body.indexOf('  properties: {'));
  return Object.fromEntries([...props.matchAll(/^ {4}(\w+): (.+)$/gm)].map((m) => [m[1], m[2]]));
}

const armSettings = arm.resources.find((r) => r.type === 'Microsoft.Web/sites/config')!.properties as Record<
  string,
  string
>;
const bicepSettings = bicepAppSettings(bicep);

/** Names src/config.ts reads (read.str('X'), read.bool('X', …), …). */
const configSource = readFileSync(path.join(root, 'src', 'config.ts'), 'utf8');
const configNames = new Set([...configSource.matchAll(/read\.\w+\('([A-Za-z_]+)'/g)].map((m) => m[1]));
/** Settings for App Service itself, not for the bot. */
const PLATFORM_SETTINGS = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT']);
const SECRET_SETTINGS = ['MicrosoftAppPassword', 'BLOB_CONNECTION_STRING', 'DIRECTLINE_SECRET'];

describe('main.bicep and azuredeploy.json agree', () => {
  it('declare the same parameters, types, defaults and allowed values', () => {
    const fromBicep = bicepParams(bicep);
    expect(fromBicep.map((p) => p.name)).toEqual(Object.keys(arm.parameters));
    for (const p of fromBicep) {
      const twin = arm.parameters[p.name];
      expect(twin.type, p.name).toBe(p.secure ? (p.type === 'object' ? 'secureObject' : 'securestring') : p.type);
      expect(twin.allowedValues, p.name).toEqual(p.allowed);
      if (p.defaultValue === undefined) expect(twin.defaultValue, p.name).toBeUndefined();
      else if (/^'[^']*'$/.test(p.defaultValue) && !p.defaultValue.includes('${'))
        expect(twin.defaultValue, p.name).toBe(p.defaultValue.slice(1, -1));
      else if (/^(\d+|true|false)$/.test(p.defaultValue))
        expect(twin.defaultValue, p.name).toBe(JSON.parse(p.defaultValue));
      else expect(String(twin.defaultValue), p.name).toMatch(/^\[.+\]$/); // an expression on both sides
    }
  });

  it('declare the same resources (type, API version, condition)', () => {
    const fromBicep = bicepResources(bicep)
      .map((r) => `${r.type}@${r.apiVersion}${r.conditional ? ' (if)' : ''}`)
      .sort();
    const fromArm = arm.resources.map((r) => `${r.type}@${r.apiVersion}${r.condition ? ' (if)' : ''}`).sort();
    expect(fromArm).toEqual(fromBicep);
  });

  it('set the same app settings', () => {
    expect(Object.keys(armSettings).sort()).toEqual(Object.keys(bicepSettings).sort());
    for (const [name, value] of Object.entries(bicepSettings)) {
      if (/^'[^'$]*'$/.test(value)) expect(armSettings[name], name).toBe(value.slice(1, -1));
    }
  });

  it('declare the same outputs', () => {
    const fromBicep = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
    expect(Object.keys(arm.outputs)).toEqual(fromBicep);
  });
});

describe('the deployment', () => {
  const one = (type: string) => {
    const found = arm.resources.filter((r) => r.type === type);
    expect(found, type).toHaveLength(1);
    return found[0];
  };

  it('runs a Linux web app on Node 20: HTTPS only, TLS 1.2, alwaysOn, no FTP, health check', () => {
    const plan = one('Microsoft.Web/serverfarms');
    expect(plan.properties!.reserved).toBe(true);
    expect(plan.sku!.capacity).toBe("[parameters('instanceCount')]");
    const site = one('Microsoft.Web/sites');
    expect(site.properties!.httpsOnly).toBe(true);
    expect(site.properties!.clientAffinityEnabled).toBe(false);
    expect(site.properties!.siteConfig).toMatchObject({
      linuxFxVersion: 'NODE|20-lts',
      alwaysOn: true,
      minTlsVersion: '1.2',
      ftpsState: 'Disabled',
      healthCheckPath: '/healthz',
    });
    expect(arm.parameters.appServicePlanSku.allowedValues).not.toContain('F1'); // alwaysOn needs Basic or higher
  });

  it('registers an Azure Bot that is never MultiTenant, with Teams and Web Chat on', () => {
    const bot = one('Microsoft.BotService/botServices');
    expect(bot.properties!.msaAppType).toBe("[parameters('msaAppType')]");
    expect(arm.parameters.msaAppType.allowedValues).toEqual(['SingleTenant', 'UserAssignedMSI']);
    expect(bicep).not.toMatch(/MultiTenant'/);
    expect(bot.properties!.endpoint).toMatch(/\/api\/messages'/);
    const channels = arm.resources
      .filter((r) => r.type === 'Microsoft.BotService/botServices/channels')
      .map((r) => r.properties!.channelName);
    expect(channels).toEqual(expect.arrayContaining(['MsTeamsChannel', 'WebChatChannel']));
  });

  it('keeps state in a private, TLS 1.2, HTTPS-only storage account with containers for state and transcripts', () => {
    const account = one('Microsoft.Storage/storageAccounts');
    expect(account.properties).toMatchObject({
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
    });
    const containers = arm.resources
      .filter((r) => r.type === 'Microsoft.Storage/storageAccounts/blobServices/containers')
      .map((r) => r.name);
    expect(containers.join(' ')).toContain("parameters('blobContainer')");
    expect(containers.join(' ')).toContain("variables('transcriptContainer')");
    expect(armSettings.STORAGE).toBe('blob');
    expect(armSettings.BLOB_CONTAINER).toBe("[parameters('blobContainer')]");
  });

  it('takes secrets as secure parameters and hands them to the app only as Key Vault references', () => {
    expect(arm.parameters.microsoftAppPassword.type).toBe('securestring');
    expect(arm.parameters.directLineSecret.type).toBe('securestring');
    const secretNames = arm.resources
      .filter((r) => r.type === 'Microsoft.KeyVault/vaults/secrets')
      .map((r) => /'([a-z-]+)'\)\]$/.exec(r.name)![1]);
    for (const name of SECRET_SETTINGS) {
      const value = armSettings[name];
      const referenced = /SecretName=([a-z-]+)\)/.exec(value)?.[1];
      expect(referenced, `${name} is a Key Vault reference`).toBeDefined();
      expect(secretNames, `${name}'s secret exists`).toContain(referenced);
      expect(bicepSettings[name]).toContain(`SecretName=${referenced})`);
    }
    // The connection string is built from the account's keys inside the template, never passed in.
    const blobSecret = arm.resources.find(
      (r) => r.name.includes("'blob-connection-string'") && r.type.endsWith('/secrets'),
    )!;
    expect(blobSecret.properties!.value).toContain('listKeys(');
    // The app may read its secrets.
    const role = one('Microsoft.Authorization/roleAssignments');
    expect(arm.parameters).not.toHaveProperty('blobConnectionString');
    expect(role.properties!.principalId).toContain('identity.principalId');
  });

  it('uses current API versions (2022 or later)', () => {
    for (const r of arm.resources)
      expect(Number(r.apiVersion.slice(0, 4)), `${r.type}@${r.apiVersion}`).toBeGreaterThanOrEqual(2022);
  });
});

describe('the app settings are what the bot reads', () => {
  it('src/config.ts reads every bot setting the template sets', () => {
    expect(configNames.size).toBeGreaterThan(10);
    const unknown = Object.keys(armSettings).filter((name) => !PLATFORM_SETTINGS.has(name) && !configNames.has(name));
    expect(unknown).toEqual([]);
  });

  it('sets everything production needs', () => {
    for (const name of [
      'MicrosoftAppType',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'MicrosoftAppTenantId',
      'STORAGE',
      'BLOB_CONNECTION_STRING',
      'BLOB_CONTAINER',
      'DEFAULT_LANG',
      'KEEP_TRANSCRIPTS',
      'PUBLIC_URL',
      'EMBEDDED_DIRECTLINE',
    ]) {
      expect(armSettings, name).toHaveProperty(name);
    }
  });

  it('serves the projector whenever asked, at any instanceCount: demo rooms travel through the shared store', () => {
    expect(armSettings.PROJECTOR).toBe("[string(parameters('enableProjector'))]");
    expect(bicepSettings.PROJECTOR).toBe('string(enableProjector)');
    expect([armSettings.STORAGE, armSettings.DEMO_FEED]).toEqual(['blob', 'store']);
  });

  const envExample = path.join(root, '.env.example');
  it('.env.example documents every bot setting the template sets, and only names the bot reads', () => {
    const documented = new Set(
      readFileSync(envExample, 'utf8')
        .split('\n')
        .map((line) => /^\s*#?\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1])
        .filter((name): name is string => !!name),
    );
    const missing = Object.keys(armSettings).filter((name) => !PLATFORM_SETTINGS.has(name) && !documented.has(name));
    expect(missing).toEqual([]);
    // Besides the bot's own settings, .env.example documents the Teams package script's one (not read by the bot).
    const packageScriptSettings = new Set(['TEAMS_APP_ID']);
    expect([...documented].filter((name) => !configNames.has(name) && !packageScriptSettings.has(name))).toEqual([]);
  });
});
