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
  | 'alreadyController';

/** The request a refusal answers, so the text can say what was refused. */
export type DemoOp = 'reply' | 'vote' | 'pick' | 'pause' | 'resume' | 'retry' | 'end' | 'name' | 'majority';

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
  | { type: 'refused'; op: DemoOp; reason: RefusalReason; text: Bilingual };

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
}

export interface GroupDebrief {
  report: Report;
  /** In order of first contribution. */
  contributors: Contributor[];
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
  /** 1-based number as the room sees it (`/vote 2`). */
  number: number;
  author: string;
  text: string;
  votes: number;
  labels: TechniqueId[];
  labelNames: string[];
  angerAfter: number;
  delta: number;
}

export interface SnapshotAlternative extends Omit<SnapshotProposal, 'id' | 'number'> {
  customerText: string;
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
  };
  ended: boolean;
  outcome?: Outcome;
  outcomeText?: string;
  turns: number;
}
