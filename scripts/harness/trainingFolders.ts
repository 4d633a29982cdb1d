/**
 * Where the sets are: the fixtures in the repository, and the shared eval folder beside the repository if there is
 * one (`../shared/eval`, or one level further up from a worktree under `wt/`; `--eval-dir` or EVAL_DIR override it).
 * Training reads the fixtures only; the eval folder is for sets asked for by name.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { SetFolders } from './classifierSets';

export function trainingFolders(root: string, evalDir?: string): SetFolders {
  const candidates = [
    evalDir,
    process.env.EVAL_DIR,
    path.join(root, '..', 'shared', 'eval'),
    path.join(root, '..', '..', 'shared', 'eval'),
  ].filter((d): d is string => typeof d === 'string' && d !== '');
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'dev-nl.jsonl')));
  const fixturesDir = path.join(root, 'tests', 'fixtures', 'classifier');
  return found ? { evalDir: path.resolve(found), fixturesDir } : { fixturesDir };
}
