import { describe, expect, it } from 'vitest';
import { buildFeedbackCard, TURNS_SECTION_ID } from '../../dialogs/cards/feedbackCard';
import { validateAdaptiveCard } from '../../dialogs/cards/validateCard';
import { commandFromCardValue } from '../../dialogs/commands';
import { debriefView } from '../../src/core';
import { resolvedNl, resolvedNlTranscript } from '../fixtures/reports/resolvedNl';
import { allNodes } from '../support/cardNodes';

describe('the debrief card: judged turns', () => {
  const card = buildFeedbackCard(debriefView(resolvedNl, resolvedNlTranscript), {});

  it('is a valid Adaptive Card 1.5 with the judged turns (an invalid input makes Web Chat render it empty)', () => {
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(allNodes(card).some((n) => n.id === TURNS_SECTION_ID)).toBe(true);
  });

  it('has no judged turns without the transcript (the exports build the view without one)', () => {
    expect(allNodes(buildFeedbackCard(debriefView(resolvedNl), {})).some((n) => n.id === TURNS_SECTION_ID)).toBe(false);
  });

  it.each([
    [{ action: 'why', turn: 3 }, '/why 3'],
    [{ action: 'correction', 'correct-turn': '2', 'correct-labels': 'summarize' }, '/corrections mark 2'],
    [{ action: 'correction' }, undefined],
    [{ action: 'why', turn: 'x' }, undefined],
  ])('the button %j stands for %s', (value, command) => {
    expect(commandFromCardValue(value)).toBe(command);
  });
});
