import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { importCycles, layerViolations, readImportGraph, type ImportGraph, type Layer } from '../support/importGraph';

/**
 * The layers, top to bottom, and what each may import. Imports run one way: index → server → bot → dialogs →
 * core, with content, storage and config below the bot and never imported by the core; the dialogs depend on
 * the core only (what else they need, they declare as interfaces in dialogs/dialogServices.ts). Each layer is
 * imported through its surface (its index file). Tests are outside the table: they may read any file.
 */
const LAYERS: readonly Layer[] = [
  {
    name: 'scripts',
    files: ['scripts/'],
    surface: [],
    mayImport: ['index', 'server', 'bot', 'dialogs', 'content', 'storage', 'config', 'core'],
  },
  // `corrections` reads the bot's storage (per config) to export what trainers corrected.
  { name: 'cli', files: ['src/cli/'], surface: [], mayImport: ['content', 'storage', 'config', 'core'] },
  {
    name: 'index',
    files: ['src/index.ts'],
    surface: ['src/index.ts'],
    mayImport: ['server', 'bot', 'content', 'storage', 'config', 'core'],
  },
  {
    name: 'server',
    files: ['src/server/'],
    surface: ['src/server/index.ts'],
    mayImport: ['bot', 'dialogs', 'content', 'storage', 'config', 'core'],
  },
  {
    name: 'bot',
    files: ['src/bot/'],
    surface: ['src/bot/index.ts'],
    mayImport: ['dialogs', 'content', 'storage', 'config', 'core'],
  },
  { name: 'dialogs', files: ['dialogs/'], surface: ['dialogs/index.ts'], mayImport: ['core'] },
  { name: 'content', files: ['src/content/'], surface: ['src/content/index.ts'], mayImport: ['config', 'core'] },
  { name: 'storage', files: ['src/storage/'], surface: ['src/storage/index.ts'], mayImport: ['config'] },
  {
    name: 'config',
    files: ['src/config.ts', 'src/logging.ts', 'src/repoRoot.ts'],
    surface: ['src/config.ts', 'src/logging.ts', 'src/repoRoot.ts'],
    mayImport: [],
  },
  { name: 'core', files: ['src/core/'], surface: ['src/core/index.ts'], mayImport: [] },
];

const ROOT = path.resolve(__dirname, '..', '..');
const graph = readImportGraph(ROOT, ['src', 'dialogs', 'scripts']);

describe('the import graph', () => {
  it('is read from the project (a sanity check on the reader)', () => {
    expect(graph.length).toBeGreaterThan(100);
    expect(graph).toContainEqual({ from: 'src/index.ts', specifier: './bot', to: 'src/bot/index.ts' });
  });

  it('runs one way: every import goes down the layer table, through the layer’s surface', () => {
    expect(layerViolations(graph, LAYERS)).toEqual([]);
  });

  it('has no cycles, type-only imports included', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps the product out of the tests', () => {
    expect(
      graph.filter(({ to }) => to.startsWith('tests/')).map(({ from, specifier }) => `${from} → ${specifier}`),
    ).toEqual([]);
  });
});

describe('the checks', () => {
  const edge = (from: string, specifier: string, to: string) => ({ from, specifier, to });

  it('name the file and the import that goes up', () => {
    const upward: ImportGraph = [edge('src/core/session/session.ts', '../../bot', 'src/bot/index.ts')];
    expect(layerViolations(upward, LAYERS)).toEqual([
      "src/core/session/session.ts imports '../../bot': core may not import bot",
    ]);
  });

  it('name an import that reaches past a layer’s surface', () => {
    const past: ImportGraph = [
      edge('dialogs/mainDialog.ts', '../src/core/report/renderEscape', 'src/core/report/renderEscape.ts'),
    ];
    expect(layerViolations(past, LAYERS)).toEqual([
      "dialogs/mainDialog.ts imports '../src/core/report/renderEscape': past the surface of core (import src/core/index.ts)",
    ]);
  });

  it('allow imports inside a layer and down through the surface', () => {
    const fine: ImportGraph = [
      edge('dialogs/mainDialog.ts', './texts', 'dialogs/texts.ts'),
      edge('dialogs/mainDialog.ts', '../src/core', 'src/core/index.ts'),
      edge('src/bot/createBot.ts', '../../dialogs', 'dialogs/index.ts'),
    ];
    expect(layerViolations(fine, LAYERS)).toEqual([]);
  });

  it('find a cycle of type-only imports and show it once', () => {
    const circle: ImportGraph = [
      edge('src/bot/progress.ts', './services', 'src/bot/services.ts'),
      edge('src/bot/services.ts', './progressStore', 'src/bot/progressStore.ts'),
      edge('src/bot/progressStore.ts', './progress', 'src/bot/progress.ts'),
      edge('src/bot/createBot.ts', './progress', 'src/bot/progress.ts'),
    ];
    expect(importCycles(circle)).toEqual([
      'src/bot/progress.ts → src/bot/services.ts → src/bot/progressStore.ts → src/bot/progress.ts',
    ]);
  });
});
