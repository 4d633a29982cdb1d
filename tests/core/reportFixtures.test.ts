/**
 * The debrief on recorded sessions (tests/fixtures/sessions, recorded with `playScript`): every report field
 * checked against values worked out by hand from the session's turns. A recorded session holds its own
 * classifications, so these tests pin the report, not the classifier.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { buildReport, type Session } from '../../src/core';
import { shippedPersona } from '../support/shippedContent';

function reportOf(name: string, personaId: string) {
  const session = JSON.parse(
    readFileSync(path.join(__dirname, '..', 'fixtures', 'sessions', `${name}.json`), 'utf8'),
  ) as Session;
  return { session, report: buildReport(session, shippedPersona(personaId)) };
}

const statuses = (report: ReturnType<typeof buildReport>) =>
  Object.fromEntries(report.checklist.map((c) => [c.step, c.status]));

describe('a skilled English role-play that ends resolved', () => {
  const { report } = reportOf('en-resolved', 'municipal-benefits');

  it('scores full marks, and says how', () => {
    expect(report.outcome).toBe('resolved');
    expect(report.scoreParts.map((p) => [p.key, p.points, p.max])).toEqual([
      ['outcome', 35, 35],
      ['calming', 20, 20],
      ['plan', 30, 30],
      ['conduct', 15, 15],
    ]);
    expect(report.score).toBe(100);
    expect(report.scoreParts[2].explanation).toBe('6 of the 6 steps that were needed.');
  });

  it('draws the anger curve from the opening to the agreement', () => {
    expect(report.angerCurve).toEqual([70, 55, 39, 19, 11, 0, 0, 0]);
    expect([report.startAnger, report.peakAnger, report.finalAnger, report.calmLine]).toEqual([70, 70, 0, 40]);
  });

  it('ticks every step of the plan with the turn and the words that earned it; no boundary was needed', () => {
    expect(statuses(report)).toEqual({
      stopAndBreathe: 'done',
      acknowledge: 'done',
      clarifyGoal: 'done',
      summarize: 'done',
      offerChoices: 'done',
      setLimit: 'notNeeded',
      closeWithAgreement: 'done',
    });
    expect(report.checklist.find((c) => c.step === 'acknowledge')!.quote).toEqual({
      turn: 3,
      text: 'I can see this really upsets you, and I understand why.',
    });
  });

  it('measures: calm after two turns (40 s), a clear summary, a concrete agreement', () => {
    expect(report.measures).toMatchObject({
      traineeTurns: 7,
      durationSeconds: 140,
      turnsUntilCalm: 2,
      secondsUntilCalm: 40,
      escalatingReplies: 0,
      summary: { given: true, clear: true },
      boundary: { verdict: 'notNeeded' },
      hintsUsed: 0,
      retries: 0,
    });
    expect(report.measures.agreement).toMatchObject({
      made: true,
      quote: { turn: 7, text: "Then I'll call you back tomorrow before twelve with the answer." },
    });
  });

  it('lists what went well, nothing to improve, the three biggest moves and no tips', () => {
    expect(report.wentWell.map((m) => [m.turn, m.label])).toEqual([
      [1, 'listen'],
      [3, 'acknowledge_emotion'],
      [4, 'ask_question'],
      [5, 'summarize'],
      [6, 'offer_choice'],
    ]);
    expect(report.toImprove).toEqual([]);
    expect(report.keyMoments.map((m) => [m.turn, m.delta])).toEqual([
      [1, -15],
      [2, -16],
      [3, -20],
    ]);
    expect(report.tips).toEqual([]);
    expect(report.techniqueCounts).toEqual({
      listen: 2,
      acknowledge_emotion: 1,
      ask_question: 1,
      summarize: 1,
      offer_choice: 1,
      make_agreement: 1,
    });
  });
});

describe('an argumentative English role-play: the customer walks out', () => {
  const { report } = reportOf('en-walked-out', 'municipal-passport');

  it('scores only what is left of conduct', () => {
    expect(report.outcome).toBe('walked_out');
    expect(report.scoreParts.map((p) => p.points)).toEqual([0, 0, 0, 7]); // 15 − 4 × 2 escalating replies
    expect(report.score).toBe(7);
    expect(report.angerCurve).toEqual([75, 94, 100]);
  });

  // The customer walked out on the turn they would have turned abusive: no insult was said, so no boundary was
  // missed (the debrief used to claim one, which the transcript contradicts).
  it('flags each escalating reply with a better one; no boundary was due', () => {
    expect(report.toImprove.map((f) => [f.turn, f.label])).toEqual([
      [1, 'argue'],
      [2, 'dismiss'],
    ]);
    expect(report.toImprove[1].quote.text).toBe("Calm down, it's not that bad.");
    expect(report.toImprove[1].betterReply).toBe('I can tell you are really angry about this, and I understand why.');
    expect(report.measures.boundary.verdict).toBe('notNeeded');
    expect(report.measures.escalatingReplies).toBe(2);
    expect(statuses(report).setLimit).toBe('notNeeded');
    expect(report.checklist[0].quote).toEqual({ turn: 1, text: "That's simply not true." });
  });

  it('suggests the first two missed steps to practise', () => {
    expect(report.tips).toEqual([
      'Breathe out once before you answer, and let the first outburst pass without talking back.',
      'Name what you notice ("I can see this really annoys you") before explaining anything, with no "but" after it.',
    ]);
  });
});

describe('a Dutch "ja maar", a good summary, a hint and /stop', () => {
  const { report } = reportOf('nl-yes-but-stopped', 'gp-phone');

  it('credits the acknowledgement and flags the "maar" in the same reply', () => {
    expect(report.wentWell.map((m) => [m.turn, m.label])).toEqual([
      [1, 'acknowledge_emotion'],
      [2, 'summarize'],
    ]);
    expect(report.toImprove.map((f) => [f.turn, f.label])).toEqual([[1, 'argue']]);
    expect(report.keyMoments.map((m) => [m.turn, m.delta])).toEqual([
      [1, 11],
      [2, -15],
    ]);
  });

  it('counts the hint, and scores a stop by how far the customer had calmed', () => {
    expect(report.outcome).toBe('stopped');
    expect(report.outcomeText).toBe('Gestopt voordat het gesprek af was.');
    expect(report.measures.hintsUsed).toBe(1);
    expect(report.measures.summary).toMatchObject({ given: true, clear: true, quote: { turn: 2 } });
    expect(report.scoreParts.map((p) => p.points)).toEqual([2, 3, 10, 11]);
    expect(report.score).toBe(26);
  });
});

describe('STOP in Dutch: boundary, crossed again, conversation ended', () => {
  const { report } = reportOf('nl-stop-principle', 'school-reception');

  it('credits the boundary and the stop, and explains the verdict', () => {
    expect(report.measures.boundary).toMatchObject({
      verdict: 'stoppedRightly',
      quote: { turn: 3, text: 'Ik stop dit gesprek nu.' },
    });
    expect(report.wentWell.map((m) => [m.turn, m.label])).toEqual([
      [2, 'set_boundary'],
      [3, 'end_conversation'],
    ]);
    expect(statuses(report).setLimit).toBe('done');
    expect(report.scoreParts[0]).toMatchObject({
      points: 30,
      explanation: 'Terecht gestopt na een overschreden grens: 30 van 35.',
    });
  });
});

describe('ending the conversation before the boundary was crossed again', () => {
  const { report } = reportOf('nl-ended-too-early', 'school-reception');

  it('is scored as a miss, with the boundary itself still credited', () => {
    expect(report.measures.boundary.verdict).toBe('endedTooEarly');
    expect(statuses(report).setLimit).toBe('done');
    expect(report.toImprove.map((f) => [f.turn, f.label])).toEqual([
      [1, 'argue'],
      [3, 'end_conversation'],
    ]);
    expect(report.scoreParts[0].points).toBe(5);
    expect(report.tips[0]).toBe(
      'Gaat de klant na uw waarschuwing opnieuw over de grens, stop dan echt het gesprek of haal hulp.',
    );
  });
});
