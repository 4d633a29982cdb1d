import { describe, expect, it } from 'vitest';
import { shippedClassifier as classifier, shippedLibrary as library } from '../support/shippedContent';
import {
  buildReport,
  isSessionLog,
  isSessionRecord,
  playScript,
  recordSession,
  sessionFromRecord,
  type Session,
} from '../../src/core';
import { MAX_INPUT_CHARS } from '../../src/core/classifier/classifier';

const VERSIONS = { persona: 'p1', rules: 'r1' };
const LONG = `Ik begrijp dat u boos bent. ${'bla '.repeat(MAX_INPUT_CHARS)}`;

/** Scripts that reach every kind of turn: retries, hints, a cut reply, a question asked twice, a stop, an ending. */
const SCRIPTS: { name: string; lang: 'nl' | 'en'; lines: string[] }[] = [
  {
    name: 'nl with retries, hints, a cut reply and a stop',
    lang: 'nl',
    lines: [
      'Dat is nu eenmaal de regel.',
      '/retry',
      'Ik begrijp dat u boos bent.',
      '/hint',
      LONG,
      'Wat is er precies gebeurd?',
      'Wat is er precies gebeurd?',
      'Dus uw aanvraag is nog niet geregeld?',
      'Ik bel u morgen voor 12 uur terug, afgesproken?',
      '/stop',
    ],
  },
  {
    name: 'nl, a skilled run to the end',
    lang: 'nl',
    lines: [
      'Ik hoor dat u hier erg boos over bent.',
      'Wat is er precies gebeurd?',
      'Dus als ik het goed begrijp wacht u al weken en hoort u niets?',
      'Ik kan twee dingen doen: ik zet het vandaag door, of u krijgt een voorschot. Wat heeft uw voorkeur?',
      'Ik bel u donderdag voor 12 uur terug, is dat goed?',
      'Fijn, dan hebben we een afspraak.',
    ],
  },
  {
    name: 'en, shouting and arguing until the customer walks out',
    lang: 'en',
    lines: ['THOSE ARE THE RULES.', 'You are overreacting.', 'Calm down!', 'That is not my problem.', 'Whatever.'],
  },
];

const CASES = library.personas.flatMap((persona) =>
  SCRIPTS.map((script) => ({ persona, script, label: `${persona.id}: ${script.name}` })),
);

function play(personaId: string, lines: string[], lang: 'nl' | 'en', seed: number): Session {
  const persona = library.personas.find((p) => p.id === personaId)!;
  return playScript({ persona, common: library.common, classifier }, lines, { lang, seed }).session;
}

describe('a stored role-play keeps what was judged and said', () => {
  it.each(CASES)('$label: the record gives back the very session and its debrief', ({ persona, script }) => {
    const session = play(persona.id, script.lines, script.lang, 11);
    const record = JSON.parse(JSON.stringify(recordSession(session, persona, VERSIONS, library.common))) as unknown;
    expect(isSessionRecord(record)).toBe(true);
    const back = sessionFromRecord(record as Parameters<typeof sessionFromRecord>[0]);
    // The persona's facts stay only where the debrief or /why names one: the deadline day and the facts of the
    // topics the customer answered on.
    const topics = [...(persona.topics ?? []), ...(library.common.topics ?? [])];
    const factOf = (id: string) => topics.find((t) => t.id === id)?.fact;
    const keys = [
      persona.deadline?.before,
      ...session.turns.map((turn) => (turn.answered ? factOf(turn.answered) : undefined)),
    ].filter((key): key is string => key !== undefined && session.slots[key] !== undefined);
    const named = Object.fromEntries(keys.map((key) => [key, session.slots[key]]));
    expect(back.session).toEqual({ ...session, slots: named });
    expect(buildReport(back.session, back.persona)).toEqual(buildReport(session, persona));
  });

  it('keeps the versions it ran on and the persona facts the debrief names, in both languages', () => {
    const persona = library.personas.find((p) => p.id === 'municipal-benefits')!;
    const record = recordSession(play(persona.id, SCRIPTS[1].lines, 'nl', 3), persona, VERSIONS);
    expect(record.versions).toEqual(VERSIONS);
    expect(record.persona).toMatchObject({ id: persona.id, setting: persona.setting, title: persona.title });
    expect(record.persona.customer.name).toEqual(persona.customer.name);
  });

  it('is a fraction of the session it stands for', () => {
    const persona = library.personas.find((p) => p.id === 'municipal-benefits')!;
    const session = play(persona.id, SCRIPTS[1].lines, 'nl', 3);
    const stored = JSON.stringify(recordSession(session, persona, VERSIONS)).length;
    expect(stored).toBeLessThan(JSON.stringify(session).length / 2);
  });

  it.each([
    { name: 'a log', value: { personaId: 'x', seed: 1, startedAt: 0, inputs: [] } },
    { name: 'nothing', value: undefined },
    { name: 'a record of another format', value: { record: 2, persona: { id: 'x' }, versions: { persona: '' } } },
  ])('does not take $name for a record', ({ value }) => {
    expect(isSessionRecord(value)).toBe(false);
    if (value && 'inputs' in value) expect(isSessionLog(value)).toBe(true);
  });
});
