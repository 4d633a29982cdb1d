import { NO_TECHNIQUE, fillTemplate, type Lang } from '../src/core';

/** Every sentence the bot itself says, in both languages. Customer lines live in personas/. */
export const TEXTS = {
  welcome: {
    nl: 'Welkom bij de oefenbalie. Ik speel een boze klant; u reageert zoals u dat aan de balie of de telefoon zou doen. Ik herken welke technieken u gebruikt, de klant reageert daarop, en na afloop krijgt u feedback.',
    en: 'Welcome to the practice desk. I play an angry customer; you reply the way you would at the counter or on the phone. I recognise the techniques you use, the customer reacts to them, and at the end you get feedback.',
  },
  chooseScenario: { nl: 'Kies een klant om mee te oefenen:', en: 'Choose a customer to practise with:' },
  chooseAgain: {
    nl: 'Die klant ken ik niet. Kies een van de knoppen, of typ /start gevolgd door de naam van het scenario.',
    en: "I don't know that customer. Pick one of the buttons, or type /start followed by the scenario name.",
  },
  howItWorks: {
    nl: 'Zo werkt het: kies hieronder een klant en lees uw rol. Daarna antwoordt u de klant zoals u dat aan de balie of aan de telefoon zou doen; wat u zegt, maakt de klant rustiger of bozer. Met /stop rondt u af en krijgt u feedback, /help toont alle opdrachten.',
    en: 'How it works: choose a customer below and read your role. Then answer the customer as you would at the counter or on the phone; what you say makes the customer calmer or angrier. /stop ends the role-play and gives you feedback, /help shows all the commands.',
  },
  unknownPersona: {
    nl: 'Het scenario "{id}" bestaat niet. Typ /personas voor de lijst.',
    en: 'There is no scenario called "{id}". Type /personas for the list.',
  },
  noPersonas: {
    nl: "Er zijn op dit moment geen scenario's beschikbaar. Vraag de beheerder de personabestanden te controleren.",
    en: 'No scenarios are available right now. Ask the administrator to check the persona files.',
  },
  briefingTitle: { nl: 'Uw rol', en: 'Your role' },
  youCanOffer: { nl: 'Wat u kunt bieden', en: 'What you can offer' },
  youCannotOffer: { nl: 'Wat niet kan', en: 'What is not possible' },
  rolePlayStarts: {
    nl: 'Het rollenspel begint. Typ uw antwoorden gewoon in de chat. Tijdens het gesprek: /hint voor een tip, /retry om uw laatste antwoord terug te nemen, /stop om te stoppen.',
    en: 'The role-play starts. Just type your replies in the chat. During the conversation: /hint for a tip, /retry to take back your last reply, /stop to stop.',
  },
  groupRolePlayStarts: {
    nl: 'Het rollenspel begint; hoe u meedoet, staat boven deze kaart.',
    en: 'The role-play starts; how to take part is written above this card.',
  },
  angerLine: { nl: 'Boosheid', en: 'Anger' },
  recognised: { nl: 'herkend', en: 'recognised' },
  nothingRecognised: NO_TECHNIQUE,
  textOnly: {
    nl: 'Ik kan alleen tekst lezen. Typ uw antwoord aan de klant als bericht.',
    en: 'I can only read text. Type your reply to the customer as a message.',
  },
  unknownButton: {
    nl: 'Die knop ken ik niet (misschien hoort hij bij een eerder bericht). Typ uw antwoord aan de klant als bericht.',
    en: "I don't know that button (it may belong to an earlier message). Type your reply to the customer as a message.",
  },
  personaUnavailable: {
    nl: 'Het scenario "{id}" is op dit moment niet beschikbaar, dus dit rollenspel stopt hier. Typ /personas om een andere klant te kiezen.',
    en: 'The scenario "{id}" is not available right now, so this role-play stops here. Type /personas to choose another customer.',
  },
  truncated: {
    nl: 'Uw bericht was erg lang; ik heb alleen het begin gebruikt.',
    en: 'Your message was very long; I used only the beginning.',
  },
  hintPrefix: { nl: 'Tip', en: 'Hint' },
  retried: {
    nl: 'Uw laatste antwoord is teruggenomen. De klant zei:',
    en: 'Your last reply has been taken back. The customer said:',
  },
  nothingToRetry: { nl: 'Er is nog geen antwoord om terug te nemen.', en: 'There is no reply to take back yet.' },
  notInRolePlay: {
    nl: 'Dat werkt alleen tijdens een rollenspel. Typ /start om te beginnen.',
    en: 'That only works during a role-play. Type /start to begin.',
  },
  nothingToStop: {
    nl: 'Er loopt geen rollenspel. Typ /start om te beginnen.',
    en: 'No role-play is running. Type /start to begin.',
  },
  languageSet: {
    nl: 'Ik praat vanaf nu Nederlands. Een lopend rollenspel blijft in de taal waarin het begon.',
    en: 'I will speak English from now on. A role-play in progress stays in the language it started in.',
  },
  languageUsage: { nl: 'Gebruik: /lang nl of /lang en', en: 'Usage: /lang nl or /lang en' },
  unknownCommand: {
    nl: 'Die opdracht ken ik niet. Typ /help voor wat ik kan.',
    en: "I don't know that command. Type /help to see what I can do.",
  },
  stoppedForNew: {
    nl: 'Het vorige rollenspel is afgebroken; we beginnen opnieuw.',
    en: 'The previous role-play was abandoned; starting again.',
  },
  rolePlayTooLong: {
    nl: 'Dit rollenspel duurt nu zo lang dat het hier stopt. Hieronder ziet u hoe het ging.',
    en: 'This role-play has gone on so long that it stops here. Below is how it went.',
  },
  sessionEnded: {
    nl: 'Dit rollenspel is afgelopen. Kies hieronder een nieuwe klant, of typ /progress voor uw voortgang.',
    en: 'This role-play has ended. Choose a new customer below, or type /progress to see your progress.',
  },
  somethingWrong: {
    nl: 'Er ging iets mis aan mijn kant. Uw gesprek is bewaard; probeer het nog eens.',
    en: 'Something went wrong on my side. Your conversation is saved; please try again.',
  },
  busy: {
    nl: 'Een moment: ik verwerk uw vorige bericht nog.',
    en: 'One moment: I am still handling your previous message.',
  },
  feedbackIntro: { nl: 'Hier is uw feedback.', en: 'Here is your feedback.' },
  nothingToExport: {
    nl: 'Er is geen afgerond rollenspel om te downloaden. Het verslag kan tot een dag na afloop worden opgehaald, tot u een nieuw rollenspel begint.',
    en: 'There is no finished role-play to download. A report can be fetched for a day after it ended, until you start a new role-play.',
  },
  exportFileOffer: {
    nl: 'Uw verslag en het hele gesprek als bestand: kies Toestaan om het in uw OneDrive te bewaren.',
    en: 'Your report and the whole conversation as a file: choose Allow to keep it in your OneDrive.',
  },
  exportFileDescription: { nl: 'Verslag van uw oefengesprek', en: 'Report of your practice conversation' },
  exportFileSaved: { nl: 'Bewaard in uw OneDrive:', en: 'Saved in your OneDrive:' },
  exportFileDeclined: {
    nl: 'Goed, het bestand is niet bewaard. Typ /export als u het later toch wilt (tot een dag na afloop).',
    en: 'All right, the file was not saved. Type /export if you want it after all (up to a day after the role-play).',
  },
  exportFileGone: {
    nl: 'Dat verslag is er niet meer: het hoort bij een ouder rollenspel of is ouder dan een dag.',
    en: 'That report is no longer available: it belongs to an earlier role-play or is more than a day old.',
  },
  exportFileFailed: {
    nl: 'Het bewaren in OneDrive lukte niet. Probeer /export over een moment nog eens.',
    en: 'Saving to OneDrive did not work. Please try /export again in a moment.',
  },
  messagePart: { nl: '(deel {part} van {parts})', en: '(part {part} of {parts})' },
  messagePartsCut: {
    nl: '… Nog {lines} regels passen niet in deze chat.',
    en: '… {lines} more lines do not fit in this chat.',
  },
  exportWholeAsFile: {
    nl: 'Het hele verslag als bestand: speel het rollenspel in een persoonlijke chat met de bot of in Web Chat; daar geeft /export een bestand.',
    en: 'For the whole report as a file, play the role-play in a personal chat with the bot or in Web Chat, where /export gives you a file.',
  },
  progressEmpty: {
    nl: 'U heeft nog geen rollenspel afgerond. Typ /start om te beginnen.',
    en: "You haven't finished a role-play yet. Type /start to begin.",
  },
  difficulty: { nl: 'Niveau', en: 'Level' },
  startButton: { nl: 'Start', en: 'Start' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXTS;

/** The text in the trainee's language, with `{name}` placeholders filled. */
export function t(key: TextKey, lang: Lang, values: Record<string, string> = {}): string {
  return fillTemplate(TEXTS[key][lang], values);
}

/** What the bot says to the room in a group demo (the core's refusal texts live in src/core/demo). */
export const DEMO_TEXTS = {
  started: {
    nl: 'Groepsdemo gestart door {trainer}: {title}. {how} Alleen de trainer (of wie de trainer aanwijst met /allow @naam) kan /pause, /resume, /retry, /pick, /remove, /predictions en /end gebruiken.',
    en: 'Group demo started by {trainer}: {title}. {how} Only the trainer (or whoever the trainer names with /allow @name) can use /pause, /resume, /retry, /pick, /remove, /predictions and /end.',
  },
  howOpen: { nl: 'Iedereen mag de klant antwoorden.', en: 'Anyone may answer the customer.' },
  howVote: {
    nl: 'Typ wat u tegen de klant zou zeggen: elk bericht is een voorstel. Stem met `/vote <nummer>` (intrekken met /unvote); de trainer kiest met `/pick <nummer>`.',
    en: 'Type what you would say to the customer: each message is a proposal. Vote with `/vote <number>` (take it back with /unvote); the trainer picks with `/pick <number>`.',
  },
  projector: { nl: 'Projectorweergave: {url}', en: 'Projector view: {url}' },
  joinLink: {
    nl: 'Meedoen vanaf een eigen laptop of telefoon: open {url} (code **{code}**). De projector toont de code ook, met een QR-code.',
    en: 'To take part from your own laptop or phone: open {url} (code **{code}**). The projector shows the code too, with a QR code.',
  },
  answeredTo: { nl: 'antwoord op {author}', en: 'answer to {author}' },
  proposed: {
    nl: 'Voorstel {number} van {author} staat erbij. Stem met /vote {number}.',
    en: 'Proposal {number} from {author} is in. Vote with /vote {number}.',
  },
  voted: { nl: '{voter} stemt op voorstel {number}.', en: '{voter} votes for proposal {number}.' },
  paused: { nl: '⏸️ Pauze, gevraagd door {by}.', en: '⏸️ Paused by {by}.' },
  resumed: { nl: '▶️ We gaan verder.', en: '▶️ Carrying on.' },
  retried: {
    nl: '↩️ Beurt {turn} is teruggedraaid. De klant zei:',
    en: '↩️ Turn {turn} was taken back. The customer said:',
  },
  controllerNamed: { nl: '{by} heeft een medetrainer aangewezen.', en: '{by} named a co-trainer.' },
  majorityOn: {
    nl: 'Vanaf nu mag de meerderheid kiezen: /pick majority.',
    en: 'From now on the majority may pick: /pick majority.',
  },
  majorityOff: { nl: 'Alleen de trainer kiest weer.', en: 'Only the trainer picks again.' },
  sessionOver: {
    nl: 'Het rollenspel is afgelopen: {outcome} De trainer kan met /retry de laatste beurt terugdraaien, of met /end de nabespreking openen.',
    en: 'The role-play has ended: {outcome} The trainer can take the last turn back with /retry, or open the debrief with /end.',
  },
  debriefIntro: { nl: 'Nabespreking van de groepsdemo.', en: 'Debrief of the group demo.' },
  allowUsage: { nl: 'Noem de persoon met een @-vermelding: /allow @naam', en: 'Mention the person: /allow @name' },
  oldCard: { nl: 'Die knop hoort bij een eerdere demo.', en: 'That button belongs to an earlier demo.' },
  demoOver: {
    nl: 'Die demo is afgelopen: stemmen en kiezen kan niet meer. Met /export krijgt u het verslag.',
    en: 'That demo has ended: voting and picking are over. /export gives you the report.',
  },
  onlyInDemo: {
    nl: 'Dat werkt alleen tijdens een groepsdemo. Start er een met `/demo <scenario>`.',
    en: 'That only works during a group demo. Start one with `/demo <scenario>`.',
  },
  demoRunning: {
    nl: 'Er loopt een groepsdemo in dit gesprek. De trainer kan die beëindigen met /end.',
    en: 'A group demo is running in this conversation. The trainer can end it with /end.',
  },
  proposalNumber: {
    nl: 'Geef het nummer van een voorstel, bijvoorbeeld /vote 2.',
    en: 'Give the number of a proposal, for example /vote 2.',
  },
  unvoted: {
    nl: '{voter} trekt de stem op voorstel {number} in.',
    en: '{voter} takes back their vote for proposal {number}.',
  },
  votesReplaced: {
    nl: '{voters}: {author} heeft voorstel {number} vervangen door een nieuw voorstel, dus uw stem telt niet meer. Stem gerust opnieuw.',
    en: '{voters}: {author} replaced proposal {number} with a new one, so your vote no longer counts. Feel free to vote again.',
  },
  votesRemoved: {
    nl: '{voters}: voorstel {number} van {author} is weggehaald, dus uw stem telt niet meer. Stem gerust opnieuw.',
    en: '{voters}: proposal {number} by {author} was removed, so your vote no longer counts. Feel free to vote again.',
  },
  proposalRemoved: {
    nl: '{by} heeft voorstel {number} van {author} weggehaald.',
    en: '{by} removed proposal {number} by {author}.',
  },
  participantRemoved: {
    nl: '{by} heeft {name} uit de demo gehaald. Die kan nog meekijken, maar niet meer reageren of stemmen.',
    en: '{by} removed {name} from the demo. They can still watch, but no longer reply or vote.',
  },
  predictionsHidden: {
    nl: 'Het verwachte effect van de voorstellen blijft verborgen tot de trainer kiest.',
    en: 'The expected effect of the proposals stays hidden until the trainer picks.',
  },
  predictionsShown: {
    nl: 'Het verwachte effect van de voorstellen is weer te zien.',
    en: 'The expected effect of the proposals is visible again.',
  },
  joined: { nl: '{name} doet mee.', en: '{name} has joined.' },
  renamed: { nl: 'Een deelnemer heet nu {name}.', en: 'A participant is now called {name}.' },
  picked: {
    nl: 'Ronde {round}: {by} kiest voorstel {number} van {author} ({votes} van {cast} stemmen).',
    en: 'Round {round}: {by} picks proposal {number} by {author} ({votes} of {cast} votes).',
  },
  pickedByMajority: {
    nl: 'Ronde {round}: de meerderheid kiest voorstel {number} van {author} ({votes} van {cast} stemmen).',
    en: 'Round {round}: the majority picks proposal {number} by {author} ({votes} of {cast} votes).',
  },
  overrodeMajority: {
    nl: 'Let op: dat is niet het voorstel met de meeste stemmen.',
    en: 'Note: that is not the proposal with the most votes.',
  },
  removeUsage: {
    nl: 'Zeg wat weg moet: `/remove <nummer>` voor een voorstel, `/remove @naam` of `/remove <naam>` voor een deelnemer.',
    en: 'Say what to remove: `/remove <number>` for a proposal, `/remove @name` or `/remove <name>` for a participant.',
  },
  predictionsUsage: {
    nl: '/predictions hide verbergt het verwachte effect tot de keuze; /predictions show toont het weer.',
    en: '/predictions hide hides the expected effect until the pick; /predictions show shows it again.',
  },
  exportWholeAsFile: {
    nl: 'Het hele verslag als bestand: houd de groepsdemo in Web Chat; daar geeft /export de bestanden.',
    en: 'For the whole report as a file, run the group demo in Web Chat, where /export gives you the files.',
  },
  exportReady: {
    nl: 'Het verslag van de groepsdemo: elke ronde, elk voorstel en wie wat deed.',
    en: 'The report of the group demo: every round, every proposal and who did what.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export function demoText(key: keyof typeof DEMO_TEXTS, lang: Lang, values: Record<string, string> = {}): string {
  return fillTemplate(DEMO_TEXTS[key][lang], values);
}
