/**
 * The project's import graph, read with the TypeScript compiler's own import scanner (`ts.preProcessFile`: every
 * `import`, `import type`, `export … from` and `require`), and the checks the architecture test runs on it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** One import: the file that writes it, what it writes, and the project file it resolves to. */
export interface ImportEdge {
  from: string;
  specifier: string;
  to: string;
}

/** Repository-relative paths with forward slashes, e.g. `dialogs/mainDialog.ts`. */
export type ImportGraph = ImportEdge[];

export interface Layer {
  name: string;
  /** The files of the layer: a folder (ending in `/`) or single files. */
  files: readonly string[];
  /** The files other layers may import; empty: no other layer may import this one. */
  surface: readonly string[];
  /** The layers this one may import (through their surface). */
  mayImport: readonly string[];
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [full] : [];
  });
}

function resolve(root: string, fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package
  const base = path.resolve(root, path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile())
      return path.relative(root, candidate).split(path.sep).join('/');
  }
  return undefined;
}

/** The imports of every TypeScript file under `folders` (relative to `root`) that point at another project file. */
export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const edges: ImportGraph = [];
  for (const folder of folders) {
    for (const file of walk(path.join(root, folder))) {
      const from = path.relative(root, file).split(path.sep).join('/');
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const { fileName: specifier } of importedFiles) {
        const to = resolve(root, from, specifier);
        if (to) edges.push({ from, specifier, to });
      }
    }
  }
  return edges;
}

export function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  return layers.find((layer) => layer.files.some((f) => (f.endsWith('/') ? file.startsWith(f) : file === f)));
}

/** Every import that goes up, sideways into a layer not allowed, past a layer's surface, or out of the layers. */
export function layerViolations(graph: ImportGraph, layers: readonly Layer[]): string[] {
  const problems: string[] = [];
  for (const { from, specifier, to } of graph) {
    const source = layerOf(from, layers);
    if (!source) continue;
    const target = layerOf(to, layers);
    if (target === source) continue;
    if (!target) problems.push(`${from} imports '${specifier}' (${to}), which belongs to no layer`);
    else if (!source.mayImport.includes(target.name))
      problems.push(`${from} imports '${specifier}': ${source.name} may not import ${target.name}`);
    else if (!target.surface.includes(to))
      problems.push(
        `${from} imports '${specifier}': past the surface of ${target.name} (import ${target.surface.join(' or ')})`,
      );
  }
  return problems;
}

/** Each import cycle once, as the chain of files that closes it (`a.ts → b.ts → a.ts`). */
export function importCycles(graph: ImportGraph): string[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of graph) next.set(from, [...(next.get(from) ?? []), to]);
  const cycles = new Set<string>();
  const done = new Set<string>();
  const visit = (file: string, trail: string[]) => {
    const at = trail.indexOf(file);
    if (at >= 0) {
      const loop = trail.slice(at);
      // The same loop found from another file reads alike: start it at its smallest file.
      const start = loop.indexOf([...loop].sort()[0]);
      const ordered = [...loop.slice(start), ...loop.slice(0, start)];
      cycles.add([...ordered, ordered[0]].join(' → '));
      return;
    }
    if (done.has(file)) return;
    for (const to of next.get(file) ?? []) visit(to, [...trail, file]);
    done.add(file);
  };
  for (const file of next.keys()) visit(file, []);
  return [...cycles].sort();
}
