/**
 * Reads the classifier's rule files (`rules/nl.yaml`, `rules/en.yaml`), validates them against
 * `rules/rules.schema.json` and hands them to the pure classifier core.
 *
 * @example
 * const classifier = loadDefaultClassifier();
 * classifier.classify('Ik bel u donderdag voor 12 uur terug.', 'nl').labels; // ['make_agreement']
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { createClassifier, type InspectableClassifier } from '../core/classifier';
import type { ClassifierRules, RuleSet } from '../core/classifier';
import { LANGS } from '../core/techniques';

export const RULES_SCHEMA_FILE = 'rules.schema.json';

/** The folder holding package.json, found by walking up from this file (works from src/ and dist/src/). */
export function findRepoRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`findRepoRoot: no package.json above ${start}`);
    dir = up;
  }
}

export function defaultRulesDir(): string {
  return path.join(findRepoRoot(), 'rules');
}

function describe(file: string, e: ErrorObject): string {
  let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)';
  let msg = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    field = field === '(root)' ? String(extra) : `${field}.${extra}`;
    msg = 'is not a known field';
  } else if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty?: string }).missingProperty;
    field = field === '(root)' ? String(missing) : `${field}.${missing}`;
    msg = 'is required';
  } else if (e.keyword === 'enum') {
    msg = `must be one of ${(e.params as { allowedValues?: unknown[] }).allowedValues?.join(', ')}`;
  }
  return `${file}: ${field}: ${msg}`;
}

/** Validates one parsed rule file; returns readable problems ("nl.yaml: rules.3.label: must be one of ..."). */
export function validateRuleSet(data: unknown, file: string, schema: object): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // oneOf/if noise last; the specific errors first.
  const specific = errors.filter((e) => e.keyword !== 'oneOf');
  return (specific.length > 0 ? specific : errors).slice(0, 10).map((e) => describe(file, e));
}

/**
 * Reads and validates both rule files. Throws an Error naming the file and the field on any
 * problem, including pattern errors found when compiling.
 */
export function loadClassifierRules(rulesDir: string = defaultRulesDir()): ClassifierRules {
  const schemaPath = path.join(rulesDir, RULES_SCHEMA_FILE);
  if (!fs.existsSync(schemaPath)) throw new Error(`loadClassifierRules: ${schemaPath} is missing`);
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
  const out: Partial<ClassifierRules> = {};
  for (const lang of LANGS) {
    const file = `${lang}.yaml`;
    const full = path.join(rulesDir, file);
    if (!fs.existsSync(full)) throw new Error(`loadClassifierRules: ${full} is missing`);
    let data: unknown;
    try {
      data = parse(fs.readFileSync(full, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: (yaml): ${(e as Error).message}`);
    }
    const problems = validateRuleSet(data, file, schema);
    if (problems.length > 0) throw new Error(`Invalid rule file ${file}:\n  ${problems.join('\n  ')}`);
    const set = data as RuleSet;
    if (set.lang !== lang) throw new Error(`${file}: lang: must be "${lang}"`);
    out[lang] = set;
  }
  return out as ClassifierRules;
}

let cached: InspectableClassifier | null = null;

/** The classifier built from the repository's rule files; built once, then reused. */
export function loadDefaultClassifier(): InspectableClassifier {
  if (!cached) {
    const rules = loadClassifierRules();
    try {
      cached = createClassifier(rules);
    } catch (e) {
      throw new Error(`rules: ${(e as Error).message}`);
    }
  }
  return cached;
}
