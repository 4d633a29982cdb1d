import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  defaultPersonaDir,
  findPersona,
  loadPersonaLibrary,
  placeholderSyntaxError,
  placeholdersIn,
  type PersonaLibrary,
} from '../../src/content/personaLibrary';
import { BANDS, REACTION_KEYS, SETTINGS, type Persona } from '../../src/core/persona/types';
import { LANGS, TECHNIQUES } from '../../src/core/techniques';

const personaDir = defaultPersonaDir();
const library: PersonaLibrary = loadPersonaLibrary();

/** The keys every shipped persona voices itself (the rest may come from common.yaml). */
const OWN_REACTIONS = [
  'listened',
  'acknowledged',
  'acknowledgedAgain',
  'questionAnswered',
  'summaryConfirmed',
  'summaryCorrected',
  'choiceAccepted',
  'choiceTooEarly',
  'limitAccepted',
  'agreementAccepted',
  'agreementTooEarly',
  'boundaryAccepted',
  'argued',
  'defended',
  'rulesQuoted',
  'dismissed',
  'counterAggression',
  'neutral',
] as const;
const ESCALATION = ['louder', 'personal', 'abusive', 'crossedAgain', 'walkOut'] as const;
/** Every escalation step, in schema order: the last warning before a walk-out is shared (common.yaml) unless a persona writes its own. */
const ALL_ESCALATION = ['louder', 'personal', 'abusive', 'crossedAgain', 'lastWarning', 'walkOut'] as const;

describe('the shipped persona library', () => {
  it('loads every file with zero problems', () => {
    expect(library.problems).toEqual([]);
  });

  it('has at least ten personas, sorted by id, with unique ids', () => {
    expect(library.personas.length).toBeGreaterThanOrEqual(10);
    const ids = library.personas.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('covers the required settings, with two municipal personas', () => {
    const settings = library.personas.map((p) => p.setting);
    for (const s of ['municipality', 'retail', 'gp', 'hospital', 'energy', 'housing', 'transport', 'school'] as const) {
      expect(settings, s).toContain(s);
    }
    expect(settings.filter((s) => s === 'municipality').length).toBeGreaterThanOrEqual(2);
    expect(
      library.personas.filter(
        (p) =>
          !['municipality', 'retail', 'gp', 'hospital', 'energy', 'housing', 'transport', 'school'].includes(p.setting),
      ).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('differs per persona: each has its own strongest de-escalating technique profile', () => {
    const profiles = library.personas.map((p) => JSON.stringify(p.sensitivity));
    expect(new Set(profiles).size).toBe(profiles.length);
    const strongest = (p: Persona) =>
      (
        [
          'listen',
          'acknowledge_emotion',
          'ask_question',
          'summarize',
          'offer_choice',
          'explain_limits',
          'set_boundary',
          'make_agreement',
        ] as const
      )
        .map((id) => [id, p.sensitivity[id] ?? 1] as const)
        .sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(new Set(library.personas.map(strongest)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(library.personas.map((p) => p.difficulty))).toEqual(new Set(['easy', 'normal', 'hard']));
  });

  it('findPersona finds by id and returns undefined otherwise', () => {
    const first = library.personas[0];
    expect(findPersona(library, first.id)).toBe(first);
    expect(findPersona(library, 'no-such-persona')).toBeUndefined();
  });

  describe.each(library.personas.map((p) => [p.id, p] as const))('%s', (_id, persona) => {
    it.each(LANGS)(
      'is fully playable in %s: opening, all bands, own reactions, escalation, resolved (3+ variants)',
      (lang) => {
        const l = persona.lines[lang];
        const families: Array<[string, readonly string[] | undefined]> = [
          ['opening', l.opening],
          ['resolved', l.resolved],
          ...BANDS.map((b) => [`pressing.${b}`, l.pressing[b]] as [string, string[] | undefined]),
          ...OWN_REACTIONS.map((k) => [`reactions.${k}`, l.reactions[k]] as [string, string[] | undefined]),
          ...ESCALATION.map((k) => [`escalation.${k}`, l.escalation[k]] as [string, string[] | undefined]),
        ];
        for (const [name, lines] of families) {
          expect(lines?.length ?? 0, `${persona.id} ${lang} ${name}`).toBeGreaterThanOrEqual(3);
          expect(new Set(lines).size, `${persona.id} ${lang} ${name} has duplicate variants`).toBe(lines?.length);
        }
      },
    );

    it('uses slots, so two playthroughs differ', () => {
      for (const lang of LANGS) {
        const slots = persona.slots[lang];
        expect(Object.keys(slots).length).toBeGreaterThanOrEqual(3);
        expect(Object.values(slots).some((values) => values.length >= 3)).toBe(true);
        // Facts are used by lines, topic and offer answers (the shared topics' too), and the deadline.
        const shared = persona.topics ? library.common.topics : [];
        const texts = JSON.stringify([persona.lines[lang], persona.topics, persona.offers, shared]);
        const named = [...(persona.topics ?? []), ...(shared ?? [])].map((t) => `{${t.fact}}`);
        const deadline = persona.deadline ? [`{${persona.deadline.today}}`, `{${persona.deadline.before}}`] : [];
        const used = new Set([...(texts.match(/\{[a-zA-Z][a-zA-Z0-9]*\}/g) ?? []), ...named, ...deadline]);
        for (const name of Object.keys(slots))
          expect(used, `${persona.id} ${lang} slot ${name} unused`).toContain(`{${name}}`);
      }
    });

    it('has the same number of variants per line family in nl and en', () => {
      const count = (lang: 'nl' | 'en') => {
        const l = persona.lines[lang];
        const out: Record<string, number> = { opening: l.opening.length, resolved: l.resolved?.length ?? 0 };
        for (const group of ['pressing', 'reactions', 'escalation'] as const) {
          for (const [k, v] of Object.entries(l[group])) out[`${group}.${k}`] = v.length;
        }
        return out;
      };
      expect(count('en')).toEqual(count('nl'));
    });
  });
});

describe('common.yaml', () => {
  it('covers every reaction key, band and escalation step in both languages', () => {
    for (const lang of LANGS) {
      const l = library.common.lines[lang];
      for (const k of REACTION_KEYS) expect(l.reactions[k]?.length ?? 0, `${lang} ${k}`).toBeGreaterThanOrEqual(3);
      for (const b of BANDS) expect(l.pressing[b]?.length ?? 0, `${lang} ${b}`).toBeGreaterThanOrEqual(3);
      for (const e of ALL_ESCALATION) expect(l.escalation[e]?.length ?? 0, `${lang} ${e}`).toBeGreaterThanOrEqual(3);
      expect(l.resolved?.length ?? 0).toBeGreaterThanOrEqual(3);
    }
  });
});

/** The parts of a JSON schema these tests read. */
interface SchemaNode {
  properties: Record<string, SchemaNode>;
  definitions: Record<string, SchemaNode>;
  enum?: unknown[];
  required?: string[];
}

/** common.yaml as these tests edit it. */
interface CommonYaml {
  lines: Record<string, { reactions: Record<string, string[]> }>;
}

describe('the schemas stay in sync with types.ts', () => {
  const readSchema = (file: string) => JSON.parse(fs.readFileSync(path.join(personaDir, file), 'utf8')) as SchemaNode;
  const schema = readSchema('persona.schema.json');
  const common = readSchema('common.schema.json');

  it('settings, techniques, reaction keys and bands match', () => {
    expect(schema.properties.setting.enum).toEqual([...SETTINGS]);
    expect(Object.keys(schema.properties.sensitivity.properties)).toEqual([...TECHNIQUES]);
    for (const lang of LANGS) {
      const lines = schema.properties.lines.properties[lang].properties;
      expect(Object.keys(lines.reactions.properties)).toEqual([...REACTION_KEYS]);
      expect(Object.keys(lines.pressing.properties)).toEqual([...BANDS]);
      expect(Object.keys(lines.escalation.properties)).toEqual([...ALL_ESCALATION]);
    }
    expect(common.definitions.langLines.properties.reactions.required).toEqual([...REACTION_KEYS]);
    expect(common.definitions.langLines.properties.pressing.required).toEqual([...BANDS]);
    expect(common.definitions.langLines.properties.escalation.required).toEqual([...ALL_ESCALATION]);
  });
});

describe('placeholders', () => {
  it('finds slot names and flags malformed braces', () => {
    expect(placeholdersIn('Op {date} om {time2}.')).toEqual(['date', 'time2']);
    expect(placeholderSyntaxError('Op {date} om {time2}.')).toBeUndefined();
    expect(placeholderSyntaxError('Op { date}.')).toMatch(/invalid placeholder/);
    expect(placeholderSyntaxError('Op {date.')).toMatch(/invalid placeholder/);
    expect(placeholderSyntaxError('Op {{date}}.')).toMatch(/invalid placeholder/);
    expect(placeholderSyntaxError('Op {2date}.')).toMatch(/invalid placeholder/);
    expect(placeholderSyntaxError('Op date}.')).toMatch(/invalid placeholder/);
  });
});

describe('a folder with broken personas', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  /** A temp persona folder: the real schemas and common.yaml, one good persona, and the given broken files. */
  function folder(broken: Record<string, (p: Persona) => unknown>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'personas-'));
    dirs.push(dir);
    for (const f of ['persona.schema.json', 'common.schema.json', 'common.yaml']) {
      fs.copyFileSync(path.join(personaDir, f), path.join(dir, f));
    }
    const good = library.personas[0];
    fs.writeFileSync(path.join(dir, `${good.id}.yaml`), stringify(good));
    for (const [id, edit] of Object.entries(broken)) {
      const copy = structuredClone<Persona>({ ...good, id });
      const out = edit(copy) ?? copy;
      fs.writeFileSync(path.join(dir, `${id}.yaml`), typeof out === 'string' ? out : stringify(out));
    }
    return dir;
  }

  function problemsFor(lib: PersonaLibrary, file: string) {
    return lib.problems.filter((p) => p.file === file);
  }

  it('names the file and field of a missing opening, and still loads the valid persona', () => {
    const dir = folder({
      'no-opening': (p) => {
        delete (p.lines.nl as Partial<Persona['lines']['nl']>).opening;
      },
    });
    const lib = loadPersonaLibrary(dir);
    expect(lib.personas.map((p) => p.id)).toEqual([library.personas[0]?.id]);
    expect(problemsFor(lib, 'no-opening.yaml')).toContainEqual({
      file: 'no-opening.yaml',
      field: 'lines.nl.opening',
      message: 'missing (required)',
    });
  });

  it('flags anger.start out of range', () => {
    const lib = loadPersonaLibrary(folder({ 'too-angry': (p) => void (p.anger.start = 150) }));
    const found = problemsFor(lib, 'too-angry.yaml');
    expect(found).toHaveLength(1);
    expect(found[0]?.field).toBe('anger.start');
    expect(found[0]?.message).toMatch(/<= 95/);
    expect(lib.personas).toHaveLength(1);
  });

  it('flags a slot that is not defined for that language', () => {
    const lib = loadPersonaLibrary(
      folder({
        'bad-slot': (p) => {
          p.lines.en.opening[0] = 'Where is my {parcelNumber}?';
        },
      }),
    );
    expect(problemsFor(lib, 'bad-slot.yaml')).toContainEqual({
      file: 'bad-slot.yaml',
      field: 'lines.en.opening.0',
      message: 'slot {parcelNumber} is not defined in slots.en',
    });
  });

  it('flags malformed placeholders, an id that differs from the file name, unknown fields and enum values', () => {
    const lib = loadPersonaLibrary(
      folder({
        braces: (p) => void (p.lines.nl.opening[1] = 'Waar is { pakket}?'),
        'wrong-id': (p) => void (p.id = 'something-else'),
        extra: (p) => ({ ...p, mood: 'grumpy', setting: 'zoo' }),
      }),
    );
    expect(problemsFor(lib, 'braces.yaml').map((p) => p.field)).toEqual(['lines.nl.opening.1']);
    expect(problemsFor(lib, 'wrong-id.yaml')).toEqual([
      { file: 'wrong-id.yaml', field: 'id', message: 'id "something-else" must equal the file name "wrong-id"' },
    ]);
    const extra = problemsFor(lib, 'extra.yaml');
    expect(extra.map((p) => p.field).sort()).toEqual(['mood', 'setting']);
    expect(extra.find((p) => p.field === 'setting')?.message).toMatch(/municipality/);
    expect(lib.personas).toHaveLength(1);
  });

  it('flags a line family present in one language only, and a slot defined in one language only', () => {
    const lib = loadPersonaLibrary(
      folder({
        'one-lang': (p) => {
          delete p.lines.en.reactions.argued;
          p.slots.nl.extraSlot = ['x'];
        },
      }),
    );
    const fields = problemsFor(lib, 'one-lang.yaml').map((p) => p.field);
    expect(fields).toContain('lines.en.reactions.argued');
    expect(fields).toContain('slots.en.extraSlot');
  });

  it('reports a missing language, invalid YAML and a non-mapping file without throwing', () => {
    const lib = loadPersonaLibrary(
      folder({
        'no-en': (p) => {
          delete (p.title as Partial<Persona['title']>).en;
        },
        'bad-yaml': () => 'id: bad-yaml\ntitle: [unclosed\n',
        'a-list': () => '- just\n- a list\n',
      }),
    );
    expect(problemsFor(lib, 'no-en.yaml')).toContainEqual({
      file: 'no-en.yaml',
      field: 'title.en',
      message: 'missing (required)',
    });
    expect(problemsFor(lib, 'bad-yaml.yaml')[0]?.message).toMatch(/^YAML/);
    expect(problemsFor(lib, 'a-list.yaml')[0]?.message).toMatch(/mapping/);
    expect(lib.personas).toHaveLength(1);
  });

  it('flags duplicate ids across .yaml and .yml', () => {
    const dir = folder({});
    const good = library.personas[0];
    fs.copyFileSync(path.join(dir, `${good.id}.yaml`), path.join(dir, `${good.id}.yml`));
    const lib = loadPersonaLibrary(dir);
    expect(lib.personas).toHaveLength(1);
    expect(lib.problems).toEqual([
      { file: `${good.id}.yml`, field: 'id', message: `duplicate id "${good.id}", also used by ${good.id}.yaml` },
    ]);
  });

  it('reports a broken or missing common.yaml and falls back to empty shared lines', () => {
    const dir = folder({});
    const common = parse(fs.readFileSync(path.join(dir, 'common.yaml'), 'utf8')) as CommonYaml;
    delete common.lines.en.reactions.argued;
    common.lines.nl.reactions.neutral[0] = 'Waar is {x}?';
    fs.writeFileSync(path.join(dir, 'common.yaml'), stringify(common));
    const lib = loadPersonaLibrary(dir);
    expect(problemsFor(lib, 'common.yaml').map((p) => p.field)).toContain('lines.en.reactions.argued');
    expect(lib.common.lines.en.reactions).toEqual({});
    expect(lib.personas).toHaveLength(1);

    fs.rmSync(path.join(dir, 'common.yaml'));
    expect(loadPersonaLibrary(dir).problems).toEqual([
      { file: 'common.yaml', field: '', message: 'missing: the shared fallback lines are needed' },
    ]);
  });

  it('flags slots in shared lines', () => {
    const dir = folder({});
    const common = parse(fs.readFileSync(path.join(dir, 'common.yaml'), 'utf8')) as CommonYaml;
    common.lines.nl.reactions.neutral[0] = 'Waar is {x}?';
    fs.writeFileSync(path.join(dir, 'common.yaml'), stringify(common));
    expect(problemsFor(loadPersonaLibrary(dir), 'common.yaml')).toEqual([
      {
        file: 'common.yaml',
        field: 'lines.nl.reactions.neutral.0',
        message: 'shared lines cannot use {slots}: every persona has its own slots',
      },
    ]);
  });
});
