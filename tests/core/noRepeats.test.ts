import { describe, expect, it } from 'vitest';
import { loadDefaultClassifier } from '../../src/content/classifierRules';
import { loadPersonaLibrary } from '../../src/content/personaLibrary';
import { startSession, takeTurn, type Lang, type Session } from '../../src/core';
import { pick, seedFrom } from '../../src/core/random';

const library = loadPersonaLibrary();
const classifier = loadDefaultClassifier();

/** What trainees say, good and bad, mixed per turn by the seed: enough to drain any line family. */
const REPLIES: Record<Lang, readonly string[]> = {
  nl: [
    'Ik begrijp dat u boos bent.',
    'Wat is er precies gebeurd?',
    'Wat is voor u het belangrijkste?',
    'Sinds wanneer speelt dit?',
    'Hm.',
    'Ja.',
    'Dus als ik het goed begrijp, wacht u al lang en hoort u niets?',
    'Ik kan het navragen of het met spoed doorzetten. Wat heeft u liever?',
    'Dan bel ik u morgen voor twaalf uur terug.',
    'Dat is nu eenmaal de regel.',
    'Nee, dat klopt niet wat u zegt.',
    'Doe eens rustig.',
    'Dat kan ik helaas niet doen, maar ik kan wel iets anders voor u regelen.',
    'Hoe heet uw hond?',
    'Daar kan ik niks aan doen, dat is de afdeling.',
    'Mag ik uw naam?',
  ],
  en: [
    'I understand you are angry.',
    'What happened exactly?',
    'What matters most to you?',
    'How long has this been going on?',
    'Hm.',
    'Yes.',
    "So if I understand you, you've been waiting a long time and heard nothing?",
    'I can look into it or pass it on as urgent. Which would you prefer?',
    "Then I'll call you back tomorrow before twelve.",
    "That's just the rule.",
    "No, that's not right what you're saying.",
    'Calm down.',
    "I'm afraid I can't do that, but I can arrange something else for you.",
    "What's your dog called?",
    "There's nothing I can do, that's the department.",
    'Could I take your name?',
  ],
};

/** Plays one role-play of random replies, at most 30 turns or until it ends. */
function playRandom(personaId: string, lang: Lang, seed: number): Session {
  const persona = library.personas.find((p) => p.id === personaId)!;
  const stage = { persona, common: library.common, classifier };
  let session = startSession(stage, { lang, seed, now: 0 });
  let rng = seedFrom(seed * 7919);
  for (let turn = 1; turn <= 30 && !session.outcome; turn++) {
    const draw = pick(rng, REPLIES[lang]);
    rng = draw.next;
    session = takeTurn(stage, session, draw.value, turn * 20_000).session;
  }
  return session;
}

describe('the customer never says the same line twice in a role-play', () => {
  it.each(library.personas.map((p) => p.id))('%s: 100 seeded role-plays (50 nl, 50 en)', (id) => {
    for (let seed = 1; seed <= 100; seed++) {
      const lang: Lang = seed % 2 === 0 ? 'nl' : 'en';
      const said = playRandom(id, lang, seed)
        .transcript.filter((e) => e.role === 'customer')
        .map((e) => e.text);
      const repeated = said.filter((text, i) => said.indexOf(text) !== i);
      expect(repeated, `${id} ${lang} seed ${seed}`).toEqual([]);
    }
  });
});
