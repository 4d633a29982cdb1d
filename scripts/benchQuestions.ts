/**
 * Does the customer answer what was asked? For every persona with topics and both languages, plays
 * the persona's question set (scripts/questionSets/<id>.yaml: at least 12 questions per language,
 * phrased in several ways, some about things the persona cannot know) through the core, each as
 * the first reply of a fresh role-play, and prints the share answered on the asked topic.
 *
 *   npm run bench:questions [-- --persona <id>]
 *
 * A question the persona cannot know counts as answered when the customer says so (`unknown`).
 * Misses are named with the topic the customer answered instead. Target: 90% or more everywhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { startSession, takeTurn, type Lang } from '../src/core';
import { findRepoRoot, loadDefaultClassifier, loadPersonaLibrary } from '../src/content';

/** The share every persona and language should reach. */
const TARGET = 0.9;
/** What a question about something the persona cannot know expects. */
export const UNKNOWN = 'unknown';

interface Question {
  q: string;
  topic: string;
}
type QuestionSet = Record<Lang, Question[]>;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function main(): number {
  const library = loadPersonaLibrary();
  for (const problem of library.problems)
    console.error(`persona problem: ${problem.file}: ${problem.field}: ${problem.message}`);
  const classifier = loadDefaultClassifier();
  const dir = path.join(findRepoRoot(), 'scripts', 'questionSets');
  const only = option('persona');
  const rows: string[] = [];
  const misses: string[] = [];
  const missingSets: string[] = [];
  let belowTarget = 0;
  for (const persona of library.personas) {
    if (only && persona.id !== only) continue;
    if (!persona.topics || persona.topics.length === 0) continue;
    const file = path.join(dir, `${persona.id}.yaml`);
    if (!fs.existsSync(file)) {
      missingSets.push(persona.id);
      continue;
    }
    const set = parse(fs.readFileSync(file, 'utf8')) as QuestionSet;
    const stage = { persona, common: library.common, classifier };
    const cells: string[] = [];
    for (const lang of ['nl', 'en'] as const) {
      const questions = set[lang] ?? [];
      let hits = 0;
      questions.forEach((question, i) => {
        const session = startSession(stage, { lang, seed: i + 1, now: 0 });
        const { turn } = takeTurn(stage, session, question.q, 20_000);
        const got = turn.answered ?? (turn.reaction.includes('topicLines.unknown') ? UNKNOWN : `(${turn.reaction})`);
        if (got === question.topic) hits += 1;
        else
          misses.push(
            `${persona.id} ${lang}: "${question.q}" expected ${question.topic}, got ${got}: "${turn.customerText}"`,
          );
      });
      const share = questions.length > 0 ? hits / questions.length : 0;
      if (share < TARGET || questions.length < 12) belowTarget += 1;
      cells.push(`${lang} ${hits}/${questions.length} ${(share * 100).toFixed(0).padStart(3)}%`);
    }
    rows.push(`${persona.id.padEnd(22)} ${cells.join('   ')}`);
  }
  console.log('persona                answered on the asked topic (nl, en)');
  for (const row of rows) console.log(row);
  if (missingSets.length > 0) console.log(`\nno question set: ${missingSets.join(', ')}`);
  console.log(misses.length > 0 ? `\nmisses:\n  ${misses.join('\n  ')}` : '\nno misses');
  console.log(
    belowTarget === 0
      ? `\nall at or above ${TARGET * 100}%`
      : `\n${belowTarget} persona-language pairs below ${TARGET * 100}%`,
  );
  return belowTarget === 0 && missingSets.length === 0 ? 0 : 1;
}

process.exitCode = main();
