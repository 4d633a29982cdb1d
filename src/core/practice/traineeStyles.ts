import { hintKeyFor, type HintKey } from '../engine/hints';
import type { Session } from '../session/types';
import type { Lang } from '../lang';

/**
 * Scripted trainees for checking personas: how does this customer react to a
 * skilled colleague, a clumsy but well-meaning one, one who hides behind rules,
 * one who argues, one who only listens, and one who sets boundaries? A style
 * looks at the session so far and says its next reply, the way a person at the
 * desk would.
 */
export const TRAINEE_STYLES = [
  'skilled',
  'clumsy',
  'rulesBound',
  'argumentative',
  'passive',
  'boundarySetter',
] as const;
export type TraineeStyle = (typeof TRAINEE_STYLES)[number];

type Bank = Record<Lang, readonly string[]>;

/** The skilled trainee does what the hint says, in their own words, varying them. */
const SKILLED: Record<HintKey, Bank> = {
  vent: {
    nl: ['Vertelt u maar, ik luister.', 'Ga gerust door, ik hoor u.'],
    en: ["Go on, I'm listening.", 'Take your time, I hear you.'],
  },
  acknowledge: {
    nl: ['Ik zie dat u hier echt van baalt, en dat snap ik.', 'Wat vervelend voor u, ik begrijp dat u boos bent.'],
    en: [
      'I can see this really upsets you, and I understand why.',
      "That's really annoying for you, I understand you're angry.",
    ],
  },
  ask: {
    nl: ['Wat is er precies gebeurd, en wat is voor u nu het belangrijkste?'],
    en: ['What exactly happened, and what matters most to you right now?'],
  },
  summarize: {
    nl: ['Dus als ik het goed begrijp, bent u al een tijd aan het wachten en hoort u niets, klopt dat?'],
    en: [
      "So if I understand you correctly, you've been waiting for a while and nobody gets back to you, is that right?",
    ],
  },
  choices: {
    nl: ['Ik kan het vandaag nog voor u navragen, of ik zet het meteen met spoed door. Wat heeft uw voorkeur?'],
    en: ['I can look into it for you today, or I can pass it on as urgent right away. Which would you prefer?'],
  },
  agree: {
    nl: [
      'Dan bel ik u morgen voor twaalf uur terug met het antwoord.',
      'Afgesproken: ik bel u morgenochtend voor tien uur terug.',
    ],
    en: [
      "Then I'll call you back tomorrow before twelve with the answer.",
      "Agreed: I'll ring you back tomorrow morning before ten.",
    ],
  },
  close: {
    nl: ['Ik bel u morgen voor twaalf uur terug, dat beloof ik u.'],
    en: ["I'll call you back tomorrow before twelve, I promise you that."],
  },
  boundary: {
    nl: ['Ik wil u graag helpen, maar niet als u mij uitscheldt. Als dat doorgaat, stop ik dit gesprek.'],
    en: ["I want to help you, but not while you're calling me names. If that goes on, I will end this conversation."],
  },
  stop: {
    nl: ['Ik stop dit gesprek nu. Ik vraag u de balie te verlaten.'],
    en: ['I am ending this conversation now. I am asking you to leave the desk.'],
  },
};

/**
 * The clumsy but well-meaning trainee: the moves trainers see most. A "snap ik, maar" opener with a solution
 * before anything was asked, a vague promise, one defensive line; then an apology and a recovery along the
 * plan, still skipping the summary (straight to the options).
 */
const CLUMSY_OPENING: readonly Bank[] = [
  {
    nl: ['Snap ik, maar ik kan het vandaag nog voor u navragen, of ik zet het met spoed door.'],
    en: ['I get it, but I can look into it for you today, or I can pass it on as urgent.'],
  },
  { nl: ['Ik ga kijken wat ik voor u kan doen.'], en: ["I'll see what I can do for you."] },
  {
    nl: ['Daar kan ik ook niks aan doen, dat ligt aan het systeem.'],
    en: ["That's not my fault, the system does that."],
  },
  {
    nl: ['Sorry, dat was niet handig van mij. Ik zie dat u hier echt van baalt.'],
    en: ['Sorry, that came out wrong. I can see this really upsets you.'],
  },
];

const RULES_BOUND: Bank = {
  nl: [
    'Dat is nu eenmaal de regel.',
    'Zo zijn de regels, daar kan ik niets aan veranderen.',
    'Beleid is beleid, meneer.',
    'Volgens de procedure kan dat niet.',
  ],
  en: [
    "That's just the rule.",
    "Those are the rules, I can't change them.",
    'Policy is policy.',
    "The procedure doesn't allow that.",
  ],
};
const ARGUMENTATIVE: Bank = {
  nl: [
    'Dat klopt gewoon niet.',
    'Ja maar dat had u zelf eerder moeten regelen.',
    'Nee, zo is het helemaal niet gegaan.',
    'Dat is echt onzin wat u nu zegt.',
  ],
  en: [
    "That's simply not true.",
    'Yes, but you should have sorted that out yourself earlier.',
    "No, that's not what happened at all.",
    "What you're saying is nonsense.",
  ],
};
const PASSIVE: Bank = {
  nl: ['Hm.', 'Ja.', 'Oké.', 'Ga door.'],
  en: ['Hm.', 'Yes.', 'Okay.', 'Go on.'],
};
const BOUNDARY: Bank = {
  nl: ['Ik wil dat u normaal tegen mij praat, anders kan ik u niet helpen.'],
  en: ["I need you to speak to me politely, otherwise I can't help you."],
};

function rotate(bank: Bank, lang: Lang, turn: number): string {
  const lines = bank[lang];
  return lines[turn % lines.length] ?? lines[0] ?? '';
}

/** The next reply of a scripted trainee, given the session so far. */
export function nextReply(style: TraineeStyle, session: Session): string {
  const { lang, emotion } = session;
  const turn = session.turns.length;
  switch (style) {
    case 'skilled':
      return rotate(SKILLED[hintKeyFor(emotion)], lang, turn);
    case 'clumsy': {
      const scripted = CLUMSY_OPENING[turn];
      if (scripted) return rotate(scripted, lang, turn);
      const key = hintKeyFor(emotion);
      const skipSummary = emotion.progress.choiceOffered ? 'agree' : 'choices';
      return rotate(SKILLED[key === 'summarize' ? skipSummary : key], lang, turn);
    }
    case 'rulesBound':
      return rotate(RULES_BOUND, lang, turn);
    case 'argumentative':
      return rotate(ARGUMENTATIVE, lang, turn);
    case 'passive':
      return rotate(PASSIVE, lang, turn);
    case 'boundarySetter':
      if (emotion.boundary.crossedAgain) return SKILLED.stop[lang][0] ?? '';
      return rotate(BOUNDARY, lang, turn);
  }
}
