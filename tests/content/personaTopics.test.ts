import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { defaultPersonaDir, loadPersonaLibrary } from '../../src/content/personaLibrary';
import type { Persona } from '../../src/core/persona/types';

const library = loadPersonaLibrary();
const passport = library.personas.find((p) => p.id === 'municipal-passport')!;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp persona folder holding the real schemas and common.yaml and one edited copy of municipal-passport. */
function problemsAfter(edit: (p: Persona) => void): Array<{ field: string; message: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topics-'));
  dirs.push(dir);
  for (const f of ['persona.schema.json', 'common.schema.json', 'common.yaml'])
    fs.copyFileSync(path.join(defaultPersonaDir(), f), path.join(dir, f));
  const copy = structuredClone(passport);
  edit(copy);
  fs.writeFileSync(path.join(dir, `${copy.id}.yaml`), stringify(copy));
  const lib = loadPersonaLibrary(dir);
  return lib.problems.map(({ field, message }) => ({ field, message }));
}

describe('the persona validator checks topics and offers, naming file and field', () => {
  it('passes the shipped personas', () => {
    expect(library.problems).toEqual([]);
  });

  it.each<[string, (p: Persona) => void, string, RegExp]>([
    [
      'a topic without English cues',
      (p) => void (p.topics![0].cues!.en = []),
      'topics.0.cues.en',
      /must NOT have fewer than 1 items/,
    ],
    [
      'an answer using a fact the persona does not have',
      (p) => void (p.topics![1].answers.nl.tense = ['Om {boardingTime}.']),
      'topics.1.answers.nl.tense.0',
      /fact \{boardingTime\} is not defined in slots.nl/,
    ],
    [
      'an offer answer using an unknown fact',
      (p) => void (p.offers![0].answers.en = ['Ready on {collectionDay}?']),
      'offers.0.answers.en.0',
      /fact \{collectionDay\} is not defined in slots.en/,
    ],
    [
      'a cue that does not compile',
      (p) => void (p.topics![2].cues!.nl = ['waar ~5 @noSuchLexicon']),
      'topics.2.cues.nl.0',
      /cue does not compile: unknown lexicon "@noSuchLexicon"/,
    ],
    [
      'a topic whose repeated fact is missing',
      (p) => void (p.topics![3].fact = 'partySize'),
      'topics.3.fact',
      /fact "partySize" is not defined/,
    ],
    [
      'a fact the shared topics need',
      (p) => {
        delete p.slots.nl.tried;
        delete p.slots.en.tried;
      },
      'slots.nl.tried',
      /the shared topic "tried" in common.yaml uses this fact/,
    ],
    [
      'a deadline fact that is no weekday',
      (p) => void (p.slots.en.today = ['soon']),
      'slots.en.today.0',
      /"soon" is not a weekday/,
    ],
    ['too few topics of its own', (p) => void (p.topics = p.topics!.slice(0, 3)), 'topics', /at least 8 of its own/],
    [
      'an answer without a tense mood',
      (p) => void delete (p.topics![0].answers.en as Partial<Record<string, string[]>>).tense,
      'topics.0.answers.en.tense',
      /missing/,
    ],
  ])('%s', (_, edit, field, message) => {
    const problems = problemsAfter(edit);
    const found = problems.find((p) => p.field === field);
    expect(found, JSON.stringify(problems)).toBeDefined();
    expect(found!.message).toMatch(message);
  });
});
