#!/usr/bin/env node
// `npm start` runs this first: it compiles only when a source file is newer than the last build, so a start
// after `npm install` (which builds) takes about a second instead of a full TypeScript compile.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'dist', 'src', 'index.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['src', 'dialogs', 'scripts'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
const configs = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map(
  (f) => fs.statSync(path.join(root, f)).mtimeMs,
);
const newest = Math.max(...configs, ...sources.map(newestSource));
const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;

// `npm run build` passes --always. Each compile starts from an empty dist/, so a file that was moved or deleted in
// the sources cannot linger as a stale .js that Node resolves first (dist/src/core/techniques.js beside techniques/).
if (process.argv.includes('--always') || builtAt < newest) {
  if (!process.argv.includes('--always')) console.log('Compiling TypeScript (sources changed since the last build)…');
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  // Mark the build time so the next start can skip it.
  const now = new Date();
  fs.utimesSync(built, now, now);
}
