import type { Lang, Persona } from '../../src/core';
import { t } from '../texts';
import { neutraliseCardFunctions } from './textEscape';

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

/** The customer's first words, as the briefing card shows them under the briefing. */
export interface BriefingOpening {
  /** The customer's words (shown literally: a TextRun reads no Markdown). */
  words: string;
  /** The small line under them: the anger meter. */
  footnote: string;
}

/** Who plays the role-play a briefing opens: one trainee (with /hint, /retry, /stop) or a group demo's room. */
export type BriefingAudience = 'solo' | 'group';

/**
 * The trainee's briefing before the customer speaks: who they are and what is possible; with `opening`, the
 * customer's first words under it, set apart as the chat shows a customer's line (name in bold, the meter
 * small under it), so the role-play's start is one message that reads in order on every channel. The closing line
 * names the commands of the audience: a group demo's are the trainer's, and its start message lists them.
 */
export function buildBriefingCard(
  persona: Persona,
  lang: Lang,
  { opening, audience = 'solo' }: { opening?: BriefingOpening; audience?: BriefingAudience } = {},
): object {
  const list = (items: readonly string[]) => items.map((item) => `- ${item}`).join('\n');
  const card: { body: object[] } & Record<string, unknown> = {
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
      {
        type: 'TextBlock',
        text: t(audience === 'group' ? 'groupRolePlayStarts' : 'rolePlayStarts', lang),
        isSubtle: true,
        wrap: true,
        spacing: 'Medium',
      },
    ],
  };
  if (opening) card.body.push(openingBlock(persona, lang, opening));
  return card;
}

function openingBlock(persona: Persona, lang: Lang, opening: BriefingOpening) {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Large',
    items: [
      {
        type: 'RichTextBlock',
        inlines: [
          { type: 'TextRun', text: `${neutraliseCardFunctions(persona.customer.name[lang])}: `, weight: 'Bolder' },
          { type: 'TextRun', text: neutraliseCardFunctions(opening.words) },
        ],
      },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: opening.footnote, italic: true }], spacing: 'Small' },
    ],
  };
}
