import * as fs from 'fs';
import * as path from 'path';

/**
 * The folder holding package.json, found by walking up from `from`: the same answer whether the code runs from
 * `src/` (tests) or `dist/src/` (after the build), so personas/, rules/ and data/ resolve alike.
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`findRepoRoot: no package.json above ${from}`);
    dir = parent;
  }
}
