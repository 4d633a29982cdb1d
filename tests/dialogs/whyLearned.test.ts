/**
 * `/why` on a verdict the learned layer changed: a label no rule gave names the words that weighed most and how sure
 * the model was; a rule label the layer did not count says which rule matched and why it was not counted.
 */
import { describe, expect, it } from 'vitest';
import { renderWhy } from '../../dialogs/whyMessage';
import { loadClassifierRules } from '../../src/content';
import { createClassifier, explainVerdict, type Lang, type LearnedModel } from '../../src/core';

/**
 * Hand-written models (features are stems): "security"/"beveiliging" reads as ending, "email"/"mail" reads against
 * defend, "hoping"/"hoopte" reads as argue.
 */
const model = (lang: Lang, words: { ending: string; against: string; argue: string }): LearnedModel => ({
  lang,
  enabled: true,
  thresholds: { addCredited: 0.5, addEscalating: 0.9, veto: 0.1 },
  labels: {
    end_conversation: { bias: -4, weights: { [`w:${words.ending}`]: 6 } },
    defend: { bias: -3, weights: { 'r:defend': 6, [`w:${words.against}`]: -8 } },
    argue: { bias: -4, weights: { 'r:argue': 8, [`w:${words.argue}`]: 8 } },
    ask_question: { bias: 0, weights: {} },
  },
});
const classifier = createClassifier(loadClassifierRules(), {
  learned: {
    nl: model('nl', { ending: 'beveil', against: 'mail', argue: 'hoopt' }),
    en: model('en', { ending: 'secur', against: 'email', argue: 'hope' }),
  },
});

const why = (lang: Lang, text: string) =>
  renderWhy(explainVerdict({ lang, text, classification: classifier.classify(text, lang) }), 1);

describe('/why on the learned layer', () => {
  it.each([
    [
      'en',
      "I'm going to ask security to come over.",
      /no rule, but the reply as a whole reads as this technique \(certainty 88%\); “security” weighed most \(`en\.learned\.end_conversation`\)/,
    ],
    [
      'nl',
      'De beveiliging komt zo even kijken.',
      /geen regel, maar de zin als geheel leest als deze techniek \(zekerheid 88%\); het zwaarst woog “beveiliging” \(`nl\.learned\.end_conversation`\)/,
    ],
  ] as const)('%s: a label no rule gave names the words that weighed most', (lang, text, expected) => {
    expect(why(lang, text)).toMatch(expected);
  });

  it.each([
    [
      'en',
      'It is not down to us, we sent it on time, it is all in your email.',
      /⚪ Not counted: \*\*[^*]+\*\*\. Rule `en\.[a-z.-]+` matched “[^”]+”, but the reply as a whole does not read that way \(certainty 1%\); “email” weighed most against it, so it was not counted\./,
    ],
    [
      'nl',
      'Het ligt niet aan ons, wij hebben het op tijd verstuurd, dat staat in uw mail.',
      /⚪ Niet meegeteld: \*\*[^*]+\*\*\. Regel `nl\.[a-z.-]+` paste op “[^”]+”, maar de zin als geheel leest niet zo \(zekerheid 1%\); het zwaarst daartegen woog “mail”\. Daarom telt het niet mee\./,
    ],
  ] as const)('%s: a rule label the layer did not count says which rule matched and why', (lang, text, expected) => {
    expect(classifier.classify(text, lang).overruled?.map((o) => o.id)).toEqual(['defend']);
    expect(why(lang, text)).toMatch(expected);
  });

  it.each([
    [
      'en',
      'Which bus were you hoping to catch this morning?',
      /⚪ Not counted: \*\*[^*]+\*\*\. Rule `en\.ask\.[a-z-]+` matched “[^”]+”, but the reply as a whole reads as \*\*[^*]+\*\* \(“hoping” weighed most\): a rhetorical or sarcastic question does not count as [^.]+\./,
    ],
    [
      'nl',
      'Welke bus hoopte u vanochtend te halen?',
      /⚪ Niet meegeteld: \*\*[^*]+\*\*\. Regel `nl\.ask\.[a-z-]+` paste op “[^”]+”, maar de zin als geheel leest als \*\*[^*]+\*\* \(het zwaarst woog “hoopte”\): een retorische of sarcastische vraag telt niet als [^.]+\./,
    ],
  ] as const)('%s: a question the layer read as argue says so, and why it does not count', (lang, text, expected) => {
    const c = classifier.classify(text, lang);
    expect(c.labels).toEqual(['argue']);
    expect(c.overruled?.map((o) => [o.id, o.cancelledBy])).toEqual([['ask_question', 'argue']]);
    expect(why(lang, text)).toMatch(expected);
  });
});
