import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runPersonasCli } from '../../src/cli/personas';
import { defaultPersonaDir, loadPersonaLibrary } from '../../src/content/personaLibrary';
import { lintPersona, lintPersonaLibrary, MAX_LINE_CHARS } from '../../src/content/personaLint';
import type { Persona } from '../../src/core/persona/types';

const library = loadPersonaLibrary();
const passport = library.personas.find((p) => p.id === 'municipal-passport')!;
const gp = library.personas.find((p) => p.id === 'gp-phone')!;

/** The findings for an edited copy of a shipped persona. */
function findingsAfter(edit: (p: Persona) => void, base: Persona = passport) {
  const copy = structuredClone(base);
  edit(copy);
  return lintPersona(copy).map(({ file, field, message }) => ({ file, field, message }));
}

describe('the persona lint', () => {
  it('finds nothing in the shipped personas and common.yaml', () => {
    expect(lintPersonaLibrary(library)).toEqual([]);
  });

  it.each<[string, (p: Persona) => void, string, RegExp]>([
    [
      'a placeholder no fact fills',
      (p) => void (p.lines.nl.reactions.neutral![0] = 'Om {boardingTime}? Dat weet ik niet.'),
      'lines.nl.reactions.neutral.0',
      /\{boardingTime\} is never filled: no fact of that name in slots\.nl/,
    ],
    [
      'a writer’s leftover in square brackets',
      (p) => void (p.lines.en.opening[1] = 'I fly to [destination] on {flightDay}!'),
      'lines.en.opening.1',
      /"\[destination\]" looks like an unfilled placeholder/,
    ],
    [
      'a TODO in a topic answer',
      (p) => void (p.topics![0].answers.nl.tense = ['TODO: iets over de vlucht']),
      'topics.0.answers.nl.tense.0',
      /"TODO" looks like an unfilled placeholder/,
    ],
    [
      'two lines of one kind with the same opening words',
      (p) => void (p.lines.nl.pressing.tense![2] = 'Ik wil gewoon weten wanneer het klaar is.'),
      'lines.nl.pressing.tense.2',
      /starts like line 0 of the same kind \("ik wil…"\)/,
    ],
    [
      '"jongedame" to the trainee',
      (p) => void (p.lines.nl.reactions.counterAggression![0] = 'Zo praat u niet tegen mij, jongedame.'),
      'lines.nl.reactions.counterAggression.0',
      /"jongedame": addresses or describes the trainee or staff by gender/,
    ],
    [
      '"meneer" without a name',
      (p) => void (p.lines.nl.reactions.argued![1] = 'Luister eens, meneer. Die brief is nooit gekomen.'),
      'lines.nl.reactions.argued.1',
      /"meneer"\/"mevrouw" without a name/,
    ],
    [
      'the gender of the staff member behind the desk',
      (p) => void (p.lines.nl.reactions.defended![0] = 'Die vrouw achter de balie zei vorige week iets anders.'),
      'lines.nl.reactions.defended.0',
      /assumes the gender of the staff member/,
    ],
    [
      '"young man" in English',
      (p) => void (p.lines.en.reactions.counterAggression![2] = 'Watch your tone, young man.'),
      'lines.en.reactions.counterAggression.2',
      /"young man": addresses or describes the trainee or staff by gender/,
    ],
    [
      'the gender of a colleague over there',
      (p) =>
        void (p.offers![4].answers.en[2] = 'Right, so I get it today. I heard that, and so did that bloke over there.'),
      'offers.4.answers.en.2',
      /"that bloke over there": assumes the gender of a colleague nearby/,
    ],
    [
      'a gendered form of address in English',
      (p) => void (p.lines.en.reactions.neutral![1] = 'Interesting. And then, love?'),
      'lines.en.reactions.neutral.1',
      /a gendered form of address to the trainee/,
    ],
    [
      'a female job title in a fact',
      (p) => {
        p.slots.nl.clerk = ['die baliemedewerkster', 'de collega van Burgerzaken'];
        p.slots.en.clerk = ['the clerk', 'the person at civil affairs'];
      },
      'slots.nl.clerk.0',
      /"baliemedewerkster": a female job title/,
    ],
    [
      'a line too long for a chat bubble once the facts are filled in',
      (p) =>
        void (p.lines.en.pressing.calm![0] =
          'Right, so just to be sure: I go home, I pack, I come back tomorrow with the new photo, my old passport, the confirmation for the travel company and the tickets to {destination}, and then?'),
      'lines.en.pressing.calm.0',
      new RegExp(`characters with the longest facts filled in; a chat bubble holds ${MAX_LINE_CHARS}`),
    ],
    [
      'a kind with fewer lines in English than in Dutch',
      (p) => void p.lines.en.reactions.neutral!.pop(),
      'lines.en.reactions.neutral',
      /2 lines in en but 3 in nl/,
    ],
    [
      'fewer offer answers in English than in Dutch',
      (p) => void p.offers![1].answers.en.pop(),
      'offers.1.answers.en',
      /2 lines in en but 3 in nl/,
    ],
    [
      '"jij" from a customer who says "u"',
      (p) => void (p.lines.nl.reactions.neutral![2] = 'Wat moet ik nou met jouw informatie?'),
      'lines.nl.reactions.neutral.2',
      /"jouw": this customer says "u" to the desk everywhere else/,
    ],
    [
      'an offer item without a label',
      (p) => void delete p.offers![0].label,
      'offers.0.label',
      /missing: "urgent-application" needs a label in both languages/,
    ],
  ])('flags %s, naming file and field', (_what, edit, field, message) => {
    const findings = findingsAfter(edit).filter((f) => f.field === field);
    expect(findings.map((f) => f.file)).toContain('municipal-passport.yaml');
    expect(findings.map((f) => f.message).join('\n')).toMatch(message);
  });

  it('flags "u" from a customer who says "je" (gp-phone)', () => {
    const findings = findingsAfter((p) => void (p.lines.nl.reactions.neutral![0] = 'Hoort u wel wat ik zeg?'), gp);
    expect(findings.map((f) => `${f.file}: ${f.field}: ${f.message}`)).toEqual([
      'gp-phone.yaml: lines.nl.reactions.neutral.0: "u": this customer says "je" to the desk everywhere else',
    ]);
  });

  it('flags a shared line in "u" that a "je" customer falls back on, naming common.yaml', () => {
    const common = structuredClone(library.common);
    common.lines.nl.reactions.listenedTooLong = ['U knikt wel, maar zegt u ook nog iets?', 'Nu jij.', 'Hallo?'];
    const findings = lintPersona(gp, common).map((f) => `${f.file}: ${f.field}: ${f.message}`);
    expect(findings).toEqual([
      'gp-phone.yaml: common.yaml lines.nl.reactions.listenedTooLong.0: "U": this customer says "je" to the desk everywhere else',
    ]);
    // A "u" customer who falls back on the same line is fine; the "jij" line is not.
    expect(lintPersona(passport, common).map((f) => f.field)).toEqual([
      'common.yaml lines.nl.reactions.listenedTooLong.1',
    ]);
  });

  it.each([
    ['nl', 'a named person', 'Ik heb meneer Bulut twee keer gebeld.'],
    ['nl', 'a named person with a particle', 'Mevrouw El Idrissi zou me terugbellen.'],
    ['nl', "the customer's own family", 'Mijn man zou zich omdraaien in zijn graf!'],
    ['nl', 'another pupil the customer knows', 'Die jongen uit 1C duwde hem in de pauze.'],
    ['nl', 'generic "je" in a u-persona', 'U gaat mij niet vertellen hoe je twee getallen aftrekt.'],
    ['en', 'an older customer’s "dear"', 'Thank you, dear. That’s put my mind at rest.'],
    ['en', '"love" as a verb', 'I’d love to know who decided that.'],
    ['en', "the customer's own family", 'My husband always used to do this.'],
  ] as const)('%s: leaves %s alone', (lang, _what, line) => {
    expect(findingsAfter((p) => void (p.lines[lang].reactions.neutral![0] = line))).toEqual([]);
  });
});

describe('npm run personas -- lint', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const run = (argv: string[]) => {
    const out: string[] = [];
    const code = runPersonasCli(argv, { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out };
  };

  it('says the shipped library is clean and exits 0', () => {
    const { code, out } = run(['lint']);
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^\d+ personas and common\.yaml clean/);
  });

  it('prints every finding as "file: field: message" and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    dirs.push(dir);
    for (const f of ['persona.schema.json', 'common.schema.json', 'common.yaml'])
      fs.copyFileSync(path.join(defaultPersonaDir(), f), path.join(dir, f));
    const copy = structuredClone(passport);
    copy.lines.nl.reactions.counterAggression![0] = 'Zo praat u niet tegen mij, jongeman.';
    fs.writeFileSync(path.join(dir, 'municipal-passport.yaml'), stringify(copy));
    const { code, out } = run(['lint', '--dir', dir]);
    expect(code).toBe(1);
    expect(out).toContain(
      'municipal-passport.yaml: lines.nl.reactions.counterAggression.0: "jongeman": addresses or describes the trainee or staff by gender (and age)',
    );
    expect(out.at(-1)).toBe('1 finding');
  });
});
