/**
 * The technique catalogue: everything the product knows about each of the labels
 * the classifier produces, the evaluation sets use and the debrief talks about.
 * The ids are a contract (techniques.md in the shared folder; `rules/rules.schema.json`
 * lists them too, and a test holds the three together); never rename one.
 *
 * Adding a technique: add one entry here (the compiler asks for every field), then
 * follow the compiler to the places that must say what the new move does (the
 * emotion model's effects), add its rules per language, its id to the JSON schemas
 * of the rules and personas, and tests.
 */
import type { Bilingual, BilingualVariants } from '../lang';
import type { PlanStep } from '../report/planSteps';

/** A move a trainer credits. */
export interface DeEscalatingSpec {
  polarity: 'de-escalating';
  /** The name a trainee reads (transcript, debrief, cards, projector, /progress). */
  name: Bilingual;
  /** The step of the seven-step plan this move ticks off; null when it ticks off none on its own. */
  planStep: PlanStep | null;
  /** What `/hint` says when this move is the next step, by hint key (most moves have one). */
  hints: Readonly<Record<string, Bilingual>>;
  /**
   * How `/progress` lists it: `always` among the techniques used often or not yet; `whenUsed` only among the
   * often used (a boundary is needed only with an abusive customer); `never` (ending is right only after a
   * crossed boundary).
   */
  progress: 'always' | 'whenUsed' | 'never';
}

/** A move a trainer flags. */
export interface EscalatingSpec {
  polarity: 'escalating';
  name: Bilingual;
  /** Why this move hurts, in one sentence (the debrief's "what to do differently"). */
  whyItHurts: Bilingual;
  /** Replies a trainer would suggest instead; several, so the debrief does not repeat itself (the turn picks one). */
  betterReplies: BilingualVariants;
}

export type TechniqueSpec = DeEscalatingSpec | EscalatingSpec;

/** The entries, de-escalating first, in the order of techniques.md (lists and reports keep this order). */
export const TECHNIQUE_ENTRIES = {
  listen: {
    polarity: 'de-escalating',
    name: { nl: 'laten uitrazen en luisteren', en: 'letting them vent, listening' },
    planStep: null,
    hints: {
      vent: {
        nl: 'De klant moet eerst stoom afblazen. Geef ruimte met een korte luisterreactie of benoem wat u ziet; een oplossing komt later.',
        en: 'The customer needs to let off steam first. Give room with a short listening reply or name what you notice; solutions come later.',
      },
    },
    progress: 'always',
  },
  acknowledge_emotion: {
    polarity: 'de-escalating',
    name: { nl: 'emotie erkennen', en: 'acknowledging the emotion' },
    planStep: 'acknowledge',
    hints: {
      acknowledge: {
        nl: 'Laat merken dat u ziet hoe de klant zich voelt, zonder oordeel en zonder "maar" erachter.',
        en: 'Show that you see how the customer feels, without judging and without a "but" after it.',
      },
    },
    progress: 'always',
  },
  ask_question: {
    polarity: 'de-escalating',
    name: { nl: 'doorvragen', en: 'asking questions' },
    planStep: 'clarifyGoal',
    hints: {
      ask: {
        nl: 'Stel een open vraag: wat is er gebeurd, en wat is nu het belangrijkste voor de klant?',
        en: 'Ask an open question: what happened, and what matters most to the customer right now?',
      },
    },
    progress: 'always',
  },
  summarize: {
    polarity: 'de-escalating',
    name: { nl: 'samenvatten', en: 'summarising' },
    planStep: 'summarize',
    hints: {
      summarize: {
        nl: 'Vat in eigen woorden samen wat u gehoord heeft en controleer of het klopt.',
        en: 'Sum up in your own words what you heard and check that it is right.',
      },
    },
    progress: 'always',
  },
  offer_choice: {
    polarity: 'de-escalating',
    name: { nl: 'keuzes bieden', en: 'offering choices' },
    planStep: 'offerChoices',
    hints: {
      choices: {
        nl: 'Bied twee haalbare mogelijkheden aan, met een tijdspad, en laat de klant kiezen.',
        en: 'Offer two workable options, with a timeline, and let the customer choose.',
      },
    },
    progress: 'always',
  },
  explain_limits: {
    polarity: 'de-escalating',
    name: { nl: 'uitleggen wat wel en niet kan', en: 'explaining what can and cannot be done' },
    planStep: 'offerChoices',
    hints: {},
    progress: 'always',
  },
  set_boundary: {
    polarity: 'de-escalating',
    name: { nl: 'een grens stellen', en: 'setting a boundary' },
    planStep: 'setLimit',
    hints: {
      boundary: {
        nl: 'De klant wordt persoonlijk. Benoem rustig het gedrag en zeg wat u niet accepteert, en wat er gebeurt als het doorgaat.',
        en: 'The customer is getting personal. Calmly name the behaviour, say what you will not accept and what happens if it goes on.',
      },
    },
    progress: 'whenUsed',
  },
  make_agreement: {
    polarity: 'de-escalating',
    name: { nl: 'afspraken maken', en: 'making a concrete agreement' },
    planStep: 'closeWithAgreement',
    hints: {
      agree: {
        nl: 'Rond af met een concrete afspraak: wie doet wat, en wanneer.',
        en: 'Close with a concrete agreement: who does what, and when.',
      },
      close: {
        nl: 'U bent er bijna: bevestig de afspraak en vraag of de klant verder nog iets nodig heeft.',
        en: 'Almost there: confirm the agreement and ask whether the customer needs anything else.',
      },
    },
    progress: 'always',
  },
  end_conversation: {
    polarity: 'de-escalating',
    name: { nl: 'het gesprek beëindigen', en: 'ending the conversation' },
    planStep: null,
    hints: {
      stop: {
        nl: 'De klant gaat opnieuw over de grens die u stelde. Dit is het moment om het gesprek echt te beëindigen of hulp in te schakelen.',
        en: 'The customer has crossed the line you drew a second time. This is the moment to actually end the conversation or call for help.',
      },
    },
    progress: 'never',
  },
  argue: {
    polarity: 'escalating',
    name: { nl: 'in discussie gaan', en: 'arguing' },
    whyItHurts: {
      nl: 'Wie in discussie gaat, dwingt de klant om zijn gelijk te halen; de boosheid krijgt nieuwe brandstof.',
      en: 'Arguing pushes the customer to prove they are right, which feeds the anger.',
    },
    betterReplies: {
      nl: [
        'Ik hoor dat u het daar niet mee eens bent. Wat is er volgens u precies misgegaan?',
        'U ziet het anders dan ik, en dat wil ik goed begrijpen. Kunt u vertellen hoe het voor u is gelopen?',
      ],
      en: [
        "I can hear you don't agree with that. What do you think went wrong, exactly?",
        'You see it differently, and I want to understand that properly. Could you tell me how it went for you?',
      ],
    },
  },
  defend: {
    polarity: 'escalating',
    name: { nl: 'verdedigen of schuld afschuiven', en: 'defending or shifting blame' },
    whyItHurts: {
      nl: 'Uitleg of schuld bij een ander, voordat het gevoel erkend is, klinkt als een excuus.',
      en: 'Explaining or blaming others before the feeling is acknowledged sounds like an excuse.',
    },
    betterReplies: {
      nl: [
        'Wat vervelend dat dit zo gelopen is. Laten we kijken wat ik nu voor u kan doen.',
        'Ik snap dat u hier flink last van heeft. Ik ga het voor u uitzoeken.',
      ],
      en: [
        "I'm sorry this has gone the way it has. Let's look at what I can do for you now.",
        'I can see this is causing you real trouble. I am going to sort it out for you.',
      ],
    },
  },
  rules_speak: {
    polarity: 'escalating',
    name: { nl: 'regels als schild', en: 'hiding behind the rules' },
    whyItHurts: {
      nl: 'Een regel zonder alternatief voelt als een dichte deur. Zeg erbij wat wel kan.',
      en: 'A rule with no alternative feels like a closed door. Say what is possible as well.',
    },
    betterReplies: {
      nl: [
        'Dat kan ik helaas niet veranderen, wat ik wel kan doen is het vandaag nog voor u navragen.',
        'Daar zit een regel achter die ik niet kan omzeilen. Wat wel kan: ik zet uw verzoek met voorrang door.',
      ],
      en: [
        "That is something I can't change, but what I can do is check it for you today.",
        "There is a rule behind it that I can't get round. What I can do is pass your request on with priority.",
      ],
    },
  },
  dismiss: {
    polarity: 'escalating',
    name: { nl: 'bagatelliseren', en: 'dismissing the feeling' },
    whyItHurts: {
      nl: 'Zeggen dat iemand moet kalmeren of dat het meevalt, maakt het gevoel kleiner en de klant bozer.',
      en: 'Telling someone to calm down, or that it is not so bad, belittles the feeling and makes them angrier.',
    },
    betterReplies: {
      nl: [
        'Ik merk dat u hier echt boos over bent, en dat begrijp ik.',
        'Dit zit u hoog, dat hoor ik. Vertelt u maar wat er is gebeurd.',
      ],
      en: [
        'I can tell you are really angry about this, and I understand why.',
        'This matters a lot to you, I can hear that. Tell me what happened.',
      ],
    },
  },
  counter_aggression: {
    polarity: 'escalating',
    name: {
      nl: 'terugslaan (sarcasme, dreigen, schreeuwen)',
      en: 'hitting back (sarcasm, threats, shouting)',
    },
    whyItHurts: {
      nl: 'Sarcasme, dreigen of schreeuwen maakt het persoonlijk; de klant gaat terugvechten.',
      en: 'Sarcasm, threats or shouting make it personal; the customer will fight back.',
    },
    betterReplies: {
      nl: [
        'Ik zie dat u erg boos bent. Ik wil u helpen, laten we samen kijken wat er mis is gegaan.',
        'Ik begrijp dat dit u frustreert. Ik blijf rustig bij u, en we zoeken het samen uit.',
      ],
      en: [
        'I can see you are very angry. I want to help, so let us look together at what went wrong.',
        "I understand this is frustrating. I'm staying with you, and we'll work it out together.",
      ],
    },
  },
} as const satisfies Record<string, TechniqueSpec>;

/** A part a credited move is built from; the explanation (src/core/explain) finds each one in a reply. */
export type NeedPartId =
  | 'shortTurn'
  | 'noAnswerYet'
  | 'feelingNamed'
  | 'noButAfter'
  | 'question'
  | 'openQuestion'
  | 'summaryFrame'
  | 'customerWords'
  | 'twoOptions'
  | 'whatCannot'
  | 'whatCan'
  | 'behaviourNamed'
  | 'consequence'
  | 'agreementWho'
  | 'agreementWhat'
  | 'agreementWhen'
  | 'endingNamed';

export interface NeedPart {
  id: NeedPartId;
  /** What this part is, as a trainer says it ("the customer's own problem, restated"). */
  text: Bilingual;
  /** A part whose presence makes a missing label a near miss; a move without anchors counts any part. */
  anchor?: true;
}

export interface WhatItNeeds {
  /** One sentence: what the move needs, for `/why`. */
  text: Bilingual;
  parts: readonly NeedPart[];
  /** False where "almost there" means nothing (any short reply is almost a listening turn). */
  nearMiss?: false;
}

/** What each credited move is made of, for `/why`'s "almost there" (what was present, what was missing). */
export const WHAT_IT_NEEDS: Readonly<Record<keyof typeof TECHNIQUE_ENTRIES, WhatItNeeds | undefined>> = {
  listen: {
    text: {
      nl: 'Luisteren is kort en laat de klant aan het woord, zonder al een antwoord of oplossing.',
      en: 'Listening is short and leaves the floor to the customer, without an answer or solution yet.',
    },
    nearMiss: false,
    parts: [
      { id: 'shortTurn', text: { nl: 'een korte beurt', en: 'a short turn' } },
      { id: 'noAnswerYet', text: { nl: 'nog geen uitleg of oplossing', en: 'no explanation or solution yet' } },
    ],
  },
  acknowledge_emotion: {
    text: {
      nl: 'Een erkenning benoemt het gevoel van de klant, zonder "maar" erachter.',
      en: 'An acknowledgement names what the customer feels, with no "but" after it.',
    },
    parts: [
      { id: 'feelingNamed', text: { nl: 'het gevoel benoemd', en: 'the feeling named' }, anchor: true },
      { id: 'noButAfter', text: { nl: 'geen "maar" erachter', en: 'no "but" after it' } },
    ],
  },
  ask_question: {
    text: {
      nl: 'Doorvragen is een echte, open vraag naar wat er speelt.',
      en: 'Asking is a genuine, open question about what is going on.',
    },
    parts: [
      { id: 'question', text: { nl: 'een vraag', en: 'a question' }, anchor: true },
      { id: 'openQuestion', text: { nl: 'open gesteld (wat, hoe, welke …)', en: 'asked openly (what, how, which …)' } },
    ],
  },
  summarize: {
    text: {
      nl: 'Een samenvatting zegt het probleem van de klant terug, in de eigen woorden van de klant.',
      en: "A summary restates the customer's own problem, in the customer's words.",
    },
    parts: [
      {
        id: 'summaryFrame',
        text: {
          nl: 'een samenvattende opening ("dus", "als ik het goed begrijp")',
          en: 'a summing-up opener ("so", "if I understand")',
        },
        anchor: true,
      },
      {
        id: 'customerWords',
        text: { nl: 'het eigen probleem van de klant herhaald', en: "the customer's own problem restated" },
        anchor: true,
      },
    ],
  },
  offer_choice: {
    text: {
      nl: 'Een keuze geeft de klant minstens twee mogelijkheden om uit te kiezen.',
      en: 'A choice gives the customer at least two options to pick from.',
    },
    parts: [{ id: 'twoOptions', text: { nl: 'twee mogelijkheden', en: 'two options' } }],
  },
  explain_limits: {
    text: {
      nl: 'Een grens uitleggen zegt wat niet kan én wat wel kan.',
      en: 'Explaining a limit says what cannot be done and what can.',
    },
    parts: [
      { id: 'whatCannot', text: { nl: 'wat niet kan', en: 'what cannot be done' }, anchor: true },
      { id: 'whatCan', text: { nl: 'wat wel kan', en: 'what can be done instead' } },
    ],
  },
  set_boundary: {
    text: {
      nl: 'Een grens stellen benoemt het gedrag en wat er gebeurt als het doorgaat.',
      en: 'Setting a boundary names the behaviour and what happens if it goes on.',
    },
    parts: [
      { id: 'behaviourNamed', text: { nl: 'het gedrag benoemd', en: 'the behaviour named' }, anchor: true },
      { id: 'consequence', text: { nl: 'het gevolg als het doorgaat', en: 'the consequence if it goes on' } },
    ],
  },
  make_agreement: {
    text: {
      nl: 'Een afspraak zegt wie wat doet en wanneer.',
      en: 'An agreement says who does what, and when.',
    },
    parts: [
      { id: 'agreementWho', text: { nl: 'wie het doet', en: 'who does it' } },
      { id: 'agreementWhat', text: { nl: 'wat er gebeurt', en: 'what will happen' }, anchor: true },
      { id: 'agreementWhen', text: { nl: 'een tijd', en: 'a time' } },
    ],
  },
  end_conversation: {
    text: {
      nl: 'Afsluiten zegt duidelijk dat het gesprek nu stopt.',
      en: 'Ending says plainly that the conversation stops now.',
    },
    parts: [{ id: 'endingNamed', text: { nl: 'het einde benoemd', en: 'the end stated' } }],
  },
  argue: undefined,
  defend: undefined,
  rules_speak: undefined,
  dismiss: undefined,
  counter_aggression: undefined,
};
