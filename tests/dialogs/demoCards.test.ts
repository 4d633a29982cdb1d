/**
 * The group demo cards: valid Adaptive Cards 1.5 in every room state, the meter as text + number + band,
 * buttons with the documented submit data, and participant words kept literal.
 */
import { describe, expect, it } from 'vitest';
import { ofType, type CardNode } from '../support/cardNodes';
import {
  buildDemoDebriefCard,
  buildDemoDebriefSection,
  buildDemoMeterCard,
  CARD_MAX_PROPOSALS,
  meterBar,
  type DemoSubmitData,
} from '../../dialogs/cards/demoCards';
import { cardTypesUsed, validateAdaptiveCard } from '../../dialogs/cards/validateCard';
import type { Persona, Stage } from '../../src/core';
import {
  end,
  groupDebrief,
  pause,
  pick,
  reply,
  roomSnapshot,
  setHidePredictions,
  startDemo,
  vote,
  type DemoRoom,
  type Participant,
} from '../../src/core/demo';
import { shippedStage } from '../support/shippedContent';

const texts = (card: object) => ofType(card, 'TextBlock').map((n) => String(n.text));
/** TextBlock texts as read on screen (Markdown escapes removed). */
const shown = (card: object) => texts(card).map((t) => t.replace(/\\(.)/g, '$1'));
const runs = (card: object) => ofType(card, 'TextRun').map((n) => String(n.text));
const submits = (card: object) =>
  ofType(card, 'Action.Submit').map((n) => [n.title, n.data] as [string, DemoSubmitData]);

const stage: Stage = shippedStage('municipal-benefits');
const persona: Persona = stage.persona;
const trainer: Participant = { id: 't', name: 'Tineke' };
const anna: Participant = { id: 'a', name: 'Anna' };
const hostile: Participant = { id: 'h', name: '**Baas** [klik](https://evil.example) {{DATE(2020-01-01)}}' };
const ROOM = 'AAAAAAAAAAAAAAAAAAAAAA';

function rooms(): Record<string, DemoRoom> {
  const openRoom = startDemo(stage, { roomId: ROOM, trainer, lang: 'nl', seed: 4, now: 0 }).room;
  const replied = reply(stage, openRoom, hostile, 'Dat klopt gewoon niet. <b>Echt</b> **niet**', 10_000).room;
  const voteRoom = startDemo(stage, {
    roomId: ROOM,
    trainer,
    lang: 'en',
    seed: 4,
    now: 0,
    mode: 'vote',
    majorityAllowed: true,
  }).room;
  let proposals = reply(stage, voteRoom, anna, 'I can see this really upsets you.', 1).room;
  proposals = reply(stage, proposals, hostile, 'Those are the rules.', 2).room;
  proposals = vote(proposals, trainer, 'p1').room;
  const picked = pick(stage, proposals, trainer, 'p1', 3).room;
  return {
    fresh: openRoom,
    replied,
    paused: pause(replied, trainer, 11_000).room,
    ended: end(replied, trainer, 12_000).room,
    voteEmpty: voteRoom,
    proposals,
    picked,
  };
}

describe('buildDemoMeterCard', () => {
  it.each(Object.entries(rooms()))(
    'is a valid Adaptive Card 1.5 in state "%s", with and without controls',
    (_name, room) => {
      for (const showControls of [true, false]) {
        const card = buildDemoMeterCard(roomSnapshot(room, persona), {
          showControls,
          projectorUrl: `https://bot.example.org/demo/${ROOM}`,
        }) as CardNode;
        expect(card.version).toBe('1.5');
        expect(validateAdaptiveCard(card, '1.5')).toEqual([]);
        expect(cardTypesUsed(card).has('Action.Execute')).toBe(false);
      }
    },
  );

  it('shows the meter as a bar, a number and the band in words', () => {
    const snapshot = roomSnapshot(rooms().replied, persona);
    const card = buildDemoMeterCard(snapshot);
    expect(texts(card)).toContain(meterBar(snapshot.anger));
    expect(texts(card)).toContain(`${snapshot.anger}/100 · ${snapshot.bandName}`);
    expect(meterBar(0)).toBe('░'.repeat(20));
    expect(meterBar(62)).toBe('█'.repeat(12) + '░'.repeat(8));
    expect(meterBar(100)).toBe('█'.repeat(20));
  });

  it('names the last reply’s author and labels, and keeps participant words literal', () => {
    const snapshot = roomSnapshot(rooms().replied, persona);
    const card = buildDemoMeterCard(snapshot);
    expect(runs(card)).toContain('**Baas** [klik](https://evil.example) { {DATE(2020-01-01)} }: ');
    expect(runs(card)).toContain('Dat klopt gewoon niet. <b>Echt</b> **niet**');
    expect(snapshot.transcript[1].labels).toEqual(['argue']);
    expect(texts(card)).toContain('⚠ in discussie gaan');
    // No participant text in a TextBlock (which hosts read as Markdown).
    expect(texts(card).join('\n')).not.toContain('Baas');
  });

  it('the trainer’s buttons follow the state: pause or resume, retry, end; none once ended', () => {
    const all = rooms();
    const ops = (room: DemoRoom) => submits(buildDemoMeterCard(roomSnapshot(room, persona))).map(([, d]) => d.op);
    expect(ops(all.replied)).toEqual(['pause', 'retry', 'end']);
    expect(ops(all.paused)).toEqual(['resume', 'retry', 'end']);
    expect(ops(all.ended)).toEqual([]);
    expect(texts(buildDemoMeterCard(roomSnapshot(all.paused, persona)))).toContain('⏸ Gepauzeerd');
    expect(texts(buildDemoMeterCard(roomSnapshot(all.ended, persona)))).toContain(
      '■ Afgelopen: De trainer heeft de demo beëindigd.',
    );
    for (const [, data] of submits(buildDemoMeterCard(roomSnapshot(all.replied, persona))))
      expect(data).toMatchObject({ action: 'demo', roomId: ROOM });
  });

  it('vote mode: each proposal with its what-if effect and vote/pick buttons; majority button when allowed', () => {
    const card = buildDemoMeterCard(roomSnapshot(rooms().proposals, persona));
    expect(submits(card).map(([title, d]) => [title, d.op, d.proposalId])).toEqual([
      ['Vote 1', 'vote', 'p1'],
      ['Pick 1', 'pick', 'p1'],
      ['Vote 2', 'vote', 'p2'],
      ['Pick 2', 'pick', 'p2'],
      ['Take my vote back', 'unvote', undefined],
      ['Pause', 'pause', undefined],
      ['Pick majority', 'pick', 'majority'],
      ['Take turn back', 'retry', undefined],
      ['End demo', 'end', undefined],
      ['Hide predictions', 'predictions', undefined],
    ]);
    expect(submits(card).find(([, d]) => d.op === 'predictions')?.[1].setting).toBe('hide');
    expect(texts(card).some((t) => /^1 vote · Anger −\d+ → \d+ · ✓ acknowledging the emotion$/.test(t))).toBe(true);
    const participantView = buildDemoMeterCard(roomSnapshot(rooms().proposals, persona), { showControls: false });
    expect(submits(participantView).map(([, d]) => d.op)).toEqual(['vote', 'vote', 'unvote', 'pick']);
  });

  it('guides the room: the round, "n of m voted", who picked and whether the majority was overruled', () => {
    const { proposals } = rooms();
    // Anna and the hostile participant are the room's voters; the trainer's vote does not count in "n of m".
    const voting = buildDemoMeterCard(roomSnapshot(vote(proposals, anna, 'p2').room, persona));
    expect(texts(voting)).toEqual(expect.arrayContaining(['Proposals · Round 1', '1 of 2 voted']));
    const overruled = pick(stage, vote(vote(proposals, anna, 'p2').room, hostile, 'p2').room, trainer, 'p1', 3).room;
    expect(shown(buildDemoMeterCard(roomSnapshot(overruled, persona)))).toContain(
      'Picked: 1. Anna (picked by Tineke; not the proposal with the most votes)',
    );
    const followed = rooms().picked;
    expect(shown(buildDemoMeterCard(roomSnapshot(followed, persona)))).toContain('Picked: 1. Anna (picked by Tineke)');
  });

  it('hidden predictions: no effect or techniques on the card (nor in the snapshot) until the pick', () => {
    const { proposals } = rooms();
    const hidden = setHidePredictions(proposals, trainer, true).room;
    const snapshot = roomSnapshot(hidden, persona);
    expect(snapshot.proposals.map((p) => [p.predictionHidden, p.labels, p.delta])).toEqual([
      [true, [], 0],
      [true, [], 0],
    ]);
    const card = buildDemoMeterCard(snapshot);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        '1 vote · effect on anger shown after the pick',
        '0 votes · effect on anger shown after the pick',
      ]),
    );
    expect(texts(card).some((t) => /acknowledging|rules|Anger [−+]/.test(t))).toBe(false);
    expect(submits(card).find(([, d]) => d.op === 'predictions')).toMatchObject([
      'Show predictions',
      { setting: 'show' },
    ]);
    // After the pick the room sees what each proposal did or would have done.
    const picked = pick(stage, hidden, trainer, 'p1', 3).room;
    expect(texts(buildDemoMeterCard(roomSnapshot(picked, persona))).some((t) => /rules$/.test(t))).toBe(true);
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('after a pick: what would have happened with the other proposals', () => {
    const card = buildDemoMeterCard(roomSnapshot(rooms().picked, persona));
    const all = texts(card);
    expect(all).toContain('What would have happened with the other proposals?');
    expect(all.some((t) => /^Anger \+\d+ → \d+ · ⚠ hiding behind the rules$/.test(t))).toBe(true);
  });

  it('shows at most a bounded number of proposals', () => {
    let room = startDemo(stage, { roomId: ROOM, trainer, lang: 'nl', seed: 1, now: 0, mode: 'vote' }).room;
    for (let i = 0; i < CARD_MAX_PROPOSALS + 3; i++)
      room = reply(stage, room, { id: `u${i}`, name: `U${i}` }, 'Vertelt u maar.', i).room;
    const card = buildDemoMeterCard(roomSnapshot(room, persona));
    expect(submits(card).filter(([, d]) => d.op === 'vote')).toHaveLength(CARD_MAX_PROPOSALS);
    expect(texts(card)).toContain('+3');
    expect(validateAdaptiveCard(card)).toEqual([]);
  });
});

describe('group debrief card', () => {
  it('in a vote demo, credits every participant with proposals and votes, also those who only voted', () => {
    let room = rooms().picked; // Anna and the hostile participant proposed, the trainer voted
    room = end(room, trainer, 10).room;
    const card = buildDemoDebriefCard(groupDebrief(room, persona));
    expect(validateAdaptiveCard(card)).toEqual([]);
    const rows = ofType(card, 'TableRow').map((row) => ofType(row, 'TextBlock').map((n) => String(n.text)));
    expect(rows[0]).toEqual(['Participant', 'Turns', 'Proposals', 'Votes', 'Techniques']);
    expect(rows.slice(1).map((cells) => cells.slice(0, 3))).toEqual([
      ['–', '0', '1'],
      ['1', '1', '0'],
      ['–', '1', '0'],
    ]);
    expect(runs(card).slice(0, 2)).toEqual(['Tineke', 'Anna']);
  });

  it('lists who contributed which techniques, and validates', () => {
    let room = startDemo(stage, { roomId: ROOM, trainer, lang: 'nl', seed: 2, now: 0 }).room;
    room = reply(stage, room, anna, 'Vertelt u maar, ik luister.', 10_000).room;
    room = reply(stage, room, hostile, 'Dat klopt gewoon niet.', 20_000).room;
    room = reply(stage, room, anna, 'Ik zie dat u hier echt van baalt.', 30_000).room;
    room = end(room, trainer, 40_000).room;
    const debrief = groupDebrief(room, persona);
    const card = buildDemoDebriefCard(debrief);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const rows = ofType(card, 'TableRow');
    expect(rows).toHaveLength(4);
    expect(runs(card)).toEqual(['Tineke', 'Anna', '**Baas** [klik](https://evil.example) { {DATE(2020-01-01)} }']);
    expect(texts(card)).toEqual(
      expect.arrayContaining(['1, 3', '✓ laten uitrazen en luisteren · ✓ emotie erkennen', '2', '⚠ in discussie gaan']),
    );
    expect(buildDemoDebriefSection({ contributors: [] }, 'en').map((n) => (n as CardNode).text)).toEqual([
      'Who contributed what',
      'Nobody replied.',
    ]);
  });
});
