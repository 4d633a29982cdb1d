/**
 * Plays a scripted trainee against a persona and prints one JSON object.
 *
 *   npm run --silent simulate -- --persona <id> [--seed N] [--lang nl|en] [--difficulty easy|normal|hard]
 *
 * stdin: the trainee's replies, one per line; `/hint`, `/retry` and `/stop`
 * work as in the chat. stdout: {persona, lang, seed, difficulty, transcript, events, report}; a customer
 * entry names the persona topic it answered (`answered`) or the offer item it took up (`offer`).
 */
import * as readline from 'readline';
import { buildReport, isLang, playScript, type Difficulty, type Lang } from '../core';
import { findPersona, loadDefaultClassifier, loadPersonaLibrary } from '../content';
import { endQuietlyWhenOutputCloses } from './closedPipe';

endQuietlyWhenOutputCloses();

const USAGE =
  'usage: npm run --silent simulate -- --persona <id> [--seed N] [--lang nl|en] [--difficulty easy|normal|hard] < replies.txt';

interface Args {
  persona: string;
  seed: number;
  lang: Lang;
  difficulty?: Difficulty;
}

function parseArgs(argv: readonly string[]): Args | string {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    if (!flag.startsWith('--')) return `unexpected argument "${flag}"`;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    values[flag.slice(2)] = value;
    i += 1;
  }
  for (const key of Object.keys(values)) {
    if (!['persona', 'seed', 'lang', 'difficulty'].includes(key)) return `unknown option --${key}`;
  }
  if (!values.persona) return '--persona is required';
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) return `--seed must be a whole number, got "${values.seed}"`;
  const lang = values.lang ?? 'nl';
  if (!isLang(lang)) return `--lang must be nl or en, got "${lang}"`;
  const difficulty = values.difficulty;
  if (difficulty !== undefined && !['easy', 'normal', 'hard'].includes(difficulty))
    return `--difficulty must be easy, normal or hard, got "${difficulty}"`;
  return { persona: values.persona, seed, lang, ...(difficulty ? { difficulty: difficulty as Difficulty } : {}) };
}

async function readLines(): Promise<string[]> {
  const lines: string[] = [];
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of input) lines.push(line);
  return lines;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`simulate: ${args}\n${USAGE}\n`);
    return 2;
  }
  const library = loadPersonaLibrary();
  const persona = findPersona(library, args.persona);
  if (!persona) {
    const known = library.personas.map((p) => p.id).join(', ');
    process.stderr.write(`simulate: unknown persona "${args.persona}". Available: ${known}\n`);
    return 2;
  }
  const stage = { persona, common: library.common, classifier: loadDefaultClassifier() };
  const run = playScript(stage, await readLines(), args);
  const { session } = run;
  const output = {
    persona: persona.id,
    lang: session.lang,
    seed: session.seed,
    difficulty: session.difficulty,
    transcript: session.transcript.map(({ role, text, anger, labels }, i) => {
      // Entry 0 is the opening; after it, each turn is a trainee entry and the customer's answer.
      const turn = role === 'customer' && i > 0 ? session.turns[i / 2 - 1] : undefined;
      return {
        role,
        text,
        anger,
        labels,
        ...(turn?.answered ? { answered: turn.answered } : {}),
        ...(turn?.offer ? { offer: turn.offer } : {}),
        ...(turn?.promiseCannotKeep ? { promiseCannotKeep: turn.promiseCannotKeep } : {}),
      };
    }),
    events: run.events,
    report: buildReport(session, persona),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
