/**
 * Reads the learned second opinion on the rules (`rules/learned-<lang>.json`, written by `npm run train:classifier`),
 * validates it against `rules/learned.schema.json` and checks that it compiles. Errors name the file and the field.
 * A missing file means the rules alone judge that language.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { compileLearnedModel, type Lang, type LearnedModel } from '../core';
import { validateRuleSet } from './schemaValidation';

export const LEARNED_SCHEMA_FILE = 'learned.schema.json';

export function learnedModelFile(lang: Lang): string {
  return `learned-${lang}.json`;
}

/** Validates one parsed model file; returns readable problems ("learned-nl.json: labels.listen.bias: must be number"). */
export function validateLearnedModel(data: unknown, file: string, schema: object, lang: Lang): string[] {
  const problems = validateRuleSet(data, file, schema);
  if (problems.length > 0) return problems;
  const model = data as LearnedModel;
  if (model.lang !== lang) return [`${file}: lang: must be "${lang}"`];
  try {
    compileLearnedModel(model);
  } catch (e) {
    return [`${file}: ${(e as Error).message}`];
  }
  return [];
}

/** A file that validated before (same bytes, same schema) is marked in the cache folder and not validated again. */
function validatedBefore(cacheDir: string | null, key: string): boolean {
  return cacheDir !== null && fs.existsSync(path.join(cacheDir, `${key}.ok`));
}

function markValidated(cacheDir: string | null, key: string): void {
  if (!cacheDir) return;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(path.join(cacheDir, `${key}.ok`), '');
  } catch {
    // A mark that cannot be written only costs speed.
  }
}

/**
 * Reads and validates one language's model file; null when there is none. Throws an Error naming the file and the
 * field when the file is broken.
 */
export function loadLearnedModel(rulesDir: string, lang: Lang, cacheDir: string | null = null): LearnedModel | null {
  const file = learnedModelFile(lang);
  const full = path.join(rulesDir, file);
  if (!fs.existsSync(full)) return null;
  const text = fs.readFileSync(full, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: (json): ${(e as Error).message}`);
  }
  const schemaPath = path.join(rulesDir, LEARNED_SCHEMA_FILE);
  if (!fs.existsSync(schemaPath)) throw new Error(`loadLearnedModel: ${schemaPath} is missing`);
  const schemaText = fs.readFileSync(schemaPath, 'utf8');
  const key = `learned-${lang}-${crypto.createHash('sha256').update(schemaText).update('\0').update(text).digest('hex').slice(0, 32)}`;
  if (!validatedBefore(cacheDir, key)) {
    const problems = validateLearnedModel(data, file, JSON.parse(schemaText) as object, lang);
    if (problems.length > 0) throw new Error(`Invalid model file ${file}:\n  ${problems.join('\n  ')}`);
    markValidated(cacheDir, key);
  }
  return data as LearnedModel;
}
