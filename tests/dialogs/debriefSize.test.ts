import { describe, expect, it } from 'vitest';
import { CHANNELS, utf16Bytes } from '../../dialogs/channels';
import { CORRECTION_INPUTS, TURNS_SECTION_ID } from '../../dialogs/cards/feedbackCard';
import { withinUnits } from '../../dialogs/cards/textEscape';
import { validateAdaptiveCard } from '../../dialogs/cards/validateCard';
import { PLAIN_TEXT_MAX_BYTES, fitDebrief, plainDebrief, type DebriefMessage } from '../../dialogs/debriefFit';
import { turnsByInterest } from '../../dialogs/judgedTurnPriority';
import { polarityOf, type DebriefTranscriptLine, type TechniqueId } from '../../src/core';
import { SIZE_PERSONA, sizeRolePlay, type ReplyLength } from '../../scripts/debriefSizeRolePlays';
import { allNodes, type CardNode } from '../support/cardNodes';
import { shippedStage } from '../support/shippedContent';

const stage = shippedStage(SIZE_PERSONA);
const HOSTED_CHART = 'https://bot.example.org/charts/0123456789abcdef.png';
const played = new Map<string, ReturnType<typeof sizeRolePlay>>();
function rolePlay(turns: number, length: ReplyLength) {
  const key = `${turns}/${length}`;
  if (!played.has(key)) played.set(key, sizeRolePlay(stage, turns, length));
  return played.get(key)!;
}

function debrief(turns: number, length: ReplyLength, channelId: string): DebriefMessage {
  const { report, transcript } = rolePlay(turns, length);
  return fitDebrief({ report, channelId, transcript, hostedChartUrl: HOSTED_CHART });
}

const cardOf = (fit: DebriefMessage) => fit.activities[0].attachments?.[0]?.content as CardNode;
const whyTurns = (card: CardNode) =>
  allNodes(card)
    .filter((n) => (n.data as { action?: string } | undefined)?.action === 'why')
    .map((n) => (n.data as { turn: number }).turn);
const formTurns = (card: CardNode) =>
  ((allNodes(card).find((n) => n.id === CORRECTION_INPUTS.turn)?.choices ?? []) as { value: string }[]).map((c) =>
    Number(c.value),
  );
/** Half a surrogate pair on its own: what a cut inside a character leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the debrief fits every channel, whatever the role-play', () => {
  // Role-play length x reply length x channel. `full`: listed whole; otherwise the least it still lists.
  it.each([
    [8, 'short', 'msteams', 'full'],
    [8, 'short', 'webchat', 'full'],
    [8, 'long', 'msteams', 'full'],
    [8, 'long', 'webchat', 'full'],
    [8, 'emoji', 'msteams', 'full'],
    [25, 'short', 'msteams', 20],
    [25, 'short', 'webchat', 'full'],
    [25, 'long', 'msteams', 15],
    [25, 'long', 'webchat', 25],
    [25, 'emoji', 'msteams', 5],
    [40, 'short', 'msteams', 20],
    [40, 'short', 'webchat', 20],
    [40, 'long', 'msteams', 15],
    [40, 'long', 'webchat', 15],
    [40, 'emoji', 'webchat', 5],
  ] as const)('%i turns, %s replies, %s: within the budget, a valid card (%s)', (turns, length, channelId, lists) => {
    const fit = debrief(turns, length, channelId);
    const budget = CHANNELS[channelId].messageBudgetBytes;
    for (const activity of fit.activities) expect(utf16Bytes(activity)).toBeLessThanOrEqual(budget);
    expect(fit.form).not.toBe('plainText');
    expect(validateAdaptiveCard(cardOf(fit))).toEqual([]);
    if (lists === 'full') {
      expect(fit.form).toBe('full');
      expect(whyTurns(cardOf(fit))).toHaveLength(turns);
    } else {
      expect(fit.listedTurns).toBeGreaterThanOrEqual(lists);
      expect(fit.listedTurns).toBeLessThanOrEqual(turns);
    }
  });

  it('was over the Teams budget before it gave way: 40 turns of long replies', () => {
    const fit = debrief(40, 'long', 'msteams');
    expect(fit.wholeCardBytes).toBeGreaterThan(CHANNELS.msteams.messageBudgetBytes);
    expect(fit.form).toBe('someTurns');
  });

  it('first cuts the quotes in the list, then lists fewer turns', () => {
    // 25 turns of long replies: in Web Chat shorter quotes are enough; Teams also drops turns.
    const web = debrief(25, 'long', 'webchat');
    expect(web.form).toBe('shortQuotes');
    const quotes = allNodes(allNodes(cardOf(web)).find((n) => n.id === TURNS_SECTION_ID))
      .filter((n) => n.type === 'TextRun' && String(n.text).startsWith('“'))
      .map((n) => String(n.text));
    expect(quotes).toHaveLength(25);
    for (const quote of quotes) expect(quote.length).toBeLessThanOrEqual(82);
    expect(quotes.every((quote) => quote.endsWith('…”'))).toBe(true);
    expect(debrief(25, 'long', 'msteams').form).toBe('someTurns');
  });

  it('never cuts inside a character: emoji replies, card and fallback text', () => {
    for (const channelId of ['msteams', 'webchat']) {
      const fit = debrief(40, 'emoji', channelId);
      const card = cardOf(fit);
      const texts = allNodes(card).flatMap((n) => [n.text, n.title].filter((v) => typeof v === 'string'));
      expect(texts.length).toBeGreaterThan(100);
      for (const text of texts) expect(text).not.toMatch(LONE_SURROGATE);
      expect(String(card.fallbackText)).not.toMatch(LONE_SURROGATE);
    }
  });

  it.each([
    ['short text', 'Dag', 10, 'Dag'],
    ['cut between letters', 'abcdefghijkl', 6, 'abcde…'],
    ['a family emoji is 8 units: two do not fit in 10', '👩‍👩‍👧👩‍👩‍👧', 10, '👩‍👩‍👧…'],
    ['never half a surrogate pair', '😡😡😡', 4, '😡…'],
  ])('withinUnits: %s', (_, text, max, expected) => {
    expect(withinUnits(text, max)).toBe(expected);
    expect(withinUnits(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('a shortened list: the turns listed, their Why? buttons and the Misjudged? form agree', () => {
  const fit = debrief(40, 'long', 'msteams');
  const card = cardOf(fit);
  const { transcript } = rolePlay(40, 'long');
  const replies = transcript.filter((line) => line.role === 'trainee');
  const escalating = replies.flatMap((line, i) =>
    polarityOf(line.labels as TechniqueId[]) === 'escalating' ? [i + 1] : [],
  );

  it('every listed turn has Why? and is a choice in the form, and no other turn is', () => {
    const listed = whyTurns(card);
    expect(listed).toHaveLength(fit.listedTurns);
    expect(listed).toEqual([...listed].sort((a, b) => a - b));
    expect(formTurns(card)).toEqual(listed);
    const form = allNodes(card).find((n) => n.id === CORRECTION_INPUTS.turn)!;
    expect(listed).toContain(Number(form.value));
  });

  it('keeps the escalating turns and the most recent, and says how to see the rest', () => {
    const listed = whyTurns(card);
    expect(escalating.length).toBeGreaterThan(0);
    for (const turn of escalating) expect(listed).toContain(turn);
    expect(listed).toContain(40);
    const left = 40 - listed.length;
    const note = allNodes(card).find((n) => n.type === 'TextRun' && String(n.text).startsWith('Hier niet getoond'));
    const firstLeft = Array.from({ length: 40 }, (_, i) => i + 1).find((turn) => !listed.includes(turn));
    expect(note?.text).toBe(
      `Hier niet getoond: ${left} van uw 40 antwoorden. Typ /why met het nummer van de beurt (bijvoorbeeld /why ${firstLeft}) voor de uitleg bij dat antwoord, of /export voor het verslag met alle antwoorden.`,
    );
  });

  it('a list that fits whole has no such line', () => {
    const whole = cardOf(debrief(8, 'short', 'msteams'));
    expect(allNodes(whole).some((n) => String(n.text).startsWith('Hier niet getoond'))).toBe(false);
    expect(formTurns(whole)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('which turns a trainer wants first', () => {
  const line = (turn: number, labels: TechniqueId[], anger: number): DebriefTranscriptLine[] => [
    { role: 'trainee', turn, text: `reply ${turn}`, anger, labels, labelNames: [] },
    { role: 'customer', turn, text: 'answer', anger, labels: [], labelNames: [] },
  ];
  const opening: DebriefTranscriptLine = {
    role: 'customer',
    turn: 0,
    text: 'hi',
    anger: 70,
    labels: [],
    labelNames: [],
  };

  it('escalating first, then doubtful (nothing recognised, or judged kind while anger rose), then the rest; recent first', () => {
    const transcript = [
      opening,
      ...line(1, ['acknowledge_emotion'], 60), // kind, calmer: the rest
      ...line(2, ['argue'], 70), // escalating
      ...line(3, [], 68), // nothing recognised: doubtful
      ...line(4, ['ask_question'], 75), // kind, yet angrier: doubtful
      ...line(5, ['summarize'], 60), // the rest
      ...line(6, ['rules_speak', 'acknowledge_emotion'], 62), // escalating
    ];
    expect(turnsByInterest({ transcript })).toEqual([6, 2, 4, 3, 5, 1]);
  });
});

describe('the plain-text debrief', () => {
  it('fits its own limit, in both languages, with a last line that points to the full report', () => {
    const { report, transcript } = rolePlay(40, 'emoji');
    const plain = plainDebrief({ report, channelId: 'msteams', transcript });
    expect(plain.form).toBe('plainText');
    expect(plain.activities).toHaveLength(1);
    expect(utf16Bytes(plain.activities[0])).toBeLessThanOrEqual(PLAIN_TEXT_MAX_BYTES);
    expect(plain.activities[0].textFormat).toBe('plain');
    expect(plain.activities[0].text).toMatch(/^Nabespreking: /);
    expect(plain.activities[0].text).toMatch(
      /\n…\nDe rest van deze nabespreking past niet in één bericht: typ \/export/,
    );
  });

  // Whole or cut, alone or after the customer's last words: the size it reports is its largest message's.
  it.each([
    [8, 'short', false],
    [40, 'emoji', false],
    [8, 'short', true],
    [40, 'long', true],
  ] as const)(
    'of %i %s turns (after the last words: %s) reports its size as the channel counts it',
    (turns, length, withLastLine) => {
      const { report, transcript } = rolePlay(turns, length);
      const lastLine = withLastLine ? { type: 'message', text: '**Klant:** Nou, “dag”.\n\n_😐 42_' } : undefined;
      const plain = plainDebrief({ report, channelId: 'msteams', transcript, ...(lastLine ? { lastLine } : {}) });
      expect(plain.bytes).toBe(Math.max(...plain.activities.map((activity) => utf16Bytes(activity))));
      expect(fitDebrief({ report, channelId: 'msteams', transcript }).plain.bytes).toBe(
        utf16Bytes(fitDebrief({ report, channelId: 'msteams', transcript }).plain.activities[0]),
      );
    },
  );

  it('comes after the customer last words, in a message of their own', () => {
    const { report, transcript } = rolePlay(8, 'short');
    const lastLine = { type: 'message', text: '**Klant:** Nou, dag.', textFormat: 'markdown' };
    const plain = plainDebrief({ report, channelId: 'msteams', transcript, lastLine });
    expect(plain.activities.map((a) => a.text?.slice(0, 12))).toEqual(['**Klant:** N', 'Nabespreking']);
    // Short enough to be whole: no cut line.
    expect(plain.activities[1].text).not.toMatch(/past niet in één bericht/);
  });
});
