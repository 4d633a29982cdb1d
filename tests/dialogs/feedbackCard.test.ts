import { describe, expect, it } from 'vitest';
import { allNodes, ofType, type CardNode } from '../support/cardNodes';
import { CARD_QUOTE_MAX, SECTION_IDS, buildFeedbackCard } from '../../dialogs/cards/feedbackCard';
import { cardRunText, escapeCardMarkdown, withQuoteMemo } from '../../dialogs/cards/textEscape';
import { CHANNELS, utf16Bytes } from '../../dialogs/channels';
import { PLAIN_TEXT_MAX_BYTES } from '../../dialogs/debriefFit';
import { commandFromCardValue } from '../../dialogs/commands';
import { cardTypesUsed, validateAdaptiveCard } from '../../dialogs/cards/validateCard';
import { debriefView, renderAngerChartSvg } from '../../src/core';
import { svgToPng } from '../../src/server/chartPng';
import { HOSTILE, REPORT_CASES, hostileNl, resolvedNl, stoppedZeroTurnsNl, walkedOutEn } from '../fixtures/reports';

const textBlocks = (card: object) => ofType(card, 'TextBlock').map((n) => String(n.text));
const textRuns = (card: object) => ofType(card, 'TextRun').map((n) => String(n.text));
/** Element and action types of Adaptive Cards 1.5 that Teams renders. */
const TYPES_UP_TO_1_5 = new Set([
  'AdaptiveCard',
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'Image',
  'ImageSet',
  'Media',
  'FactSet',
  'Container',
  'ColumnSet',
  'Column',
  'ActionSet',
  'Table',
  'TableRow',
  'TableCell',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
  'Action.Submit',
  'Action.OpenUrl',
  'Action.ShowCard',
  'Action.ToggleVisibility',
  'Action.Execute',
]);

describe('buildFeedbackCard: schema', () => {
  it.each(REPORT_CASES)('validates against Adaptive Cards 1.5 with the adaptivecards library: $name', ({ report }) => {
    for (const chartUrl of [undefined, 'https://bot.example.org/api/report/abc/chart.png']) {
      const card = buildFeedbackCard(debriefView(report), chartUrl ? { chartUrl } : {}) as CardNode;
      expect(card.version).toBe('1.5');
      expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
      expect(validateAdaptiveCard(card, '1.5')).toEqual([]);
      for (const type of cardTypesUsed(card)) expect(TYPES_UP_TO_1_5.has(type), type).toBe(true);
    }
  });

  it('also validates with the chart inline as a PNG data URL, and with fallbackText added', () => {
    const png = svgToPng(renderAngerChartSvg(resolvedNl)).toString('base64');
    const card = {
      ...buildFeedbackCard(debriefView(resolvedNl), { chartUrl: `data:image/png;base64,${png}` }),
      fallbackText: 'x',
    };
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('the validator does catch what is wrong (so a pass means something)', () => {
    const good = buildFeedbackCard(debriefView(resolvedNl), {}) as { body: CardNode[]; actions: CardNode[] };
    const broken = structuredClone(good);
    broken.body.push(
      { type: 'Carousel', pages: [] },
      { type: 'TextBlock', text: 'x', colour: 'Good' },
      { type: 'Image', url: 'https://x/y.png', forceLoad: true },
    );
    broken.actions.push({ type: 'Action.ToggleVisibility', title: 'x', targetElements: ['nowhere'] });
    const errors = validateAdaptiveCard(broken);
    expect(errors.some((e) => e.includes('Carousel'))).toBe(true);
    expect(errors.some((e) => e.includes('"colour"'))).toBe(true);
    expect(errors.some((e) => e.includes('forceLoad') && e.includes('1.6'))).toBe(true);
    expect(errors.some((e) => e.includes('"nowhere"'))).toBe(true);
    expect(validateAdaptiveCard({ ...good, version: '1.6' })).not.toEqual([]);
  });

  it('stays well under the Teams budget without the judged-turn list: with the longest fallback text, a quarter is left for the list', () => {
    // Teams counts a message as UTF-16 (2 bytes a code unit); the list of judged turns then gives way to fit.
    for (const { report } of REPORT_CASES) {
      const card = buildFeedbackCard(debriefView(report), {
        chartUrl: 'https://bot.example.org/api/report/abc/chart.png',
      });
      expect(utf16Bytes(card) + PLAIN_TEXT_MAX_BYTES).toBeLessThanOrEqual(CHANNELS.msteams.messageBudgetBytes * 0.75);
    }
  });
});

describe('buildFeedbackCard: content', () => {
  it('shows outcome and big score in the header', () => {
    const card = buildFeedbackCard(debriefView(resolvedNl), {}) as { body: CardNode[] };
    const header = JSON.stringify(card.body[0]);
    expect(header).toContain('Nabespreking: Boze bewoner over een parkeerboete');
    expect(header).toContain('"text":"86","wrap":true,"size":"ExtraLarge"');
    expect(header).toContain('Opgelost: de klant is rustig en er is een afspraak.');
  });

  it('breaks the score down in a FactSet that adds up', () => {
    const facts = ofType(buildFeedbackCard(debriefView(resolvedNl), {}), 'FactSet')[0].facts as Array<{
      title: string;
      value: string;
    }>;
    expect(facts).toEqual([
      { title: 'Uitkomst', value: '35 / 35' },
      { title: 'Boosheid omlaag', value: '20 / 20' },
      { title: 'Zevenstappenplan', value: '20 / 30' },
      { title: 'Geen escalerende reacties', value: '11 / 15' },
    ]);
    expect(facts.reduce((sum, f) => sum + Number(f.value.split(' / ')[0]), 0)).toBe(resolvedNl.score);
  });

  it('shows the chart with an alt text when given, else the sparkline', () => {
    const withChart = ofType(
      buildFeedbackCard(debriefView(walkedOutEn), { chartUrl: 'https://x.example/c.png' }),
      'Image',
    );
    expect(withChart).toHaveLength(1);
    expect(withChart[0].altText).toContain('Anger per turn, from turn 0 (opening) to turn 4.');
    const without = buildFeedbackCard(debriefView(walkedOutEn), {});
    expect(ofType(without, 'Image')).toHaveLength(0);
    expect(textBlocks(without)).toContain('▇▇▇██');
  });

  it('ticks the checklist with turn and quote', () => {
    const card = buildFeedbackCard(debriefView(resolvedNl), {});
    const runs = textRuns(card).join('|');
    expect(runs).toContain('✅ 2. |Emotie erkennen| (beurt 3)');
    expect(runs).toContain('❌ 4. |Samenvatten| (gemist)');
    expect(runs).toContain('➖ 6. |Grens stellen| (niet nodig)');
    expect(runs).toContain(' — beurt 3: |“Ik snap dat dit heel frustrerend is”');
  });

  it('folds the details: each section opens under a button of its own, closed at first', () => {
    const card = buildFeedbackCard(debriefView(resolvedNl), {});
    const folds = ofType(card, 'Action.ShowCard');
    expect(folds).toHaveLength(Object.values(SECTION_IDS).length);
    for (const id of Object.values(SECTION_IDS)) {
      const fold = folds.find((f) => allNodes(f.card).some((n) => n.id === id));
      expect(fold, id).toBeDefined();
      expect(String(fold?.title)).not.toBe('');
    }
    // Only what is inside a fold is hidden: the sections are nowhere else in the card.
    const outside = allNodes((card as { body: CardNode[] }).body.map((n) => ({ ...n, actions: undefined })));
    for (const id of Object.values(SECTION_IDS)) expect(outside.some((n) => n.id === id)).toBe(false);
  });

  it('sends the bot nothing it does not know: folds open in the host, every submit is a command', () => {
    for (const { report } of REPORT_CASES) {
      const card = buildFeedbackCard(debriefView(report), {});
      // Action.ToggleVisibility reached Web Chat's action handler, which logged every show/hide click as unknown.
      expect(ofType(card, 'Action.ToggleVisibility')).toEqual([]);
      for (const submit of ofType(card, 'Action.Submit')) {
        expect(commandFromCardValue(submit.data), JSON.stringify(submit.data)).toMatch(/^\/[a-z]+/);
      }
    }
  });

  it('has the measures, key moments and better replies', () => {
    const card = buildFeedbackCard(debriefView(resolvedNl), {});
    const measures = ofType(card, 'FactSet')[1].facts as Array<{ title: string; value: string }>;
    expect(measures).toContainEqual({ title: 'Tot kalm', value: '6 beurten (3 min 1 s)' });
    expect(measures).toContainEqual({ title: 'Escalerende reacties', value: '1' });
    expect(measures).toContainEqual({ title: 'Samenvatting', value: 'niet gegeven' });
    expect(measures).toContainEqual({ title: 'Afspraak (wie, wat, wanneer)', value: 'ja (3/3 onderdelen)' });
    const runs = textRuns(card);
    expect(runs).toContain('▲ Beurt 2: 72 → 84 (+12)');
    expect(runs).toContain('“Regels zijn regels, meneer.”');
    expect(runs).toContain('“Ik begrijp dat u dit oneerlijk vindt. Laten we samen kijken wat er wel kan.”');
    expect(runs).toContain('“morgen voor 12 uur”');
  });

  it('has the three buttons with the data the bot routes on, in the report language', () => {
    const nl = buildFeedbackCard(debriefView(resolvedNl), {}) as { actions: CardNode[] };
    expect(nl.actions.map((a) => [a.type, a.title, a.data])).toEqual([
      ['Action.Submit', 'Opnieuw oefenen', { action: 'restart' }],
      ['Action.Submit', 'Andere klant kiezen', { action: 'personas' }],
      ['Action.Submit', 'Verslag downloaden', { action: 'export', format: 'markdown' }],
    ]);
    const en = buildFeedbackCard(debriefView(walkedOutEn), {}) as { actions: CardNode[] };
    expect(en.actions.map((a) => a.title)).toEqual([
      'Practise again',
      'Choose another customer',
      'Download the report',
    ]);
  });

  it('handles zero turns', () => {
    const card = buildFeedbackCard(debriefView(stoppedZeroTurnsNl), {});
    expect(textBlocks(card)).toContain('Er is nog niet gereageerd: geen beurten om te beoordelen.');
    expect(textBlocks(card)).toContain('Nog niets om te tonen.');
  });

  it('is the same for the same report', () => {
    expect(JSON.stringify(buildFeedbackCard(debriefView(resolvedNl), {}))).toBe(
      JSON.stringify(buildFeedbackCard(debriefView(structuredClone(resolvedNl)), {})),
    );
  });
});

describe('cardRunText within one debrief (withQuoteMemo)', () => {
  // A debrief cuts each quote once per fit; the same text at another length is another quote.
  const cases: [text: string, max: number][] = [
    ['Dit is echt ongelooflijk, ik sta hier al een uur te wachten en niemand helpt me', 20],
    ['Dit is echt ongelooflijk, ik sta hier al een uur te wachten en niemand helpt me', 40],
    ['Sorry 😡👩‍👩‍👧🇳🇱 echt', 8],
    ['Sorry 😡👩‍👩‍👧🇳🇱 echt', 80],
    ['{{DATE(2020-01-01)}} **vet**', 80],
  ];

  it.each(cases)('quotes %j at %i as it does outside a debrief', (text, max) => {
    const outside = cardRunText(text, max);
    const inside = withQuoteMemo(() => cases.map(([t, m]) => cardRunText(t, m)).concat(cardRunText(text, max)));
    expect(inside[inside.length - 1]).toBe(outside);
    expect(inside.slice(0, -1)).toEqual(cases.map(([t, m]) => cardRunText(t, m)));
  });
});

describe('buildFeedbackCard: hostile input', () => {
  const card = buildFeedbackCard(debriefView(hostileNl), { chartUrl: 'https://x.example/c.png' });
  const json = JSON.stringify(card);

  it('puts trainee words only in TextRuns (never read as Markdown), shortened and cleaned', () => {
    for (const text of Object.values(HOSTILE)) {
      const first = cardRunText(text, 12).replace('…', '');
      for (const tb of textBlocks(card))
        expect(tb.includes(first) && first.length > 3, `${first} in a TextBlock`).toBe(false);
    }
    for (const run of textRuns(card)) {
      expect(run.length).toBeLessThanOrEqual(CARD_QUOTE_MAX + 320);
      expect(run).not.toMatch(/[\n\r\u200B\u200C\u2060\u202E\uFEFF]/);
    }
    expect(textRuns(card).some((r) => r.includes('Dit is echt ongelooflijk') && r.endsWith('…”'))).toBe(true);
    expect(textRuns(card)).toContain('“Sorry 😡👩‍👩‍👧🇳🇱 echt”');
  });

  it('escapes report strings that do sit in TextBlocks', () => {
    expect(textBlocks(card)).toContain('Nabespreking: Boze bewoner \\<b\\>vet\\</b\\>');
    expect(textBlocks(card).some((t) => t.includes('Henk \\[de\\] \\*Vries\\*'))).toBe(true);
  });

  it('stays valid JSON and a valid card, with no new elements or actions from the input', () => {
    expect(JSON.parse(json)).toEqual(card);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(ofType(card, 'Action.OpenUrl')).toHaveLength(0);
    expect(json).not.toContain('{{');
  });
});

describe('escapeCardMarkdown', () => {
  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['[x](http://evil)', '\\[x\\]\\(http://evil\\)'],
    ['_a_ `b` \\ <i> >', '\\_a\\_ \\`b\\` \\\\ \\<i\\> \\>'],
    ['# kop', '\\# kop'],
    ['- item\n+ item\n1. item', '\\- item\n\\+ item\n1\\. item'],
    ['een - streepje midden in', 'een - streepje midden in'],
    ['{{DATE(2024-01-01T00:00:00Z)}}', '{ {DATE\\(2024-01-01T00:00:00Z\\)} }'],
  ])('%j → %j', (input, expected) => {
    expect(escapeCardMarkdown(input)).toBe(expected);
  });
});
