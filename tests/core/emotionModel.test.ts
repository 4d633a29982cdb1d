import { describe, expect, it } from 'vitest';
import { applyTurn, initialEmotion, type EmotionState } from '../../src/core/engine/emotionModel';
import type { Persona } from '../../src/core/persona/types';
import { shippedPersona } from '../support/shippedContent';
import { said, shouted } from '../fixtures/classifications';

const persona = shippedPersona('municipal-benefits');

/** A neutral persona: every technique at sensitivity 1, so the tables show the model, not the person. */
const average: Persona = {
  ...persona,
  sensitivity: {},
  anger: {
    ...persona.anger,
    start: 70,
    ventingTurns: 2,
    boundaryRespect: 1,
    patience: 30,
    residual: 15,
    residualAgreed: 5,
    maxRise: 30,
    maxFall: 30,
  },
};

function start(overrides: Partial<EmotionState> = {}): EmotionState {
  return { ...initialEmotion(average, 'normal', 12345), ...overrides };
}

/** Plays moves one after another and returns every outcome. */
function play(state: EmotionState, ...moves: ReturnType<typeof said>[]) {
  const outcomes = [];
  let current = state;
  for (const move of moves) {
    const outcome = applyTurn(average, 'normal', current, move);
    outcomes.push(outcome);
    current = outcome.state;
  }
  return outcomes;
}

const delta = (before: EmotionState, outcome: ReturnType<typeof applyTurn>) => outcome.state.anger - before.anger;

describe('venting: the customer first needs to let off steam', () => {
  it('a short listening reply during the outburst calms', () => {
    const before = start();
    const [outcome] = play(before, said('listen'));
    expect(delta(before, outcome)).toBeLessThan(0);
    expect(outcome.reaction).toBe('listened');
  });

  it('a solution while the customer still vents makes it worse', () => {
    const before = start();
    const [outcome] = play(before, said('offer_choice'));
    expect(delta(before, outcome)).toBeGreaterThan(0);
    expect(outcome.reaction).toBe('choiceTooEarly');
  });

  it('being told to calm down mid-outburst hurts more than later', () => {
    const during = applyTurn(average, 'normal', start(), said('dismiss'));
    const after = applyTurn(average, 'normal', start({ ventingLeft: 0 }), said('dismiss'));
    expect(during.effects.find((e) => e.label === 'dismiss')!.delta).toBeGreaterThan(
      after.effects.find((e) => e.label === 'dismiss')!.delta,
    );
  });
});

describe('order matters: acknowledge, ask, summarise, offer choices, agree', () => {
  it('choices after acknowledging and asking calm more than choices straight away', () => {
    const prepared = start({
      ventingLeft: 0,
      progress: { acknowledged: true, asked: true, summarized: false, choiceOffered: false, agreed: false },
    });
    const cold = start({ ventingLeft: 0 });
    const afterPreparation = applyTurn(average, 'normal', prepared, said('offer_choice'));
    const straightAway = applyTurn(average, 'normal', cold, said('offer_choice'));
    const effect = (o: typeof afterPreparation) => o.effects.find((e) => e.label === 'offer_choice')!.delta;
    expect(effect(afterPreparation)).toBeLessThan(effect(straightAway));
  });

  it('the full plan ends resolved: calm and a concrete agreement', () => {
    const outcomes = play(
      start(),
      said('listen'),
      said('acknowledge_emotion'),
      said('ask_question'),
      said('summarize'),
      said('offer_choice'),
      said('make_agreement'),
    );
    const last = outcomes[outcomes.length - 1];
    expect(last.ending).toBe('resolved');
    expect(last.state.anger).toBeLessThanOrEqual(40);
  });
});

describe('the customer answers the most concrete part of a reply', () => {
  it.each([
    [['acknowledge_emotion', 'ask_question'], 'questionAnswered'],
    [['listen', 'acknowledge_emotion'], 'acknowledged'],
    [['acknowledge_emotion', 'offer_choice'], 'choiceAccepted'],
    [['summarize', 'ask_question'], 'summaryConfirmed'],
  ] as const)('%j → %s', (labels, reaction) => {
    const before = start({
      ventingLeft: 0,
      progress: { acknowledged: true, asked: true, summarized: false, choiceOffered: false, agreed: false },
    });
    expect(applyTurn(average, 'normal', before, said(...labels)).reaction).toBe(reaction);
  });
});

describe('repetition wears out', () => {
  it('each "I understand" helps less, and the fourth in a row irritates', () => {
    const before = start({ ventingLeft: 0 });
    const outcomes = play(
      before,
      said('acknowledge_emotion'),
      said('acknowledge_emotion'),
      said('acknowledge_emotion'),
      said('acknowledge_emotion'),
    );
    const ackEffects = outcomes.map((o) => o.effects.find((e) => e.label === 'acknowledge_emotion')!.delta);
    expect(ackEffects[0]).toBeLessThan(ackEffects[1]);
    expect(ackEffects[1]).toBeLessThan(ackEffects[2]);
    expect(ackEffects[3]).toBeGreaterThan(0);
    expect(outcomes[3].effects.find((e) => e.label === 'acknowledge_emotion')!.reason).toBe('ackScripted');
  });
});

describe('flagged moves raise anger and get their own reaction', () => {
  it.each([
    ['argue', 'argued'],
    ['rules_speak', 'rulesQuoted'],
    ['dismiss', 'dismissed'],
    ['defend', 'defended'],
    ['counter_aggression', 'counterAggression'],
  ] as const)('%s → anger up, reaction %s', (label, reaction) => {
    const before = start({ ventingLeft: 0, anger: 50, escalation: 'none' });
    const outcome = applyTurn(average, 'normal', before, said(label));
    expect(outcome.state.anger).toBeGreaterThan(before.anger);
    expect(outcome.reaction).toBe(reaction);
  });

  it('"yes, but": a kind move followed by a flagged one counts for half', () => {
    const before = start({ ventingLeft: 0 });
    const alone = applyTurn(average, 'normal', before, said('acknowledge_emotion'));
    const withBut = applyTurn(average, 'normal', before, said('acknowledge_emotion', 'argue'));
    const ack = (o: typeof alone) => o.effects.find((e) => e.label === 'acknowledge_emotion')!;
    expect(-ack(withBut).delta).toBe(Math.round(-ack(alone).delta / 2));
    expect(ack(withBut).halvedByBut).toBe(true);
  });

  it('capitals read as shouting even without a flagged label', () => {
    const before = start({ ventingLeft: 0 });
    const outcome = applyTurn(average, 'normal', before, shouted('ask_question'));
    expect(outcome.effects.some((e) => e.label === 'shouting' && e.delta > 0)).toBe(true);
  });
});

describe('the escalation path and STOP', () => {
  it('arguing walks the customer up: louder, personal, abusive, one step per turn', () => {
    const outcomes = play(
      start({ ventingLeft: 0, anger: 58, escalation: 'none' }),
      said('argue'),
      said('argue'),
      said('argue'),
    );
    expect(outcomes.map((o) => o.escalationLine)).toEqual(['louder', 'personal', 'abusive']);
  });

  it('a calm boundary when the customer gets personal is the right move', () => {
    const before = start({ ventingLeft: 0, anger: 85, escalation: 'personal' });
    const outcome = applyTurn(average, 'normal', before, said('set_boundary'));
    expect(outcome.reaction).toBe('boundaryAccepted');
    expect(outcome.state.anger).toBeLessThan(before.anger);
  });

  it('a boundary while the customer is not personal feels patronising', () => {
    const before = start({ ventingLeft: 0, anger: 55 });
    const outcome = applyTurn(average, 'normal', before, said('set_boundary'));
    expect(outcome.reaction).toBe('boundaryUnneeded');
    expect(outcome.state.anger).toBeGreaterThan(before.anger);
  });

  it('ending the conversation is right only after the boundary was crossed again', () => {
    const tooEarly = applyTurn(
      average,
      'normal',
      start({ ventingLeft: 0, anger: 85, escalation: 'personal' }),
      said('end_conversation'),
    );
    expect(tooEarly.ending).toBe('ended_by_trainee');
    expect(tooEarly.endingJustified).toBe(false);

    const crossed = start({
      ventingLeft: 0,
      anger: 92,
      escalation: 'abusive',
      boundary: { set: true, crossedAgain: true, missed: 0 },
    });
    const rightly = applyTurn(average, 'normal', crossed, said('end_conversation'));
    expect(rightly.endingJustified).toBe(true);
    expect(rightly.reaction).toBe('endedRightly');
  });

  it('abuse without a boundary is counted as a missed boundary', () => {
    const before = start({ ventingLeft: 0, anger: 93, escalation: 'abusive' });
    const outcome = applyTurn(average, 'normal', before, said('acknowledge_emotion'));
    expect(outcome.state.boundary.missed).toBe(1);
  });

  it('at the top of the scale the customer first warns, then walks out on the next reply that does not help', () => {
    const [warning, gone] = play(
      start({ ventingLeft: 0, anger: 95, escalation: 'abusive' }),
      said('counter_aggression'),
      said('argue'),
    );
    expect(warning.ending).toBeUndefined();
    expect(warning.escalationLine).toBe('lastWarning');
    expect(gone.ending).toBe('walked_out');
    expect(gone.escalationLine).toBe('walkOut');
  });

  it('after the warning, a reply that helps keeps the customer at the desk', () => {
    const [, stays] = play(
      start({ ventingLeft: 0, anger: 95, escalation: 'abusive' }),
      said('counter_aggression'),
      said('set_boundary'),
    );
    expect(stays.ending).toBeUndefined();
    expect(stays.state.anger).toBeLessThan(100);
  });

  it('out of patience while still upset: a warning first, then the walk-out', () => {
    const impatient: Persona = { ...average, anger: { ...average.anger, patience: 6 } };
    let state = start({ ventingLeft: 0, anger: 60 });
    const lines = [];
    for (let turn = 0; turn < 8; turn++) {
      const outcome = applyTurn(impatient, 'normal', state, said());
      lines.push(outcome.escalationLine ?? '-');
      state = outcome.state;
      if (outcome.ending) break;
    }
    expect(lines.slice(-2)).toEqual(['lastWarning', 'walkOut']);
  });
});

describe('inertia: no single reply moves anger more than the persona allows (at most 30)', () => {
  it.each([
    ['counter_aggression and shouting at 65', { anger: 65 }, ['counter_aggression', 'argue', 'dismiss'], 30],
    [
      'an agreement after the whole plan at 75',
      { anger: 75 },
      ['acknowledge_emotion', 'ask_question', 'make_agreement'],
      -30,
    ],
  ] as const)('%s', (_name, overrides, labels, largest) => {
    const before = start({
      ventingLeft: 0,
      ...overrides,
      progress: { acknowledged: true, asked: true, summarized: true, choiceOffered: true, agreed: false },
    });
    const outcome = applyTurn(average, 'normal', before, said(...labels));
    expect(outcome.state.anger - before.anger).toBe(largest);
    expect(outcome.effects.some((e) => e.label === 'inertia')).toBe(true);
  });

  it('a persona that calms slowly moves less per reply', () => {
    const slow: Persona = { ...average, anger: { ...average.anger, maxFall: 12 } };
    const before = start({ ventingLeft: 0, anger: 70 });
    const outcome = applyTurn(slow, 'normal', before, said('acknowledge_emotion', 'ask_question'));
    expect(outcome.state.anger).toBe(58);
  });

  it('the effects always add up to the change a trainer sees', () => {
    const before = start({ ventingLeft: 0, anger: 96, escalation: 'abusive' });
    for (const labels of [['counter_aggression'], ['acknowledge_emotion'], ['set_boundary'], []] as const) {
      const outcome = applyTurn(average, 'normal', before, said(...labels));
      const sum = outcome.effects.reduce((total, e) => total + e.delta, 0);
      expect(outcome.state.anger - before.anger, labels.join('+')).toBe(sum);
    }
  });
});

describe('a de-escalating reply registers even at the top of the scale', () => {
  it.each(['listen', 'acknowledge_emotion', 'ask_question', 'summarize'] as const)('%s at 100', (label) => {
    const before = start({ ventingLeft: 0, anger: 100, escalation: 'louder' });
    const outcome = applyTurn(average, 'normal', before, said(label));
    expect(outcome.state.anger).toBeLessThan(100);
  });
});

describe('residual irritation: calm is not zero', () => {
  it('while the problem is open, anger stops at the persona residual', () => {
    const persona30: Persona = { ...average, anger: { ...average.anger, residual: 30, residualAgreed: 12 } };
    const before = start({ ventingLeft: 0, anger: 35 });
    const outcome = applyTurn(persona30, 'normal', before, said('acknowledge_emotion', 'ask_question'));
    expect(outcome.state.anger).toBe(30);
    expect(outcome.effects.find((e) => e.label === 'residual')?.reason).toBe('residual');
  });

  it('after an agreement it may go lower, down to the agreed residual', () => {
    const persona30: Persona = { ...average, anger: { ...average.anger, residual: 30, residualAgreed: 12 } };
    const before = start({
      ventingLeft: 0,
      anger: 32,
      progress: { acknowledged: true, asked: true, summarized: true, choiceOffered: true, agreed: false },
    });
    const outcome = applyTurn(persona30, 'normal', before, said('make_agreement'));
    expect(outcome.ending).toBe('resolved');
    expect(outcome.state.anger).toBeLessThan(30);
    expect(outcome.state.anger).toBeGreaterThanOrEqual(12);
    const further = applyTurn(persona30, 'normal', { ...outcome.state, anger: 14 }, said('make_agreement'));
    expect(further.state.anger).toBe(12);
  });
});

describe('difficulty', () => {
  it('a hard customer starts angrier and calms more slowly than an easy one', () => {
    const easy = initialEmotion(average, 'easy', 1);
    const hard = initialEmotion(average, 'hard', 1);
    expect(hard.anger).toBeGreaterThan(easy.anger);
    const calmEasy = applyTurn(average, 'easy', { ...easy, ventingLeft: 0 }, said('acknowledge_emotion')).effects[0]
      .delta;
    const calmHard = applyTurn(average, 'hard', { ...hard, ventingLeft: 0 }, said('acknowledge_emotion')).effects[0]
      .delta;
    expect(calmEasy).toBeLessThan(calmHard);
  });
});

describe('the customer voice', () => {
  it('fills slots, capitalising a value that starts a sentence', async () => {
    const { fillSlots } = await import('../../src/core/engine/customerVoice');
    expect(fillSlots('{day} gaat de huur eraf. {day} dus.', { day: 'donderdag' })).toBe(
      'Donderdag gaat de huur eraf. Donderdag dus.',
    );
    expect(fillSlots('Ik moet {day} betalen.', { day: 'donderdag' })).toBe('Ik moet donderdag betalen.');
    expect(fillSlots('Onbekend: {missing}', {})).toBe('Onbekend: {missing}');
  });
});
