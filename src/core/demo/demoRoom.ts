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

type PersonaNames = Pick<Persona, 'id' | 'title' | 'customer'>;

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
  };
  return { room, events: [{ type: 'started', mode, trainer: room.trainer }] };
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
  if (isEnded(room)) return refuse(room, 'reply', 'ended');
  if (room.paused) return refuse(room, 'reply', 'paused');
  if (text.trim() === '') return refuse(room, 'reply', 'emptyReply');
  const who = participant(author);

  if (room.mode === 'open') {
    const result = takeTurn(stage, room.session, text, now);
    const authorship: Authorship = { turn: result.turn.index, author: who, via: 'reply' };
    const rest = withoutLastRound(room);
    return {
      room: { ...rest, session: result.session, authorship: [...room.authorship, authorship], proposals: [] },
      events: [turnEvent(result, who, 'reply')],
    };
  }

  const simulated = takeTurn(stage, room.session, text, room.session.startedAt);
  const preview = toWhatIf(simulated);
  const existing = room.proposals.findIndex((p) => p.author.id === who.id);
  const proposal: Proposal = {
    id: `p${room.nextProposal}`,
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
  const proposals =
    existing >= 0 ? room.proposals.map((p, i) => (i === existing ? proposal : p)) : [...room.proposals, proposal];
  return {
    room: { ...room, proposals, nextProposal: room.nextProposal + 1 },
    events: [{ type: 'proposed', proposal, replaced: existing >= 0 }],
  };
}

/** The id of the proposal shown as number `n` (1-based, as on the card); undefined when there is none. */
export function proposalIdAt(room: DemoRoom, n: number): string | undefined {
  return Number.isInteger(n) && n >= 1 ? room.proposals[n - 1]?.id : undefined;
}

/** One vote per participant per round; voting again moves the vote. */
export function vote(room: DemoRoom, voter: Participant, proposalId: string): DemoResult {
  if (room.mode !== 'vote') return refuse(room, 'vote', 'notVoteMode');
  if (isEnded(room)) return refuse(room, 'vote', 'ended');
  if (room.paused) return refuse(room, 'vote', 'paused');
  if (!room.proposals.some((p) => p.id === proposalId)) {
    return refuse(room, 'vote', room.proposals.length === 0 ? 'noProposals' : 'noSuchProposal');
  }
  const before = room.proposals.find((p) => p.votes.includes(voter.id));
  if (before?.id === proposalId) {
    return { room, events: [{ type: 'voted', proposalId, voter: participant(voter), changed: false }] };
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
    room: { ...room, proposals },
    events: [{ type: 'voted', proposalId, voter: participant(voter), changed: before !== undefined }],
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
  if (room.mode !== 'vote') return refuse(room, 'pick', 'notVoteMode');
  if (isEnded(room)) return refuse(room, 'pick', 'ended');
  const leads = isController(room, by.id);
  if (!leads && proposalId !== 'majority') return refuse(room, 'pick', 'notController');
  if (!leads && !room.majorityAllowed) return refuse(room, 'pick', 'majorityNotAllowed');
  if (room.paused) return refuse(room, 'pick', 'paused');
  if (room.proposals.length === 0) return refuse(room, 'pick', 'noProposals');

  const chosen = proposalId === 'majority' ? majorityProposal(room) : room.proposals.find((p) => p.id === proposalId);
  if (!chosen) return refuse(room, 'pick', proposalId === 'majority' ? 'noMajority' : 'noSuchProposal');

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
  return {
    room: {
      ...room,
      session: result.session,
      proposals: [],
      authorship: [...room.authorship, { turn: result.turn.index, author: chosen.author, via }],
      lastRound: round,
    },
    events: [{ type: 'picked', round }, turnEvent(result, chosen.author, via)],
  };
}

export const pause: RoomOperation = (room, by) => {
  if (!isController(room, by.id)) return refuse(room, 'pause', 'notController');
  if (isEnded(room)) return refuse(room, 'pause', 'ended');
  if (room.paused) return refuse(room, 'pause', 'alreadyPaused');
  return { room: { ...room, paused: true }, events: [{ type: 'paused', by: participant(by) }] };
};

export const resume: RoomOperation = (room, by) => {
  if (!isController(room, by.id)) return refuse(room, 'resume', 'notController');
  if (room.closed) return refuse(room, 'resume', 'ended');
  if (!room.paused) return refuse(room, 'resume', 'notPaused');
  return { room: { ...room, paused: false }, events: [{ type: 'resumed', by: participant(by) }] };
};

/**
 * Takes the last turn back, with its authorship; open proposals are dropped
 * (their previews were made for the later state). Also reopens a role-play the
 * customer ended (walked out, resolved), but not a demo the trainer ended.
 */
export const retry: RoomOperation = (room, by) => {
  if (!isController(room, by.id)) return refuse(room, 'retry', 'notController');
  if (room.closed) return refuse(room, 'retry', 'ended');
  const last = room.session.turns[room.session.turns.length - 1];
  const session = retryLastTurn(room.session);
  if (!last || !session) return refuse(room, 'retry', 'nothingToRetry');
  const author = room.authorship.find((a) => a.turn === last.index)?.author;
  const rest = withoutLastRound(room);
  return {
    room: { ...rest, session, proposals: [], authorship: room.authorship.filter((a) => a.turn !== last.index) },
    events: [{ type: 'retried', turn: last.index, ...(author ? { author } : {}), by: participant(by) }],
  };
};

/** Ends the demo for good (then `groupDebrief`). */
export function end(room: DemoRoom, by: Participant, now: number): DemoResult {
  if (!isController(room, by.id)) return refuse(room, 'end', 'notController');
  if (room.closed) return refuse(room, 'end', 'ended');
  const session = stopSession(room.session, now);
  return {
    room: { ...room, session, closed: true, paused: false, proposals: [] },
    events: [{ type: 'ended', outcome: session.outcome ?? 'stopped', by: participant(by) }],
  };
}

/** The trainer names a helper who may pause, resume, retry, end and pick as well. */
export function nameController(room: DemoRoom, by: Participant, userId: string): DemoResult {
  if (by.id !== room.trainer.id) return refuse(room, 'name', 'notTrainer');
  if (isController(room, userId)) return refuse(room, 'name', 'alreadyController');
  return {
    room: { ...room, controllers: [...room.controllers, userId] },
    events: [{ type: 'controllerNamed', userId, by: participant(by) }],
  };
}

/** The trainer lets a majority of votes pick (or takes that back). */
export function setMajority(room: DemoRoom, by: Participant, allowed: boolean): DemoResult {
  if (by.id !== room.trainer.id) return refuse(room, 'majority', 'notTrainer');
  if (room.mode !== 'vote') return refuse(room, 'majority', 'notVoteMode');
  return {
    room: { ...room, majorityAllowed: allowed },
    events: [{ type: 'majorityChanged', allowed, by: participant(by) }],
  };
}

/** The normal report of the session, plus who wrote which turns with which techniques. */
export function groupDebrief(room: DemoRoom, persona: PersonaNames): GroupDebrief {
  const report = buildReport(room.session, persona);
  const byAuthor = new Map<string, Contributor>();
  for (const turn of room.session.turns) {
    const author = room.authorship.find((a) => a.turn === turn.index)?.author;
    if (!author) continue;
    const entry = byAuthor.get(author.id) ?? { author, turns: [], techniques: {} };
    entry.author = author;
    entry.turns.push(turn.index);
    for (const label of turn.classification.labels) entry.techniques[label] = (entry.techniques[label] ?? 0) + 1;
    byAuthor.set(author.id, entry);
  }
  return { report, contributors: [...byAuthor.values()] };
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
    proposals: room.proposals.map((p, i) => ({
      id: p.id,
      number: i + 1,
      author: p.author.name,
      text: p.text,
      votes: p.votes.length,
      labels: p.preview.labels,
      labelNames: names(p.preview.labels),
      angerAfter: p.preview.angerAfter,
      delta: p.preview.delta,
    })),
    ended,
    turns: session.turns.length,
  };
  if (room.lastRound) {
    const r = room.lastRound;
    snapshot.lastRound = {
      turn: r.turn,
      pickedAuthor: r.picked.author.name,
      pickedText: r.picked.text,
      by: r.by,
      alternatives: r.alternatives.map((a) => ({
        author: a.author.name,
        text: a.text,
        votes: a.votes,
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
  }
  return snapshot;
}

/** The refusal texts for a result, if it was refused (for the bot: answer only the person who asked). */
export function refusalOf(result: DemoResult): Extract<DemoEvent, { type: 'refused' }> | undefined {
  return result.events.find((e): e is Extract<DemoEvent, { type: 'refused' }> => e.type === 'refused');
}

// ---------------------------------------------------------------------------

function refuse(room: DemoRoom, op: DemoOp, reason: RefusalReason): DemoResult {
  return { room, events: [{ type: 'refused', op, reason, text: refusalText(op, reason) }] };
}

function participant(p: Participant): Participant {
  return { id: p.id, name: p.name };
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
