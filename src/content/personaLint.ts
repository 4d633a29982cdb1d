/**
 * The persona lint: what a native speaker's review can hand to a machine. Runs over the valid personas and
 * common.yaml (the validator has already checked the schema) and names file and field for every finding:
 *
 * - placeholders: `{fact}` the persona does not have, malformed braces, or template leftovers (`[naam]`, `TODO`);
 * - repeated openers: two lines of one kind (one list) that start with the same two words;
 * - gendered forms that assume the trainee's or the staff's gender ("jongedame", "dat meisje", "meneer" to the
 *   trainee, "young man", "the girl at the till");
 * - lines too long for a chat bubble, measured with the longest value of every fact filled in;
 * - a kind with a different number of lines in Dutch and English;
 * - a Dutch line in "u" from a customer who says "je" to the desk (or "jij"/"jouw" from one who says "u"), also
 *   among the shared lines of common.yaml the persona falls back on;
 * - an offer item without a label (the debrief names a promise the desk cannot keep by it).
 *
 * @example
 * const library = loadPersonaLibrary();
 * for (const p of lintPersonaLibrary(library)) console.log(`${p.file}: ${p.field}: ${p.message}`);
 */
import { LANGS, TOPIC_LINE_KEYS, type CommonLines, type Lang, type Persona } from '../core';
import { COMMON_FILE, placeholderSyntaxError, type PersonaLibrary } from './personaLibrary';
import type { PersonaProblem } from './personaProblem';
import { PLACEHOLDER, TOPIC_LINE_VALUES } from './personaTopics';

/** Longest customer line, in characters with the longest fact values filled in: about four lines of a chat bubble. */
export const MAX_LINE_CHARS = 160;

/** How many opening words two lines of one kind may not share. */
const OPENER_WORDS = 2;

/** What a writer leaves behind when a line is not finished. */
const LEFTOVERS: readonly RegExp[] = [/\[[^\]]*\]/, /<[^>]*>/, /\b(TODO|FIXME|XXX|TBD)\b/, /\?\?\?/, /\.\.\.\./];

/** A form and why it is out: each pattern assumes the trainee's or a staff member's gender. */
interface GenderedForm {
  pattern: RegExp;
  why: string;
}

const STAFF_PLACE = {
  nl: '(balie|loket|kassa|telefoon|receptie|lijn|servicedesk)',
  en: '(desk|counter|till|checkout|phone|reception|window)',
};

const GENDERED: Record<Lang, readonly GenderedForm[]> = {
  nl: [
    {
      pattern: /\b(jongedame|jongeman|juffrouw|dametje|mannetje|meisje|kassameisje)\b/iu,
      why: 'addresses or describes the trainee or staff by gender (and age)',
    },
    {
      pattern:
        /\b(caissière|kassière|verpleegster|assistente|medewerkster|baliemedewerkster|secretaresse|receptioniste|telefoniste)\b/iu,
      why: 'a female job title assumes the staff member is a woman; use the neutral form',
    },
    {
      // "meneer Bulut" names a known person; a bare "meneer" or "mevrouw" is said to the trainee or about staff.
      pattern: /\b([Mm]eneer|[Mm]evrouw|[Mm]ijnheer)\b(?!\s+(\{|(de|van|den|der|el|ten|ter)\s+)?\p{Lu})/u,
      why: '"meneer"/"mevrouw" without a name assumes the gender of the person spoken to or about',
    },
    {
      pattern: /(,|^)\s*(jongen|meid|schat|schatje|lieverd|kerel|knul|vriend|vriendin|man|vrouw|dame)\s*([.!?,]|$)/iu,
      why: 'a gendered form of address to the trainee',
    },
    {
      pattern: new RegExp(
        `\\b(man|vrouw|jongen|meid|dame|heer|knul|kerel|vent)\\b(\\s+\\S+){0,2}\\s+(achter|aan|bij|van)\\s+(de|het)\\s+${STAFF_PLACE.nl}`,
        'iu',
      ),
      why: 'assumes the gender of the staff member',
    },
    {
      pattern: /\b(die|dat)\s+(man|vrouw|jongen|meid|dame|heer|knul|kerel|vent)\s+daar\b/iu,
      why: 'assumes the gender of a colleague nearby',
    },
  ],
  en: [
    {
      pattern: /\b(young lady|young man|sir|madam|ma'am|missy|girl|sweetheart|darling|sweetie)\b/iu,
      why: 'addresses or describes the trainee or staff by gender (and age)',
    },
    {
      pattern: /\b(salesgirl|saleswoman|salesman|chairman|cleaning lady)\b/iu,
      why: 'a gendered job title assumes the staff member’s gender; use the neutral form',
    },
    {
      pattern: /,\s*(love|son|lad|boy|mate|pal|pet|hun|honey|luv)\s*([.!?,]|$)/iu,
      why: 'a gendered form of address to the trainee',
    },
    {
      pattern: new RegExp(
        `\\b(man|woman|lady|gentleman|guy|bloke|fella|chap|lad)\\b(\\s+\\S+){0,2}\\s+(at|on|behind|from)\\s+(the|that)\\s+${STAFF_PLACE.en}`,
        'iu',
      ),
      why: 'assumes the gender of the staff member',
    },
    {
      pattern: /\b(that|the)\s+(man|woman|lady|gentleman|guy|bloke|fella|chap|lad)\s+(over\s+)?there\b/iu,
      why: 'assumes the gender of a colleague nearby',
    },
  ],
};

/** One kind of line: a list the engine picks from, with its field path. */
interface LineKind {
  field: string;
  lang: Lang;
  lines: readonly string[];
  /** Placeholders filled here besides the persona's facts. */
  extra: readonly string[];
}

/** The same kind in the other language: `lines.nl.opening` ↔ `lines.en.opening`. */
function counterpart(field: string, lang: Lang): string {
  const other = lang === 'nl' ? 'en' : 'nl';
  return field.replace(new RegExp(`(^|\\.)${lang}(\\.|$)`), `$1${other}$2`);
}

function collectKinds(value: unknown, field: string, lang: Lang, extra: readonly string[], out: LineKind[]): void {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) out.push({ field, lang, lines: value, extra });
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) collectKinds(child, `${field}.${key}`, lang, extra, out);
  }
}

/** Every list of customer lines a persona (or common.yaml) holds, in both languages. */
interface LineSource {
  lines?: Partial<Record<Lang, unknown>>;
  topics?: Persona['topics'];
  offers?: Persona['offers'];
  topicLines?: Persona['topicLines'];
}

function lineKinds(source: LineSource): LineKind[] {
  const out: LineKind[] = [];
  for (const lang of LANGS) {
    collectKinds(source.lines?.[lang], `lines.${lang}`, lang, [], out);
    source.topics?.forEach((topic, i) =>
      collectKinds(topic.answers[lang], `topics.${i}.answers.${lang}`, lang, [], out),
    );
    source.offers?.forEach((offer, i) =>
      collectKinds(offer.answers[lang], `offers.${i}.answers.${lang}`, lang, [], out),
    );
    for (const key of TOPIC_LINE_KEYS) {
      const lines = source.topicLines?.[lang]?.[key];
      if (lines) out.push({ field: `topicLines.${lang}.${key}`, lang, lines, extra: TOPIC_LINE_VALUES[key] });
    }
  }
  return out;
}

function openingWords(line: string): string {
  const words = line.toLowerCase().match(/[\p{L}\p{N}{}'’-]+/gu) ?? [];
  return words.slice(0, OPENER_WORDS).join(' ');
}

/** The line with every fact at its longest value, so the length check holds for every seed. */
function longestFilled(line: string, facts: Readonly<Record<string, readonly string[]>>): string {
  return line.replace(PLACEHOLDER, (whole, name: string) => {
    const values = facts[name];
    return values && values.length > 0 ? values.reduce((a, b) => (b.length > a.length ? b : a)) : whole;
  });
}

function genderedFinding(text: string, lang: Lang): string | undefined {
  for (const form of GENDERED[lang]) {
    const match = form.pattern.exec(text);
    if (match) return `"${match[0].trim()}": ${form.why}`;
  }
  return undefined;
}

function lintKinds(
  file: string,
  kinds: readonly LineKind[],
  facts: Readonly<Record<Lang, Readonly<Record<string, readonly string[]>>>> | undefined,
): PersonaProblem[] {
  const problems: PersonaProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file, field, message });
  const byField = new Map(kinds.map((k) => [k.field, k]));
  for (const kind of kinds) {
    const known = facts?.[kind.lang] ?? {};
    const openers = new Map<string, number>();
    kind.lines.forEach((line, i) => {
      const field = `${kind.field}.${i}`;
      const syntax = placeholderSyntaxError(line);
      if (syntax) problem(field, syntax);
      // Without facts (common.yaml) the validator checks the shared topics against every persona instead.
      for (const [, name] of facts ? line.matchAll(PLACEHOLDER) : []) {
        if (!kind.extra.includes(name) && !(name in known))
          problem(field, `{${name}} is never filled: no fact of that name in slots.${kind.lang}`);
      }
      const leftover = LEFTOVERS.map((re) => re.exec(line)).find((m) => m !== null);
      if (leftover) problem(field, `"${leftover[0]}" looks like an unfilled placeholder; write the line out`);
      const gendered = genderedFinding(line, kind.lang);
      if (gendered) problem(field, gendered);
      const length = longestFilled(line, known).length;
      if (length > MAX_LINE_CHARS)
        problem(field, `${length} characters with the longest facts filled in; a chat bubble holds ${MAX_LINE_CHARS}`);
      const opener = openingWords(line);
      const first = openers.get(opener);
      if (first !== undefined && opener.includes(' '))
        problem(field, `starts like line ${first} of the same kind ("${opener}…"); vary the opening words`);
      else if (first === undefined) openers.set(opener, i);
    });
    if (kind.lang === 'nl') {
      const en = byField.get(counterpart(kind.field, 'nl'));
      if (en && en.lines.length !== kind.lines.length)
        problem(en.field, `${en.lines.length} lines in en but ${kind.lines.length} in nl: give both languages as many`);
    }
  }
  return problems;
}

const FORMAL = /\b(u|uw)\b/iu;
/** "je" is also the generic "one" ("hoe je twee getallen aftrekt"), so only its unambiguous forms count. */
const INFORMAL = /\b(jij|jou|jouw)\b/iu;

/**
 * Whether the customer says "je" or "u" to the desk, by what most of the persona's Dutch lines say. A line in the
 * other register reads as a different person.
 */
function lintRegister(file: string, kinds: readonly LineKind[], fallback: readonly LineKind[]): PersonaProblem[] {
  const own = kinds.filter((k) => k.lang === 'nl');
  const count = (re: RegExp) => own.reduce((n, k) => n + k.lines.filter((l) => re.test(l)).length, 0);
  const informal = count(/\b(je|jij|jou|jouw)\b/iu) > count(FORMAL);
  const odd = informal ? FORMAL : INFORMAL;
  return [...own, ...fallback.filter((k) => k.lang === 'nl')].flatMap((kind) =>
    kind.lines.flatMap((line, i) => {
      const match = odd.exec(line);
      return match
        ? [
            {
              file,
              field: `${kind.field}.${i}`,
              message: `"${match[0]}": this customer says ${informal ? '"je"' : '"u"'} to the desk everywhere else`,
            },
          ]
        : [];
    }),
  );
}

/** Facts say who people are: a fact about staff must not assume their gender either. */
function lintFacts(file: string, persona: Persona): PersonaProblem[] {
  const problems: PersonaProblem[] = [];
  for (const lang of LANGS) {
    for (const [name, values] of Object.entries(persona.slots[lang])) {
      values.forEach((value, i) => {
        const gendered = genderedFinding(value, lang);
        if (gendered) problems.push({ file, field: `slots.${lang}.${name}.${i}`, message: gendered });
      });
    }
  }
  return problems;
}

function lintOfferLabels(file: string, persona: Persona): PersonaProblem[] {
  return (persona.offers ?? []).flatMap((offer, i) =>
    offer.label
      ? []
      : [
          {
            file,
            field: `offers.${i}.label`,
            message: `missing: "${offer.id}" needs a label in both languages, the debrief names the item by it`,
          },
        ],
  );
}

/**
 * The shared lines a persona speaks because it has none of its own there: the line families, topic lines and
 * shared topics it leaves to common.yaml. Their fields name common.yaml.
 */
function fallbackKinds(persona: Persona, common: CommonLines | undefined): LineKind[] {
  if (!common) return [];
  const own = new Set(lineKinds(persona).map((k) => k.field));
  const overridden = new Set((persona.topics ?? []).map((t) => t.id));
  const shared: LineSource = {
    lines: common.lines,
    ...(common.topicLines ? { topicLines: common.topicLines } : {}),
  };
  const used = lineKinds(shared).filter((k) => !own.has(k.field));
  const topics = (common.topics ?? []).flatMap((topic) => {
    if (overridden.has(topic.id)) return [];
    const out: LineKind[] = [];
    for (const lang of LANGS) collectKinds(topic.answers[lang], `topics (${topic.id}).answers.${lang}`, lang, [], out);
    return out;
  });
  return [...used, ...topics].map((k) => ({ ...k, field: `${COMMON_FILE} ${k.field}` }));
}

/** Lint findings for one valid persona; with common.yaml, also the shared lines it falls back on. */
export function lintPersona(persona: Persona, common?: CommonLines): PersonaProblem[] {
  const file = `${persona.id}.yaml`;
  const kinds = lineKinds(persona);
  return [
    ...lintKinds(file, kinds, persona.slots),
    ...lintRegister(file, kinds, fallbackKinds(persona, common)),
    ...lintFacts(file, persona),
    ...lintOfferLabels(file, persona),
  ];
}

/** Lint findings for the shared lines: no facts there, so every placeholder but the engine's own is unknown. */
export function lintCommon(common: CommonLines): PersonaProblem[] {
  return lintKinds(COMMON_FILE, lineKinds(common), undefined);
}

/** Every finding in the library: the valid personas and common.yaml. */
export function lintPersonaLibrary(library: Pick<PersonaLibrary, 'personas' | 'common'>): PersonaProblem[] {
  return [...library.personas.flatMap((p) => lintPersona(p, library.common)), ...lintCommon(library.common)];
}
