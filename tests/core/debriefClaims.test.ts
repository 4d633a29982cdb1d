/**
 * The debrief never contradicts the transcript. Over many seeded role-plays (every persona, both languages,
 * every scripted trainee style and a seeded mix of replies), each tick, cross and timing claim of the debrief
 * is checked against what the transcript shows: which techniques each reply was recognised as, in which
 * order, and how anger moved. A claim that the transcript does not bear out is a contradiction.
 */
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  startSession,
  takeTurn,
  type Persona,
  type Report,
  type Session,
  type Stage,
} from '../../src/core';
import { loadDefaultClassifier } from '../../src/content/classifierRules';
import { loadPersonaLibrary } from '../../src/content/personaLibrary';
import { runStyle } from '../../src/core/practice/runStyle';
import { TRAINEE_STYLES } from '../../src/core/practice/traineeStyles';
import { cleanText } from '../../src/core/report/renderEscape';
import { isEscalating, techniquesForStep, type Lang, type TechniqueId } from '../../src/core/techniques';
import { rng } from '../support/prng';

const library = loadPersonaLibrary();
const classifier = loadDefaultClassifier();
const SEEDS = [1, 2, 3, 4, 5];
const LANGS: readonly Lang[] = ['nl', 'en'];

/** Replies a trainee might type, mixed per seed: well-meant, clumsy, flagged, and "yes, but". */
const MIXED_REPLIES: Record<Lang, readonly string[]> = {
  nl: [
    'Vertelt u maar, ik luister.',
    'Ik snap dat u boos bent.',
    'Ik snap dat u boos bent, maar dat is niet mijn schuld.',
    'Wat is er precies gebeurd?',
    'Snap ik, maar ik kan het vandaag nog voor u navragen, of ik zet het met spoed door.',
    'Ik ga kijken wat ik voor u kan doen.',
    'Ik zoek het voor u uit.',
    'Daar kan ik ook niks aan doen, dat ligt aan het systeem.',
    'Dus als ik het goed begrijp, wacht u al weken en hoort u niets, klopt dat?',
    'Ik kan het navragen, of ik zet het met spoed door. Wat wilt u liever?',
    'Dan bel ik u morgen voor twaalf uur terug.',
    'Dat is nu eenmaal de regel.',
    'Rustig nou maar, zo erg is het niet.',
    'Ik wil u graag helpen, maar niet als u mij uitscheldt. Als dat doorgaat, stop ik dit gesprek.',
    'Hm.',
  ],
  en: [
    "Go on, I'm listening.",
    'I understand you are angry.',
    "I understand you're angry, but that's not my fault.",
    'What exactly happened?',
    'I get it, but I can look into it for you today, or I can pass it on as urgent.',
    "I'll see what I can do for you.",
    "I'll look into it.",
    "That's not my fault, the system does that.",
    "So if I understand you correctly, you've been waiting for weeks and nobody gets back to you, is that right?",
    'I can look into it, or I can pass it on as urgent. Which would you rather?',
    "Then I'll call you back tomorrow before twelve.",
    "That's just the rule.",
    "Calm down, it's not that bad.",
    "I want to help you, but not while you're calling me names. If that goes on, I will end this conversation.",
    'Hm.',
  ],
};

function mixedRun(stage: Stage, lang: Lang, seed: number): Session {
  const next = rng(seed * 7919);
  let session = startSession(stage, { lang, seed, now: 0 });
  for (let i = 0; i < 12 && !session.outcome; i++) {
    const pool = MIXED_REPLIES[lang];
    const text = pool[Math.floor(next() * pool.length)] ?? pool[0];
    session = takeTurn(stage, session, text, (i + 1) * 20_000).session;
  }
  return session;
}

/** What the transcript shows for trainee reply n (1-based): its words and the techniques recognised in it. */
interface Reply {
  n: number;
  text: string;
  labels: readonly TechniqueId[];
}

function repliesOf(session: Session): Reply[] {
  return session.transcript
    .filter((e) => e.role === 'trainee')
    .map((e, i) => ({ n: i + 1, text: e.text, labels: e.labels }));
}

const has = (reply: Reply | undefined, ...labels: TechniqueId[]) =>
  reply !== undefined && labels.some((l) => reply.labels.includes(l));

/** A quote is the trainee's own words: the (cleaned) reply holds it, up to the "…" of a shortened quote. */
function quotedFrom(quote: string, reply: Reply | undefined): boolean {
  if (!reply) return false;
  const words = quote.replace(/…$/, '').trim();
  return cleanText(reply.text).includes(words);
}

/** The timing claims the debrief can make, each with the check of the transcript that bears it out. */
type TimingCheck = (n: number, replies: readonly Reply[], session: Session) => boolean;
const before = (replies: readonly Reply[], n: number) => replies.filter((r) => r.n < n);
const upTo = (replies: readonly Reply[], n: number) => replies.filter((r) => r.n <= n);

const TIMING_CLAIMS: ReadonlyArray<[RegExp, string, TimingCheck]> = [
  [
    /ook al was het gevoel erkend|even after the feeling was acknowledged/,
    'the feeling was acknowledged by then',
    (n, r) => upTo(r, n).some((x) => has(x, 'acknowledge_emotion')),
  ],
  [
    /voordat het gevoel erkend (is|was)|before the feeling (is|was) acknowledged/,
    'no acknowledgement up to this reply',
    (n, r) => !upTo(r, n).some((x) => has(x, 'acknowledge_emotion')),
  ],
  [
    /voordat naar het probleem was gevraagd of het gevoel was erkend|before the problem was asked about or the feeling acknowledged/,
    'no question and no acknowledgement up to this reply',
    (n, r) => !upTo(r, n).some((x) => has(x, 'acknowledge_emotion', 'ask_question')),
  ],
  [
    /voordat het probleem was uitgevraagd|before the problem was explored/,
    'no question or summary before this reply',
    (n, r) => !before(r, n).some((x) => has(x, 'ask_question', 'summarize')),
  ],
  [
    /zonder eerst door te vragen|without asking first/,
    'no question before this reply',
    (n, r) => !before(r, n).some((x) => has(x, 'ask_question')),
  ],
  [
    /zonder eerst te verkennen|without exploring first/,
    'no question, summary or options before this reply',
    (n, r) => !before(r, n).some((x) => has(x, 'ask_question', 'summarize', 'offer_choice')),
  ],
  [
    /na het verkennen van de mogelijkheden|after exploring the options/,
    'a question, summary or options before this reply',
    (n, r) => before(r, n).some((x) => has(x, 'ask_question', 'summarize', 'offer_choice')),
  ],
  [
    /na erkennen en doorvragen|after acknowledging and exploring/,
    'an acknowledgement and a question or summary before this reply',
    (n, r) =>
      before(r, n).some((x) => has(x, 'acknowledge_emotion')) &&
      before(r, n).some((x) => has(x, 'ask_question', 'summarize')),
  ],
  [
    /na het erkennen|after acknowledging/,
    'an acknowledgement up to this reply',
    (n, r) => upTo(r, n).some((x) => has(x, 'acknowledge_emotion')),
  ],
  [
    /de vierde keer|the fourth/,
    'three acknowledgements right before this one',
    (n, r) => [n - 3, n - 2, n - 1, n].every((k) => has(r[k - 1], 'acknowledge_emotion')),
  ],
  [
    /stoom afblaast|stoom moet afblazen|stoom af te blazen|midden in de uitbarsting|still venting|still needs to let off steam|let off steam while|middle of the outburst/,
    'the customer was still venting',
    (n, _r, s) => (s.turns[n - 1]?.stateBefore.ventingLeft ?? 0) > 0,
  ],
];

/** Every contradiction between the debrief and the transcript, as sentences a developer can act on. */
function contradictions(session: Session, report: Report): string[] {
  const replies = repliesOf(session);
  const found: string[] = [];
  const claim = (ok: boolean, text: string) => {
    if (!ok) found.push(text);
  };
  const calmed = (n: number, labels: readonly TechniqueId[]) =>
    session.turns[n - 1]?.effects.some((e) => (labels as readonly string[]).includes(e.label) && e.delta <= 0) ?? false;

  // --- The checklist: every tick, every cross, every quote.
  for (const item of report.checklist) {
    const where = `checklist ${item.step} ${item.status}`;
    if (item.quote)
      claim(
        quotedFrom(item.quote.text, replies[item.quote.turn - 1]),
        `${where}: quote not in reply ${item.quote.turn}`,
      );
    if (item.step === 'stopAndBreathe') {
      const lostIt =
        replies.some((r) => has(r, 'counter_aggression')) ||
        session.turns.some((t) => t.classification.signals.shouting);
      const reflex = replies[0]?.labels.some(isEscalating) ?? false;
      claim((item.status === 'done') === (replies.length > 0 && !lostIt && !reflex), `${where}: calm kept?`);
      continue;
    }
    if (item.step === 'setLimit') {
      if (item.status === 'done')
        claim(has(replies[(item.quote?.turn ?? 0) - 1], 'set_boundary'), `${where}: no boundary quoted`);
      if (item.status === 'notNeeded')
        claim(!session.turns.some((t) => t.stateBefore.escalation === 'abusive'), `${where}: the customer was abusive`);
      continue;
    }
    const techniques: readonly TechniqueId[] = techniquesForStep(item.step);
    if (item.status === 'done') {
      const n = item.quote?.turn ?? 0;
      claim(has(replies[n - 1], ...techniques), `${where}: reply ${n} has none of ${techniques.join(', ')}`);
      claim(calmed(n, techniques), `${where}: reply ${n} did not lower anger with that move`);
      claim(item.note.includes(String(n)), `${where}: note names another turn`);
      const evidence = session.turns[n - 1]?.classification.details.find((d) => techniques.includes(d.id))?.evidence[0];
      if (evidence && item.quote)
        claim(
          item.quote.text.includes(evidence.quote) || item.quote.text.endsWith('…'),
          `${where}: quote "${item.quote.text}" does not hold the evidence "${evidence.quote}"`,
        );
    } else if (item.quote) {
      const n = item.quote.turn;
      claim(has(replies[n - 1], ...techniques), `${where}: quoted reply ${n} did not try it`);
      claim(
        !replies.some((r) => has(r, ...techniques) && calmed(r.n, techniques)),
        `${where}: but a reply with ${techniques.join('/')} did land`,
      );
    } else {
      claim(
        !replies.some((r) => has(r, ...techniques)),
        `${where} "not done": but a reply has ${techniques.join('/')}`,
      );
    }
  }
  const step = (name: string) => report.checklist.find((c) => c.step === name)?.status;
  if (session.outcome === 'resolved')
    claim(step('closeWithAgreement') === 'done', 'resolved, yet "close with agreements" is not ticked');
  if (session.turns.some((t) => t.reaction.includes('reactions.agreementAccepted')))
    claim(step('closeWithAgreement') === 'done', 'the customer accepted an agreement, yet "close" is not ticked');
  if (session.turns.some((t) => t.reaction.includes('reactions.choiceAccepted')))
    claim(step('offerChoices') === 'done', 'the customer picked an option, yet "offer choices" is not ticked');

  // --- The boundary verdict: the customer's own lines show the abuse and the crossing it speaks of.
  const voiced = (family: string) => session.turns.some((t) => t.reaction.includes(family));
  const verdict = report.measures.boundary.verdict;
  if (verdict === 'notStopped' || verdict === 'stoppedRightly')
    claim(voiced('crossedAgain'), `boundary ${verdict}, but the customer never crossed it again in the transcript`);
  if (verdict === 'missed')
    claim(
      (voiced('escalation.abusive') || voiced('escalation.crossedAgain')) &&
        !replies.some(
          (r) =>
            has(r, 'set_boundary') &&
            ['personal', 'abusive'].includes(session.turns[r.n - 1]?.stateBefore.escalation ?? ''),
        ),
      'boundary missed, but the transcript shows no abuse, or a boundary once the customer got personal',
    );

  // --- Timing claims, wherever the debrief says why.
  const reasons: Array<[number, string]> = [
    ...report.toImprove.map((f): [number, string] => [f.turn, f.why]),
    ...report.keyMoments.flatMap((m) => m.why.map((why): [number, string] => [m.turn, why])),
    ...report.clumsyMoves.map((m): [number, string] => [m.turn, m.why]),
    ...report.checklist
      .filter((c) => c.quote && c.status === 'missed')
      .map((c): [number, string] => [c.quote?.turn ?? 0, c.note]),
  ];
  for (const [n, text] of reasons) {
    for (const [pattern, meaning, check] of TIMING_CLAIMS) {
      if (pattern.test(text)) claim(check(n, replies, session), `turn ${n}: "${text}" but not ${meaning}`);
    }
  }

  // --- The clumsy moves: named when they happen, and only then.
  for (const move of report.clumsyMoves) {
    const reply = replies[move.turn - 1];
    claim(quotedFrom(move.quote.text, reply), `${move.kind} ${move.turn}: quote not in the reply`);
    if (move.kind === 'prematureSolution')
      claim(has(reply, 'offer_choice', 'make_agreement'), `premature solution ${move.turn}: no solution in the reply`);
    if (move.kind === 'vaguePromise') {
      claim(!has(reply, 'make_agreement'), `vague promise ${move.turn}: the reply is a concrete agreement`);
      claim(
        !session.turns[move.turn - 1]?.classification.signals.agreement?.when,
        `vague promise ${move.turn}: it names a time`,
      );
    }
  }
  // A promise the desk cannot keep and an agreement past the deadline: named on exactly the turns that hold one.
  for (const [kind, holds] of [
    ['promiseCannotKeep', (n: number) => session.turns[n - 1]?.promiseCannotKeep !== undefined],
    ['pastDeadline', (n: number) => session.turns[n - 1]?.pastDeadline === true],
  ] as const) {
    const named = report.clumsyMoves.filter((m) => m.kind === kind).map((m) => m.turn);
    const held = replies.filter((r) => holds(r.n)).map((r) => r.n);
    claim(named.join() === held.join(), `${kind} named on replies [${named.join()}], the turns show [${held.join()}]`);
  }
  for (const reply of replies) {
    const unheard = !upTo(replies, reply.n).some((x) => has(x, 'acknowledge_emotion', 'ask_question'));
    if (unheard && has(reply, 'offer_choice', 'make_agreement'))
      claim(
        report.clumsyMoves.some((m) => m.kind === 'prematureSolution' && m.turn === reply.n),
        `reply ${reply.n} offers a solution before anything was asked or acknowledged, and the debrief does not say so`,
      );
    if (/kijken wat ik voor u kan doen|see what I can do for you/.test(reply.text))
      claim(
        report.clumsyMoves.some((m) => m.kind === 'vaguePromise' && m.turn === reply.n),
        `reply ${reply.n} is a vague promise, and the debrief does not say so`,
      );
  }

  // --- Praise and flags quote the reply that earned them; turning points match the anger in the transcript.
  for (const move of report.wentWell) {
    claim(has(replies[move.turn - 1], move.label), `went well ${move.turn}: reply has no ${move.label}`);
    claim(quotedFrom(move.quote.text, replies[move.turn - 1]), `went well ${move.turn}: quote not in the reply`);
  }
  for (const flag of report.toImprove)
    claim(quotedFrom(flag.quote.text, replies[flag.turn - 1]), `to improve ${flag.turn}: quote not in the reply`);
  const angerAfter = session.transcript.filter((e) => e.role === 'customer').map((e) => e.anger);
  for (const moment of report.keyMoments)
    claim(
      moment.angerBefore === angerAfter[moment.turn - 1] && moment.angerAfter === angerAfter[moment.turn],
      `turning point ${moment.turn}: anger ${moment.angerBefore}→${moment.angerAfter} is not the transcript's`,
    );
  return found;
}

interface Played {
  name: string;
  session: Session;
  persona: Persona;
}

function playEverything(): Played[] {
  const played: Played[] = [];
  for (const persona of library.personas) {
    const stage: Stage = { persona, common: library.common, classifier };
    for (const lang of LANGS) {
      for (const seed of SEEDS) {
        for (const style of TRAINEE_STYLES)
          played.push({
            name: `${persona.id} ${lang} ${style} seed ${seed}`,
            session: runStyle(stage, style, { lang, seed }),
            persona,
          });
        played.push({
          name: `${persona.id} ${lang} mixed seed ${seed}`,
          session: mixedRun(stage, lang, seed),
          persona,
        });
      }
    }
  }
  return played;
}

describe('the debrief matches the transcript', () => {
  const played = playEverything();

  it('plays every persona, both languages, every trainee style and a mix, over several seeds', () => {
    expect(played.length).toBe(library.personas.length * LANGS.length * SEEDS.length * (TRAINEE_STYLES.length + 1));
  });

  it('finds no tick, cross or timing claim that the transcript contradicts', () => {
    const problems = played.flatMap(({ name, session, persona }) =>
      contradictions(session, buildReport(session, persona)).map((problem) => `${name}: ${problem}`),
    );
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('names the premature solution and the vague promise of every clumsy run', () => {
    for (const { name, session, persona } of played.filter((p) => p.name.includes(' clumsy '))) {
      const kinds = buildReport(session, persona).clumsyMoves.map((m) => `${m.kind} ${m.turn}`);
      expect(kinds, name).toEqual(expect.arrayContaining(['prematureSolution 1', 'vaguePromise 2']));
    }
  });
});

describe('a promise that cannot be kept and an agreement past the deadline are named', () => {
  const persona = library.personas.find((p) => p.id === 'municipal-passport') as Persona;
  const stage: Stage = { persona, common: library.common, classifier };
  const OPENING: Record<Lang, string> = {
    nl: 'Ik snap dat u boos bent. Wat is er precies gebeurd?',
    en: 'I can see you are upset. What exactly happened?',
  };
  /** The trainee's second reply, by what it holds; {day} is the customer's flight day. */
  const SECOND: Record<string, Record<Lang, string>> = {
    promise: {
      nl: 'Weet u wat, ik geef u het paspoort vandaag gewoon mee.',
      en: "You know what, I'll just give you the passport today.",
    },
    late: {
      nl: 'Ik zet een spoedaanvraag in, dan ligt het paspoort {day} voor u klaar.',
      en: "I'll put in an urgent application, then your passport is ready on {day}.",
    },
    keepable: {
      nl: 'Ik kan een spoedaanvraag voor u doen, of u haalt een noodpaspoort bij de Marechaussee. Wat wilt u liever?',
      en: 'I can put in an urgent application for you, or you can get an emergency passport from the Military Police. Which would you rather?',
    },
  };
  function played(lang: Lang, seed: number, second: string): { session: Session; report: Report } {
    let session = startSession(stage, { lang, seed, now: 0 });
    const day = session.slots.flightDay ?? '';
    for (const [i, text] of [OPENING[lang], second.replace('{day}', day)].entries())
      session = takeTurn(stage, session, text, (i + 1) * 20_000).session;
    return { session, report: buildReport(session, persona) };
  }

  describe.each(LANGS)('%s', (lang) => {
    it.each([
      // reply, the clumsy move it must be named as (none for an option the desk can keep), words the debrief uses
      ['promise', 'promiseCannotKeep', { nl: 'het paspoort vandaag meegeven', en: 'hand over the passport today' }],
      ['late', 'pastDeadline', undefined],
      ['keepable', undefined, undefined],
    ] as const)('a second reply that is %s → %s', (reply, kind, itemWords) => {
      for (const seed of SEEDS) {
        const { session, report } = played(lang, seed, SECOND[reply]?.[lang] ?? '');
        const named = report.clumsyMoves.filter((m) => m.kind === 'promiseCannotKeep' || m.kind === 'pastDeadline');
        expect(contradictions(session, report), `seed ${seed}`).toEqual([]);
        if (!kind) {
          expect(named, `seed ${seed}`).toEqual([]);
          continue;
        }
        const move = named.find((m) => m.kind === kind && m.turn === 2);
        expect(move, `seed ${seed}`).toBeDefined();
        expect(quotedFrom(move?.quote.text ?? '', repliesOf(session)[1]), `seed ${seed}`).toBe(true);
        expect(report.toImprove.some((f) => f.turn === 2 && f.labelName === move?.name)).toBe(true);
        if (itemWords) expect(move?.why).toContain(itemWords[lang]);
        if (kind === 'pastDeadline') expect(move?.why).toContain(session.slots.flightDay);
      }
    });
  });
});

describe('the contradiction check itself catches a debrief that lies', () => {
  const persona = library.personas.find((p) => p.id === 'municipal-passport') as Persona;
  const stage: Stage = { persona, common: library.common, classifier };
  const session = runStyle(stage, 'clumsy', { lang: 'nl', seed: 1 });
  const honest = buildReport(session, persona);

  it.each([
    [
      'a missing "not done" for a step that was done',
      (r: Report) => ({
        ...r,
        checklist: r.checklist.map((c) =>
          c.step === 'acknowledge' ? { ...c, status: 'missed' as const, note: 'Niet gedaan.' } : c,
        ),
      }),
    ],
    [
      'a defence "before the feeling was acknowledged" after an acknowledgement',
      (r: Report) => ({
        ...r,
        toImprove: [
          ...r.toImprove,
          {
            ...r.toImprove[0],
            turn: 5,
            why: 'Uitleg of schuld bij een ander, voordat het gevoel erkend is, klinkt als een excuus.',
          },
        ],
      }),
    ],
    [
      'a premature solution left unnamed',
      (r: Report) => ({ ...r, clumsyMoves: r.clumsyMoves.filter((m) => m.kind !== 'prematureSolution') }),
    ],
    [
      'a vague promise left unnamed',
      (r: Report) => ({ ...r, clumsyMoves: r.clumsyMoves.filter((m) => m.kind !== 'vaguePromise') }),
    ],
    [
      'a promise that cannot be kept where none was made',
      (r: Report) => ({
        ...r,
        clumsyMoves: [...r.clumsyMoves, { ...r.clumsyMoves[0], kind: 'promiseCannotKeep' as const }],
      }),
    ],
    [
      'an agreement past the deadline where none was made',
      (r: Report) => ({
        ...r,
        clumsyMoves: [...r.clumsyMoves, { ...r.clumsyMoves[0], kind: 'pastDeadline' as const }],
      }),
    ],
  ] as const)('%s', (_name, lie) => {
    expect(contradictions(session, honest)).toEqual([]);
    expect(contradictions(session, lie(honest)).length).toBeGreaterThan(0);
  });
});
