import { describe, expect, it } from 'vitest';
import { buildScenarioCard } from '../../dialogs/cards/scenarioCard';
import { validateAdaptiveCard } from '../../dialogs/cards/validateCard';
import { commandFromCardValue } from '../../dialogs/commands';
import { ofType } from '../support/cardNodes';
import { shippedLibrary } from '../support/shippedContent';

const personas = shippedLibrary.personas;

describe('the scenario list card', () => {
  it('ships with more customers than a host shows in a card’s action bar (Teams: six)', () => {
    expect(personas.length).toBeGreaterThan(6);
  });

  it.each(['nl', 'en'] as const)('gives every customer a button of its own, titled with the scenario (%s)', (lang) => {
    const card = buildScenarioCard(personas, lang) as { actions?: unknown[] };
    const buttons = ofType(card, 'Action.Submit');
    expect(buttons.map((b) => b.title)).toEqual(personas.map((p) => p.title[lang]));
    expect(buttons.map((b) => commandFromCardValue(b.data))).toEqual(personas.map((p) => `/start ${p.id}`));
    // Each button in the body, one per ActionSet, so no host's cap on the action bar hides one.
    expect(card.actions ?? []).toEqual([]);
    expect(ofType(card, 'ActionSet').map((set) => (set.actions as unknown[]).length)).toEqual(personas.map(() => 1));
    expect(validateAdaptiveCard(card, '1.5')).toEqual([]);
  });
});
