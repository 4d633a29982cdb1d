/**
 * The learned second opinion stacked on the rules (src/core/classifier/learnedLayer.ts): how it adds and drops
 * labels, how it explains itself, and that its model files are checked like the rule files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import {
  LEARNED_SCHEMA_FILE,
  defaultRulesDir,
  loadClassifierRules,
  loadLearnedModel,
  validateLearnedModel,
} from '../../src/content';
import { compileLearnedModel, createClassifier, type Lang, type LearnedModel } from '../../src/core';
import { scoreLearned } from '../../src/core/classifier/learnedLayer';
import { languagePack } from '../../src/core/classifier/languagePack';

const rules = loadClassifierRules();
const rulesOnly = createClassifier(rules);

/** A model of two labels, written by hand so that each weight's effect is plain. */
const handModel: LearnedModel = {
  lang: 'en',
  enabled: true,
  thresholds: { addCredited: 0.5, addEscalating: 0.9, veto: 0.1 },
  labels: {
    end_conversation: { bias: -4, weights: { 'w:secur': 6 } },
    defend: { bias: -3, weights: { 'r:defend': 6, 'w:email': -8 } },
    argue: { bias: -3, weights: { 'r:argue': 6, 'w:email': -8 } },
  },
};
const withHandModel = createClassifier(rules, { learned: { en: handModel } });

describe('the learned layer after the rules (a hand-written model)', () => {
  it.each([
    // reply, the rules alone, with the layer
    ["I'm going to ask security to come over.", [], ['end_conversation']],
    // Both escalating labels improbable, the words against them, eleven words: the veto takes the reply's escalation.
    ["You were booked for Tuesday, not Wednesday, it's in your email.", ['argue', 'defend'], []],
    ['What would help you most right now?', ['ask_question'], ['ask_question']],
  ])('"%s": rules %j, with the layer %j', (text, byRules, withLayer) => {
    expect(rulesOnly.classify(text, 'en').labels).toEqual(byRules);
    expect(withHandModel.classify(text, 'en').labels).toEqual(withLayer);
  });

  it("adds no escalating label under a frame the rule file names (a supporter's own story), and still adds elsewhere", () => {
    const couldntIsDefence = createClassifier(rules, {
      learned: { en: { ...handModel, labels: { defend: { bias: -4, weights: { 'w:couldnt': 8 } } } } },
    });
    expect(rules.en.learned?.noEscalatingAddsWith).toContain('own_story');
    expect(couldntIsDefence.classify("Sorry, we couldn't get the form in on time.", 'en').labels).toEqual(['defend']);
    const story = "When my dad passed I couldn't eat for weeks.";
    expect(rulesOnly.inspect(story, 'en').present.has('own_story')).toBe(true);
    expect(couldntIsDefence.classify(story, 'en').labels).toEqual([]);
  });

  it('adds an escalating label from its own threshold where the model file gives one, the others from addEscalating', () => {
    // p(defend) = 1 / (1 + e^-(−1.5 + 2)) = 0.62 on a reply with "couldn't": below 0.9, above 0.6.
    const weakDefence = { defend: { bias: -1.5, weights: { 'w:couldnt': 2 } } };
    const text = "Sorry, we couldn't get the form in on time.";
    const shared = createClassifier(rules, { learned: { en: { ...handModel, labels: weakDefence } } });
    const own = createClassifier(rules, {
      learned: {
        en: {
          ...handModel,
          thresholds: { ...handModel.thresholds, addEscalatingFor: { defend: 0.6 } },
          labels: weakDefence,
        },
      },
    });
    const never = createClassifier(rules, {
      learned: {
        en: {
          ...handModel,
          thresholds: { ...handModel.thresholds, addEscalating: 0.5, addEscalatingFor: { defend: null } },
          labels: weakDefence,
        },
      },
    });
    expect(rulesOnly.classify(text, 'en').labels).toEqual([]);
    expect(shared.classify(text, 'en').labels).toEqual([]);
    expect(own.classify(text, 'en').labels).toEqual(['defend']);
    expect(never.classify(text, 'en').labels).toEqual([]);
  });

  it('puts an added label after the rule labels and quotes the words that weighed most', () => {
    const c = withHandModel.classify('Sorry, I am going to ask security to come over.', 'en');
    expect(c.labels.at(-1)).toBe('end_conversation');
    expect(c.details.at(-1)).toEqual({
      id: 'end_conversation',
      evidence: [{ ruleId: 'en.learned.end_conversation', start: 25, end: 33, quote: 'security', probability: 0.88 }],
    });
  });

  it('vetoes the whole reply or nothing: while the words carry one escalating label, the others stand', () => {
    const argueStands = createClassifier(rules, {
      learned: { en: { ...handModel, labels: { defend: handModel.labels.defend } } },
    });
    const text = "You were booked for Tuesday, not Wednesday, it's in your email.";
    expect(argueStands.classify(text, 'en').labels).toEqual(['argue', 'defend']);
    expect(argueStands.classify(text, 'en').overruled).toBeUndefined();
  });

  it('never overrules a reply under ten words: the rules are trusted on a short jab', () => {
    // Nine words, argue by the rules; the hand model's weights against it would veto it in a longer reply.
    const text = 'You were booked for Tuesday, not Wednesday, see email.';
    expect(rulesOnly.classify(text, 'en').labels).toEqual(['argue']);
    expect(withHandModel.classify(text, 'en').labels).toEqual(['argue']);
    expect(withHandModel.classify(`${text} Thanks`, 'en').labels).toEqual([]);
  });

  it('keeps a dropped label as overruled, with the rule that matched and the words against it', () => {
    const c = withHandModel.classify("You were booked for Tuesday, not Wednesday, it's in your email.", 'en');
    expect(c.overruled).toHaveLength(2);
    expect(c.overruled![1]).toMatchObject({
      id: 'defend',
      probability: 0.01,
      against: { ruleId: 'en.learned.not-defend', quote: 'email' },
    });
    expect(c.overruled![0].evidence.length).toBeGreaterThan(0);
  });

  it('takes ask_question away when it adds argue: a question read as argue is rhetorical (learned.cancelledByAdds)', () => {
    // A hand model that reads "hoping" as argue (p = 0.98): the question rules exclude argue, so the question goes.
    const hopingIsArgue = createClassifier(rules, {
      learned: {
        en: {
          ...handModel,
          labels: { ask_question: { bias: 0, weights: {} }, argue: { bias: -4, weights: { 'w:hope': 8 } } },
        },
      },
    });
    const text = 'Which bus were you hoping to catch this morning?';
    expect(rules.en.learned?.cancelledByAdds?.ask_question).toEqual(['argue', 'counter_aggression']);
    expect(rulesOnly.classify(text, 'en').labels).toEqual(['ask_question']);
    const c = hopingIsArgue.classify(text, 'en');
    expect(c.labels).toEqual(['argue']);
    expect(c.overruled).toEqual([
      {
        id: 'ask_question',
        probability: 0.5, // the hand model's ask_question: bias 0, no words
        evidence: rulesOnly.classify(text, 'en').details[0].evidence,
        cancelledBy: 'argue',
        against: { ruleId: 'en.learned.argue', start: 19, end: 25, quote: 'hoping' },
      },
    ]);
    // A label the rule file does not list is never taken away: the hand model adds end_conversation beside it.
    const alsoSecurity = 'Which security guard were you hoping to see this morning?';
    expect(withHandModel.classify(alsoSecurity, 'en').labels).toEqual(['ask_question', 'end_conversation']);
  });

  it('never drops a credited label, and a model that is switched off changes nothing', () => {
    const off = createClassifier(rules, { learned: { en: { ...handModel, enabled: false } } });
    const veto = createClassifier(rules, {
      learned: { en: { ...handModel, labels: { ask_question: { bias: -9, weights: {} } } } },
    });
    for (const text of ["I'm going to ask security to come over.", 'What would help you most right now?']) {
      expect(off.classify(text, 'en')).toEqual(rulesOnly.classify(text, 'en'));
      expect(veto.classify(text, 'en').labels).toEqual(rulesOnly.classify(text, 'en').labels);
    }
  });

  it('is deterministic: the same reply gives the same classification, in any order and any classifier', () => {
    const texts = ["You were booked for Tuesday, not Wednesday, it's in your email.", "I'm going to ask security."];
    const first = texts.map((t) => withHandModel.classify(t, 'en'));
    const again = createClassifier(rules, { learned: { en: handModel } });
    expect([...texts].reverse().map((t) => again.classify(t, 'en'))).toEqual([...first].reverse());
  });
});

/** The shipped models with the layer switched on, whatever their files say (the switch is decided by CV). */
const shippedOn = createClassifier(rules, {
  learned: Object.fromEntries(
    (['nl', 'en'] as const).map((lang) => [lang, { ...loadLearnedModel(defaultRulesDir(), lang)!, enabled: true }]),
  ),
});

describe('the shipped models, switched on: where the layer adds a label, and where it may not', () => {
  it.each<[Lang, string, string[], string[]]>([
    // No rule for this question (a genuine "why" about the cause); the words carry it.
    ['en', 'Why do you think the letter never reached you?', [], ['ask_question']],
    // No rule for this ending; the words carry it.
    ['nl', 'Ik beëindig deze chat nu, na drie waarschuwingen over uw woorden.', [], ['end_conversation']],
    // ... but not under a frame the rule file holds it from: a call made for the customer is help, not an ending
    // (rules/nl.yaml learned.noAddsWith; the words alone read 0.82 as end_conversation).
    ['nl', 'Ik bel nu de afdeling betalingen voor u.', [], []],
    // A reply the rules found escalating earns no credit from the layer (the words read 0.94 as acknowledgement).
    ['en', "That's your own fault, you should have called earlier.", ['argue'], ['argue']],
    // An escalating label the words carry clearly (above 0.9), here blame passed to someone else: a contractor, the
    // customer's own manager.
    ['nl', 'Onze schoonmaakfirma heeft de bus zo achtergelaten, dat hoorden wij pas een uur geleden.', [], ['defend']],
    ['en', "We just process what your manager sends us, so it's really on them.", [], ['defend']],
    // The veto: a kind reply the rules misread (replies from the kind corpora) loses the escalating label ...
    [
      'en',
      "The renewal didn't go through because the system was down last night. I'll renew it for you now.",
      ['defend'],
      [],
    ],
    ['nl', 'Je mag de oefeningen ook op de bank doen hoor, hoeft niet op de grond.', ['defend'], []],
    // ... except a label a firm rule gave: blame named on the customer outright stands, however the words around it read.
    ['nl', 'Het is echt uw eigen fout dat de termijn verlopen is.', ['argue'], ['argue']],
    // ... but never a short jab (under ten words the rules are trusted) ...
    ['en', 'We warned you about this in March.', ['argue'], ['argue']],
    // ... and while the words carry one escalating label, the rules' others stand with it.
    ['en', "You were booked for Tuesday, not Wednesday, it's in your email.", ['argue', 'defend'], ['argue', 'defend']],
  ])('%s "%s": rules %j, with the layer %j', (lang, text, byRules, withLayer) => {
    expect(rulesOnly.classify(text, lang).labels).toEqual(byRules);
    const c = shippedOn.classify(text, lang);
    expect(c.labels).toEqual(withLayer);
    for (const d of c.details.filter((x) => x.evidence[0].ruleId.includes('.learned.')))
      expect(d.evidence[0].ruleId).toBe(`${lang}.learned.${d.id}`);
  });
});

describe('model files are validated like the rule files', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(defaultRulesDir(), LEARNED_SCHEMA_FILE), 'utf8')) as object;
  const shipped = (lang: Lang) =>
    JSON.parse(fs.readFileSync(path.join(defaultRulesDir(), `learned-${lang}.json`), 'utf8')) as LearnedModel;

  it('accepts both shipped model files', () => {
    for (const lang of ['nl', 'en'] as const)
      expect(validateLearnedModel(shipped(lang), `learned-${lang}.json`, schema, lang)).toEqual([]);
  });

  it.each<[string, (m: LearnedModel) => unknown, string]>([
    [
      'a bias that is not a number',
      (m) => ({ ...m, labels: { listen: { bias: 'high', weights: {} } } }),
      'labels.listen.bias',
    ],
    ['an unknown label', (m) => ({ ...m, labels: { shout_back: { bias: 0, weights: {} } } }), 'labels.shout_back'],
    ['a threshold above 1', (m) => ({ ...m, thresholds: { ...m.thresholds, veto: 1.5 } }), 'thresholds.veto'],
    [
      'a threshold of its own for a credited label',
      (m) => ({ ...m, thresholds: { ...m.thresholds, addEscalatingFor: { listen: 0.5 } } }),
      'thresholds.addEscalatingFor',
    ],
    [
      'a feature name the layer never produces',
      (m) => ({ ...m, labels: { listen: { bias: 0, weights: { 'x:ja': 1 } } } }),
      'labels.listen.weights.x:ja',
    ],
    ['no switch', (m) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'enabled')), 'enabled'],
    ['the other language', (m) => ({ ...m, lang: 'en' }), 'lang'],
  ])('rejects a model with %s, naming the field', (_what, breakIt, field) => {
    const problems = validateLearnedModel(breakIt(shipped('nl')), 'learned-nl.json', schema, 'nl');
    expect(problems.join('\n')).toContain(`learned-nl.json: ${field}`);
  });

  it('names the file when it is not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'learned-'));
    fs.copyFileSync(path.join(defaultRulesDir(), LEARNED_SCHEMA_FILE), path.join(dir, LEARNED_SCHEMA_FILE));
    fs.writeFileSync(path.join(dir, 'learned-nl.json'), '{ "lang": ');
    expect(() => loadLearnedModel(dir, 'nl')).toThrow(/learned-nl\.json: \(json\)/);
  });
});

describe('scoring from the tokens is scoring by the feature names the trainer learns from', () => {
  it.each<[Lang, string]>([
    ['en', "You were booked for Tuesday, not Wednesday, it's in your email. Sorry!"],
    ['en', 'Why do you think the form was sent back? Was it the signature?'],
    ['nl', 'Het is niet mijn beslissing, de keuringsarts heeft u afgewezen en daar ga ik niet over.'],
    ['nl', 'Vertelt u maar, ik luister. Wat is er precies gebeurd?'],
  ])('%s "%s"', (lang, text) => {
    const model = compileLearnedModel({ ...loadLearnedModel(defaultRulesDir(), lang)!, enabled: true });
    const names = rulesOnly.learningFeatures(text, lang);
    const byNames = model.labels.map((_, i) => {
      let z = model.bias[i];
      for (const name of names) {
        const ws = model.weights.get(name);
        if (ws) for (let k = 0; k < ws.length; k += 2) if (ws[k] === i) z += ws[k + 1];
      }
      return 1 / (1 + Math.exp(-z));
    });
    const tokens = languagePack(lang).tokenize(text);
    const fromTokens = scoreLearned(model, tokens, rulesOnly.classify(text, lang).labels, false);
    expect([...fromTokens.p].map((p) => p.toFixed(12))).toEqual(byNames.map((p) => p.toFixed(12)));
  });
});
