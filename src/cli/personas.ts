/**
 * The persona command line for trainers:
 *
 *   npm run personas -- validate [--dir <folder>]        check every file; exit 1 on any problem
 *   npm run personas -- lint [--dir <folder>]            validate, then what a reviewer would flag; exit 1 on any finding
 *   npm run --silent personas -- list [--dir <folder>]   one valid persona id per line, sorted, nothing else
 *   npm run personas -- show <id> [--lang nl|en] [--dir <folder>]   a readable summary of one persona
 */
import { findPersona, lintPersonaLibrary, loadPersonaLibrary, MAX_LINE_CHARS, type PersonaLibrary } from '../content';
import { isEscalating, isLang, TECHNIQUE_NAMES, TECHNIQUES, type Lang, type Persona } from '../core';
import { endQuietlyWhenOutputCloses } from './closedPipe';

endQuietlyWhenOutputCloses();

const USAGE = `usage: personas <command> [options]

commands:
  validate                 check every persona file and common.yaml; exit 1 on any problem
  lint                     validate, then check the lines: unknown or unfilled placeholders, repeated
                           openers, gendered forms, lines too long for a chat bubble, nl/en line counts
  list                     print the id of every valid persona, one per line, sorted
  show <id> [--lang nl|en] readable summary of one persona for a trainer (default: nl)

options:
  --dir <folder>           persona folder (default: personas/ in the repository)
`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Args {
  command?: string;
  positional: string[];
  lang?: string;
  dir?: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang' || a === '--dir') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return `${a} needs a value`;
      if (a === '--lang') args.lang = value;
      else args.dir = value;
      i++;
    } else if (a.startsWith('--lang=')) args.lang = a.slice('--lang='.length);
    else if (a.startsWith('--dir=')) args.dir = a.slice('--dir='.length);
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (args.command === undefined) args.command = a;
    else args.positional.push(a);
  }
  return args;
}

/** Runs the command and returns the exit code; all output goes through `io`. */
export function runPersonasCli(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`personas: ${args}\n\n${USAGE}`);
    return 2;
  }
  const load = (): PersonaLibrary => loadPersonaLibrary(args.dir);
  switch (args.command) {
    case 'validate': {
      const library = load();
      for (const p of library.problems) io.out(`${p.file}: ${p.field || '(file)'}: ${p.message}`);
      io.out(
        `${library.personas.length} personas valid${library.problems.length ? `, ${library.problems.length} problems` : ''}`,
      );
      return library.problems.length > 0 ? 1 : 0;
    }
    case 'lint': {
      const library = load();
      const problems = [...library.problems, ...lintPersonaLibrary(library)];
      for (const p of problems) io.out(`${p.file}: ${p.field || '(file)'}: ${p.message}`);
      io.out(
        problems.length === 0
          ? `${library.personas.length} personas and common.yaml clean (lines up to ${MAX_LINE_CHARS} characters)`
          : `${problems.length} finding${problems.length === 1 ? '' : 's'}`,
      );
      return problems.length > 0 ? 1 : 0;
    }
    case 'list': {
      for (const p of load().personas) io.out(p.id);
      return 0;
    }
    case 'show': {
      const id = args.positional[0];
      if (!id) {
        io.err(`personas: show needs a persona id\n\n${USAGE}`);
        return 2;
      }
      const lang = args.lang ?? 'nl';
      if (!isLang(lang)) {
        io.err(`personas: --lang must be nl or en, not "${lang}"`);
        return 2;
      }
      const library = load();
      const persona = findPersona(library, id);
      if (!persona) {
        const broken = library.problems.filter((p) => p.file.replace(/\.ya?ml$/, '') === id);
        io.err(
          broken.length > 0
            ? `personas: "${id}" has problems and is not loaded; run: npm run personas -- validate`
            : `personas: no persona "${id}"; known: ${library.personas.map((p) => p.id).join(', ')}`,
        );
        return 1;
      }
      io.out(showPersona(persona, lang));
      return 0;
    }
    default:
      io.err(args.command ? `personas: unknown command "${args.command}"\n\n${USAGE}` : USAGE);
      return 2;
  }
}

const LABELS: Record<Lang, Record<string, string>> = {
  nl: {
    customer: 'Klant',
    setting: 'Setting',
    difficulty: 'Moeilijkheid',
    briefing: 'Briefing voor de cursist',
    problem: 'Probleem',
    need: 'Behoefte achter de klacht',
    goodOutcome: 'Goede afloop',
    canOffer: 'Wat wel kan',
    cannotOffer: 'Wat niet kan',
    anger: 'Boosheid',
    angerLine:
      'start {start}/100, wil {venting} beurt(en) uitrazen, geduld {patience} beurten, respecteert een grens in {respect}% van de gevallen',
    sensitivity: 'Gevoeligheid per techniek (1 = gemiddeld, * = in het bestand gezet)',
    stronger: 'kalmeert sterker',
    weaker: 'kalmeert minder',
    provokesMore: 'maakt bozer dan gemiddeld',
    provokesLess: 'maakt minder boos',
    average: 'gemiddeld',
  },
  en: {
    customer: 'Customer',
    setting: 'Setting',
    difficulty: 'Difficulty',
    briefing: 'Trainee briefing',
    problem: 'Problem',
    need: 'Need behind the complaint',
    goodOutcome: 'Good outcome',
    canOffer: 'Can offer',
    cannotOffer: 'Cannot offer',
    anger: 'Anger',
    angerLine:
      'starts at {start}/100, needs {venting} turn(s) to vent, patience {patience} turns, respects a boundary {respect}% of the time',
    sensitivity: 'Sensitivity per technique (1 = average, * = set in the file)',
    stronger: 'calms more',
    weaker: 'calms less',
    provokesMore: 'provokes more',
    provokesLess: 'provokes less',
    average: 'average',
  },
};

/** A trainer's summary of one persona, in one language. */
export function showPersona(persona: Persona, lang: Lang): string {
  const t = LABELS[lang];
  const out: string[] = [];
  out.push(`${persona.title[lang]}  [${persona.id}, v${persona.version}]`);
  out.push('');
  out.push(`${t.customer}: ${persona.customer.name[lang]} — ${persona.customer.description[lang]}`);
  out.push(`${t.setting}: ${persona.setting}    ${t.difficulty}: ${persona.difficulty}`);
  out.push('');
  for (const key of ['briefing', 'problem', 'need', 'goodOutcome'] as const) {
    out.push(`${t[key]}:`);
    out.push(`  ${persona[key][lang]}`);
  }
  for (const key of ['canOffer', 'cannotOffer'] as const) {
    out.push(`${t[key]}:`);
    for (const item of persona[key][lang]) out.push(`  - ${item}`);
  }
  out.push('');
  const a = persona.anger;
  out.push(
    `${t.anger}: ${t.angerLine
      .replace('{start}', String(a.start))
      .replace('{venting}', String(a.ventingTurns))
      .replace('{patience}', String(a.patience))
      .replace('{respect}', String(Math.round(a.boundaryRespect * 100)))}`,
  );
  out.push(`${t.sensitivity}:`);
  const width = Math.max(...TECHNIQUES.map((id) => TECHNIQUE_NAMES[id][lang].length));
  for (const id of TECHNIQUES) {
    const value = persona.sensitivity[id] ?? 1;
    const flagged = isEscalating(id);
    const note =
      value > 1
        ? flagged
          ? t.provokesMore
          : t.stronger
        : value < 1
          ? flagged
            ? t.provokesLess
            : t.weaker
          : t.average;
    const marker = persona.sensitivity[id] === undefined ? ' ' : '*';
    out.push(`  ${marker} ${TECHNIQUE_NAMES[id][lang].padEnd(width)}  ${value.toFixed(1)}  ${note}`);
  }
  return out.join('\n');
}

if (require.main === module) {
  const code = runPersonasCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = code;
}
