/**
 * Every text of group demo mode that a person reads, Dutch first, English
 * second: the friendly refusals, the labels of the meter card and the
 * projector page, and the group outcome lines.
 */
import type { Outcome } from '../session/types';
import type { Lang } from '../lang';
import { NO_TECHNIQUE } from '../techniques';
import type { AngerBandId, Bilingual, DemoOp, RefusalReason } from './types';
import { BAND_NAMES } from '../report/renderLabels';
import { fillTemplate } from '../fillTemplate';

/** "Only the trainer (or someone they named) can …": one line per request a controller makes. */
const NOT_CONTROLLER: Record<DemoOp, Bilingual> = {
  pause: {
    nl: 'Alleen de trainer (of wie de trainer heeft aangewezen) kan de demo pauzeren.',
    en: 'Only the trainer (or someone they named) can pause the demo.',
  },
  resume: {
    nl: 'Alleen de trainer (of wie de trainer heeft aangewezen) kan de demo hervatten.',
    en: 'Only the trainer (or someone they named) can resume the demo.',
  },
  retry: {
    nl: 'Alleen de trainer (of wie de trainer heeft aangewezen) kan een beurt terugdraaien.',
    en: 'Only the trainer (or someone they named) can take a turn back.',
  },
  end: {
    nl: 'Alleen de trainer (of wie de trainer heeft aangewezen) kan de demo beëindigen.',
    en: 'Only the trainer (or someone they named) can end the demo.',
  },
  pick: {
    nl: 'Alleen de trainer (of wie de trainer heeft aangewezen) kan een voorstel kiezen. Stem gerust met /vote.',
    en: 'Only the trainer (or someone they named) can pick a proposal. Feel free to vote with /vote.',
  },
  name: {
    nl: 'Alleen de trainer die de demo startte kan iemand aanwijzen.',
    en: 'Only the trainer who started the demo can name a helper.',
  },
  majority: {
    nl: 'Alleen de trainer die de demo startte kan de meerderheid laten kiezen.',
    en: 'Only the trainer who started the demo can let the majority pick.',
  },
  removeProposal: {
    nl: 'Alleen de trainer (of wie de trainer heeft aangewezen) kan een voorstel weghalen.',
    en: 'Only the trainer (or someone they named) can remove a proposal.',
  },
  removeParticipant: {
    nl: 'Alleen de trainer (of wie de trainer heeft aangewezen) kan iemand uit de demo halen.',
    en: 'Only the trainer (or someone they named) can remove someone from the demo.',
  },
  hidePredictions: {
    nl: 'Alleen de trainer (of wie de trainer heeft aangewezen) kan de voorspellingen verbergen of tonen.',
    en: 'Only the trainer (or someone they named) can hide or show the predictions.',
  },
  reply: { nl: 'Dat mag alleen de trainer.', en: 'Only the trainer can do that.' },
  vote: { nl: 'Dat mag alleen de trainer.', en: 'Only the trainer can do that.' },
  unvote: { nl: 'Dat mag alleen de trainer.', en: 'Only the trainer can do that.' },
  join: { nl: 'Dat mag alleen de trainer.', en: 'Only the trainer can do that.' },
};

const REFUSALS: Record<Exclude<RefusalReason, 'notController' | 'notTrainer'>, Bilingual> = {
  paused: {
    nl: 'De demo staat even op pauze. Zodra de trainer verdergaat, kunt u weer reageren.',
    en: 'The demo is paused for a moment. You can reply again as soon as the trainer resumes.',
  },
  notPaused: {
    nl: 'De demo loopt al; er is niets te hervatten.',
    en: 'The demo is already running; nothing to resume.',
  },
  alreadyPaused: { nl: 'De demo staat al op pauze.', en: 'The demo is already paused.' },
  ended: {
    nl: 'Deze demo is afgelopen. De trainer kan een nieuwe starten met /demo.',
    en: 'This demo has ended. The trainer can start a new one with /demo.',
  },
  emptyReply: {
    nl: 'Dat bericht was leeg. Typ wat u tegen de klant zou zeggen.',
    en: 'That message was empty. Type what you would say to the customer.',
  },
  notVoteMode: {
    nl: 'In deze demo reageert iedereen direct; stemmen is niet nodig.',
    en: 'In this demo everyone replies directly; there is nothing to vote on.',
  },
  noSuchProposal: {
    nl: 'Dat voorstel bestaat niet (meer). Kijk in de kaart welk nummer u bedoelt.',
    en: 'That proposal does not exist (any more). Check the number on the card.',
  },
  noProposals: {
    nl: 'Er zijn nog geen voorstellen. Typ een reactie aan de klant om er een te doen.',
    en: 'There are no proposals yet. Type a reply to the customer to make one.',
  },
  noMajority: {
    nl: 'Er is nog geen meerderheid: meer dan de helft van de stemmen moet op één voorstel staan.',
    en: 'There is no majority yet: more than half of the votes must be on one proposal.',
  },
  majorityNotAllowed: {
    nl: 'De trainer kiest in deze demo zelf. Stem gerust met /vote; de trainer ziet de stemmen.',
    en: 'In this demo the trainer picks. Feel free to vote with /vote; the trainer sees the votes.',
  },
  nothingToRetry: { nl: 'Er is nog geen beurt om terug te draaien.', en: 'There is no turn to take back yet.' },
  alreadyController: { nl: 'Die persoon mag de demo al leiden.', en: 'That person can already lead the demo.' },
  roundClosed: {
    nl: 'Het stemmen over ronde {round} is gesloten: de trainer heeft al gekozen. Stem op een voorstel van de huidige ronde.',
    en: 'Voting on round {round} is closed: the trainer has already picked. Vote for a proposal of the current round.',
  },
  proposalGone: {
    nl: 'Voorstel {number} is vervangen of weggehaald. Kies een voorstel dat nu op de kaart staat.',
    en: 'Proposal {number} was replaced or removed. Choose a proposal that is on the card now.',
  },
  notVoted: {
    nl: 'U hebt in deze ronde nog niet gestemd, dus er is niets in te trekken.',
    en: 'You have not voted in this round, so there is nothing to take back.',
  },
  removedParticipant: {
    nl: 'De trainer heeft u uit deze demo gehaald. U kunt nog meekijken, maar niet meer reageren of stemmen.',
    en: 'The trainer removed you from this demo. You can still watch, but no longer reply or vote.',
  },
  noSuchParticipant: {
    nl: 'Er doet niemand met de naam "{name}" mee aan deze demo.',
    en: 'Nobody called "{name}" is taking part in this demo.',
  },
  cannotRemoveTrainer: {
    nl: 'De trainer kan niet uit de eigen demo worden gehaald. Beëindig de demo met /end.',
    en: 'The trainer cannot be removed from their own demo. End the demo with /end.',
  },
};

/** The friendly text for a refused request; `{round}`, `{number}` and `{name}` are filled from `values`. */
export function refusalText(
  op: DemoOp,
  reason: RefusalReason,
  values: Readonly<Record<string, string | number>> = {},
): Bilingual {
  const text = reason === 'notController' || reason === 'notTrainer' ? NOT_CONTROLLER[op] : REFUSALS[reason];
  return { nl: fillTemplate(text.nl, values), en: fillTemplate(text.en, values) };
}

/**
 * A refusal addressed to the person who asked, so the room sees whom it answers: "Anna, alleen de trainer…".
 * The name is passed in as it should be shown (the bot escapes it for its channel).
 */
export function addressedRefusal(name: string, text: string): string {
  return name === '' ? text : `${name}, ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** What the group reads when the demo ends; the group, not "you", ended it. */
export const GROUP_OUTCOME_TEXT: Record<Outcome, Bilingual> = {
  resolved: {
    nl: 'Opgelost: de klant is rustig en er is een afspraak.',
    en: 'Resolved: the customer is calm and there is an agreement.',
  },
  walked_out: { nl: 'De klant is boos weggelopen.', en: 'The customer walked out angry.' },
  ended_by_trainee: { nl: 'De groep heeft het gesprek beëindigd.', en: 'The group ended the conversation.' },
  stopped: { nl: 'De trainer heeft de demo beëindigd.', en: 'The trainer ended the demo.' },
};

/** The anger bands' names: the same words the debrief and chart use. */
export const BAND_TEXT: Record<AngerBandId, Bilingual> = BAND_NAMES;

/** Labels of the meter card, the debrief section and the projector page. */
export const DEMO_LABELS = {
  groupDemo: { nl: 'Groepsdemo', en: 'Group demo' },
  anger: { nl: 'Boosheid', en: 'Anger' },
  calmEnough: { nl: 'kalm genoeg', en: 'calm enough' },
  customer: { nl: 'Klant', en: 'Customer' },
  paused: { nl: 'Gepauzeerd', en: 'Paused' },
  pausedBanner: {
    nl: 'Pauze: de trainer bespreekt even wat er gebeurt.',
    en: 'Paused: the trainer is discussing what happened.',
  },
  ended: { nl: 'Afgelopen', en: 'Ended' },
  lastReply: { nl: 'Laatste reactie', en: 'Last reply' },
  by: { nl: 'door', en: 'by' },
  noTechnique: NO_TECHNIQUE,
  waitingForReply: { nl: 'Wie reageert als eerste op de klant?', en: 'Who replies to the customer first?' },
  proposals: { nl: 'Voorstellen', en: 'Proposals' },
  noProposalsYet: {
    nl: 'Nog geen voorstellen: typ wat u tegen de klant zou zeggen.',
    en: 'No proposals yet: type what you would say to the customer.',
  },
  votes: { nl: 'stemmen', en: 'votes' },
  votesCast: { nl: 'Stemmen', en: 'Votes' },
  vote1: { nl: 'stem', en: 'vote' },
  vote: { nl: 'Stem', en: 'Vote' },
  pick: { nl: 'Kies', en: 'Pick' },
  pickMajority: { nl: 'Kies meerderheid', en: 'Pick majority' },
  ifPicked: { nl: 'zou boosheid', en: 'would change anger by' },
  whatIf: {
    nl: 'Wat was er gebeurd met de andere voorstellen?',
    en: 'What would have happened with the other proposals?',
  },
  picked: { nl: 'Gekozen', en: 'Picked' },
  pickedByMajority: { nl: 'gekozen door de meerderheid', en: 'picked by the majority' },
  pickedByTrainer: { nl: 'gekozen door de trainer', en: 'picked by the trainer' },
  pickedBy: { nl: 'gekozen door {name}', en: 'picked by {name}' },
  overrodeMajority: {
    nl: 'niet het voorstel met de meeste stemmen',
    en: 'not the proposal with the most votes',
  },
  round: { nl: 'Ronde', en: 'Round' },
  votedOfTotal: { nl: '{n} van {m} gestemd', en: '{n} of {m} voted' },
  predictionHidden: {
    nl: 'effect op de boosheid volgt na de keuze',
    en: 'effect on anger shown after the pick',
  },
  unvote: { nl: 'Mijn stem intrekken', en: 'Take my vote back' },
  hidePredictions: { nl: 'Voorspellingen verbergen', en: 'Hide predictions' },
  showPredictions: { nl: 'Voorspellingen tonen', en: 'Show predictions' },
  pause: { nl: 'Pauzeren', en: 'Pause' },
  resume: { nl: 'Hervatten', en: 'Resume' },
  retry: { nl: 'Beurt terugdraaien', en: 'Take turn back' },
  end: { nl: 'Demo beëindigen', en: 'End demo' },
  controls: { nl: 'Voor de trainer', en: 'For the trainer' },
  projector: { nl: 'Projectorweergave openen', en: 'Open projector view' },
  turn: { nl: 'Beurt', en: 'Turn' },
  turns: { nl: 'Beurten', en: 'Turns' },
  participant: { nl: 'Deelnemer', en: 'Participant' },
  techniques: { nl: 'Technieken', en: 'Techniques' },
  contributors: { nl: 'Wie deed wat', en: 'Who contributed what' },
  noContributors: { nl: 'Niemand heeft gereageerd.', en: 'Nobody replied.' },
  modeOpen: { nl: 'iedereen reageert', en: 'everyone replies' },
  modeVote: { nl: 'stemmen over voorstellen', en: 'voting on proposals' },
  reconnecting: { nl: 'Verbinding kwijt, opnieuw verbinden…', en: 'Connection lost, reconnecting…' },
  live: { nl: 'live', en: 'live' },
  trainer: { nl: 'Trainer', en: 'Trainer' },
  notFoundTitle: { nl: 'Deze demo bestaat niet (meer)', en: 'This demo does not exist (any more)' },
  notFoundBody: {
    nl: 'Controleer de link, of vraag de trainer om een nieuwe demo te starten en de nieuwe projectorlink te delen.',
    en: 'Check the link, or ask the trainer to start a new demo and share the new projector link.',
  },
} satisfies Record<string, Bilingual>;

export type DemoLabelKey = keyof typeof DEMO_LABELS;

export function demoLabel(key: DemoLabelKey, lang: Lang): string {
  return DEMO_LABELS[key][lang];
}

/** The words of the demo export (Markdown, HTML); `{name}` is who chose. */
export const DEMO_EXPORT_TEXT = {
  title: { nl: 'Groepsdemo', en: 'Group demo' },
  trainer: { nl: 'Trainer', en: 'Trainer' },
  modeOpen: { nl: 'iedereen reageerde direct', en: 'everyone replied directly' },
  modeVote: { nl: 'de groep stemde over voorstellen', en: 'the group voted on proposals' },
  rounds: { nl: 'Rondes', en: 'Rounds' },
  round: { nl: 'Ronde', en: 'Round' },
  noRounds: { nl: 'Er is geen ronde gespeeld.', en: 'No round was played.' },
  takenBack: { nl: 'teruggedraaid', en: 'taken back' },
  author: { nl: 'Van', en: 'By' },
  proposal: { nl: 'Voorstel', en: 'Proposal' },
  proposals: { nl: 'Voorstellen', en: 'Proposals' },
  votes: { nl: 'Stemmen', en: 'Votes' },
  voters: { nl: 'Gestemd door', en: 'Voted for by' },
  chosen: { nl: 'Gekozen', en: 'Chosen' },
  answeredBy: { nl: 'Direct gestuurd door {name}', en: 'Sent directly by {name}' },
  pickedBy: { nl: 'Gekozen door {name}', en: 'Picked by {name}' },
  pickedByMajority: {
    nl: 'Gekozen door de meerderheid (gevraagd door {name})',
    en: 'Picked by the majority (asked for by {name})',
  },
  overrodeMajority: {
    nl: 'niet het voorstel met de meeste stemmen',
    en: 'not the proposal with the most votes',
  },
  outcome: { nl: 'Effect', en: 'Effect' },
  anger: { nl: 'Boosheid', en: 'Anger' },
  noTechnique: NO_TECHNIQUE,
  customer: { nl: 'De klant', en: 'The customer' },
  contributors: { nl: 'Wie deed wat', en: 'Who contributed what' },
  participant: { nl: 'Deelnemer', en: 'Participant' },
  turns: { nl: 'Beurten', en: 'Turns' },
  techniques: { nl: 'Technieken', en: 'Techniques' },
} satisfies Record<string, Bilingual>;
