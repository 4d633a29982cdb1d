/**
 * The briefing card's closing line names the commands of whoever plays: one trainee gets /hint, /retry and /stop;
 * a group demo's room is pointed to the start message above the card, which lists the trainer's commands.
 */
import { describe, expect, it } from 'vitest';
import { buildBriefingCard } from '../../dialogs/cards/scenarioCard';
import { loadPersonaLibrary } from '../../src/content';

const persona = loadPersonaLibrary().personas.find((p) => p.id === 'municipal-passport')!;
const closingLine = (card: object) => {
  const body = (card as { body: { text?: string }[] }).body;
  return body[body.length - 1].text ?? '';
};

describe('the briefing card closes with the commands of its audience', () => {
  it.each([
    ['nl', 'solo', '/hint'],
    ['en', 'solo', '/hint'],
    ['nl', 'group', 'boven deze kaart'],
    ['en', 'group', 'above this card'],
  ] as const)('%s, %s: "%s"', (lang, audience, expected) => {
    const line = closingLine(buildBriefingCard(persona, lang, { audience }));
    expect(line).toContain(expected);
    if (audience === 'group') expect(line).not.toMatch(/\/hint|\/retry|\/stop/);
  });
});
