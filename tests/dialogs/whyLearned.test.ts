/**
 * `/why` on a verdict the learned layer changed: a label no rule gave names the words that weighed most and how sure
 * the model was; a rule label the layer did not count says which rule matched and why it was not counted.
 */
import { describe, expect, it } from 'vitest';
import { renderWhy } from '../../dialogs/whyMessage';
import { loadClassifierRules } from '../../src/content';
import { createClassifier, explainVerdict, type Lang, type LearnedModel } from '../../src/core';

/** Hand-written models (features are stems): "security"/"beveiliging" reads as ending, "email"/"mail" reads against defend. */
const model = (lang: Lang, words: { ending: string; against: string }): LearnedModel => ({
  lang,
  enabled: true,
  thresholds: { addCredited: 0.5, addEscalating: 0.9, veto: 0.1 },
  labels: {
    end_conversation: { bias: -4, weights: { [`w:${words.ending}`]: 6 } },
    defend: { bias: -3, weights: { 'r:defend': 6, [`w:${words.against}`]: -8 } },
  },
});
const classifier = createClassifier(loadClassifierRules(), {
  learned: {
    nl: model('nl', { ending: 'beveil', against: 'mail' }),
    en: model('en', { ending: 'secur', against: 'email' }),
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
});
