import type { Lang, Persona } from '../../src/core';
import { t } from '../texts';

const DIFFICULTY_NAMES: Record<string, Record<Lang, string>> = {
  easy: { nl: 'makkelijk', en: 'easy' },
  normal: { nl: 'gemiddeld', en: 'normal' },
  hard: { nl: 'moeilijk', en: 'hard' },
};

/**
 * The list of customers to practise with, as an Adaptive Card: every customer its own button (the scenario's
 * title) with who the customer is and the level under it. The buttons sit in the body, one ActionSet each,
 * because hosts cap the card's own action bar (Teams shows at most six).
 */
export function buildScenarioCard(personas: readonly Persona[], lang: Lang): object {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t('chooseScenario', lang), weight: 'Bolder', size: 'Medium', wrap: true },
      ...personas.map((persona) => ({
        type: 'Container',
        separator: true,
        items: [
          {
            type: 'ActionSet',
            actions: [
              {
                type: 'Action.Submit',
                title: persona.title[lang],
                data: { action: 'start', personaId: persona.id },
              },
            ],
          },
          {
            type: 'TextBlock',
            text: `${persona.customer.name[lang]} · ${t('difficulty', lang)}: ${DIFFICULTY_NAMES[persona.difficulty]?.[lang] ?? persona.difficulty} · /start ${persona.id}`,
            isSubtle: true,
            spacing: 'Small',
            wrap: true,
          },
        ],
      })),
    ],
  };
}

/** The trainee's briefing before the customer speaks: who they are and what is possible. */
export function buildBriefingCard(persona: Persona, lang: Lang): object {
  const list = (items: readonly string[]) => items.map((item) => `- ${item}`).join('\n');
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: persona.title[lang], weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: persona.briefing[lang], wrap: true },
      { type: 'TextBlock', text: t('youCanOffer', lang), weight: 'Bolder', wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: list(persona.canOffer[lang]), wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: t('youCannotOffer', lang), weight: 'Bolder', wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: list(persona.cannotOffer[lang]), wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: t('rolePlayStarts', lang), isSubtle: true, wrap: true, spacing: 'Medium' },
    ],
  };
}
