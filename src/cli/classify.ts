/**
 * Classifies trainee replies from JSON lines on stdin.
 *
 *   npm run --silent classify -- --lang nl [--explain] < replies.jsonl
 *
 * Input:  {"id": ..., "text": "..."} per line (empty lines skipped).
 * Output: {"id": ..., "labels": [...]} per line, in order; with --explain also "evidence", "signals" and, when the
 * learned layer dropped an escalating rule label, "overruled".
 * A malformed line gives {"id":null,"labels":[],"error":"<reason>"} and the run continues.
 */
import * as readline from 'readline';
import { loadDefaultClassifier } from '../content';
import { isLang, type Lang } from '../core';
import { endQuietlyWhenOutputCloses } from './closedPipe';

endQuietlyWhenOutputCloses();

const USAGE = 'usage: classify [--lang nl|en] [--explain]  (JSON lines {"id","text"} on stdin)\n';

interface Args {
  lang: Lang;
  explain: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  let lang: Lang = 'nl';
  let explain = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--explain') explain = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!isLang(v)) return `invalid --lang ${JSON.stringify(v ?? '')}`;
      lang = v;
    } else if (a === '--help' || a === '-h') return '';
    else return `unknown argument ${JSON.stringify(a)}`;
  }
  return { lang, explain };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    if (args) process.stderr.write(`classify: ${args}\n`);
    process.stderr.write(USAGE);
    process.exitCode = args ? 2 : 0;
    return;
  }
  const classifier = loadDefaultClassifier();
  try {
    classifier.classify('', args.lang); // loads and checks the rule file now, not on the first line
  } catch (e) {
    process.stderr.write(`classify: ${(e as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (line.trim() === '') return;
    let out: Record<string, unknown>;
    try {
      const row: unknown = JSON.parse(line);
      if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new Error('line is not a JSON object');
      const { id, text } = row as { id?: unknown; text?: unknown };
      if (typeof text !== 'string') throw new Error('field "text" must be a string');
      const c = classifier.classify(text, args.lang);
      out = { id: id ?? null, labels: c.labels };
      if (args.explain) {
        out.evidence = c.details;
        // Escalating rule labels the learned layer did not count (only when it is switched on and dropped one).
        if (c.overruled) out.overruled = c.overruled;
        out.signals = c.signals;
        if (c.truncated) out.note = c.note;
      }
    } catch (e) {
      out = { id: null, labels: [], error: (e as Error).message };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  });
}

main();
