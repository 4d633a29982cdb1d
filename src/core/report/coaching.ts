import type { BilingualVariants, Lang } from '../lang';
import { escalatingSpec, type EscalatingId } from '../techniques';
import type { PlanStep } from './planSteps';

/**
 * Example replies a trainer would suggest instead of a move that came at the wrong
 * moment (the flagged moves carry their own, in the catalogue). Written for this
 * product; generic enough to fit any desk. The choice is fixed by the turn number.
 */
export const MISTIMED_REPLIES = {
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
} as const satisfies Record<string, BilingualVariants>;

export type MistimedKey = keyof typeof MISTIMED_REPLIES;

/** How the debrief names a clumsy move, why it hurts, and a better reply for that moment. */
export const CLUMSY_MOVE_TEXT = {
  prematureSolution: {
    name: { nl: 'Oplossing te vroeg', en: 'Premature solution' },
    why: {
      nl: 'Een oplossing of keuze voordat naar het probleem was gevraagd of het gevoel was erkend: de klant voelt zich niet gehoord.',
      en: 'A solution or a choice before the problem was asked about or the feeling acknowledged: the customer does not feel heard.',
    },
    betterReplies: {
      nl: [
        'Dat is echt vervelend voor u. Wat is er precies gebeurd?',
        'Ik hoor dat u hier flink van baalt. Vertelt u eens, wat is er gebeurd?',
      ],
      en: [
        "That's really annoying for you. What exactly happened?",
        'I can hear this has really got to you. Tell me, what happened?',
      ],
    },
  },
  vaguePromise: {
    name: { nl: 'Vage belofte', en: 'Vague promise' },
    why: {
      nl: 'Een belofte zonder tijdstip: de klant weet nog steeds niet wat er gaat gebeuren, en wanneer.',
      en: 'A promise with no time: the customer still does not know what will happen, or when.',
    },
    betterReplies: {
      nl: [
        'Ik zoek het vandaag uit en bel u morgen voor twaalf uur terug.',
        'Ik vraag het nu na bij een collega en laat het u binnen een uur weten.',
      ],
      en: [
        "I'll find out today and call you back tomorrow before twelve.",
        "I'll check with a colleague now and let you know within the hour.",
      ],
    },
  },
  promiseCannotKeep: {
    name: { nl: 'Belofte die niet kan', en: 'A promise that cannot be kept' },
    why: {
      nl: 'U belooft iets wat de balie niet kan waarmaken ({item}). Dat is aan de balie een echt risico: de klant houdt u eraan, en de teleurstelling komt later dubbel terug.',
      en: 'This promises something the desk cannot deliver ({item}). At a counter that is a real risk: the customer will hold you to it, and the disappointment comes back twice as hard later.',
    },
    betterReplies: {
      nl: [
        'Dat kan ik u niet beloven, en ik wil u niets beloven wat ik niet kan waarmaken. Wat wel kan, leg ik u nu uit.',
        'Eerlijk is eerlijk: dat lukt niet. Ik zeg u liever meteen wat wel kan.',
      ],
      en: [
        "I can't promise you that, and I don't want to promise anything I can't deliver. Let me tell you what I can do.",
        "To be honest, that isn't possible. I'd rather tell you straight away what is.",
      ],
    },
  },
  pastDeadline: {
    name: { nl: 'Afspraak na de deadline', en: 'An agreement past the deadline' },
    why: {
      nl: 'Deze afspraak valt niet vóór {deadline}, terwijl de klant het juist vóór {deadline} nodig heeft: zo lost de afspraak het probleem niet op.',
      en: 'This agreement does not fall before {deadline}, and before {deadline} is exactly when the customer needs it: as it stands, it does not solve the problem.',
    },
    betterReplies: {
      nl: [
        'U moet het vóór {deadline} hebben. Dan kijk ik nu wat er vóór die tijd wel kan.',
        'Dat is te laat voor u, u heeft het vóór {deadline} nodig. Ik zoek met u naar wat wel op tijd kan.',
      ],
      en: [
        'You need it before {deadline}. So let me see now what can be done before then.',
        "That's too late for you, you need it before {deadline}. Let's find what can be done in time.",
      ],
    },
  },
} as const satisfies Record<
  string,
  { name: Record<Lang, string>; why: Record<Lang, string>; betterReplies: BilingualVariants }
>;

/** One of the variants, fixed by the turn number so the debrief does not repeat itself. */
export function pickVariant(variants: BilingualVariants, lang: Lang, turn: number): string {
  const options = variants[lang];
  return options[turn % options.length] ?? options[0] ?? '';
}

/** A better reply for a flagged move, from the catalogue. */
export function betterReplyFor(id: EscalatingId, lang: Lang, turn: number): string {
  return pickVariant(escalatingSpec(id).betterReplies, lang, turn);
}

/** A better reply for a move that came at the wrong moment. */
export function mistimedReply(key: MistimedKey, lang: Lang, turn: number): string {
  return pickVariant(MISTIMED_REPLIES[key], lang, turn);
}

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
