import { describe, expect, it } from 'vitest';
import { shippedClassifier as classifier, shippedLibrary as library } from '../support/shippedContent';
import {
  requestHint,
  retryLastTurn,
  startSession,
  stopSession,
  takeTurn,
  type Session,
  type Stage,
} from '../../src/core';
import { MAX_INPUT_CHARS } from '../../src/core/classifier/classifier';
import {
  appendInput,
  isSessionLog,
  replaySession,
  replyInput,
  startLog,
  type SessionLog,
} from '../../src/core/session/sessionLog';

const LONG = `Ik begrijp dat u boos bent. ${'bla '.repeat(MAX_INPUT_CHARS)}`;
const SCRIPTS = {
  nl: [
    'Goedemiddag, waar gaat het om?',
    'Dat is nu eenmaal de regel.',
    '/retry',
    'Ik begrijp dat u boos bent.',
    '/hint',
    LONG,
    'Wat is er precies gebeurd?',
    '😡',
    '/retry',
    '/retry',
    'Dus uw uitkering is niet betaald?',
    'Ik bel u morgen voor 12 uur terug, afgesproken?',
    '/stop',
  ],
  en: [
    'Hello, what is this about?',
    'Those are the rules.',
    '/retry',
    '/hint',
    'I understand you are angry.',
    'What happened exactly?',
    'So your payment did not arrive?',
    'I will call you back tomorrow before noon, deal?',
  ],
} as const;

/** Plays a script the way the role-play dialog does, keeping the session and its log side by side. */
function playLive(
  stage: Stage,
  lines: readonly string[],
  lang: 'nl' | 'en',
  seed: number,
): { session: Session; log: SessionLog } {
  const startedAt = 1_800_000_000_000;
  let session = startSession(stage, { lang, seed, now: startedAt });
  let log = startLog(session);
  let clock = startedAt;
  for (const line of lines) {
    clock += 17_000;
    if (line === '/retry') {
      const rewound = retryLastTurn(session);
      if (!rewound) continue;
      session = rewound;
      log = appendInput(log, { retry: true });
    } else if (session.outcome) {
      break;
    } else if (line === '/hint') {
      session = requestHint(session).session;
      log = appendInput(log, { hint: true });
    } else if (line === '/stop') {
      session = stopSession(session, clock);
      log = appendInput(log, { stop: clock - startedAt });
    } else {
      const result = takeTurn(stage, session, line, clock);
      session = result.session;
      log = appendInput(log, replyInput(line, result.turn.atMs));
    }
  }
  return { session, log };
}

describe('a session log', () => {
  const played = library.personas.flatMap((persona) =>
    (['nl', 'en'] as const).flatMap((lang) =>
      [3, 29].map((seed) => {
        const stage = { persona, common: library.common, classifier };
        return { stage, ...playLive(stage, SCRIPTS[lang], lang, seed) };
      }),
    ),
  );

  it('replays to exactly the live session: every persona, both languages, hints, retries, a cut reply, an ending', () => {
    expect(played.length).toBe(library.personas.length * 4);
    for (const { stage, session, log } of played) {
      const stored = JSON.parse(JSON.stringify(log)) as SessionLog;
      expect(isSessionLog(stored)).toBe(true);
      expect(JSON.stringify(replaySession(stage, stored))).toBe(JSON.stringify(session));
    }
    // The scripts really exercise what they claim to.
    expect(played.some(({ session }) => session.retries >= 2 && session.hintsUsed >= 1)).toBe(true);
    expect(played.some(({ session }) => session.turns.some((turn) => turn.classification.truncated))).toBe(true);
    expect(played.some(({ session }) => session.outcome === 'stopped')).toBe(true);
    expect(played.some(({ session }) => session.outcome !== undefined && session.outcome !== 'stopped')).toBe(true);
  });

  it('keeps a long reply only to one character past what the classifier reads', () => {
    expect(replyInput(LONG, 5)).toEqual({ reply: LONG.slice(0, MAX_INPUT_CHARS + 1), at: 5 });
    expect(replyInput('Kort.', 5)).toEqual({ reply: 'Kort.', at: 5 });
  });

  it('is a small fraction of the session it stands for', () => {
    const ordinary = played.filter(
      ({ session }) => session.turns.length >= 4 && !session.turns.some((turn) => turn.classification.truncated),
    );
    expect(ordinary.length).toBeGreaterThan(5);
    for (const { session, log } of ordinary) {
      expect(JSON.stringify(log).length).toBeLessThan(JSON.stringify(session).length / 4);
    }
  });

  it('skips what comes after an ending, as a replay after a content edit may meet', () => {
    const { stage, log, session } = played.find(({ session }) => session.outcome && session.outcome !== 'stopped')!;
    const longer = appendInput(appendInput(log, { reply: 'Nog iets.', at: 999_999 }), { hint: true });
    expect(replaySession(stage, longer)).toEqual(session);
  });

  it('recognises stored logs and nothing else', () => {
    expect(isSessionLog(played[0].log)).toBe(true);
    for (const value of [
      undefined,
      null,
      'log',
      {},
      { personaId: 'x', seed: '1', startedAt: 0, inputs: [] },
      { packed: {} },
    ])
      expect(isSessionLog(value)).toBe(false);
  });
});
