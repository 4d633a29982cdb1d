import { describe, expect, it } from 'vitest';
import { explainVerdict, type Classification, type Lang, type TechniqueId } from '../../src/core';
import { shippedClassifier } from '../support/shippedContent';

type Judged = Pick<Classification, 'labels' | 'details' | 'signals'>;

/** A classification as the classifier would give it, with one rule per label (offsets of the quote). */
function judged(text: string, hits: [TechniqueId, string][], signals: Partial<Judged['signals']> = {}): Judged {
  return {
    labels: hits.map(([id]) => id),
    details: hits.map(([id, quote]) => ({
      id,
      evidence: [{ ruleId: `x.${id}`, quote, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length }],
    })),
    signals: { shouting: false, question: text.includes('?'), wordCount: text.split(/\s+/).length, ...signals },
  };
}

const missing = (parts: { present: boolean; text: string }[]) => parts.filter((p) => !p.present).map((p) => p.text);

describe('explainVerdict: what was almost there', () => {
  const cases: {
    lang: Lang;
    text: string;
    customerLine: string;
    hits: [TechniqueId, string][];
    signals?: Partial<Judged['signals']>;
    nearMiss: TechniqueId;
    missing: string[];
  }[] = [
    {
      lang: 'nl',
      text: 'Ik bel u terug.',
      customerLine: 'Mijn uitkering is weer niet overgemaakt!',
      hits: [],
      nearMiss: 'make_agreement',
      missing: ['een tijd'],
    },
    {
      lang: 'en',
      text: "I'll call you back.",
      customerLine: 'My refund never arrived!',
      hits: [],
      nearMiss: 'make_agreement',
      missing: ['a time'],
    },
    {
      lang: 'nl',
      text: 'Dus als ik het goed begrijp, bent u het zat.',
      customerLine: 'Mijn uitkering is weer niet overgemaakt!',
      hits: [],
      nearMiss: 'summarize',
      missing: ['het eigen probleem van de klant herhaald'],
    },
    {
      lang: 'en',
      text: 'So, if I understand you, it has been a long week.',
      customerLine: 'My refund never arrived!',
      hits: [],
      nearMiss: 'summarize',
      missing: ["the customer's own problem restated"],
    },
    {
      lang: 'nl',
      text: 'Contant uitbetalen kan hier niet.',
      customerLine: 'Ik wil mijn geld nu!',
      hits: [],
      nearMiss: 'explain_limits',
      missing: ['wat wel kan'],
    },
    {
      lang: 'en',
      text: "We can't pay out in cash here.",
      customerLine: 'I want my money now!',
      hits: [],
      nearMiss: 'explain_limits',
      missing: ['what can be done instead'],
    },
  ];
  it.each(cases)('$lang "$text": $nearMiss misses $missing', (c) => {
    const why = explainVerdict({
      lang: c.lang,
      text: c.text,
      customerLine: c.customerLine,
      classification: judged(c.text, c.hits, c.signals),
    });
    const nearMiss = why.nearMisses.find((n) => n.id === c.nearMiss);
    expect(nearMiss, JSON.stringify(why.nearMisses)).toBeDefined();
    expect(missing(nearMiss!.parts)).toEqual(c.missing);
  });

  it('credits a complete move without calling it a near miss, and names the part that is there', () => {
    const text = 'Dus uw uitkering is niet overgemaakt.';
    const why = explainVerdict({
      lang: 'nl',
      text,
      customerLine: 'Mijn uitkering is niet overgemaakt!',
      classification: judged(text, [['summarize', 'Dus uw']]),
    });
    expect(why.credited.map((c) => c.id)).toEqual(['summarize']);
    expect(why.credited[0].parts.every((p) => p.present)).toBe(true);
    expect(why.credited[0].parts.find((p) => p.id === 'customerWords')?.quote).toContain('uitkering');
    expect(why.nearMisses.map((n) => n.id)).not.toContain('summarize');
  });

  it('finds no near miss in an escalating reply: the jab comes first', () => {
    const text = 'Dus u had beter moeten opletten, ik bel u niet terug.';
    const why = explainVerdict({
      lang: 'nl',
      text,
      customerLine: 'Mijn uitkering!',
      classification: judged(text, [['argue', 'had beter moeten opletten']]),
    });
    expect(why.nearMisses).toEqual([]);
    expect(why.labels[0]).toMatchObject({ id: 'argue', polarity: 'escalating' });
  });

  it('names no near miss for a listening turn: any short reply would be one', () => {
    const text = 'Hm.';
    const why = explainVerdict({ lang: 'en', text, classification: judged(text, []) });
    expect(why.nearMisses.map((n) => n.id)).not.toContain('listen');
  });
});

describe('explainVerdict: which rule fired on which words (the shipped rules)', () => {
  const replies: [Lang, string][] = [
    ['nl', 'Ik begrijp dat u boos bent. Ik bel u morgen om tien uur terug.'],
    ['en', 'I can see you are upset. I will call you tomorrow at ten.'],
    ['nl', 'Rustig aan, zo erg is het niet.'],
    ['en', 'Calm down, it is not that bad.'],
  ];
  it.each(replies)('%s "%s": every label has a rule and its quote sits at its offsets', (lang, text) => {
    const classification = shippedClassifier.classify(text, lang);
    const why = explainVerdict({ lang, text, classification });
    expect(why.labels.map((l) => l.id)).toEqual(classification.labels);
    expect(why.labels.length).toBeGreaterThan(0);
    for (const label of why.labels) {
      expect(label.rules.length).toBeGreaterThan(0);
      for (const rule of label.rules) {
        expect(rule.ruleId).toMatch(new RegExp(`^${lang}\\.`));
        expect(classification.text.slice(rule.start, rule.end)).toBe(rule.quote);
      }
    }
  });
});
