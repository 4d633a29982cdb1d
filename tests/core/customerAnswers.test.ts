import { describe, expect, it } from 'vitest';
import { loadDefaultClassifier } from '../../src/content/classifierRules';
import { loadPersonaLibrary } from '../../src/content/personaLibrary';
import { startSession, takeTurn, type Lang, type Session, type TurnRecord } from '../../src/core';

const library = loadPersonaLibrary();
const classifier = loadDefaultClassifier();
const passport = library.personas.find((p) => p.id === 'municipal-passport')!;
const stage = { persona: passport, common: library.common, classifier };

/** Plays the replies from the opening; returns the session and its turns. */
function play(lang: Lang, replies: readonly string[], seed = 1): { session: Session; turns: TurnRecord[] } {
  let session = startSession(stage, { lang, seed, now: 0 });
  replies.forEach((reply, i) => {
    session = takeTurn(stage, session, reply, (i + 1) * 20_000).session;
  });
  return { session, turns: session.turns };
}

describe('the customer answers what was asked', () => {
  it.each([
    ['nl', 'Wanneer vertrekt uw vlucht precies?', 'flight-day', 'flightDay'],
    ['nl', 'Met hoeveel personen reist u?', 'travellers', 'travellers'],
    ['nl', 'Waar wilt u de bevestiging naartoe hebben, per mail of op papier?', 'confirmation', 'confirmation'],
    ['en', 'What time is your flight?', 'flight-time', 'flightTime'],
    ['en', 'Where are you flying to?', 'destination', 'destination'],
    ['en', 'What have you already tried?', 'tried', 'tried'],
  ] as const)('%s "%s" is answered about %s, with the fact of this role-play', (lang, question, topic, fact) => {
    const { session, turns } = play(lang, [question]);
    expect(turns[0].answered).toBe(topic);
    expect(turns[0].customerText.toLowerCase()).toContain(session.slots[fact].toLowerCase());
  });

  it.each([
    ['nl', 'Hoe heet uw hond?'],
    ['en', 'What do you think of the new town hall?'],
  ] as const)('%s "%s": something he cannot know gets an in-character "how would I know"', (lang, question) => {
    const { turns } = play(lang, [question]);
    expect(turns[0].answered).toBeUndefined();
    expect(turns[0].reaction).toContain('topicLines.unknown');
  });

  it.each([
    ['nl', 'Wanneer vertrekt uw vlucht?', 'Op welke dag vliegt u ook alweer?'],
    ['en', 'When does your flight leave?', 'What day are you flying again?'],
  ] as const)('%s: a question answered before gets the fact again and costs patience', (lang, first, again) => {
    const { session, turns } = play(lang, [first, again]);
    expect(turns[1].askedAgain).toBe(true);
    expect(turns[1].reaction).toContain('topicLines.repeated');
    expect(turns[1].customerText.toLowerCase()).toContain(session.slots.flightDay.toLowerCase());
    // Patience: the emotion model counts the repeated question as two turns.
    expect(session.emotion.turn).toBe(3);
  });

  it.each([
    ['nl', 'Dus als ik het goed begrijp vliegt u {wrong} naar {destination}?'],
    ['en', 'So if I understand you correctly, you are flying to {destination} on {wrong}.'],
  ] as const)('%s: a summary with the wrong day is corrected with the right one', (lang, template) => {
    const opening = play(lang, []).session;
    const wrong = passport.slots[lang].flightDay.find((d) => d !== opening.slots.flightDay)!;
    const reply = template.replace('{wrong}', wrong).replace('{destination}', opening.slots.destination);
    const { turns } = play(lang, [reply]);
    expect(turns[0].reaction).toContain('topicLines.corrected');
    expect(turns[0].customerText).toContain(opening.slots.flightDay.replace(/^./, (c) => c.toUpperCase()).slice(1));
  });
});

describe('offers and promises', () => {
  it.each([
    [
      'nl',
      'Ik kan een noodpaspoort bij de Marechaussee op Schiphol voor u regelen. Is dat goed?',
      'emergency-passport',
      /noodpaspoort|marechaussee/i,
    ],
    [
      'en',
      'I can arrange an emergency passport from the military police at Schiphol. Would that work?',
      'emergency-passport',
      /emergency passport|military police/i,
    ],
    [
      'nl',
      'We kunnen vandaag een spoedaanvraag doen, dan is het morgen na twaalf uur klaar.',
      'urgent-application',
      /spoedaanvraag/i,
    ],
    [
      'en',
      "We can do an urgent application today, then it's ready tomorrow after twelve.",
      'urgent-application',
      /urgent application/i,
    ],
  ] as const)('%s: offering one option gets that option, named', (lang, reply, item, named) => {
    const { turns } = play(lang, ['Wat vervelend, ik snap dat u boos bent.', reply]);
    expect(turns[1].offer).toBe(item);
    expect(turns[1].customerText).toMatch(named);
  });

  it.each([
    ['nl', 'Weet u wat, ik geef u het paspoort vandaag gewoon mee.', 'hand-over-today'],
    ['en', "Tell you what, I'll just give you the passport today.", 'hand-over-today'],
    ['nl', 'Als u de vlucht mist, vergoeden wij de tickets.', 'pay-missed-flight'],
  ] as const)('%s: a promise from cannotOffer is noticed and recorded for the debrief', (lang, reply, item) => {
    const { turns } = play(lang, [reply]);
    expect(turns[0].promiseCannotKeep).toBe(item);
    expect(turns[0].reaction).toContain(`offers.${item}`);
  });

  it.each([
    ['nl', 'Ik kan u het paspoort vandaag helaas niet meegeven.'],
    ['en', "I'm afraid I can't give you the passport today."],
  ] as const)('%s: saying a cannotOffer option is not possible is no promise', (lang, reply) => {
    expect(play(lang, [reply]).turns[0].promiseCannotKeep).toBeUndefined();
  });

  it.each([
    ['nl', 'Ik doe een spoedaanvraag voor u, dan ligt het paspoort volgende week maandag klaar.'],
    ['en', "I'll do an urgent application for you, then the passport will be ready next week on Monday."],
  ] as const)('%s: an option ready after the flight is refused, naming the deadline', (lang, reply) => {
    const { session, turns } = play(lang, ['Wat vervelend voor u.', reply]);
    expect(turns[1].pastDeadline).toBe(true);
    expect(turns[1].reaction).toContain('topicLines.pastDeadline');
    expect(turns[1].customerText.toLowerCase()).toContain(session.slots.flightDay.toLowerCase());
  });

  it.each([
    ['nl', 'Dan bel ik u morgen voor twaalf uur terug.', 'morgen voor twaalf uur'],
    ['en', "Then I'll call you back tomorrow before twelve.", 'tomorrow before twelve'],
  ] as const)('%s: an accepted agreement is quoted as it was made', (lang, reply, when) => {
    const prepared = {
      nl: ['Wat vervelend, ik begrijp dat u boos bent.', 'Wat is voor u het belangrijkste?'],
      en: ['How annoying, I understand you are angry.', 'What matters most to you?'],
    };
    const { turns } = play(lang, [...prepared[lang], reply]);
    const last = turns[turns.length - 1];
    expect(last.reaction).toContain('topicLines.agreementQuoted');
    expect(last.customerText.toLowerCase()).toContain(when);
  });
});
