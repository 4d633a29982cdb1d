/**
 * Reads the classifier's rule files (`rules/nl.yaml`, `rules/en.yaml`), validates them against
 * `rules/rules.schema.json` and hands them to the pure classifier core.
 *
 * @example
 * const classifier = loadDefaultClassifier();
 * classifier.classify('Ik bel u donderdag voor 12 uur terug.', 'nl').labels; // ['make_agreement']
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  createClassifier,
  LANGS,
  type ClassifierRules,
  type InspectableClassifier,
  type Lang,
  type LearnedModel,
  type RuleSet,
} from '../core';
import { findRepoRoot } from '../repoRoot';
import { validateRuleSet } from './schemaValidation';
import { loadLearnedModel } from './learnedModels';

export const RULES_SCHEMA_FILE = 'rules.schema.json';

export { findRepoRoot, validateRuleSet };

export function defaultRulesDir(): string {
  return path.join(findRepoRoot(), 'rules');
}

function readSchemaText(rulesDir: string): string {
  const schemaPath = path.join(rulesDir, RULES_SCHEMA_FILE);
  if (!fs.existsSync(schemaPath)) throw new Error(`loadClassifierRules: ${schemaPath} is missing`);
  return fs.readFileSync(schemaPath, 'utf8');
}

/** Where validated rule files are cached as JSON, keyed by a hash of the YAML and the schema. */
export const DEFAULT_RULE_CACHE_DIR = path.join(os.tmpdir(), 'deescalation-classifier-rules');

function readCache(cacheDir: string | null, key: string): RuleSet | null {
  if (!cacheDir) return null;
  try {
    return JSON.parse(fs.readFileSync(path.join(cacheDir, `${key}.json`), 'utf8')) as RuleSet;
  } catch {
    return null;
  }
}

function writeCache(cacheDir: string | null, key: string, set: RuleSet): void {
  if (!cacheDir) return;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = path.join(cacheDir, `${key}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(set));
    fs.renameSync(tmp, path.join(cacheDir, `${key}.json`));
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

/**
 * Reads and validates one language's rule file; throws an Error naming the file and the field.
 * YAML parsing is the slowest part of a cold start, so a file that validated before (same bytes,
 * same schema) is read back from a JSON cache; pass `cacheDir: null` to always parse.
 */
export function loadRuleFile(
  rulesDir: string,
  lang: Lang,
  schemaText: string = readSchemaText(rulesDir),
  cacheDir: string | null = DEFAULT_RULE_CACHE_DIR,
): RuleSet {
  const file = `${lang}.yaml`;
  const full = path.join(rulesDir, file);
  if (!fs.existsSync(full)) throw new Error(`loadClassifierRules: ${full} is missing`);
  const text = fs.readFileSync(full, 'utf8');
  const key = `${lang}-${crypto.createHash('sha256').update(schemaText).update('\0').update(text).digest('hex').slice(0, 32)}`;
  const cached = readCache(cacheDir, key);
  if (cached && cached.lang === lang) return cached;
  let data: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: a cached cold start needs no yaml
    data = (require('yaml') as typeof import('yaml')).parse(text);
  } catch (e) {
    throw new Error(`${file}: (yaml): ${(e as Error).message}`);
  }
  const problems = validateRuleSet(data, file, JSON.parse(schemaText) as object);
  if (problems.length > 0) throw new Error(`Invalid rule file ${file}:\n  ${problems.join('\n  ')}`);
  const set = data as RuleSet;
  if (set.lang !== lang) throw new Error(`${file}: lang: must be "${lang}"`);
  writeCache(cacheDir, key, set);
  return set;
}

/**
 * Reads and validates both rule files. Throws an Error naming the file and the field on any
 * problem, including pattern errors found when compiling.
 */
export function loadClassifierRules(
  rulesDir: string = defaultRulesDir(),
  cacheDir: string | null = null,
): ClassifierRules {
  const schemaText = readSchemaText(rulesDir);
  const out: Partial<ClassifierRules> = {};
  for (const lang of LANGS) out[lang] = loadRuleFile(rulesDir, lang, schemaText, cacheDir);
  return out as ClassifierRules;
}

let cached: InspectableClassifier | null = null;

/**
 * The classifier built from the repository's rule files and learned models (`rules/learned-<lang>.json`, the
 * learned second opinion on the rules); built once, then reused. Each language's files are read, validated and
 * compiled on the first reply in that language (YAML parsing is the slowest part of a cold start; a validated copy
 * is cached as JSON in the temp folder, keyed by a hash of the file and schema); errors name the file and field
 * then. Call `loadClassifierRules()` to check both rule files eagerly (the tests do).
 */
export function loadDefaultClassifier(options: { cacheDir?: string | null } = {}): InspectableClassifier {
  if (!cached) {
    const dir = defaultRulesDir();
    const cacheDir = options.cacheDir === undefined ? DEFAULT_RULE_CACHE_DIR : options.cacheDir;
    let schemaText: string | null = null;
    const sets: Partial<ClassifierRules> = {};
    const get = (lang: Lang): RuleSet => {
      schemaText ??= readSchemaText(dir);
      return (sets[lang] ??= loadRuleFile(dir, lang, schemaText, cacheDir));
    };
    const lazyRules: ClassifierRules = {
      get nl() {
        return get('nl');
      },
      get en() {
        return get('en');
      },
    };
    const learned: Partial<Record<Lang, LearnedModel | null>> = {
      get nl() {
        return loadLearnedModel(dir, 'nl', cacheDir);
      },
      get en() {
        return loadLearnedModel(dir, 'en', cacheDir);
      },
    };
    cached = createClassifier(lazyRules, { lazy: true, learned });
  }
  return cached;
}

/** The rules alone, without the learned layer: what the rules' own examples and the corrections test. */
export function loadRulesOnlyClassifier(rulesDir: string = defaultRulesDir()): InspectableClassifier {
  return createClassifier(loadClassifierRules(rulesDir));
}
