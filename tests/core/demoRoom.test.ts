/**
 * Group demo mode as behaviour tables over the pure room transitions, with the
 * real classifier, engine and report. The replies are plain one-technique
 * phrases (the labels in the tables are what rules/nl.yaml gives them).
 */
import { describe, expect, it } from 'vitest';
import type { Stage, TechniqueId } from '../../src/core';
import {
  end,
  groupDebrief,
  isController,
  join,
  removeParticipant,
  removeProposal,
  setHidePredictions,
  unvote,
  upgradeRoom,
  majorityProposal,
  nameController,
  pause,
  pick,
  proposalIdAt,
  refusalOf,
  reply,
  resume,
  retry,
  roomSnapshot,
  setMajority,
  startDemo,
  vote,
  whatIf,
  type DemoEvent,
  type DemoResult,
  type DemoRoom,
  type Participant,
} from '../../src/core/demo';
import { shippedStage } from '../support/shippedContent';

const stage: Stage = shippedStage('municipal-benefits');
const persona = stage.persona;

const trainer: Participant = { id: 't-1', name: 'Trainer Tineke' };
const anna: Participant = { id: 'u-anna', name: 'Anna' };
const bram: Participant = { id: 'u-bram', name: 'Bram' };
const chen: Participant = { id: 'u-chen', name: 'Chen' };

const LISTEN = 'Vertelt u maar, ik luister.';
const ACK = 'Ik zie dat u hier echt van baalt.';
const ASK = 'Wat is er precies gebeurd?';
const ARGUE = 'Dat klopt gewoon niet.';
const RULE = 'Dat is nu eenmaal de regel.';

function open(mode: 'open' | 'vote' = 'open', roomId = 'room-a', who: Participant = trainer): DemoRoom {
  return startDemo(stage, { roomId, trainer: who, lang: 'nl', seed: 7, now: 1_000, mode }).room;
}

/** Runs steps in order, failing loudly when a step that should pass was refused. */
function ok(result: DemoResult): DemoRoom {
  const refused = refusalOf(result);
  if (refused) throw new Error(`unexpected refusal: ${refused.op}/${refused.reason}`);
  return result.room;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('open mode: every reply is a turn, attributed to its author', () => {
  it('three participants reply and each turn carries its author', () => {
    let room = open();
    const steps: Array<[Participant, string, TechniqueId[]]> = [
      [anna, LISTEN, ['listen']],
      [bram, ACK, ['acknowledge_emotion']],
      [chen, ASK, ['ask_question']],
    ];
    const turnEvents: DemoEvent[] = [];
    for (const [i, [author, text, labels]] of steps.entries()) {
      const result = reply(stage, room, author, text, 1_000 + (i + 1) * 20_000);
      room = ok(result);
      turnEvents.push(...result.events);
      expect(result.events[0]).toMatchObject({ type: 'turn', turn: i + 1, author, via: 'reply', labels });
    }
    expect(room.authorship.map((a) => [a.turn, a.author.name])).toEqual([
      [1, 'Anna'],
      [2, 'Bram'],
      [3, 'Chen'],
    ]);
    const view = roomSnapshot(room, persona);
    expect(view.transcript.filter((e) => e.role === 'trainee').map((e) => [e.author, e.labels, e.labelNames])).toEqual([
      ['Anna', ['listen'], ['laten uitrazen en luisteren']],
      ['Bram', ['acknowledge_emotion'], ['emotie erkennen']],
      ['Chen', ['ask_question'], ['doorvragen']],
    ]);
    expect(view.transcript).toHaveLength(7);
    expect(view.anger).toBe(room.session.emotion.anger);
    expect(view.customerName).toBe(persona.customer.name.nl);
    // Customer lines carry the change in anger the group just caused.
    const customers = view.transcript.filter((e) => e.role === 'customer');
    expect(customers[1].delta).toBe(customers[1].anger - customers[0].anger);
  });

  it('the same replies in the same order give the same session as a solo role-play would', () => {
    const a = [anna, bram, chen].reduce(
      (room, who, i) => ok(reply(stage, room, who, [LISTEN, ACK, ASK][i], 1_000 + i)),
      open(),
    );
    const b = [chen, chen, chen].reduce(
      (room, who, i) => ok(reply(stage, room, who, [LISTEN, ACK, ASK][i], 1_000 + i)),
      open(),
    );
    expect(a.session).toEqual(b.session);
    expect(a.authorship).not.toEqual(b.authorship);
  });

  it('refuses empty replies, replies while paused and after the end, with friendly texts', () => {
    const room = open();
    const table: Array<[DemoRoom, string, string]> = [
      [room, '   ', 'Dat bericht was leeg. Typ wat u tegen de klant zou zeggen.'],
      [
        ok(pause(room, trainer, 2_000)),
        LISTEN,
        'De demo staat even op pauze. Zodra de trainer verdergaat, kunt u weer reageren.',
      ],
      [ok(end(room, trainer, 2_000)), LISTEN, 'Deze demo is afgelopen. De trainer kan een nieuwe starten met /demo.'],
    ];
    for (const [state, text, nl] of table) {
      const result = reply(stage, state, anna, text, 3_000);
      expect(result.room).toBe(state);
      expect(refusalOf(result)?.text.nl).toBe(nl);
      expect(refusalOf(result)?.text.en).toMatch(/\w/);
    }
  });
});

describe('vote mode: proposals, votes, picks and what would have happened', () => {
  it('a proposal is previewed by the same engine and leaves the session as it was', () => {
    const room = open('vote');
    const before = clone(room.session);
    const result = reply(stage, room, anna, ACK, 2_000);
    expect(result.room.session).toEqual(before);
    expect(result.room.session).toBe(room.session);
    const proposal = result.room.proposals[0];
    const expected = whatIf(stage, room.session, ACK)!;
    expect(proposal).toMatchObject({ id: 'p1', author: anna, text: ACK, votes: [] });
    expect(proposal.preview).toEqual({
      labels: expected.labels,
      angerAfter: expected.angerAfter,
      delta: expected.delta,
    });
    expect(expected.delta).toBe(expected.angerAfter - room.session.emotion.anger);
    expect(room.session).toEqual(before); // whatIf did not touch it either
  });

  it('a second proposal by the same author replaces the first under a new number, and its voters are told', () => {
    let room = withThreeProposals();
    room = ok(vote(room, chen, 'p1'));
    const result = reply(stage, room, anna, ASK, 5_000);
    expect(result.events).toMatchObject([
      { type: 'proposed', replaced: true },
      { type: 'votesVoided', proposalId: 'p1', number: 1, author: anna, voters: [chen], why: 'replaced' },
    ]);
    expect(result.room.proposals.map((p) => [p.number, p.author.name, p.text, p.votes])).toEqual([
      [2, 'Bram', ARGUE, []],
      [3, 'Chen', LISTEN, []],
      [4, 'Anna', ASK, []],
    ]);
  });

  it('one vote per participant, and a second vote moves it', () => {
    let room = withThreeProposals();
    const steps: Array<[Participant, number, boolean, number[]]> = [
      // voter, proposal number, changed, votes per proposal after the step
      [anna, 1, false, [1, 0, 0]],
      [bram, 2, false, [1, 1, 0]],
      [anna, 3, true, [0, 1, 1]],
      [anna, 3, false, [0, 1, 1]],
      [chen, 3, false, [0, 1, 2]],
    ];
    for (const [voter, n, changed, counts] of steps) {
      const result = vote(room, voter, proposalIdAt(room, n)!);
      room = ok(result);
      expect(result.events[0]).toMatchObject({ type: 'voted', changed });
      expect(room.proposals.map((p) => p.votes.length)).toEqual(counts);
    }
    expect(majorityProposal(room)?.author).toEqual(chen);
  });

  it('majority pick: refused until the trainer allows it, then the customer answers the majority proposal', () => {
    let room = withThreeProposals();
    room = ok(vote(room, anna, 'p3'));
    room = ok(vote(room, bram, 'p3'));
    room = ok(vote(room, chen, 'p2'));
    const sessionBefore = clone(room.session);
    const previews = Object.fromEntries(room.proposals.map((p) => [p.id, p.preview]));

    const notAllowed = pick(stage, room, bram, 'majority', 6_000);
    expect(refusalOf(notAllowed)?.reason).toBe('majorityNotAllowed');
    expect(refusalOf(setMajority(room, anna, true))?.text.nl).toBe(
      'Alleen de trainer die de demo startte kan de meerderheid laten kiezen.',
    );

    room = ok(setMajority(room, trainer, true));
    const result = pick(stage, room, bram, 'majority', 6_000);
    room = ok(result);
    const turn = result.events.find((e) => e.type === 'turn');
    expect(turn).toMatchObject({ turn: 1, author: chen, via: 'majority', labels: ['listen'] });
    // The preview was exact: the real turn did what the what-if said.
    expect(room.session.emotion.anger).toBe(previews.p3.angerAfter);
    expect(room.authorship).toEqual([{ turn: 1, author: chen, via: 'majority' }]);
    expect(room.proposals).toEqual([]);

    // The others: what would have happened, from the same session before the pick, which stays untouched.
    const round = room.lastRound!;
    expect(round.by).toBe('majority');
    expect(round.alternatives.map((a) => [a.author.name, a.whatIf.labels, a.whatIf.delta])).toEqual([
      ['Anna', ['acknowledge_emotion'], previews.p1.delta],
      ['Bram', ['argue'], previews.p2.delta],
    ]);
    expect(round.alternatives[1].whatIf.delta).toBeGreaterThan(0);
    expect(round.alternatives[0].whatIf.delta).toBeLessThan(round.alternatives[1].whatIf.delta);
    expect(round.alternatives.every((a) => a.whatIf.angerBefore === sessionBefore.emotion.anger)).toBe(true);
    expect(room.session.turns).toHaveLength(1);

    const view = roomSnapshot(room, persona);
    expect(view.lastRound?.alternatives.map((a) => a.author)).toEqual(['Anna', 'Bram']);
    expect(view.lastRound?.alternatives[0]!.customerText).toMatch(/\w/);
  });

  it('a tie is no majority; one vote out of three is no majority either', () => {
    let room = ok(setMajority(withThreeProposals(), trainer, true));
    room = ok(vote(room, anna, 'p1'));
    room = ok(vote(room, bram, 'p2'));
    expect(refusalOf(pick(stage, room, chen, 'majority', 6_000))?.reason).toBe('noMajority');
    room = ok(vote(room, chen, 'p3'));
    expect(majorityProposal(room)).toBeUndefined();
    expect(refusalOf(pick(stage, room, trainer, 'majority', 6_000))?.text.nl).toMatch(/nog geen meerderheid/);
  });

  it('the trainer may pick any proposal, also against the votes', () => {
    let room = withThreeProposals();
    room = ok(vote(room, anna, 'p2'));
    room = ok(vote(room, chen, 'p2'));
    const result = pick(stage, room, trainer, 'p1', 6_000);
    room = ok(result);
    expect(room.authorship).toEqual([{ turn: 1, author: anna, via: 'pick' }]);
    expect(room.lastRound?.by).toBe('controller');
    expect(room.lastRound?.alternatives.map((a) => [a.author.name, a.votes])).toEqual([
      ['Bram', 2],
      ['Chen', 0],
    ]);
    // Next round starts empty, and a new proposal is previewed against the new state.
    room = ok(reply(stage, room, bram, ASK, 7_000));
    expect(room.proposals.map((p) => p.id)).toEqual(['p4']);
    expect(room.proposals[0].preview.angerAfter - room.proposals[0].preview.delta).toBe(room.session.emotion.anger);
  });

  it('voting in open mode and unknown proposals are refused kindly', () => {
    const table: Array<[DemoResult, string]> = [
      [vote(open('open'), anna, 'p1'), 'notVoteMode'],
      [vote(open('vote'), anna, 'p1'), 'noProposals'],
      [vote(withThreeProposals(), anna, 'p9'), 'noSuchProposal'],
      [pick(stage, open('vote'), trainer, 'majority', 1), 'noProposals'],
      [pick(stage, withThreeProposals(), trainer, 'p9', 1), 'noSuchProposal'],
      [pick(stage, open('open'), trainer, 'p1', 1), 'notVoteMode'],
    ];
    for (const [result, reason] of table) expect(refusalOf(result)?.reason).toBe(reason);
  });
});

describe('only the trainer (or someone they named) leads the demo', () => {
  it('participants cannot pause, resume, retry, end or pick; they get a friendly text and the room stays as it is', () => {
    let room = withOneTurn();
    const paused = ok(pause(room, trainer, 1));
    room = ok(reply(stage, open('vote'), anna, ACK, 2));
    const table: Array<[string, DemoRoom, (r: DemoRoom) => DemoResult, string, string]> = [
      [
        'pause',
        withOneTurn(),
        (r) => pause(r, bram, 5),
        'Alleen de trainer (of wie de trainer heeft aangewezen) kan de demo pauzeren.',
        'Only the trainer (or someone they named) can pause the demo.',
      ],
      [
        'resume',
        paused,
        (r) => resume(r, bram, 5),
        'Alleen de trainer (of wie de trainer heeft aangewezen) kan de demo hervatten.',
        'Only the trainer (or someone they named) can resume the demo.',
      ],
      [
        'retry',
        withOneTurn(),
        (r) => retry(r, bram, 5),
        'Alleen de trainer (of wie de trainer heeft aangewezen) kan een beurt terugdraaien.',
        'Only the trainer (or someone they named) can take a turn back.',
      ],
      [
        'end',
        withOneTurn(),
        (r) => end(r, bram, 5),
        'Alleen de trainer (of wie de trainer heeft aangewezen) kan de demo beëindigen.',
        'Only the trainer (or someone they named) can end the demo.',
      ],
      [
        'pick',
        room,
        (r) => pick(stage, r, bram, 'p1', 5),
        'Alleen de trainer (of wie de trainer heeft aangewezen) kan een voorstel kiezen. Stem gerust met /vote.',
        'Only the trainer (or someone they named) can pick a proposal. Feel free to vote with /vote.',
      ],
      [
        'name',
        withOneTurn(),
        (r) => nameController(r, bram, bram.id),
        'Alleen de trainer die de demo startte kan iemand aanwijzen.',
        'Only the trainer who started the demo can name a helper.',
      ],
    ];
    for (const [op, state, act, nl, en] of table) {
      const result = act(state);
      expect(result.room, op).toBe(state);
      expect(result.events, op).toEqual([
        { type: 'refused', op, reason: op === 'name' ? 'notTrainer' : 'notController', text: { nl, en }, to: bram },
      ]);
    }
  });

  it('a named helper may pause, resume, retry and end, but not name others', () => {
    let room = withOneTurn();
    room = ok(nameController(room, trainer, bram.id));
    expect(isController(room, bram.id)).toBe(true);
    expect(isController(room, chen.id)).toBe(false);
    expect(refusalOf(nameController(room, trainer, bram.id))?.reason).toBe('alreadyController');
    expect(refusalOf(nameController(room, bram, chen.id))?.reason).toBe('notTrainer');

    const paused = pause(room, bram, 10);
    expect(paused.events).toEqual([{ type: 'paused', by: bram }]);
    room = ok(paused);
    expect(room.paused).toBe(true);
    expect(refusalOf(pause(room, bram, 11))?.reason).toBe('alreadyPaused');
    room = ok(resume(room, bram, 12));
    room = ok(retry(room, bram, 13));
    room = ok(end(room, bram, 14));
    expect(room.session.outcome).toBe('stopped');
    expect(roomSnapshot(room, persona)).toMatchObject({
      ended: true,
      outcome: 'stopped',
      outcomeText: 'De trainer heeft de demo beëindigd.',
    });
  });
});

describe('retry and end', () => {
  it('retry takes back the last turn and its authorship, and restores the anger before it', () => {
    let room = open();
    room = ok(reply(stage, room, anna, LISTEN, 2_000));
    const afterAnna = clone(room);
    room = ok(reply(stage, room, bram, ARGUE, 3_000));
    expect(room.session.emotion.anger).toBeGreaterThan(afterAnna.session.emotion.anger);

    const result = retry(room, trainer, 4_000);
    room = ok(result);
    expect(result.events).toEqual([{ type: 'retried', turn: 2, author: bram, by: trainer }]);
    expect(room.authorship).toEqual(afterAnna.authorship);
    expect(room.session.transcript).toEqual(afterAnna.session.transcript);
    expect(room.session.emotion.anger).toBe(afterAnna.session.emotion.anger);
    expect(room.session.retries).toBe(1);

    // Chen tries it differently: turn 2 is now Chen's.
    room = ok(reply(stage, room, chen, ACK, 5_000));
    expect(room.authorship.map((a) => [a.turn, a.author.name])).toEqual([
      [1, 'Anna'],
      [2, 'Chen'],
    ]);
    room = ok(retry(room, trainer, 6_000));
    room = ok(retry(room, trainer, 7_000));
    expect(refusalOf(retry(room, trainer, 8_000))?.reason).toBe('nothingToRetry');
  });

  it('retry after a vote round drops the round and the open proposals', () => {
    let room = open('vote');
    room = ok(reply(stage, room, anna, ACK, 2));
    room = ok(reply(stage, room, bram, RULE, 3));
    room = ok(pick(stage, room, trainer, 'p2', 4));
    room = ok(reply(stage, room, chen, LISTEN, 5));
    room = ok(retry(room, trainer, 6));
    expect(room.session.turns).toHaveLength(0);
    expect(room.authorship).toEqual([]);
    expect(room.proposals).toEqual([]);
    expect(room.lastRound).toBeUndefined();
  });

  it('after the customer walked out, retry reopens the role-play so the room can try again', () => {
    let room = open();
    for (let i = 0; i < 20 && !room.session.outcome; i++)
      room = ok(reply(stage, room, [anna, bram][i % 2], ARGUE, 2_000 + i * 10_000));
    expect(room.session.outcome).toBe('walked_out');
    expect(roomSnapshot(room, persona)).toMatchObject({
      ended: true,
      outcome: 'walked_out',
      outcomeText: 'De klant is boos weggelopen.',
    });
    expect(refusalOf(reply(stage, room, chen, ACK, 300_000))?.reason).toBe('ended');
    const turns = room.session.turns.length;
    room = ok(retry(room, trainer, 300_000));
    expect(room.session.outcome).toBeUndefined();
    expect(room.authorship).toHaveLength(turns - 1);
    room = ok(reply(stage, room, chen, ACK, 310_000));
    expect(room.authorship[room.authorship.length - 1]).toMatchObject({ turn: turns, author: chen });
  });

  it('after the end nothing moves any more, and retry cannot reopen it', () => {
    const room = ok(end(withOneTurn(), trainer, 9_000));
    const table: Array<[string, DemoResult]> = [
      ['reply', reply(stage, room, anna, ACK, 9_001)],
      ['pause', pause(room, trainer, 9_001)],
      ['retry', retry(room, trainer, 9_001)],
      ['end', end(room, trainer, 9_001)],
    ];
    for (const [op, result] of table) expect(refusalOf(result), op).toMatchObject({ op, reason: 'ended' });
  });
});

describe('rooms are independent', () => {
  it('two demos never see each other’s state, trainers or proposals', () => {
    const otherTrainer: Participant = { id: 't-2', name: 'Trainer Ole' };
    let a = open('open', 'room-a');
    let b = open('vote', 'room-b', otherTrainer);
    const bBefore = clone(b);
    a = ok(reply(stage, a, anna, ARGUE, 2_000));
    a = ok(pause(a, trainer, 3_000));
    expect(b).toEqual(bBefore);

    expect(refusalOf(pause(b, trainer, 4_000))?.reason).toBe('notController');
    b = ok(reply(stage, b, bram, ACK, 5_000));
    expect(a.proposals).toEqual([]);
    expect(roomSnapshot(a, persona)).toMatchObject({ roomId: 'room-a', paused: true, turns: 1 });
    expect(roomSnapshot(b, persona)).toMatchObject({
      roomId: 'room-b',
      paused: false,
      turns: 0,
      proposals: [{ author: 'Bram' }],
    });
  });

  it('a room is plain JSON: saved and restored, it plays on identically', () => {
    const room = withOneTurn();
    const restored = JSON.parse(JSON.stringify(room)) as DemoRoom;
    const x = ok(reply(stage, room, bram, ACK, 50_000));
    const y = ok(reply(stage, restored, bram, ACK, 50_000));
    expect(JSON.stringify(y)).toBe(JSON.stringify(x));
  });
});

describe('group debrief', () => {
  it('is the normal report plus who contributed which techniques', () => {
    let room = open();
    const script: Array<[Participant, string]> = [
      [anna, LISTEN],
      [bram, ARGUE],
      [anna, ACK],
      [chen, ASK],
      [bram, 'Ik snap dat u boos bent. Wat is er gebeurd?'],
    ];
    script.forEach(([who, text], i) => (room = ok(reply(stage, room, who, text, 1_000 + (i + 1) * 15_000))));
    room = ok(end(room, trainer, 120_000));

    const { report, contributors } = groupDebrief(room, persona);
    expect(report.measures.traineeTurns).toBe(5);
    expect(report.outcome).toBe('stopped');
    expect(report.customerName).toBe(persona.customer.name.nl);
    expect(contributors).toEqual([
      { author: trainer, turns: [], techniques: {}, proposals: 0, votes: 0 },
      { author: anna, turns: [1, 3], techniques: { listen: 1, acknowledge_emotion: 1 }, proposals: 0, votes: 0 },
      {
        author: bram,
        turns: [2, 5],
        techniques: { argue: 1, acknowledge_emotion: 1, ask_question: 1 },
        proposals: 0,
        votes: 0,
      },
      { author: chen, turns: [4], techniques: { ask_question: 1 }, proposals: 0, votes: 0 },
    ]);
  });

  it('a retried turn is not credited to anyone', () => {
    let room = open();
    room = ok(reply(stage, room, anna, ARGUE, 2_000));
    room = ok(retry(room, trainer, 3_000));
    room = ok(reply(stage, room, bram, LISTEN, 4_000));
    expect(groupDebrief(room, persona).contributors).toEqual([
      { author: trainer, turns: [], techniques: {}, proposals: 0, votes: 0 },
      { author: anna, turns: [], techniques: {}, proposals: 0, votes: 0 },
      { author: bram, turns: [1], techniques: { listen: 1 }, proposals: 0, votes: 0 },
    ]);
  });
});

describe('vote management: unvote, late votes, removals, hidden predictions', () => {
  it('/unvote takes one vote back; without a vote it is refused, addressed to the voter', () => {
    let room = ok(vote(withThreeProposals(), chen, 'p1'));
    const result = unvote(room, chen);
    expect(result.events).toEqual([{ type: 'unvoted', proposalId: 'p1', voter: chen }]);
    room = result.room;
    expect(room.proposals[0].votes).toEqual([]);
    expect(refusalOf(unvote(room, chen))).toMatchObject({ reason: 'notVoted', to: chen });
  });

  it('a vote for a proposal of a decided round says that round is closed, by id (old card) or by number (typed)', () => {
    let room = ok(vote(withThreeProposals(), chen, 'p1'));
    room = ok(pick(stage, room, trainer, 'p1', 5_000));
    const table: Array<[string, string]> = [
      ['p2', 'roundClosed'], // a button on round 1's card
      ['2', 'roundClosed'], // typed while round 2 has no proposals yet
      ['p99', 'noProposals'],
    ];
    for (const [ref, reason] of table) {
      const refused = refusalOf(vote(room, anna, ref));
      expect(refused, ref).toMatchObject({ reason, to: anna });
    }
    expect(refusalOf(vote(room, anna, 'p2'))?.text.en).toBe(
      'Voting on round 1 is closed: the trainer has already picked. Vote for a proposal of the current round.',
    );
  });

  it('numbers are given once per round: a replaced or removed number stays gone, the next round starts at 1', () => {
    let room = withThreeProposals();
    room = ok(reply(stage, room, anna, ASK, 5_000)); // Anna's 1 becomes 4
    room = ok(removeProposal(room, trainer, '2'));
    expect(room.proposals.map((p) => [p.number, p.author.name])).toEqual([
      [3, 'Chen'],
      [4, 'Anna'],
    ]);
    expect(refusalOf(vote(room, bram, '1'))?.text.nl).toBe(
      'Voorstel 1 is vervangen of weggehaald. Kies een voorstel dat nu op de kaart staat.',
    );
    expect(proposalIdAt(room, 4)).toBe(room.proposals[1].id);
    room = ok(pick(stage, room, trainer, '4', 6_000));
    room = ok(reply(stage, room, bram, LISTEN, 7_000));
    expect(room.proposals.map((p) => p.number)).toEqual([1]);
  });

  it('removing a proposal or a participant voids their votes with a notice naming the voters', () => {
    let room = ok(vote(ok(vote(withThreeProposals(), chen, 'p2')), anna, 'p2'));
    const removed = removeProposal(room, trainer, 'p2');
    expect(removed.events).toEqual([
      { type: 'proposalRemoved', proposalId: 'p2', number: 2, author: bram, by: trainer },
      { type: 'votesVoided', proposalId: 'p2', number: 2, author: bram, voters: [chen, anna], why: 'removed' },
    ]);
    room = ok(vote(room, bram, 'p1'));
    const gone = removeParticipant(room, trainer, { name: '@anna' });
    expect(gone.events[0]).toEqual({ type: 'participantRemoved', participant: anna, by: trainer });
    expect(gone.room.proposals.map((p) => p.author.name)).toEqual(['Bram', 'Chen']);
    expect(refusalOf(reply(stage, gone.room, anna, ASK, 9_000))).toMatchObject({ reason: 'removedParticipant' });
    expect(refusalOf(vote(gone.room, anna, '3'))).toMatchObject({ reason: 'removedParticipant' });
    expect(refusalOf(removeParticipant(room, trainer, { id: trainer.id }))).toMatchObject({
      reason: 'cannotRemoveTrainer',
    });
    expect(refusalOf(removeParticipant(room, bram, { name: 'Chen' }))).toMatchObject({ reason: 'notController' });
  });

  it('the trainer proposes beside the room: a second proposal adds, it does not replace', () => {
    let room = withThreeProposals();
    room = ok(reply(stage, room, trainer, ASK, 5_000));
    room = ok(reply(stage, room, trainer, RULE, 6_000));
    expect(room.proposals.map((p) => [p.number, p.author.name])).toEqual([
      [1, 'Anna'],
      [2, 'Bram'],
      [3, 'Chen'],
      [4, 'Trainer Tineke'],
      [5, 'Trainer Tineke'],
    ]);
  });

  it('hidden predictions leave the snapshot until the pick; only a controller switches them', () => {
    let room = withThreeProposals();
    expect(refusalOf(setHidePredictions(room, anna, true))).toMatchObject({ reason: 'notController' });
    room = ok(setHidePredictions(room, trainer, true));
    const hidden = roomSnapshot(room, persona);
    expect(hidden.hidePredictionsUntilPick).toBe(true);
    expect(hidden.proposals.every((p) => p.predictionHidden && p.labels.length === 0 && p.delta === 0)).toBe(true);
    room = ok(pick(stage, room, trainer, 'p2', 6_000));
    expect(roomSnapshot(room, persona).lastRound?.alternatives.every((a) => a.labels.length > 0)).toBe(true);
  });
});

describe('the snapshot guides the room', () => {
  it('phase, round and "n of m voted" through a round', () => {
    let room = open('vote');
    const steps: Array<[string, (r: DemoRoom) => DemoResult, string, number, number, number]> = [
      ['Anna proposes', (r) => reply(stage, r, anna, ACK, 2_000), 'voting', 1, 0, 1],
      ['Bram joins', (r) => join(r, bram), 'voting', 1, 0, 2],
      ['Bram votes', (r) => vote(r, bram, '1'), 'voting', 1, 1, 2],
      ['the trainer votes (not counted)', (r) => vote(r, trainer, '1'), 'voting', 1, 1, 2],
      ['the trainer picks', (r) => pick(stage, r, trainer, '1', 3_000), 'closed', 2, 0, 2],
      ['Chen proposes', (r) => reply(stage, r, chen, LISTEN, 4_000), 'voting', 2, 0, 3],
      ['the trainer ends', (r) => end(r, trainer, 5_000), 'ended', 1, 0, 3],
    ];
    expect(roomSnapshot(room, persona)).toMatchObject({ phase: 'proposing', round: 1, votedCount: 0, voterCount: 0 });
    for (const [step, act, phase, round, voted, voters] of steps) {
      room = ok(act(room));
      expect(roomSnapshot(room, persona), step).toMatchObject({ phase, round, votedCount: voted, voterCount: voters });
    }
  });

  it('the winner, who picked it and whether the majority was overruled', () => {
    let room = ok(vote(ok(vote(withThreeProposals(), chen, 'p2')), anna, 'p2'));
    const overruled = roomSnapshot(ok(pick(stage, room, trainer, 'p3', 5_000)), persona).lastRound;
    expect(overruled).toMatchObject({
      pickedNumber: 3,
      pickedAuthor: 'Chen',
      pickedBy: 'Trainer Tineke',
      overrodeMajority: true,
    });
    room = ok(setMajority(room, trainer, true));
    const majority = roomSnapshot(ok(pick(stage, room, bram, 'majority', 5_000)), persona).lastRound;
    expect(majority).toMatchObject({ pickedNumber: 2, pickedBy: 'Bram', by: 'majority', overrodeMajority: false });
  });

  it('the briefing, the participants with display names, and at the end the anger curve and the debrief', () => {
    let room = withThreeProposals();
    room = ok(join(room, { id: bram.id, name: 'Bram B.' }));
    room = ok(pick(stage, ok(vote(room, bram, 'p1')), trainer, 'p1', 5_000));
    room = ok(end(room, trainer, 6_000));
    const view = roomSnapshot(room, persona);
    expect(view.briefing).toEqual({
      title: persona.title.nl,
      text: persona.briefing.nl,
      canOffer: persona.canOffer.nl,
      cannotOffer: persona.cannotOffer.nl,
    });
    expect(view.participants.map((p) => [p.name, p.role])).toEqual([
      ['Trainer Tineke', 'trainer'],
      ['Anna', 'participant'],
      ['Bram B.', 'participant'],
      ['Chen', 'participant'],
    ]);
    expect(view.angerCurve).toHaveLength(2);
    expect(view.debrief?.contributors.map((c) => [c.name, c.turns, c.proposals, c.votes])).toEqual([
      ['Trainer Tineke', [], 0, 0],
      ['Anna', [1], 1, 0],
      ['Bram B.', [], 1, 1],
      ['Chen', [], 1, 0],
    ]);
    expect(view.debrief?.score).toBe(groupDebrief(room, persona).report.score);
  });

  it('a room stored before these fields plays on: participants, numbers and history are filled in', () => {
    const stored = clone(withThreeProposals()) as Partial<DemoRoom>;
    for (const key of ['participants', 'removed', 'nextNumber', 'history', 'hidePredictionsUntilPick'] as const)
      delete stored[key];
    for (const p of stored.proposals ?? []) delete p.number;
    const room = upgradeRoom(stored as DemoRoom);
    expect(room.proposals.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(room.nextNumber).toBe(4);
    expect(ok(vote(room, anna, '2')).proposals[1].votes).toEqual([anna.id]);
  });
});

function withOneTurn(): DemoRoom {
  return ok(reply(stage, open(), anna, LISTEN, 2_000));
}

function withThreeProposals(): DemoRoom {
  let room = open('vote');
  room = ok(reply(stage, room, anna, ACK, 2_000));
  room = ok(reply(stage, room, bram, ARGUE, 3_000));
  room = ok(reply(stage, room, chen, LISTEN, 4_000));
  return room;
}
