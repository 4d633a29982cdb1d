import { describe, expect, it } from 'vitest';
import { loadDefaultClassifier } from '../../src/content/classifierRules';
import { loadPersonaLibrary } from '../../src/content/personaLibrary';
import { playScript, type Session } from '../../src/core';
import { packSession, unpackSession, type StoredSession } from '../../src/core/session/storedSession';

const library = loadPersonaLibrary();
const classifier = loadDefaultClassifier();
const LINES = {
  nl: [
    'Goedemiddag, waar gaat het om?',
    'Dat is nu eenmaal de regel.',
    '/retry',
    'Ik begrijp dat u boos bent.',
    '/hint',
    'Wat is er precies gebeurd?',
    'Dus uw <b>uitkering</b> is niet betaald?',
    '😡',
    'Ik bel u morgen voor 12 uur terug, afgesproken?',
    '/stop',
  ],
  en: [
    'Hello, what is this about?',
    'Those are the rules.',
    '/retry',
    'I understand you are angry.',
    'What happened exactly?',
    'So your payment did not arrive?',
    'I will call you back tomorrow before noon, deal?',
  ],
} as const;

function sessions(): Session[] {
  const out: Session[] = [];
  for (const persona of library.personas) {
    for (const lang of ['nl', 'en'] as const) {
      const stage = { persona, common: library.common, classifier };
      for (let n = 0; n <= LINES[lang].length; n += 3)
        out.push(playScript(stage, LINES[lang].slice(0, n), { lang, seed: 11 }).session);
    }
  }
  return out;
}

describe('packSession / unpackSession', () => {
  const all = sessions();

  it('gives back exactly the session that was packed (every persona, both languages, retries, hints, endings)', () => {
    for (const session of all) {
      const stored = packSession(session);
      expect('packed' in stored).toBe(true);
      expect(unpackSession(JSON.parse(JSON.stringify(stored)) as StoredSession)).toEqual(session);
      expect(JSON.stringify(unpackSession(stored))).toBe(JSON.stringify(session));
    }
  });

  it('stores much less than the whole session once there are turns', () => {
    const withTurns = all.filter((s) => s.turns.length >= 4);
    expect(withTurns.length).toBeGreaterThan(5);
    // The persona's facts are stored as they are on both sides: the saving is measured on the rest.
    const facts = (session: Session) => JSON.stringify(session.slots).length;
    for (const session of withTurns)
      expect(JSON.stringify(packSession(session)).length - facts(session)).toBeLessThan(
        (JSON.stringify(session).length - facts(session)) * 0.8,
      );
  });

  it('keeps a session whole when it would not come back exactly, and reads whole sessions as they are', () => {
    const session = all.find((s) => s.turns.length > 1)!;
    const odd = { ...session, transcript: session.transcript.slice(0, -1) };
    expect(packSession(odd)).toBe(odd);
    const edited = {
      ...session,
      transcript: session.transcript.map((e, i) => (i === 1 ? { ...e, text: 'changed' } : e)),
    };
    expect(packSession(edited)).toBe(edited);
    expect(unpackSession(session)).toBe(session);
  });
});
