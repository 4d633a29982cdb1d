/**
 * Versions of the content a role-play runs on, as short content hashes: the same bytes give the same version on
 * every machine and every start, any edit gives another. A stored role-play keeps the versions it ran on
 * (SessionRecord.versions), so a trainer can tell an old record from one played on the edited content.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { LANGS, type Lang } from '../core';
import { defaultRulesDir } from './classifierRules';
import { learnedModelFile } from './learnedModels';

/** Hex characters kept of the SHA-256: plenty to tell a few hundred edits apart. */
const VERSION_LENGTH = 12;

/** One version for several texts (or their hashes), in order. */
export function contentVersion(...parts: string[]): string {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, VERSION_LENGTH);
}

/**
 * The version of each language's judgement in `dir`: its rule file (`rules/<lang>.yaml`) and, when there is one, its
 * learned model (`rules/learned-<lang>.json`), which changes labels too. A missing rule file has version ''.
 */
export function loadRuleVersions(dir: string = defaultRulesDir()): Record<Lang, string> {
  const versions = {} as Record<Lang, string>;
  for (const lang of LANGS) {
    const file = path.join(dir, `${lang}.yaml`);
    const model = path.join(dir, learnedModelFile(lang));
    const parts = fs.existsSync(model) ? [fs.readFileSync(model, 'utf8')] : [];
    versions[lang] = fs.existsSync(file) ? contentVersion(fs.readFileSync(file, 'utf8'), ...parts) : '';
  }
  return versions;
}
