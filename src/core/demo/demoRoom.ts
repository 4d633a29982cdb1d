/**
 * Group demo mode as pure transitions: `(room, request) → { room, events }`.
 * No I/O, no clock (every `now` is passed in), no randomness beyond the
 * session's seed. A user's mistake (a participant pressing "end", voting for a
 * proposal that is gone) is a `refused` event with a friendly bilingual text,
 * never an exception; the room comes back unchanged (the same object).
 *
 * The session inside is the ordinary single-trainee {@link Session}: the same
 * engine, the same report. The room adds who wrote which turn, who may lead,
 * pausing, and vote rounds whose proposals are previewed with {@link whatIf}
 * without touching the session.
 *
 * @example
 * let { room } = startDemo(stage, { roomId, trainer, lang: 'nl', seed: 7, now: 0 });
 * ({ room } = reply(stage, room, { id: 'u2', name: 'Anna' }, 'Ik hoor dat u boos bent.', 20_000));
 * const view = roomSnapshot(room, stage.persona);   // for the card and the projector
 */
import { angerBand } from '../engine/emotionModel';
import type { Persona } from '../persona/types';
import { buildReport } from '../report/buildReport';
import { retryLastTurn, startSession, stopSession, takeTurn, type Stage, type TurnResult } from '../session/session';
import type { Session } from '../session/types';
import { techniqueNames, type TechniqueId } from '../techniques';
import { BAND_TEXT, GROUP_OUTCOME_TEXT, refusalText } from './demoTexts';
import type {
  Alternative,
  DemoPhase,
  RoundProposal,
  RoundRecord,
  SnapshotDebrief,
  SnapshotParticipant,
  Authorship,
  Contributor,
  DemoEvent,
  DemoOp,
  DemoResult,
  DemoRoom,
  GroupDebrief,
  Participant,
  PickedRound,
  Proposal,
  RefusalReason,
  RoomSnapshot,
  SnapshotEntry,
  StartDemoOptions,
  WhatIf,
} from './types';

/** What the room's view needs of a persona: its names, the briefing (projector) and the report's extras. */
type PersonaNames = Pick<Persona, 'id' | 'title' | 'customer' | 'briefing' | 'canOffer' | 'cannotOffer'> &
  Partial<Pick<Persona, 'offers' | 'deadline'>>;

/** Every operation on a room takes the time it happens; pausing, resuming and taking a turn back do not need it. */
type RoomOperation = (room: DemoRoom, by: Participant, now: number) => DemoResult;

/** The room without the last vote round (it belongs to the turn before). */
function withoutLastRound(room: DemoRoom): DemoRoom {
  const rest = { ...room };
  delete rest.lastRound;
  return rest;
}

/** Starts a demo: the customer's opening outburst, the trainer as the only leader. */
export function startDemo(stage: Pick<Stage, 'persona'>, options: StartDemoOptions): DemoResult {
  if (!options.roomId) throw new Error('startDemo: roomId is required');
  if (!options.trainer?.id) throw new Error('startDemo: trainer.id is required');
  const session = startSession(stage, {
    lang: options.lang,
    seed: options.seed,
    now: options.now,
    difficulty: options.difficulty,
  });
  const mode = options.mode ?? 'open';
  const room: DemoRoom = {
    schemaVersion: 1,
    roomId: options.roomId,
    trainer: { id: options.trainer.id, name: options.trainer.name },
    controllers: [],
    mode,
    majorityAllowed: options.majorityAllowed ?? false,
    paused: false,
    session,
    proposals: [],
    authorship: [],
    nextProposal: 1,
    closed: false,
    participants: [{ id: options.trainer.id, name: options.trainer.name }],
    removed: [],
    nextNumber: 1,
    hidePredictionsUntilPick: options.hidePredictionsUntilPick ?? false,
    ...(options.joinCode ? { joinCode: options.joinCode } : {}),
    history: [],
  };
  return { room, events: [{ type: 'started', mode, trainer: room.trainer }] };
}

/**
 * A room stored before participants, numbering and history were kept, with those filled in (the proposals keep
 * their old numbers: their places on the card). A current room comes back as it is.
 */
export function upgradeRoom(room: DemoRoom): DemoRoom {
  const stored = room as Partial<DemoRoom> & Omit<DemoRoom, 'participants' | 'removed' | 'nextNumber' | 'history'>;
  if (stored.participants && stored.removed && stored.nextNumber && stored.history) return room;
  const proposals = room.proposals.map((p, i) => ({ ...p, number: p.number ?? i + 1 }));
  return {
    ...room,
    proposals,
    participants: stored.participants ?? [room.trainer],
    removed: stored.removed ?? [],
    nextNumber: stored.nextNumber ?? proposals.length + 1,
    hidePredictionsUntilPick: stored.hidePredictionsUntilPick ?? false,
    history: stored.history ?? [],
  };
}

/** True when the trainer removed this participant from the demo. */
export function isRemoved(room: DemoRoom, userId: string): boolean {
  return room.removed.includes(userId);
}

/**
 * Someone opens the room (the web page's join link) or introduces themselves with a display name: the room knows
 * them from now on ("n of m voted" counts them). Joining again with another name renames them.
 */
export function join(room: DemoRoom, who: Participant): DemoResult {
  if (isRemoved(room, who.id)) return refuse(room, 'join', 'removedParticipant', who);
  const known = room.participants.find((p) => p.id === who.id);
  if (known && known.name === who.name) return { room, events: [] };
  return {
    room: { ...room, participants: withParticipant(room.participants, who) },
    events: [{ type: 'joined', participant: participant(who), renamed: known !== undefined }],
  };
}

/** The trainer, or someone the trainer named. */
export function isController(room: DemoRoom, userId: string): boolean {
  return userId === room.trainer.id || room.controllers.includes(userId);
}

/** True when the demo takes no more replies: ended by the trainer or by the role-play itself. */
export function isEnded(room: DemoRoom): boolean {
  return room.closed || room.session.outcome !== undefined;
}

/**
 * What the engine would do with `text` now, without changing the session
 * (sessions are immutable; the result is simply not kept). Undefined when the
 * session has ended.
 */
export function whatIf(stage: Stage, session: Session, text: string): WhatIf | undefined {
  if (session.outcome) return undefined;
  return toWhatIf(takeTurn(stage, session, text, session.startedAt));
}

/**
 * A participant's reply. Open mode: a turn of the role-play, attributed to the
 * author. Vote mode: a proposal with a what-if preview (the session does not
 * move); a second proposal by the same author replaces their first and clears
 * its votes.
 */
export function reply(stage: Stage, room: DemoRoom, author: Participant, text: string, now: number): DemoResult {
  if (isRemoved(room, author.id)) return refuse(room, 'reply', 'removedParticipant', author);
  if (isEnded(room)) return refuse(room, 'reply', 'ended', author);
  if (room.paused) return refuse(room, 'reply', 'paused', author);
  if (text.trim() === '') return refuse(room, 'reply', 'emptyReply', author);
  const who = knownAs(room, author);
  const participants = withParticipant(room.participants, who);

  if (room.mode === 'open') {
    const result = takeTurn(stage, room.session, text, now);
    const authorship: Authorship = { turn: result.turn.index, author: who, via: 'reply' };
    const record: RoundRecord = {
      round: result.turn.index,
      mode: 'open',
      proposals: [],
      chosen: { author: who, text: result.turn.traineeText, votes: 0 },
      chosenBy: who,
      via: 'reply',
      overrodeMajority: false,
      outcome: outcomeOf(result),
    };
    const rest = withoutLastRound(room);
    return {
      room: {
        ...rest,
        session: result.session,
        authorship: [...room.authorship, authorship],
        proposals: [],
        participants,
        history: [...room.history, record],
      },
      events: [turnEvent(result, who, 'reply')],
    };
  }

  const simulated = takeTurn(stage, room.session, text, room.session.startedAt);
  const preview = toWhatIf(simulated);
  // The trainer may put several proposals beside the room's; anyone else has one, and a new one replaces it.
  const replaced = who.id === room.trainer.id ? undefined : room.proposals.find((p) => p.author.id === who.id);
  const proposal: Proposal = {
    id: `p${room.nextProposal}`,
    number: room.nextNumber,
    author: who,
    text: simulated.turn.traineeText,
    votes: [],
    preview: {
      labels: preview.labels,
      angerAfter: preview.angerAfter,
      delta: preview.delta,
      ...(preview.ending ? { ending: preview.ending } : {}),
    },
  };
  const proposals = [...room.proposals.filter((p) => p !== replaced), proposal];
  const events: DemoEvent[] = [{ type: 'proposed', proposal, replaced: replaced !== undefined }];
  if (replaced && replaced.votes.length > 0) events.push(votesVoided(room, replaced, 'replaced'));
  return {
    room: { ...room, proposals, participants, nextProposal: room.nextProposal + 1, nextNumber: room.nextNumber + 1 },
    events,
  };
}

/** The number the room sees for a proposal (rooms stored before numbering: its place on the card). */
export function proposalNumber(room: DemoRoom, proposal: Proposal): number {
  return proposal.number ?? room.proposals.indexOf(proposal) + 1;
}

/** The id of the proposal shown as number `n` in the current round; undefined when there is none. */
export function proposalIdAt(room: DemoRoom, n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1) return undefined;
  return room.proposals.find((p) => proposalNumber(room, p) === n)?.id;
}

/**
 * Finds the proposal a vote or pick means: an id (`p7`, what card buttons send) or a number as typed (`2`, `#2`).
 * When it is not open, the refusal says why: its round was decided, it was replaced or removed, or it never was.
 */
function openProposal(
  room: DemoRoom,
  op: DemoOp,
  ref: string,
  by: Participant,
): { proposal: Proposal } | { refused: DemoResult } {
  const typed = /^#?(\d+)$/.exec(ref.trim());
  const proposal = typed
    ? room.proposals.find((p) => proposalNumber(room, p) === Number(typed[1]))
    : room.proposals.find((p) => p.id === ref);
  if (proposal) return { proposal };
  const refused = (reason: RefusalReason, values: Record<string, string | number> = {}) => ({
    refused: refuse(room, op, reason, by, values),
  });
  const decided = room.history.filter((r) => !r.takenBack);
  const lastRound = decided[decided.length - 1];
  if (typed) {
    const n = Number(typed[1]);
    // Numbers are given once per round: a number below the counter was here and is gone.
    if (n >= 1 && n < room.nextNumber) return refused('proposalGone', { number: n });
    if (room.proposals.length === 0 && lastRound) return refused('roundClosed', { round: lastRound.round });
    return refused(room.proposals.length === 0 ? 'noProposals' : 'noSuchProposal');
  }
  const inRound = room.history.find((r) => r.proposals.some((p) => p.id === ref));
  if (inRound) return refused('roundClosed', { round: inRound.round });
  return refused(room.proposals.length === 0 ? 'noProposals' : 'noSuchProposal');
}

/**
 * One vote per participant per round; voting again moves the vote. `proposalId` is an id (`p7`) or the number
 * the room sees (`2`); a vote for a proposal of a decided round is refused as "voting on round n is closed".
 */
export function vote(room: DemoRoom, voter: Participant, proposalId: string): DemoResult {
  if (room.mode !== 'vote') return refuse(room, 'vote', 'notVoteMode', voter);
  if (isRemoved(room, voter.id)) return refuse(room, 'vote', 'removedParticipant', voter);
  if (isEnded(room)) return refuse(room, 'vote', 'ended', voter);
  if (room.paused) return refuse(room, 'vote', 'paused', voter);
  const found = openProposal(room, 'vote', proposalId, voter);
  if ('refused' in found) return found.refused;
  return castVote(room, voter, found.proposal.id);
}

function castVote(room: DemoRoom, voter: Participant, proposalId: string): DemoResult {
  const participants = withParticipant(room.participants, knownAs(room, voter));
  const before = room.proposals.find((p) => p.votes.includes(voter.id));
  if (before?.id === proposalId) {
    return {
      room: participants === room.participants ? room : { ...room, participants },
      events: [{ type: 'voted', proposalId, voter: knownAs(room, voter), changed: false }],
    };
  }
  const proposals = room.proposals.map((p) => {
    const others = p.votes.filter((id) => id !== voter.id);
    return p.id === proposalId
      ? { ...p, votes: [...others, voter.id] }
      : others.length === p.votes.length
        ? p
        : { ...p, votes: others };
  });
  return {
    room: { ...room, proposals, participants },
    events: [{ type: 'voted', proposalId, voter: knownAs(room, voter), changed: before !== undefined }],
  };
}

/** Takes one's vote back (`/unvote`): the proposal keeps its other votes. */
export function unvote(room: DemoRoom, voter: Participant): DemoResult {
  if (room.mode !== 'vote') return refuse(room, 'unvote', 'notVoteMode', voter);
  if (isEnded(room)) return refuse(room, 'unvote', 'ended', voter);
  if (room.paused) return refuse(room, 'unvote', 'paused', voter);
  const voted = room.proposals.find((p) => p.votes.includes(voter.id));
  if (!voted) return refuse(room, 'unvote', 'notVoted', voter);
  const proposals = room.proposals.map((p) =>
    p === voted ? { ...p, votes: p.votes.filter((id) => id !== voter.id) } : p,
  );
  return {
    room: { ...room, proposals },
    events: [{ type: 'unvoted', proposalId: voted.id, voter: knownAs(room, voter) }],
  };
}

/** A controller takes a proposal off the round (a joke, a duplicate); its voters are told their vote is gone. */
export function removeProposal(room: DemoRoom, by: Participant, proposalRef: string): DemoResult {
  if (room.mode !== 'vote') return refuse(room, 'removeProposal', 'notVoteMode', by);
  if (!isController(room, by.id)) return refuse(room, 'removeProposal', 'notController', by);
  if (isEnded(room)) return refuse(room, 'removeProposal', 'ended', by);
  const found = openProposal(room, 'removeProposal', proposalRef, by);
  if ('refused' in found) return found.refused;
  const removed = found.proposal;
  const events: DemoEvent[] = [
    {
      type: 'proposalRemoved',
      proposalId: removed.id,
      number: proposalNumber(room, removed),
      author: removed.author,
      by: participant(by),
    },
  ];
  if (removed.votes.length > 0) events.push(votesVoided(room, removed, 'removed'));
  return { room: { ...room, proposals: room.proposals.filter((p) => p !== removed) }, events };
}

/**
 * A controller removes a participant (by id, or by display name as typed, without case): their open proposals
 * and votes go, and their replies and votes are refused from now on. Turns they wrote stay theirs.
 */
export function removeParticipant(room: DemoRoom, by: Participant, who: { id?: string; name?: string }): DemoResult {
  if (!isController(room, by.id)) return refuse(room, 'removeParticipant', 'notController', by);
  if (isEnded(room)) return refuse(room, 'removeParticipant', 'ended', by);
  const wanted = who.name?.trim().replace(/^@/, '').toLowerCase();
  const target =
    room.participants.find((p) => who.id !== undefined && p.id === who.id && !isRemoved(room, p.id)) ??
    room.participants.find((p) => wanted !== undefined && p.name.toLowerCase() === wanted && !isRemoved(room, p.id));
  if (!target) {
    return refuse(room, 'removeParticipant', 'noSuchParticipant', by, { name: who.name ?? who.id ?? '' });
  }
  if (target.id === room.trainer.id) return refuse(room, 'removeParticipant', 'cannotRemoveTrainer', by);
  const events: DemoEvent[] = [{ type: 'participantRemoved', participant: target, by: participant(by) }];
  const proposals: Proposal[] = [];
  for (const p of room.proposals) {
    if (p.author.id === target.id) {
      const others = { ...p, votes: p.votes.filter((id) => id !== target.id) };
      if (others.votes.length > 0) events.push(votesVoided(room, others, 'removed'));
      continue;
    }
    proposals.push(p.votes.includes(target.id) ? { ...p, votes: p.votes.filter((id) => id !== target.id) } : p);
  }
  return {
    room: {
      ...room,
      proposals,
      removed: [...room.removed, target.id],
      controllers: room.controllers.filter((id) => id !== target.id),
    },
    events,
  };
}

/** A controller hides (or shows again) each proposal's predicted effect until the pick, so it does not give the answer away. */
export function setHidePredictions(room: DemoRoom, by: Participant, hidden: boolean): DemoResult {
  if (!isController(room, by.id)) return refuse(room, 'hidePredictions', 'notController', by);
  if (room.hidePredictionsUntilPick === hidden) return { room, events: [] };
  return {
    room: { ...room, hidePredictionsUntilPick: hidden },
    events: [{ type: 'predictionsHidden', hidden, by: participant(by) }],
  };
}

/**
 * The proposal with more than half of the votes cast, if any. With three
 * votes, two on one proposal is a majority; one each is not.
 */
export function majorityProposal(room: DemoRoom): Proposal | undefined {
  const cast = room.proposals.reduce((sum, p) => sum + p.votes.length, 0);
  return room.proposals.find((p) => p.votes.length * 2 > cast);
}

/**
 * Takes a proposal as the next turn: a controller picks any proposal (or
 * `'majority'`); anyone may ask for `'majority'` when the trainer allowed it.
 * The other proposals come back as alternatives with their what-if effect,
 * computed on the session as it was before the pick.
 */
export function pick(
  stage: Stage,
  room: DemoRoom,
  by: Participant,
  /** A proposal id, or `'majority'`: the proposal with more than half of the votes. */
  proposalId: string,
  now: number,
): DemoResult {
  if (room.mode !== 'vote') return refuse(room, 'pick', 'notVoteMode', by);
  if (isEnded(room)) return refuse(room, 'pick', 'ended', by);
  const leads = isController(room, by.id);
  if (!leads && proposalId !== 'majority') return refuse(room, 'pick', 'notController', by);
  if (!leads && !room.majorityAllowed) return refuse(room, 'pick', 'majorityNotAllowed', by);
  if (room.paused) return refuse(room, 'pick', 'paused', by);
  let chosen: Proposal | undefined;
  if (proposalId === 'majority') {
    if (room.proposals.length === 0) return refuse(room, 'pick', 'noProposals', by);
    chosen = majorityProposal(room);
    if (!chosen) return refuse(room, 'pick', 'noMajority', by);
  } else {
    const found = openProposal(room, 'pick', proposalId, by);
    if ('refused' in found) return found.refused;
    chosen = found.proposal;
  }

  const via = proposalId === 'majority' ? 'majority' : 'pick';
  const result = takeTurn(stage, room.session, chosen.text, now);
  const alternatives: Alternative[] = room.proposals
    .filter((p) => p.id !== chosen.id)
    .map((p) => ({
      proposalId: p.id,
      author: p.author,
      text: p.text,
      votes: p.votes.length,
      whatIf: toWhatIf(takeTurn(stage, room.session, p.text, now)),
    }));
  const round: PickedRound = {
    turn: result.turn.index,
    picked: { proposalId: chosen.id, author: chosen.author, text: chosen.text, votes: chosen.votes.length },
    by: via === 'majority' ? 'majority' : 'controller',
    alternatives,
  };
  const picked = chosen;
  const record: RoundRecord = {
    round: result.turn.index,
    mode: 'vote',
    proposals: room.proposals.map((p) => roundProposal(room, p)),
    chosen: {
      proposalId: picked.id,
      number: proposalNumber(room, picked),
      author: picked.author,
      text: picked.text,
      votes: picked.votes.length,
    },
    chosenBy: participant(by),
    via,
    overrodeMajority: via === 'pick' && room.proposals.some((p) => p.votes.length > picked.votes.length),
    outcome: outcomeOf(result),
  };
  return {
    room: {
      ...room,
      session: result.session,
      proposals: [],
      nextNumber: 1,
      authorship: [...room.authorship, { turn: result.turn.index, author: chosen.author, via }],
      lastRound: round,
      history: [...room.history, record],
    },
    events: [{ type: 'picked', round }, turnEvent(result, chosen.author, via)],
  };
}

export const pause: RoomOperation = (room, by) => {
  if (!isController(room, by.id)) return refuse(room, 'pause', 'notController', by);
  if (isEnded(room)) return refuse(room, 'pause', 'ended', by);
  if (room.paused) return refuse(room, 'pause', 'alreadyPaused', by);
  return { room: { ...room, paused: true }, events: [{ type: 'paused', by: participant(by) }] };
};

export const resume: RoomOperation = (room, by) => {
  if (!isController(room, by.id)) return refuse(room, 'resume', 'notController', by);
  if (room.closed) return refuse(room, 'resume', 'ended', by);
  if (!room.paused) return refuse(room, 'resume', 'notPaused', by);
  return { room: { ...room, paused: false }, events: [{ type: 'resumed', by: participant(by) }] };
};

/**
 * Takes the last turn back, with its authorship; open proposals are dropped
 * (their previews were made for the later state). Also reopens a role-play the
 * customer ended (walked out, resolved), but not a demo the trainer ended.
 */
export const retry: RoomOperation = (room, by) => {
  if (!isController(room, by.id)) return refuse(room, 'retry', 'notController', by);
  if (room.closed) return refuse(room, 'retry', 'ended', by);
  const last = room.session.turns[room.session.turns.length - 1];
  const session = retryLastTurn(room.session);
  if (!last || !session) return refuse(room, 'retry', 'nothingToRetry', by);
  const author = room.authorship.find((a) => a.turn === last.index)?.author;
  const rest = withoutLastRound(room);
  const history = room.history.map((r) => (r.round === last.index && !r.takenBack ? { ...r, takenBack: true } : r));
  return {
    room: {
      ...rest,
      session,
      proposals: [],
      nextNumber: 1,
      history,
      authorship: room.authorship.filter((a) => a.turn !== last.index),
    },
    events: [{ type: 'retried', turn: last.index, ...(author ? { author } : {}), by: participant(by) }],
  };
};

/** Ends the demo for good (then `groupDebrief`). */
export function end(room: DemoRoom, by: Participant, now: number): DemoResult {
  if (!isController(room, by.id)) return refuse(room, 'end', 'notController', by);
  if (room.closed) return refuse(room, 'end', 'ended', by);
  const session = stopSession(room.session, now);
  return {
    room: { ...room, session, closed: true, paused: false, proposals: [] },
    events: [{ type: 'ended', outcome: session.outcome ?? 'stopped', by: participant(by) }],
  };
}

/** The trainer names a helper who may pause, resume, retry, end and pick as well. */
export function nameController(room: DemoRoom, by: Participant, userId: string): DemoResult {
  if (by.id !== room.trainer.id) return refuse(room, 'name', 'notTrainer', by);
  if (isController(room, userId)) return refuse(room, 'name', 'alreadyController', by);
  return {
    room: { ...room, controllers: [...room.controllers, userId] },
    events: [{ type: 'controllerNamed', userId, by: participant(by) }],
  };
}

/** The trainer lets a majority of votes pick (or takes that back). */
export function setMajority(room: DemoRoom, by: Participant, allowed: boolean): DemoResult {
  if (by.id !== room.trainer.id) return refuse(room, 'majority', 'notTrainer', by);
  if (room.mode !== 'vote') return refuse(room, 'majority', 'notVoteMode', by);
  return {
    room: { ...room, majorityAllowed: allowed },
    events: [{ type: 'majorityChanged', allowed, by: participant(by) }],
  };
}

/**
 * The normal report of the session, plus who contributed what: every participant the room knows (also those who
 * only proposed, voted or watched), with the turns they wrote, their techniques, and the proposals and votes they
 * gave in the rounds that were decided; and every round, for the export.
 */
export function groupDebrief(room: DemoRoom, persona: PersonaNames): GroupDebrief {
  const report = buildReport(room.session, persona);
  const byAuthor = new Map<string, Contributor>();
  const entryFor = (who: Participant): Contributor => {
    const entry = byAuthor.get(who.id) ?? { author: who, turns: [], techniques: {}, proposals: 0, votes: 0 };
    byAuthor.set(who.id, entry);
    return entry;
  };
  for (const known of room.participants) entryFor(known);
  for (const turn of room.session.turns) {
    const author = room.authorship.find((a) => a.turn === turn.index)?.author;
    if (!author) continue;
    const entry = entryFor(author);
    entry.author = author;
    entry.turns.push(turn.index);
    for (const label of turn.classification.labels) entry.techniques[label] = (entry.techniques[label] ?? 0) + 1;
  }
  const rounds = room.history.filter((r) => !r.takenBack);
  for (const round of rounds) {
    for (const proposal of round.proposals) {
      entryFor(proposal.author).proposals += 1;
      for (const voter of proposal.voters) entryFor(voter).votes += 1;
    }
  }
  return { report, contributors: [...byAuthor.values()], rounds: room.history };
}

/** Where the round stands, for the projector's guidance line. */
export function roomPhase(room: DemoRoom): DemoPhase {
  if (isEnded(room)) return 'ended';
  if (room.proposals.length > 0) return 'voting';
  return room.lastRound ? 'closed' : 'proposing';
}

/** Everything the meter card and the projector show, in the session's language. */
export function roomSnapshot(room: DemoRoom, persona: PersonaNames): RoomSnapshot {
  const { session } = room;
  const lang = session.lang;
  const names = (labels: readonly TechniqueId[]) => techniqueNames(labels, lang);
  const authorOf = (turn: number) => room.authorship.find((a) => a.turn === turn)?.author.name;

  const transcript: SnapshotEntry[] = [];
  let turn = 0;
  let previousAnger: number | undefined;
  for (const entry of session.transcript) {
    if (entry.role === 'trainee') {
      turn += 1;
      const author = authorOf(turn);
      transcript.push({
        role: 'trainee',
        ...(author ? { author } : {}),
        turn,
        text: entry.text,
        anger: entry.anger,
        labels: entry.labels,
        labelNames: names(entry.labels),
      });
    } else {
      transcript.push({
        role: 'customer',
        turn,
        text: entry.text,
        anger: entry.anger,
        delta: previousAnger === undefined ? 0 : entry.anger - previousAnger,
        labels: [],
        labelNames: [],
      });
      previousAnger = entry.anger;
    }
  }

  const anger = session.emotion.anger;
  const band = angerBand(anger);
  const ended = isEnded(room);
  const hidden = room.hidePredictionsUntilPick && room.mode === 'vote';
  const leaders = new Set([room.trainer.id, ...room.controllers]);
  const votedIds = new Set(room.proposals.flatMap((p) => p.votes));
  const voters = room.participants.filter((p) => !leaders.has(p.id) && !isRemoved(room, p.id));
  const participants: SnapshotParticipant[] = room.participants
    .filter((p) => !isRemoved(room, p.id))
    .map((p) => ({
      name: p.name,
      role: p.id === room.trainer.id ? 'trainer' : leaders.has(p.id) ? 'helper' : 'participant',
      voted: votedIds.has(p.id),
      proposed: room.proposals.some((proposal) => proposal.author.id === p.id),
    }));
  const snapshot: RoomSnapshot = {
    roomId: room.roomId,
    title: persona.title[lang],
    customerName: persona.customer.name[lang],
    lang,
    paused: room.paused,
    mode: room.mode,
    majorityAllowed: room.majorityAllowed,
    trainerName: room.trainer.name,
    anger,
    band,
    bandName: BAND_TEXT[band][lang],
    transcript,
    proposals: room.proposals.map((p) => ({
      id: p.id,
      number: proposalNumber(room, p),
      author: p.author.name,
      text: p.text,
      votes: p.votes.length,
      predictionHidden: hidden,
      // Hidden predictions are left out of the view itself: whoever has the projector link cannot read them either.
      labels: hidden ? [] : p.preview.labels,
      labelNames: hidden ? [] : names(p.preview.labels),
      angerAfter: hidden ? anger : p.preview.angerAfter,
      delta: hidden ? 0 : p.preview.delta,
    })),
    ended,
    turns: session.turns.length,
    round: ended ? Math.max(1, session.turns.length) : session.turns.length + 1,
    phase: roomPhase(room),
    votedCount: voters.filter((p) => votedIds.has(p.id)).length,
    voterCount: voters.length,
    hidePredictionsUntilPick: room.hidePredictionsUntilPick,
    briefing: {
      title: persona.title[lang],
      text: persona.briefing[lang],
      canOffer: persona.canOffer[lang],
      cannotOffer: persona.cannotOffer[lang],
    },
    participants,
    ...(room.joinCode ? { joinCode: room.joinCode } : {}),
    angerCurve: session.transcript.filter((e) => e.role === 'customer').map((e) => e.anger),
  };
  if (room.lastRound) {
    const r = room.lastRound;
    const record = [...room.history].reverse().find((h) => h.round === r.turn && !h.takenBack);
    snapshot.lastRound = {
      turn: r.turn,
      pickedAuthor: r.picked.author.name,
      pickedText: r.picked.text,
      by: r.by,
      ...(record?.chosen.number ? { pickedNumber: record.chosen.number } : {}),
      pickedVotes: r.picked.votes,
      pickedBy: record?.chosenBy.name ?? room.trainer.name,
      overrodeMajority: record?.overrodeMajority ?? false,
      alternatives: r.alternatives.map((a) => ({
        author: a.author.name,
        text: a.text,
        votes: a.votes,
        predictionHidden: false,
        ...numberOf(record, a.proposalId),
        labels: a.whatIf.labels,
        labelNames: names(a.whatIf.labels),
        angerAfter: a.whatIf.angerAfter,
        delta: a.whatIf.delta,
        customerText: a.whatIf.customerText,
      })),
    };
  }
  if (ended) {
    const outcome = session.outcome ?? 'stopped';
    snapshot.outcome = outcome;
    snapshot.outcomeText = GROUP_OUTCOME_TEXT[outcome][lang];
    snapshot.debrief = debriefView(room, persona, snapshot.outcomeText);
  }
  return snapshot;
}

/** The group debrief as the projector shows it at the end. */
function debriefView(room: DemoRoom, persona: PersonaNames, outcomeText: string): SnapshotDebrief {
  const { report, contributors } = groupDebrief(room, persona);
  const lang = room.session.lang;
  return {
    score: report.score,
    outcomeText,
    startAnger: report.startAnger,
    peakAnger: report.peakAnger,
    finalAnger: report.finalAnger,
    calmLine: report.calmLine,
    checklist: report.checklist.map((item) => ({ title: item.title, status: item.status })),
    tips: report.tips,
    contributors: contributors
      .filter((c) => !isRemoved(room, c.author.id) || c.turns.length > 0)
      .map((c) => ({
        name: c.author.name,
        turns: c.turns,
        proposals: c.proposals,
        votes: c.votes,
        techniqueNames: techniqueNames(Object.keys(c.techniques) as TechniqueId[], lang),
      })),
  };
}

function numberOf(record: RoundRecord | undefined, proposalId: string): { number?: number } {
  const number = record?.proposals.find((p) => p.id === proposalId)?.number;
  return number ? { number } : {};
}

/** The refusal texts for a result, if it was refused (for the bot: answer only the person who asked). */
export function refusalOf(result: DemoResult): Extract<DemoEvent, { type: 'refused' }> | undefined {
  return result.events.find((e): e is Extract<DemoEvent, { type: 'refused' }> => e.type === 'refused');
}

// ---------------------------------------------------------------------------

function refuse(
  room: DemoRoom,
  op: DemoOp,
  reason: RefusalReason,
  to?: Participant,
  values: Readonly<Record<string, string | number>> = {},
): DemoResult {
  return {
    room,
    events: [
      { type: 'refused', op, reason, text: refusalText(op, reason, values), ...(to ? { to: knownAs(room, to) } : {}) },
    ],
  };
}

function participant(p: Participant): Participant {
  return { id: p.id, name: p.name };
}

/** Who this is in the room: the name they joined with wins over what a later message calls them. */
function knownAs(room: DemoRoom, who: Participant): Participant {
  return participant(room.participants.find((p) => p.id === who.id) ?? who);
}

/** The participant list with `who` in it under their latest name (the same list when nothing changes). */
function withParticipant(participants: readonly Participant[], who: Participant): Participant[] {
  const known = participants.find((p) => p.id === who.id);
  if (known?.name === who.name) return participants as Participant[];
  if (known) return participants.map((p) => (p.id === who.id ? participant(who) : p));
  return [...participants, participant(who)];
}

function nameOf(room: DemoRoom, id: string): Participant {
  return room.participants.find((p) => p.id === id) ?? { id, name: id };
}

function votesVoided(room: DemoRoom, proposal: Proposal, why: 'replaced' | 'removed'): DemoEvent {
  return {
    type: 'votesVoided',
    proposalId: proposal.id,
    number: proposalNumber(room, proposal),
    author: proposal.author,
    voters: proposal.votes.map((id) => nameOf(room, id)),
    why,
  };
}

function roundProposal(room: DemoRoom, p: Proposal): RoundProposal {
  return {
    id: p.id,
    number: proposalNumber(room, p),
    author: p.author,
    text: p.text,
    voters: p.votes.map((id) => nameOf(room, id)),
    preview: p.preview,
  };
}

function outcomeOf(result: TurnResult): RoundRecord['outcome'] {
  const { turn, session } = result;
  return {
    angerBefore: turn.angerBefore,
    angerAfter: turn.angerAfter,
    delta: turn.angerAfter - turn.angerBefore,
    labels: turn.classification.labels,
    customerText: turn.customerText,
    ...(session.outcome ? { ending: session.outcome } : {}),
  };
}

function toWhatIf(result: TurnResult): WhatIf {
  const { turn, session } = result;
  return {
    labels: turn.classification.labels,
    angerBefore: turn.angerBefore,
    angerAfter: turn.angerAfter,
    delta: turn.angerAfter - turn.angerBefore,
    customerText: turn.customerText,
    ...(session.outcome ? { ending: session.outcome } : {}),
  };
}

function turnEvent(result: TurnResult, author: Participant, via: Authorship['via']): DemoEvent {
  const { turn, session } = result;
  return {
    type: 'turn',
    turn: turn.index,
    author,
    via,
    labels: turn.classification.labels,
    angerBefore: turn.angerBefore,
    angerAfter: turn.angerAfter,
    customerText: turn.customerText,
    ...(session.outcome ? { outcome: session.outcome } : {}),
  };
}
