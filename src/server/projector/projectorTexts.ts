/**
 * The projector page's own words for guiding the room (phase, votes, winner, join, debrief), in both languages.
 * The labels it shares with the chat cards (anger, bands, proposals) are the core's DEMO_LABELS.
 */
import type { Lang } from '../../core';

const PROJECTOR_TEXTS = {
  briefing: { nl: 'De situatie', en: 'The situation' },
  canOffer: { nl: 'Wel mogelijk', en: 'Can offer' },
  cannotOffer: { nl: 'Niet mogelijk', en: 'Cannot offer' },
  round: { nl: 'Ronde {n}', en: 'Round {n}' },
  phaseOpen: { nl: 'iedereen mag de klant antwoorden', en: 'anyone may answer the customer' },
  phaseProposing: { nl: 'typ uw voorstel in de chat', en: 'type your proposal in the chat' },
  phaseVoting: { nl: 'stemmen: /vote <nummer>', en: 'voting: /vote <number>' },
  phaseEnded: { nl: 'afgelopen: de nabespreking', en: 'ended: the debrief' },
  votedOf: { nl: '{n} van {m} gestemd', en: '{n} of {m} voted' },
  predictionsHidden: {
    nl: 'Voorspellingen verborgen tot de keuze',
    en: 'Predictions hidden until the pick',
  },
  predictionHidden: { nl: 'effect verborgen tot de keuze', en: 'effect hidden until the pick' },
  winner: { nl: 'Gekozen in ronde {n}', en: 'Picked in round {n}' },
  proposalOf: { nl: 'voorstel {n} van {author}', en: 'proposal {n} by {author}' },
  replyOf: { nl: 'het voorstel van {author}', en: 'the proposal by {author}' },
  pickedBy: { nl: 'gekozen door {name}', en: 'picked by {name}' },
  pickedByMajority: {
    nl: 'de meerderheid besliste (gevraagd door {name})',
    en: 'the majority decided (asked by {name})',
  },
  overruled: {
    nl: '{name} koos tegen de meerderheid van de stemmen in',
    en: '{name} overruled the majority of the votes',
  },
  joinTitle: { nl: 'Doe mee', en: 'Join in' },
  joinHint: { nl: 'scan de code of open', en: 'scan the code or open' },
  debrief: { nl: 'Nabespreking van de groep', en: 'Group debrief' },
  score: { nl: 'Score', en: 'Score' },
  curve: { nl: 'Boosheid per beurt', en: 'Anger per turn' },
  start: { nl: 'begin', en: 'start' },
  peak: { nl: 'hoogste', en: 'peak' },
  final: { nl: 'eind', en: 'end' },
  plan: { nl: 'Het stappenplan', en: 'The plan' },
  tips: { nl: 'Tips', en: 'Tips' },
  turnsCol: { nl: 'beurten', en: 'turns' },
  proposalsCol: { nl: 'voorstellen', en: 'proposals' },
  votesCol: { nl: 'stemmen', en: 'votes' },
  participants: { nl: 'In de zaal', en: 'In the room' },
} satisfies Record<string, Record<Lang, string>>;

export type ProjectorTextKey = keyof typeof PROJECTOR_TEXTS;

/** The projector's own texts in one language (templates keep their `{placeholders}` for the page script). */
export function projectorTexts(lang: Lang): Record<ProjectorTextKey, string> {
  return Object.fromEntries(Object.entries(PROJECTOR_TEXTS).map(([key, value]) => [key, value[lang]])) as Record<
    ProjectorTextKey,
    string
  >;
}
