import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/core/classifier';
import { loadClassifierRules } from '../../src/content/classifierRules';
import type { EmotionState } from '../../src/core/engine/emotionModel';
import type { HintKey } from '../../src/core/engine/hints';
import { nextReply, type TraineeStyle } from '../../src/core/practice/traineeStyles';
import type { Session } from '../../src/core/session/types';
import type { Lang, TechniqueId } from '../../src/core/techniques';

// Every scripted trainee line that the persona check plays must get the label it stands for,
// otherwise the persona table measures the classifier instead of the persona.
const classifier = createClassifier(loadClassifierRules());

const progressDone = { acknowledged: true, asked: true, summarized: true, choiceOffered: true, agreed: true };

/** An emotion state for which hintKeyFor() gives the hint key. */
function stateFor(key: HintKey | 'neutral'): EmotionState {
  const base: EmotionState = {
    anger: 50,
    turn: 0,
    ventingLeft: 0,
    progress: { ...progressDone },
    ackStreak: 0,
    listenStreak: 0,
    escalation: 'none',
    boundary: { set: false, crossedAgain: false, missed: 0 },
    rng: 1,
  };
  const p = base.progress;
  switch (key) {
    case 'stop':
      base.boundary = { set: true, crossedAgain: true, missed: 0 };
      break;
    case 'boundary':
      base.escalation = 'abusive';
      break;
    case 'vent':
      base.ventingLeft = 2;
      p.acknowledged = false;
      break;
    case 'acknowledge':
      p.acknowledged = false;
      break;
    case 'ask':
      p.asked = false;
      break;
    case 'summarize':
      p.summarized = false;
      break;
    case 'choices':
      p.choiceOffered = false;
      break;
    case 'agree':
      p.agreed = false;
      break;
    default:
      break;
  }
  return base;
}

function session(lang: Lang, emotion: EmotionState, turns: number): Session {
  return { lang, emotion, turns: new Array(turns).fill({}) } as unknown as Session;
}

/** All distinct lines a style says in a state (the banks rotate by turn). */
function lines(style: TraineeStyle, lang: Lang, key: HintKey | 'neutral'): string[] {
  const out = new Set<string>();
  for (let t = 0; t < 8; t++) out.add(nextReply(style, session(lang, stateFor(key), t)));
  return [...out];
}

const SKILLED: Array<[HintKey, TechniqueId]> = [
  ['vent', 'listen'],
  ['acknowledge', 'acknowledge_emotion'],
  ['ask', 'ask_question'],
  ['summarize', 'summarize'],
  ['choices', 'offer_choice'],
  ['agree', 'make_agreement'],
  ['close', 'make_agreement'],
  ['boundary', 'set_boundary'],
  ['stop', 'end_conversation'],
];

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('scripted trainee lines get their intended label', () => {
  for (const lang of ['nl', 'en'] as const) {
    describe(lang, () => {
      const skilled = SKILLED.flatMap(([key, label]) =>
        lines('skilled', lang, key).map((text) => [key, text, label] as const),
      );
      it.each(skilled)('skilled %s: %s → %s', (_key, text, label) => {
        expect(classifier.classify(text, lang).labels).toEqual([label]);
      });

      it.each(lines('rulesBound', lang, 'neutral'))('rulesBound: %s → rules_speak', (text) => {
        expect(classifier.classify(text, lang).labels).toEqual(['rules_speak']);
      });

      it.each(lines('argumentative', lang, 'neutral'))(
        'argumentative: %s → argue (+ counter_aggression if insulting)',
        (text) => {
          const got = sorted(classifier.classify(text, lang).labels);
          expect([['argue'], ['argue', 'counter_aggression']]).toContainEqual(got);
        },
      );

      it.each(lines('passive', lang, 'neutral'))('passive: %s → listen or nothing', (text) => {
        const got = classifier.classify(text, lang).labels;
        expect([[], ['listen']]).toContainEqual(got);
      });

      it.each(lines('boundarySetter', lang, 'neutral'))('boundarySetter: %s → set_boundary', (text) => {
        expect(classifier.classify(text, lang).labels).toEqual(['set_boundary']);
      });

      // The clumsy trainee's opening moves: a premature solution ("snap ik, maar ..."), a vague promise (no
      // technique), one defensive line, then an apology that acknowledges the feeling.
      it.each([
        [0, ['offer_choice']],
        [1, []],
        [2, ['defend']],
        [3, ['acknowledge_emotion']],
      ] as const)('clumsy turn %i → %j', (turn, labels) => {
        const text = nextReply('clumsy', session(lang, stateFor('vent'), turn));
        expect(classifier.classify(text, lang).labels).toEqual(labels);
      });

      it('clumsy skips the summary: straight to options, then an agreement', () => {
        const notOffered = stateFor('summarize');
        notOffered.progress.choiceOffered = false;
        expect(classifier.classify(nextReply('clumsy', session(lang, notOffered, 5)), lang).labels).toEqual([
          'offer_choice',
        ]);
        const offered = stateFor('summarize');
        expect(classifier.classify(nextReply('clumsy', session(lang, offered, 6)), lang).labels).toEqual([
          'make_agreement',
        ]);
      });

      it('boundarySetter stops once the boundary is crossed again', () => {
        const [text] = lines('boundarySetter', lang, 'stop');
        expect(classifier.classify(text, lang).labels).toEqual(['end_conversation']);
      });
    });
  }
});
