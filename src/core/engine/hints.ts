import type { Lang } from '../techniques';
import type { EmotionState } from './emotionModel';

export type HintKey =
  'stop' | 'boundary' | 'vent' | 'acknowledge' | 'ask' | 'summarize' | 'choices' | 'agree' | 'close';

/** What would help now, in the order of the seven-step plan: names the move, never the words. */
export function hintKeyFor(state: EmotionState): HintKey {
  if (state.boundary.crossedAgain) return 'stop';
  if ((state.escalation === 'abusive' || state.escalation === 'personal') && !state.boundary.set) return 'boundary';
  if (state.ventingLeft > 0 && !state.progress.acknowledged) return 'vent';
  if (!state.progress.acknowledged) return 'acknowledge';
  if (!state.progress.asked) return 'ask';
  if (!state.progress.summarized) return 'summarize';
  if (!state.progress.choiceOffered) return 'choices';
  if (!state.progress.agreed) return 'agree';
  return 'close';
}

export const HINT_TEXT: Record<HintKey, Record<Lang, string>> = {
  stop: {
    nl: 'De klant gaat opnieuw over de grens die u stelde. Dit is het moment om het gesprek echt te beëindigen of hulp in te schakelen.',
    en: 'The customer has crossed the line you drew a second time. This is the moment to actually end the conversation or call for help.',
  },
  boundary: {
    nl: 'De klant wordt persoonlijk. Benoem rustig het gedrag en zeg wat u niet accepteert, en wat er gebeurt als het doorgaat.',
    en: 'The customer is getting personal. Calmly name the behaviour, say what you will not accept and what happens if it goes on.',
  },
  vent: {
    nl: 'De klant moet eerst stoom afblazen. Geef ruimte met een korte luisterreactie of benoem wat u ziet; een oplossing komt later.',
    en: 'The customer needs to let off steam first. Give room with a short listening reply or name what you notice; solutions come later.',
  },
  acknowledge: {
    nl: 'Laat merken dat u ziet hoe de klant zich voelt, zonder oordeel en zonder "maar" erachter.',
    en: 'Show that you see how the customer feels, without judging and without a "but" after it.',
  },
  ask: {
    nl: 'Stel een open vraag: wat is er gebeurd, en wat is nu het belangrijkste voor de klant?',
    en: 'Ask an open question: what happened, and what matters most to the customer right now?',
  },
  summarize: {
    nl: 'Vat in eigen woorden samen wat u gehoord heeft en controleer of het klopt.',
    en: 'Sum up in your own words what you heard and check that it is right.',
  },
  choices: {
    nl: 'Bied twee haalbare mogelijkheden aan, met een tijdspad, en laat de klant kiezen.',
    en: 'Offer two workable options, with a timeline, and let the customer choose.',
  },
  agree: {
    nl: 'Rond af met een concrete afspraak: wie doet wat, en wanneer.',
    en: 'Close with a concrete agreement: who does what, and when.',
  },
  close: {
    nl: 'U bent er bijna: bevestig de afspraak en vraag of de klant verder nog iets nodig heeft.',
    en: 'Almost there: confirm the agreement and ask whether the customer needs anything else.',
  },
};
