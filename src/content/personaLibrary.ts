/**
 * Loads the persona library: every `personas/<id>.yaml` plus the shared
 * fallback lines in `personas/common.yaml`, checked against the JSON schemas
 * and against what a schema cannot express (id = file name, unique ids, slots
 * defined for the language that uses them, both languages alike, placeholder
 * syntax). A broken file never stops the bot: it yields problems naming the
 * file and the field, and the valid personas still load.
 *
 * @example
 * const library = loadPersonaLibrary();
 * for (const p of library.problems) console.error(`${p.file}: ${p.field}: ${p.message}`);
 * const persona = findPersona(library, 'municipal-passport');
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { LANGS, type CommonLines, type CueVocabulary, type Lang, type Persona, type PersonaLines } from '../core';
import { findRepoRoot } from '../repoRoot';
import { defaultRulesDir, loadRuleFile } from './classifierRules';
import { contentVersion } from './contentVersion';
import type { PersonaProblem } from './personaProblem';
import { checkCommonTopicLines, checkTopics } from './personaTopics';

export interface PersonaLibrary {
  /** The valid personas, sorted by id. */
  personas: Persona[];
  /** Shared fallback lines; empty families when `common.yaml` is missing or broken. */
  common: CommonLines;
  problems: PersonaProblem[];
  /**
   * Each valid persona's version: a content hash of its file and the shared lines in `common.yaml` (both shape
   * what the customer says). A stored role-play keeps the version it ran on, so an edit shows in its record.
   */
  versions: Record<string, string>;
}

export const COMMON_FILE = 'common.yaml';
const PERSONA_SCHEMA_FILE = 'persona.schema.json';
const COMMON_SCHEMA_FILE = 'common.schema.json';

/** `{name}`: what `fillSlots` in the customer voice replaces. */
const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

export { findRepoRoot };

export function defaultPersonaDir(): string {
  return path.join(findRepoRoot(), 'personas');
}

/** Slot names used in a line, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** What is wrong with the braces in a line (`{ name}`, `{name`, `{{name}}`), or undefined when they are fine. */
export function placeholderSyntaxError(text: string): string | undefined {
  const rest = text.replace(PLACEHOLDER, '');
  const bad = /\{[^{}]*\}?|\}/.exec(rest);
  if (!bad) return undefined;
  return `invalid placeholder near "${bad[0].slice(0, 30)}": write {slotName} (a letter, then letters or digits)`;
}

interface Schemas {
  persona: ValidateFunction;
  common: ValidateFunction;
}

const schemaCache = new Map<string, Schemas>();

/** Compiles the two schemas once per persona folder (they live next to the personas). */
function schemasFor(dir: string): Schemas {
  const cached = schemaCache.get(dir);
  if (cached) return cached;
  const ajv = new Ajv({ allErrors: true, strict: true });
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as object;
  const schemas = { persona: ajv.compile(read(PERSONA_SCHEMA_FILE)), common: ajv.compile(read(COMMON_SCHEMA_FILE)) };
  schemaCache.set(dir, schemas);
  return schemas;
}

/** The lexicons and chat spellings of the classifier's rule files: what topic cues may use. */
function cueVocabulary(): Record<Lang, CueVocabulary> {
  const read = (lang: Lang): CueVocabulary => {
    const set = loadRuleFile(defaultRulesDir(), lang);
    return { lexicons: set.lexicons, ...(set.spellings ? { spellings: set.spellings } : {}) };
  };
  return { nl: read('nl'), en: read('en') };
}

function emptyCommon(): CommonLines {
  const lang = () => ({ pressing: {}, reactions: {}, escalation: {} });
  return { lines: { nl: lang(), en: lang() } };
}

/**
 * Reads and checks every persona in `dir` (default: `personas/` in the repo).
 * Never throws for a broken persona file; throws only when the folder or its
 * schemas cannot be read at all.
 */
export function loadPersonaLibrary(dir: string = defaultPersonaDir()): PersonaLibrary {
  const resolved = path.resolve(dir);
  const schemas = schemasFor(resolved);
  const problems: PersonaProblem[] = [];
  const files = fs
    .readdirSync(resolved)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

  let common = emptyCommon();
  if (!files.includes(COMMON_FILE)) {
    problems.push({ file: COMMON_FILE, field: '', message: 'missing: the shared fallback lines are needed' });
  }

  const personas: Persona[] = [];
  const seen = new Map<string, string>();
  const fileHashes = new Map<string, string>();
  let commonHash = '';
  for (const file of files) {
    const parsed = readYaml(resolved, file);
    if ('problems' in parsed) {
      problems.push(...parsed.problems);
      continue;
    }
    if (file === COMMON_FILE) {
      commonHash = parsed.hash;
      const found = checkCommon(file, parsed.data, schemas.common);
      problems.push(...found);
      if (found.length === 0) common = { ...(parsed.data as CommonLines), cueVocabulary: cueVocabulary() };
      continue;
    }
    const found = checkPersona(file, parsed.data, schemas.persona);
    if (found.length === 0) {
      const persona = parsed.data as Persona;
      const earlier = seen.get(persona.id);
      if (earlier) {
        found.push({ file, field: 'id', message: `duplicate id "${persona.id}", also used by ${earlier}` });
      } else {
        seen.set(persona.id, file);
        fileHashes.set(persona.id, parsed.hash);
        personas.push(persona);
      }
    }
    problems.push(...found);
  }
  personas.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Topics and offers are checked against the shared topics, so after common.yaml is read.
  const playable = personas.filter((persona) => {
    const found = checkTopics(`${persona.id}.yaml`, persona, common);
    problems.push(...found);
    return found.length === 0;
  });
  const versions = Object.fromEntries(
    playable.map((persona) => [persona.id, contentVersion(fileHashes.get(persona.id) ?? '', commonHash)]),
  );
  return { personas: playable, common, problems, versions };
}

/** The persona with this id, or undefined. */
export function findPersona(library: Pick<PersonaLibrary, 'personas'>, id: string): Persona | undefined {
  return library.personas.find((p) => p.id === id);
}

function readYaml(dir: string, file: string): { data: unknown; hash: string } | { problems: PersonaProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, file), 'utf8');
  } catch (err) {
    return { problems: [{ file, field: '', message: `cannot read: ${(err as Error).message}` }] };
  }
  // Parsing YAML is most of a cold start: a file read before (same bytes) comes back from a JSON copy.
  const key = crypto.createHash('sha256').update(text).digest('hex').slice(0, 32);
  const cached = readParsedCopy(key);
  if (cached !== undefined) return { data: cached, hash: key };
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        field: '',
        message: `YAML ${e.linePos ? `line ${e.linePos[0].line}: ` : ''}${e.message.split('\n')[0]}`,
      })),
    };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [{ file, field: '', message: 'the file must hold one mapping (key: value pairs)' }] };
  }
  writeParsedCopy(key, data);
  return { data, hash: key };
}

/** Where parsed persona files are kept as JSON, keyed by a hash of the file's bytes. */
const PARSED_COPY_DIR = path.join(os.tmpdir(), 'deescalation-personas');

function readParsedCopy(key: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(PARSED_COPY_DIR, `${key}.json`), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function writeParsedCopy(key: string, data: unknown): void {
  try {
    fs.mkdirSync(PARSED_COPY_DIR, { recursive: true });
    const tmp = path.join(PARSED_COPY_DIR, `${key}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, path.join(PARSED_COPY_DIR, `${key}.json`));
  } catch {
    // A copy that cannot be written only costs speed.
  }
}

function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function join(field: string, child: string): string {
  return field ? `${field}.${child}` : child;
}

/** Turns ajv's errors into problems a trainer can act on. */
function schemaProblems(file: string, errors: readonly ErrorObject[] | null | undefined): PersonaProblem[] {
  const out: PersonaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let field = pointerToField(e.instancePath);
    let message: string;
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        field = join(field, String(params.missingProperty));
        message = 'missing (required)';
        break;
      case 'additionalProperties':
        field = join(field, String(params.additionalProperty));
        message = 'unknown field (check the spelling; see docs/personas.md)';
        break;
      case 'enum':
        message = `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
        break;
      case 'propertyNames':
        // Reported together with the failing name by the `pattern` error that follows.
        continue;
      case 'pattern':
        message = e.propertyName
          ? `slot name "${e.propertyName}" must start with a letter and hold only letters and digits`
          : `must match ${String(params.pattern)}`;
        if (e.propertyName) field = join(field, e.propertyName);
        break;
      default:
        message = e.message ?? e.keyword;
    }
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, field, message });
  }
  return out;
}

type LinePaths = Array<{ field: string; text: string }>;

/** Every line with its field path, e.g. `lines.nl.reactions.acknowledged.2`. */
function collectLines(value: unknown, field: string, out: LinePaths = []): LinePaths {
  if (typeof value === 'string') out.push({ field, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => collectLines(v, `${field}.${i}`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectLines(v, join(field, k), out);
  }
  return out;
}

/** Line families (opening, pressing.tense, reactions.argued, ...) present in one language's lines. */
function familiesOf(lines: Partial<PersonaLines> | undefined): Set<string> {
  const out = new Set<string>();
  if (!lines) return out;
  if (lines.opening) out.add('opening');
  if (lines.resolved) out.add('resolved');
  for (const group of ['pressing', 'reactions', 'escalation'] as const) {
    for (const key of Object.keys(lines[group] ?? {})) out.add(`${group}.${key}`);
  }
  return out;
}

function otherLang(lang: Lang): Lang {
  return lang === 'nl' ? 'en' : 'nl';
}

/** Both languages hold the same line families, so a persona plays the same in Dutch and English. */
function languageParity(file: string, lines: Record<Lang, Partial<PersonaLines>>): PersonaProblem[] {
  const out: PersonaProblem[] = [];
  const fams = { nl: familiesOf(lines.nl), en: familiesOf(lines.en) };
  for (const lang of LANGS) {
    for (const fam of fams[lang]) {
      if (!fams[otherLang(lang)].has(fam)) {
        out.push({
          file,
          field: `lines.${otherLang(lang)}.${fam}`,
          message: `missing: lines.${lang}.${fam} exists, every line family needs both languages`,
        });
      }
    }
  }
  return out;
}

function checkPersona(file: string, data: unknown, validate: ValidateFunction): PersonaProblem[] {
  if (!validate(data)) return schemaProblems(file, validate.errors);
  const persona = data as Persona;
  const problems: PersonaProblem[] = [];
  const expectedId = file.replace(/\.ya?ml$/, '');
  if (persona.id !== expectedId) {
    problems.push({ file, field: 'id', message: `id "${persona.id}" must equal the file name "${expectedId}"` });
  }

  for (const lang of LANGS) {
    // Slot names: the same in both languages, values without placeholders of their own.
    const names = Object.keys(persona.slots[lang]);
    for (const name of names) {
      if (!(name in persona.slots[otherLang(lang)])) {
        problems.push({
          file,
          field: `slots.${otherLang(lang)}.${name}`,
          message: `missing: slot "${name}" is defined in ${lang} only`,
        });
      }
      persona.slots[lang][name]?.forEach((value, i) => {
        if (/[{}]/.test(value)) {
          problems.push({ file, field: `slots.${lang}.${name}.${i}`, message: 'a slot value cannot contain { or }' });
        }
      });
    }
    // Every line: braces well formed, every slot defined for this language.
    for (const { field, text } of collectLines(persona.lines[lang], `lines.${lang}`)) {
      const syntax = placeholderSyntaxError(text);
      if (syntax) problems.push({ file, field, message: syntax });
      for (const slot of placeholdersIn(text)) {
        if (!(slot in persona.slots[lang])) {
          problems.push({ file, field, message: `slot {${slot}} is not defined in slots.${lang}` });
        }
      }
    }
  }

  // Texts the trainer and trainee read are plain: no placeholders there.
  const plain: Array<[string, unknown]> = [
    ['title', persona.title],
    ['customer', persona.customer],
    ['briefing', persona.briefing],
    ['problem', persona.problem],
    ['need', persona.need],
    ['goodOutcome', persona.goodOutcome],
    ['canOffer', persona.canOffer],
    ['cannotOffer', persona.cannotOffer],
  ];
  for (const [name, value] of plain) {
    for (const { field, text } of collectLines(value, name)) {
      if (/[{}]/.test(text))
        problems.push({ file, field, message: 'placeholders only work in lines; write the text out' });
    }
  }
  for (const list of ['canOffer', 'cannotOffer'] as const) {
    if (persona[list].nl.length !== persona[list].en.length) {
      problems.push({
        file,
        field: `${list}.en`,
        message: `${persona[list].en.length} items in en but ${persona[list].nl.length} in nl: the lists are translations of each other`,
      });
    }
  }
  problems.push(...languageParity(file, persona.lines));
  return problems;
}

function checkCommon(file: string, data: unknown, validate: ValidateFunction): PersonaProblem[] {
  if (!validate(data)) return schemaProblems(file, validate.errors);
  const common = data as CommonLines;
  const problems: PersonaProblem[] = [];
  for (const lang of LANGS) {
    for (const { field, text } of collectLines(common.lines[lang], `lines.${lang}`)) {
      if (/[{}]/.test(text)) {
        problems.push({ file, field, message: 'shared lines cannot use {slots}: every persona has its own slots' });
      }
    }
  }
  problems.push(...languageParity(file, common.lines));
  problems.push(...checkCommonTopicLines(file, common));
  return problems;
}
