import type { Lang, TechniqueId } from '../techniques';
import type { PlanStep } from './types';

type Texts = Record<Lang, readonly string[]>;

/**
 * Example replies a trainer would suggest instead of a flagged one. Written for
 * this product; generic enough to fit any desk. Several per move, so the report
 * does not repeat itself; the choice is fixed by the turn number.
 */
export const BETTER_REPLIES: Record<
  | 'argue'
  | 'defend'
  | 'rules_speak'
  | 'dismiss'
  | 'counter_aggression'
  | 'tooEarlySolution'
  | 'tooEarlyEnd'
  | 'unneededBoundary'
  | 'scriptedUnderstanding'
  | 'missedBoundary',
  Texts
> = {
  argue: {
    nl: [
      'Ik hoor dat u het daar niet mee eens bent. Wat is er volgens u precies misgegaan?',
      'U ziet het anders dan ik, en dat wil ik goed begrijpen. Kunt u vertellen hoe het voor u is gelopen?',
    ],
    en: [
      "I can hear you don't agree with that. What do you think went wrong, exactly?",
      'You see it differently, and I want to understand that properly. Could you tell me how it went for you?',
    ],
  },
  defend: {
    nl: [
      'Wat vervelend dat dit zo gelopen is. Laten we kijken wat ik nu voor u kan doen.',
      'Ik snap dat u hier flink last van heeft. Ik ga het voor u uitzoeken.',
    ],
    en: [
      "I'm sorry this has gone the way it has. Let's look at what I can do for you now.",
      'I can see this is causing you real trouble. I am going to sort it out for you.',
    ],
  },
  rules_speak: {
    nl: [
      'Dat kan ik helaas niet veranderen, wat ik wel kan doen is het vandaag nog voor u navragen.',
      'Daar zit een regel achter die ik niet kan omzeilen. Wat wel kan: ik zet uw verzoek met voorrang door.',
    ],
    en: [
      "That is something I can't change, but what I can do is check it for you today.",
      "There is a rule behind it that I can't get round. What I can do is pass your request on with priority.",
    ],
  },
  dismiss: {
    nl: [
      'Ik merk dat u hier echt boos over bent, en dat begrijp ik.',
      'Dit zit u hoog, dat hoor ik. Vertelt u maar wat er is gebeurd.',
    ],
    en: [
      'I can tell you are really angry about this, and I understand why.',
      'This matters a lot to you, I can hear that. Tell me what happened.',
    ],
  },
  counter_aggression: {
    nl: [
      'Ik zie dat u erg boos bent. Ik wil u helpen, laten we samen kijken wat er mis is gegaan.',
      'Ik begrijp dat dit u frustreert. Ik blijf rustig bij u, en we zoeken het samen uit.',
    ],
    en: [
      'I can see you are very angry. I want to help, so let us look together at what went wrong.',
      "I understand this is frustrating. I'm staying with you, and we'll work it out together.",
    ],
  },
  tooEarlySolution: {
    nl: [
      'Vertelt u eerst maar wat er is gebeurd, ik luister.',
      'Ik hoor hoe vervelend dit voor u is. Vertel, ik luister.',
    ],
    en: [
      "Tell me what happened first, I'm listening.",
      "I can hear how annoying this is for you. Go on, I'm listening.",
    ],
  },
  tooEarlyEnd: {
    nl: ['Ik wil u graag helpen, maar dan vraag ik u wel om mij niet uit te schelden.'],
    en: ["I'd like to help you, but I do need you to stop swearing at me."],
  },
  unneededBoundary: {
    nl: ['Ik hoor hoe boos u bent. Wat is er precies gebeurd?'],
    en: ['I can hear how angry you are. What exactly happened?'],
  },
  scriptedUnderstanding: {
    nl: ['Als ik het goed begrijp, wacht u al weken en heeft niemand u teruggebeld. Klopt dat?'],
    en: ["So if I've got it right, you've been waiting for weeks and nobody called you back. Is that right?"],
  },
  missedBoundary: {
    nl: ['Ik wil u helpen, maar niet als u mij zo uitscheldt. Als dat doorgaat, stop ik dit gesprek.'],
    en: ["I want to help you, but not while you're calling me names. If that goes on, I will end this conversation."],
  },
};

export function betterReply(key: keyof typeof BETTER_REPLIES, lang: Lang, turn: number): string {
  const options = BETTER_REPLIES[key][lang];
  return options[turn % options.length] ?? options[0] ?? '';
}

/** Why a flagged move hurts, in one sentence. */
export const FLAG_WHY: Record<
  'argue' | 'defend' | 'rules_speak' | 'dismiss' | 'counter_aggression',
  Record<Lang, string>
> = {
  argue: {
    nl: 'Wie in discussie gaat, dwingt de klant om zijn gelijk te halen; de boosheid krijgt nieuwe brandstof.',
    en: 'Arguing pushes the customer to prove they are right, which feeds the anger.',
  },
  defend: {
    nl: 'Uitleg of schuld bij een ander, voordat het gevoel erkend is, klinkt als een excuus.',
    en: 'Explaining or blaming others before the feeling is acknowledged sounds like an excuse.',
  },
  rules_speak: {
    nl: 'Een regel zonder alternatief voelt als een dichte deur. Zeg erbij wat wel kan.',
    en: 'A rule with no alternative feels like a closed door. Say what is possible as well.',
  },
  dismiss: {
    nl: 'Zeggen dat iemand moet kalmeren of dat het meevalt, maakt het gevoel kleiner en de klant bozer.',
    en: 'Telling someone to calm down, or that it is not so bad, belittles the feeling and makes them angrier.',
  },
  counter_aggression: {
    nl: 'Sarcasme, dreigen of schreeuwen maakt het persoonlijk; de klant gaat terugvechten.',
    en: 'Sarcasm, threats or shouting make it personal; the customer will fight back.',
  },
};

export const STEP_TITLES: Record<PlanStep, Record<Lang, string>> = {
  stopAndBreathe: { nl: 'Stop en adem: rustig blijven', en: 'Stop and breathe: stay calm' },
  acknowledge: { nl: 'Emotie erkennen', en: 'Acknowledge the emotion' },
  clarifyGoal: { nl: 'Doel verhelderen: doorvragen', en: 'Clarify the goal: ask' },
  summarize: { nl: 'Samenvatten', en: 'Summarise' },
  offerChoices: { nl: 'Keuzes bieden', en: 'Offer choices' },
  setLimit: { nl: 'Grens stellen', en: 'Set the limit' },
  closeWithAgreement: { nl: 'Afronden met afspraken', en: 'Close with agreements' },
};

/** What to practise next time, by the first step that was missed. */
export const TIPS: Record<PlanStep | 'stopRule', Record<Lang, string>> = {
  stopAndBreathe: {
    nl: 'Adem één keer rustig uit voordat u reageert, en laat de eerste uitbarsting over u heen komen zonder terug te praten.',
    en: 'Breathe out once before you answer, and let the first outburst pass without talking back.',
  },
  acknowledge: {
    nl: 'Benoem wat u ziet ("ik merk dat u hier erg van baalt") voordat u iets uitlegt; zonder "maar" erachter.',
    en: 'Name what you notice ("I can see this really annoys you") before explaining anything, with no "but" after it.',
  },
  clarifyGoal: {
    nl: 'Stel een open vraag over wat er is gebeurd en wat de klant nu het liefst wil.',
    en: 'Ask an open question about what happened and what the customer wants most now.',
  },
  summarize: {
    nl: 'Vat het probleem in eigen woorden samen en vraag of het klopt: de klant hoort dan dat u luisterde.',
    en: 'Put the problem in your own words and check it is right: the customer hears that you listened.',
  },
  offerChoices: {
    nl: 'Bied twee haalbare mogelijkheden; een keuze geeft de klant weer wat regie.',
    en: 'Offer two workable options; a choice gives the customer some control back.',
  },
  setLimit: {
    nl: 'Wordt de klant persoonlijk of scheldt hij, benoem dan rustig het gedrag en wat u niet accepteert.',
    en: 'When the customer gets personal or swears, calmly name the behaviour and what you will not accept.',
  },
  closeWithAgreement: {
    nl: 'Sluit af met een afspraak met wie, wat en wanneer: "ik bel u morgen voor twaalf uur terug".',
    en: 'Close with an agreement naming who, what and when: "I will call you back tomorrow before noon".',
  },
  stopRule: {
    nl: 'Gaat de klant na uw waarschuwing opnieuw over de grens, stop dan echt het gesprek of haal hulp.',
    en: 'If the customer crosses the line again after your warning, actually end the conversation or get help.',
  },
};

export const OUTCOME_TEXT: Record<'resolved' | 'walked_out' | 'ended_by_trainee' | 'stopped', Record<Lang, string>> = {
  resolved: {
    nl: 'Opgelost: de klant is rustig en er is een afspraak.',
    en: 'Resolved: the customer is calm and there is an agreement.',
  },
  walked_out: { nl: 'De klant is boos weggelopen.', en: 'The customer walked out angry.' },
  ended_by_trainee: { nl: 'U heeft het gesprek beëindigd.', en: 'You ended the conversation.' },
  stopped: { nl: 'Gestopt voordat het gesprek af was.', en: 'Stopped before the conversation was finished.' },
};

export type FlaggedTechnique = keyof typeof FLAG_WHY;
export function isFlaggedTechnique(id: TechniqueId): id is FlaggedTechnique {
  return id in FLAG_WHY;
}
