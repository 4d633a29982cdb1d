import type { Lang } from '../lang';

/**
 * Why a move changed the customer's anger by the amount it did. The engine
 * stores only the key (small state); the report and the explain views read
 * the sentence in the trainee's language.
 */
export const EFFECT_REASONS = {
  endedTooEarly: {
    nl: 'het gesprek gestopt voordat er een grens was gesteld en overschreden',
    en: 'the conversation was ended before a boundary had been set and crossed',
  },
  boundaryRepeated: {
    nl: 'een tweede waarschuwing nadat de grens al was overschreden: tijd om te stoppen',
    en: 'a second warning after the boundary had already been crossed: time to stop',
  },
  boundaryRight: {
    nl: 'een rustige grens op het moment dat de klant persoonlijk werd',
    en: 'a calm boundary at the moment the customer became personal',
  },
  boundaryCrossed: {
    nl: 'de grens was terecht, maar deze klant gaat er opnieuw overheen',
    en: 'the boundary was right, but this customer crosses it again',
  },
  boundaryUnneeded: {
    nl: 'een grens terwijl de klant niet persoonlijk werd, voelt betuttelend',
    en: 'a boundary while the customer was not being personal feels patronising',
  },
  counterAggression: {
    nl: 'terugslaan maakt de ruzie persoonlijk',
    en: 'hitting back makes the fight personal',
  },
  dismissVenting: {
    nl: 'midden in de uitbarsting gezegd dat de klant moet kalmeren',
    en: 'told to calm down in the middle of the outburst',
  },
  dismiss: { nl: 'het gevoel werd kleiner gemaakt', en: 'the feeling was played down' },
  argue: {
    nl: 'in discussie gaan dwingt de klant zijn gelijk te verdedigen',
    en: 'arguing pushes the customer to defend their point',
  },
  rulesSpeak: {
    nl: 'een regel zonder iets aan te bieden sluit de deur',
    en: 'a rule with nothing on offer closes the door',
  },
  defend: {
    nl: 'verdedigen of de schuld bij een ander leggen voordat het gevoel erkend is',
    en: 'defending or blaming others before the feeling was acknowledged',
  },
  defendAfterAck: {
    nl: 'verdedigen of de schuld bij een ander leggen, ook al was het gevoel erkend: het klinkt als een excuus',
    en: 'defending or blaming others, even after the feeling was acknowledged: it sounds like an excuse',
  },
  listenVenting: {
    nl: 'ruimte om stoom af te blazen zolang de uitbarsting duurt',
    en: 'room to let off steam while the outburst lasts',
  },
  listenPassive: {
    nl: 'alleen blijven luisteren na de uitbarsting voelt passief',
    en: 'only listening once the outburst is over feels passive',
  },
  listen: { nl: 'een luisterende reactie', en: 'a listening reply' },
  ackFirst: { nl: 'het gevoel werd benoemd', en: 'the feeling was named' },
  ackAgain: {
    nl: 'opnieuw begrip getoond: elke keer iets minder effect',
    en: 'understanding shown again: a little less effect each time',
  },
  ackScripted: {
    nl: 'de vierde keer "ik begrijp het" op rij klinkt als een script',
    en: 'the fourth "I understand" in a row sounds scripted',
  },
  ackDuringAbuse: {
    nl: 'begrip alleen stopt geen scheldpartij; hier hoort een grens bij',
    en: 'understanding alone does not stop abuse; this needs a boundary',
  },
  askVenting: {
    nl: 'een vraag terwijl de klant nog stoom afblaast, komt maar half aan',
    en: 'a question while the customer is still venting only half lands',
  },
  askAfterAck: { nl: 'een echte vraag na het erkennen', en: 'a genuine question after acknowledging' },
  askBeforeAck: {
    nl: 'een vraag voordat het gevoel erkend was',
    en: 'a question before the feeling was acknowledged',
  },
  summaryInformed: {
    nl: 'een samenvatting die laat horen dat de klant gehoord is',
    en: 'a summary that shows the customer was heard',
  },
  summaryEarly: {
    nl: 'een samenvatting zonder eerst door te vragen mist details',
    en: 'a summary without asking first misses details',
  },
  limitsAfterAck: {
    nl: 'een nee met wat wel kan, na het erkennen',
    en: 'a no together with what is possible, after acknowledging',
  },
  limitsBeforeAck: {
    nl: 'een nee voordat het gevoel erkend was',
    en: 'a no before the feeling was acknowledged',
  },
  choiceVenting: {
    nl: 'een oplossing terwijl de klant eerst stoom moet afblazen',
    en: 'a solution while the customer still needs to let off steam',
  },
  choiceReady: {
    nl: 'keuzes na erkennen en doorvragen',
    en: 'options after acknowledging and exploring',
  },
  choiceBeforeAck: {
    nl: 'keuzes voordat het gevoel erkend was',
    en: 'options before the feeling was acknowledged',
  },
  choiceUnexplored: {
    nl: 'keuzes voordat het probleem was uitgevraagd',
    en: 'options before the problem was explored',
  },
  agreementEarly: {
    nl: 'een afspraak voordat de klant zich gehoord voelt',
    en: 'an agreement before the customer feels heard',
  },
  agreementPrepared: {
    nl: 'een concrete afspraak na het verkennen van de mogelijkheden',
    en: 'a concrete agreement after exploring the options',
  },
  agreementUnprepared: {
    nl: 'een concrete afspraak, zonder eerst te verkennen',
    en: 'a concrete agreement, without exploring first',
  },
  noTechnique: { nl: 'geen reactie op het gevoel', en: 'no response to the feeling' },
  shouting: { nl: 'hoofdletters lezen als schreeuwen', en: 'capitals read as shouting' },
  venting: { nl: 'stoom afblazen lucht op', en: 'letting off steam brings relief' },
  noise: { nl: 'stemming van het moment', en: 'mood of the moment' },
  registered: {
    nl: 'een de-escalerende reactie komt altijd een beetje aan, ook bij een woedende klant',
    en: 'a de-escalating reply always lands a little, even with a furious customer',
  },
  inertiaRise: {
    nl: 'boosheid stijgt niet in één keer: één reactie doet er maar zoveel bij',
    en: 'anger does not jump all at once: one reply adds only so much',
  },
  inertiaFall: {
    nl: 'boosheid zakt niet in één keer: deze klant heeft tijd nodig',
    en: 'anger does not vanish all at once: this customer needs time',
  },
  residual: {
    nl: 'er blijft wat ergernis hangen zolang het probleem niet is opgelost',
    en: 'some irritation stays as long as the problem is not solved',
  },
  residualAgreed: {
    nl: 'ook met een afspraak blijft er wat ergernis over wat er gebeurd is',
    en: 'even with an agreement some irritation about what happened stays',
  },
  topOfScale: { nl: 'de boosheid zat al aan de top', en: 'anger was already at the top' },
} as const satisfies Record<string, Record<Lang, string>>;

export type EffectReason = keyof typeof EFFECT_REASONS;

/** The reason in the trainee's language, with the "yes, but" note when it applies. */
export function describeEffect(effect: { reason: EffectReason; halvedByBut?: true }, lang: Lang): string {
  const base = EFFECT_REASONS[effect.reason][lang];
  if (!effect.halvedByBut) return base;
  return lang === 'nl' ? `${base}; gehalveerd door de "maar" erna` : `${base}; halved by the "but" that follows`;
}
