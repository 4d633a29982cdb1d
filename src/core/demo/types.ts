/**
 * Group demo mode: one role-play played by a whole room (a Teams group chat or
 * channel, or the web page), led by a trainer. Plain JSON, no I/O: the bot
 * stores a {@link DemoRoom} per conversation and the projector shows a
 * {@link RoomSnapshot}.
 */
import type { Outcome, Session } from '../session/types';
import type { Report } from '../report/types';
import type { Lang } from '../lang';
import type { TechniqueId } from '../techniques';
import type { Difficulty } from '../persona/types';

export type Bilingual = Record<Lang, string>;

/** Someone in the room, as the channel names them (Teams: the AAD object id or channel user id). */
export interface Participant {
  id: string;
  name: string;
}

/**
 * `open`: every reply is a turn. `vote`: replies are proposals; the trainer
 * (or a majority, when allowed) picks the one the customer answers.
 */
export type DemoMode = 'open' | 'vote';

/** What the engine would do with a reply, computed without changing the session. */
export interface WhatIf {
  labels: TechniqueId[];
  angerBefore: number;
  angerAfter: number;
  /** angerAfter − angerBefore: negative calms the customer. */
  delta: number;
  /** The customer's answer to this reply. */
  customerText: string;
  /** Set when this reply would end the role-play. */
  ending?: Outcome;
}

/** The preview stored with a proposal (the what-if without the customer's answer: the room should not see it yet). */
export interface ProposalPreview {
  labels: TechniqueId[];
  angerAfter: number;
  delta: number;
  ending?: Outcome;
}

export interface Proposal {
  /** Stable id (`p1`, `p2`, …), unique within the room. */
  id: string;
  /**
   * The number the room sees (`/vote 2`), given once per round: 1, 2, 3… from the start of each round, never
   * reused within it (a replaced or removed proposal's number stays gone). Rooms stored before numbering: absent.
   */
  number?: number;
  author: Participant;
  text: string;
  /** Ids of the participants who voted for it (one vote per participant per round). */
  votes: string[];
  preview: ProposalPreview;
}

export interface Authorship {
  /** 1-based trainee turn (TurnRecord.index). */
  turn: number;
  author: Participant;
  /** How the turn was chosen. */
  via: 'reply' | 'pick' | 'majority';
}

/** A proposal that was not picked, with what would have happened. */
export interface Alternative {
  proposalId: string;
  author: Participant;
  text: string;
  votes: number;
  whatIf: WhatIf;
}

/** The last vote round: what was picked and what the others would have done. */
export interface PickedRound {
  turn: number;
  picked: { proposalId: string; author: Participant; text: string; votes: number };
  by: 'controller' | 'majority';
  alternatives: Alternative[];
}

export interface DemoRoom {
  schemaVersion: 1;
  /** Unguessable id (also the projector link); made by the server, not here. */
  roomId: string;
  trainer: Participant;
  /** Ids of the helpers the trainer named: they may pause, resume, retry, end and pick as well. */
  controllers: string[];
  mode: DemoMode;
  /** Vote mode: anyone may ask for the proposal with a majority of the votes to be taken. */
  majorityAllowed: boolean;
  paused: boolean;
  session: Session;
  /** Open proposals of the current round (vote mode); cleared when the session moves. */
  proposals: Proposal[];
  /** Who wrote each turn of the session, in turn order. */
  authorship: Authorship[];
  /** The last vote round, for "what would have happened"; cleared on the next turn or a retry. */
  lastRound?: PickedRound;
  /** Counter behind proposal ids. */
  nextProposal: number;
  /** Set by `end`: the demo is over even if the session ended by itself before. */
  closed: boolean;
  /** Everyone the room knows (joined, replied or voted), in order of arrival, the trainer first. */
  participants: Participant[];
  /** Ids of the participants the trainer removed: their replies and votes are refused. */
  removed: string[];
  /** Counter behind the proposal numbers of the current round (1 at the start of each round). */
  nextNumber: number;
  /** Vote mode: the projector and the card hide each proposal's predicted effect until the pick. */
  hidePredictionsUntilPick: boolean;
  /** The short code trainees type to join this room from the web chat page (made by the server, not here). */
  joinCode?: string;
  /** Every round that moved the conversation, in order (for the export and the credits). */
  history: RoundRecord[];
}

/** A proposal as it stood when its round closed. */
export interface RoundProposal {
  id: string;
  number: number;
  author: Participant;
  text: string;
  voters: Participant[];
  preview: ProposalPreview;
}

/** One round that moved the conversation: an open-mode reply, or a vote round and its pick. */
export interface RoundRecord {
  /** The trainee turn it decided (1-based); a round taken back and played again appears twice. */
  round: number;
  mode: DemoMode;
  /** Vote mode: every proposal still in the round at the pick; open mode: empty. */
  proposals: RoundProposal[];
  /** The reply that became the turn. */
  chosen: { proposalId?: string; number?: number; author: Participant; text: string; votes: number };
  /** Who chose it: the author (open mode), the trainer or helper who picked, or whoever asked for the majority. */
  chosenBy: Participant;
  via: Authorship['via'];
  /** A controller picked a proposal while another one had more votes. */
  overrodeMajority: boolean;
  outcome: {
    angerBefore: number;
    angerAfter: number;
    delta: number;
    labels: TechniqueId[];
    customerText: string;
    ending?: Outcome;
  };
  /** Set when the trainer took this turn back with `/retry`. */
  takenBack?: boolean;
}

export interface StartDemoOptions {
  roomId: string;
  trainer: Participant;
  lang: Lang;
  seed: number;
  /** Injected clock, in milliseconds. */
  now: number;
  mode?: DemoMode;
  difficulty?: Difficulty;
  /** Vote mode: let a majority pick without the trainer. Default false. */
  majorityAllowed?: boolean;
  /** Vote mode: hide each proposal's predicted effect until the pick. Default false. */
  hidePredictionsUntilPick?: boolean;
  /** The short join code for the web chat page (made by the server). */
  joinCode?: string;
}

/** Why a request was turned down; each reason has a friendly text in demoTexts.ts. */
export type RefusalReason =
  | 'notController'
  | 'notTrainer'
  | 'paused'
  | 'notPaused'
  | 'alreadyPaused'
  | 'ended'
  | 'emptyReply'
  | 'notVoteMode'
  | 'noSuchProposal'
  | 'noProposals'
  | 'noMajority'
  | 'majorityNotAllowed'
  | 'nothingToRetry'
  | 'alreadyController'
  /** A vote or pick for a proposal of a round that was already decided (text names the round). */
  | 'roundClosed'
  /** A vote for a proposal that was replaced or removed in this round (text names its number). */
  | 'proposalGone'
  | 'notVoted'
  | 'removedParticipant'
  | 'noSuchParticipant'
  | 'cannotRemoveTrainer';

/** The request a refusal answers, so the text can say what was refused. */
export type DemoOp =
  | 'reply'
  | 'vote'
  | 'pick'
  | 'pause'
  | 'resume'
  | 'retry'
  | 'end'
  | 'name'
  | 'majority'
  | 'unvote'
  | 'removeProposal'
  | 'removeParticipant'
  | 'hidePredictions'
  | 'join';

export type DemoEvent =
  | { type: 'started'; mode: DemoMode; trainer: Participant }
  | {
      type: 'turn';
      turn: number;
      author: Participant;
      via: Authorship['via'];
      labels: TechniqueId[];
      angerBefore: number;
      angerAfter: number;
      customerText: string;
      /** Set when this turn ended the role-play. */
      outcome?: Outcome;
    }
  | { type: 'proposed'; proposal: Proposal; replaced: boolean }
  | { type: 'voted'; proposalId: string; voter: Participant; changed: boolean }
  | { type: 'picked'; round: PickedRound }
  | { type: 'paused'; by: Participant }
  | { type: 'resumed'; by: Participant }
  | { type: 'retried'; turn: number; author?: Participant; by: Participant }
  | { type: 'ended'; outcome: Outcome; by: Participant }
  | { type: 'controllerNamed'; userId: string; by: Participant }
  | { type: 'majorityChanged'; allowed: boolean; by: Participant }
  | { type: 'unvoted'; proposalId: string; voter: Participant }
  /** Votes that no longer count: their proposal was replaced by its author or removed by the trainer. */
  | {
      type: 'votesVoided';
      proposalId: string;
      number: number;
      author: Participant;
      voters: Participant[];
      why: 'replaced' | 'removed';
    }
  | { type: 'proposalRemoved'; proposalId: string; number: number; author: Participant; by: Participant }
  | { type: 'participantRemoved'; participant: Participant; by: Participant }
  | { type: 'joined'; participant: Participant; renamed: boolean }
  | { type: 'predictionsHidden'; hidden: boolean; by: Participant }
  | {
      type: 'refused';
      op: DemoOp;
      reason: RefusalReason;
      text: Bilingual;
      /** Who asked (the bot addresses the refusal to them by name). */
      to?: Participant;
    };

/**
 * The answer of every demo function: the next room (the same object when
 * nothing changed) and what happened. A user mistake is a `refused` event,
 * never an exception.
 */
export interface DemoResult {
  room: DemoRoom;
  events: DemoEvent[];
}

export interface Contributor {
  author: Participant;
  /** The turns this participant wrote (1-based), in order. */
  turns: number[];
  techniques: Partial<Record<TechniqueId, number>>;
  /** Proposals they made in the rounds that were decided (vote mode). */
  proposals: number;
  /** Votes they cast in the rounds that were decided (vote mode). */
  votes: number;
}

export interface GroupDebrief {
  report: Report;
  /** Every participant the room knows, in order of arrival (those who only watched too, with zeros). */
  contributors: Contributor[];
  /** Every decided round, in order. */
  rounds: RoundRecord[];
}

export type AngerBandId = 'calm' | 'tense' | 'angry' | 'furious';

export interface SnapshotEntry {
  role: 'customer' | 'trainee';
  /** The trainee reply's author (absent for the customer). */
  author?: string;
  /** 1-based trainee turn for replies; 0 for the opening, the answered turn for the customer. */
  turn: number;
  text: string;
  anger: number;
  /** Customer lines: change from the previous customer line (0 for the opening). */
  delta?: number;
  labels: TechniqueId[];
  /** Technique names in the session's language. */
  labelNames: string[];
}

export interface SnapshotProposal {
  id: string;
  /** 1-based number as the room sees it (`/vote 2`): given once per round, never reused within it. */
  number: number;
  /** The proposal author's display name. */
  author: string;
  text: string;
  votes: number;
  /** True while the trainer hides predictions: labels are empty and delta is 0 until the pick. */
  predictionHidden: boolean;
  labels: TechniqueId[];
  labelNames: string[];
  angerAfter: number;
  delta: number;
}

export interface SnapshotAlternative extends Omit<SnapshotProposal, 'id' | 'number'> {
  customerText: string;
  /** The proposal's number in its round. */
  number?: number;
}

/**
 * Where a round stands. `proposing`: nothing to vote on yet; `voting`: proposals are open; `closed`: the
 * round was just decided (the winner shows) and the next has no proposal yet; `ended`: the demo is over.
 * Open mode is `proposing` until it ends.
 */
export type DemoPhase = 'proposing' | 'voting' | 'closed' | 'ended';

export interface SnapshotParticipant {
  name: string;
  role: 'trainer' | 'helper' | 'participant';
  /** Has a vote on an open proposal of this round. */
  voted: boolean;
  /** Has a proposal open in this round. */
  proposed: boolean;
}

export interface SnapshotBriefing {
  title: string;
  /** Who the trainee is and what happened (the persona's briefing). */
  text: string;
  canOffer: string[];
  cannotOffer: string[];
}

/** One contributor line of the group debrief, as shown. */
export interface SnapshotContributor {
  name: string;
  turns: number[];
  proposals: number;
  votes: number;
  techniqueNames: string[];
}

/** The group debrief, shown on the projector once the demo has ended. */
export interface SnapshotDebrief {
  score: number;
  outcomeText: string;
  startAnger: number;
  peakAnger: number;
  finalAnger: number;
  calmLine: number;
  /** The plan steps, done or missed, in order. */
  checklist: { title: string; status: 'done' | 'missed' | 'notNeeded' }[];
  tips: string[];
  contributors: SnapshotContributor[];
}

/** The view model for the projector page and the Teams cards: everything shown, nothing secret. */
export interface RoomSnapshot {
  roomId: string;
  title: string;
  customerName: string;
  lang: Lang;
  paused: boolean;
  mode: DemoMode;
  majorityAllowed: boolean;
  trainerName: string;
  anger: number;
  band: AngerBandId;
  bandName: string;
  transcript: SnapshotEntry[];
  proposals: SnapshotProposal[];
  /** The last vote round: what was picked, and the others' what-if effects. */
  lastRound?: {
    turn: number;
    pickedAuthor: string;
    pickedText: string;
    by: 'controller' | 'majority';
    alternatives: SnapshotAlternative[];
    /** The picked proposal's number in its round. */
    pickedNumber?: number;
    pickedVotes: number;
    /** Display name of who picked it (the trainer, a helper, or whoever asked for the majority). */
    pickedBy: string;
    /** The trainer picked a proposal while another had more votes. */
    overrodeMajority: boolean;
  };
  ended: boolean;
  outcome?: Outcome;
  outcomeText?: string;
  turns: number;
  // Added for issue 19 (projector guidance, join, debrief); keep the names above and below stable.
  /** The round in progress: the trainee turn it will decide (1-based); the last round once ended. */
  round: number;
  phase: DemoPhase;
  /** "n of m voted": participants with a vote on an open proposal … */
  votedCount: number;
  /** … of the participants the room knows, the trainer and helpers not counted. */
  voterCount: number;
  hidePredictionsUntilPick: boolean;
  briefing: SnapshotBriefing;
  /** Everyone the room knows, in order of arrival, the trainer first; removed participants are left out. */
  participants: SnapshotParticipant[];
  joinCode?: string;
  /** Anger after each customer line: the opening first, then one per answered reply. */
  angerCurve: number[];
  /** Set once the demo has ended. */
  debrief?: SnapshotDebrief;
}
