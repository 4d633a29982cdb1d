import { describe, expect, it } from 'vitest';
import {
  buildReport,
  MAX_LOG_INPUTS,
  playScript,
  retryLastTurn,
  startSession,
  takeTurn,
  type Persona,
  type Stage,
} from '../../src/core';
import { findPersona } from '../../src/content';
import { shippedClassifier as classifier, shippedLibrary as library } from '../support/shippedContent';
import { interjection } from '../../src/core/engine/customerVoice';
import { runStyle } from '../../src/core/practice/runStyle';
import { TRAINEE_STYLES } from '../../src/core/practice/traineeStyles';

const stageFor = (id: string): Stage => ({
  persona: findPersona(library, id) as Persona,
  common: library.common,
  classifier,
});
const benefits = stageFor('municipal-benefits');

const skilledNl = [
  'Vertelt u maar, ik luister.',
  'Ik zie dat u hier echt van baalt, en dat snap ik.',
  'Wat is er precies gebeurd, en wat is voor u nu het belangrijkste?',
  'Dus als ik het goed begrijp, is uw formulier kwijtgeraakt en zit u nu zonder geld, klopt dat?',
  'Ik kan het vandaag nog voor u navragen, of ik zet het meteen met spoed door. Wat heeft uw voorkeur?',
  'Dan bel ik u morgen voor twaalf uur terug met het antwoord.',
];

describe('a role-play, played through the core', () => {
  it('a calm, skilled reply sequence brings anger down to a resolution', () => {
    const { session } = playScript(benefits, skilledNl, { lang: 'nl', seed: 3 });
    const curve = session.transcript.filter((e) => e.role === 'customer').map((e) => e.anger);
    expect(curve[curve.length - 1]).toBeLessThan(curve[0]);
    expect(session.outcome).toBe('resolved');
  });

  it('arguing and "that is the rule" raise anger', () => {
    const { session } = playScript(benefits, ['Dat klopt gewoon niet.', 'Dat is nu eenmaal de regel.'], {
      lang: 'nl',
      seed: 3,
    });
    const [opening, afterArgue, afterRule] = session.transcript
      .filter((e) => e.role === 'customer')
      .map((e) => e.anger);
    expect(afterArgue).toBeGreaterThan(opening);
    expect(afterRule).toBeGreaterThan(afterArgue);
    expect(session.turns.map((t) => t.classification.labels)).toEqual([['argue'], ['rules_speak']]);
  });

  it('same seed, same transcript; another seed, another opening', () => {
    const a = playScript(benefits, skilledNl, { lang: 'nl', seed: 11 }).session;
    const b = playScript(benefits, skilledNl, { lang: 'nl', seed: 11 }).session;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const openings = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) => startSession(benefits, { lang: 'nl', seed, now: 0 }).transcript[0].text),
    );
    expect(openings.size).toBeGreaterThan(1);
  });

  it('plays in English with English lines', () => {
    const { session } = playScript(benefits, ['I can see this really upsets you, and I understand why.'], {
      lang: 'en',
      seed: 1,
    });
    expect(session.transcript[2].text).not.toMatch(/\b(het|een|niet|ik)\b/);
    expect(session.turns[0].classification.labels).toContain('acknowledge_emotion');
  });

  it('/retry takes back the last reply and restores the anger before it', () => {
    const start = startSession(benefits, { lang: 'nl', seed: 5, now: 0 });
    const after = takeTurn(benefits, start, 'Rustig nou maar, zo erg is het niet.', 20_000).session;
    expect(after.emotion.anger).toBeGreaterThan(start.emotion.anger);
    const rewound = retryLastTurn(after)!;
    expect(rewound.emotion.anger).toBe(start.emotion.anger);
    expect(rewound.transcript).toEqual(start.transcript);
    expect(rewound.retries).toBe(1);
  });

  it('/hint and /retry in a script work as in the chat', () => {
    const { session, events } = playScript(
      benefits,
      ['/hint', 'Dat klopt niet.', '/retry', 'Vertelt u maar.', '/stop', 'too late'],
      { lang: 'nl', seed: 2 },
    );
    expect(events.map((e) => e.kind)).toEqual(['hint', 'retry', 'stop', 'ignoredAfterEnd']);
    expect(events[0].text).toMatch(/stoom|ruimte|luister/i);
    expect(session.turns).toHaveLength(1);
    expect(session.outcome).toBe('stopped');
    expect(session.hintsUsed).toBe(1);
  });

  it('the report quotes the trainee and explains the score', () => {
    const { session } = playScript(benefits, ['Dat is nu eenmaal de regel.', ...skilledNl], { lang: 'nl', seed: 3 });
    const report = buildReport(session, benefits.persona);
    expect(report.score).toBe(report.scoreParts.reduce((sum, p) => sum + p.points, 0));
    expect(report.toImprove[0]).toMatchObject({ turn: 1, label: 'rules_speak' });
    expect(report.toImprove[0].quote.text).toMatch(/regel/);
    expect(report.checklist.find((c) => c.step === 'acknowledge')).toMatchObject({ status: 'done' });
    expect(report.angerCurve).toHaveLength(session.turns.length + 1);
  });
});

describe("the customer's voice", () => {
  /** Every line the persona or the shared lines can say, with this session's slot values filled in. */
  function linesOf(value: unknown, slots: Record<string, string>, out = new Set<string>()): Set<string> {
    if (typeof value === 'string') out.add(value.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole));
    else if (value && typeof value === 'object') for (const child of Object.values(value)) linesOf(child, slots, out);
    return out;
  }

  it('never stitches two parts that open with the same interjection ("Fine. … Fine. …"), over every persona, language and style', () => {
    let twoPart = 0;
    const stitched: string[] = [];
    for (const persona of library.personas) {
      for (const lang of ['nl', 'en'] as const) {
        for (const style of TRAINEE_STYLES) {
          for (const seed of [1, 2, 3]) {
            const session = runStyle({ persona, common: library.common, classifier }, style, { lang, seed });
            const known = linesOf([persona.lines[lang], library.common.lines[lang]], session.slots);
            for (const turn of session.turns.filter((t) => t.reaction.includes(' + '))) {
              const first = [...known].find(
                (line) =>
                  turn.customerText.startsWith(`${line} `) && known.has(turn.customerText.slice(line.length + 1)),
              );
              if (!first) continue;
              twoPart++;
              const second = turn.customerText.slice(first.length + 1);
              if (interjection(first) !== undefined && interjection(first) === interjection(second))
                stitched.push(`${persona.id} ${lang}: ${turn.customerText}`);
            }
          }
        }
      }
    }
    expect(twoPart).toBeGreaterThan(100);
    expect(stitched).toEqual([]);
  });

  it('knows an interjection from an ordinary first word', () => {
    expect(['Fine. Really.', 'Oké, dan.', 'Right! Go on.', 'Goed. Dat is dan afgesproken.'].map(interjection)).toEqual([
      'fine',
      'oké',
      'right',
      'goed',
    ]);
    expect(['I just want to know.', 'Ik ben ongerust.', '€ 712 is veel.'].map(interjection)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('a scripted run that does not end', () => {
  it('stops after MAX_LOG_INPUTS inputs, as the bot does, and plays nothing after', () => {
    const lines = [
      ...Array.from({ length: MAX_LOG_INPUTS }, () => '/hint'),
      'Wat is er precies gebeurd?',
      'Vertelt u maar.',
    ];
    const { session, events } = playScript(benefits, lines, { lang: 'nl', seed: 3 });
    expect(session.outcome).toBe('stopped');
    expect(session.hintsUsed).toBe(MAX_LOG_INPUTS);
    expect(session.turns).toHaveLength(0);
    expect(events.slice(-3).map((e) => e.kind)).toEqual(['limitReached', 'ignoredAfterEnd', 'ignoredAfterEnd']);
  });
});
