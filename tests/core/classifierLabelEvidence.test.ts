import { describe, expect, it } from 'vitest';
import { labelsWithEvidence } from '../../src/core/classifier/labelEvidence';
import type { RuleHit } from '../../src/core/classifier/matcher';

const text = 'Ik snap het. Wat is er gebeurd? Ik snap het echt.';
const hit = (ruleId: string, name: string, quote: string, from = 0): RuleHit => {
  const start = text.indexOf(quote, from);
  return { ruleId, name, start, end: start + quote.length, t0: 0, t1: 1 };
};

describe('labels with evidence', () => {
  it('orders labels by their first evidence and quotes the text', () => {
    const { labels, details } = labelsWithEvidence(
      [hit('nl.ask', 'ask_question', 'Wat is er gebeurd?'), hit('nl.ack', 'acknowledge_emotion', 'Ik snap het')],
      text,
    );
    expect(labels).toEqual(['acknowledge_emotion', 'ask_question']);
    expect(details[0].evidence).toEqual([{ ruleId: 'nl.ack', start: 0, end: 11, quote: 'Ik snap het' }]);
  });

  it('leaves out features, which are not technique ids', () => {
    expect(labelsWithEvidence([hit('nl.when', 'when', 'gebeurd')], text).labels).toEqual([]);
  });

  it('keeps one quote per overlapping match of the same rule, in text order', () => {
    const { details } = labelsWithEvidence(
      [
        hit('nl.ack', 'acknowledge_emotion', 'Ik snap het echt', 13),
        hit('nl.ack', 'acknowledge_emotion', 'snap het echt', 13),
        hit('nl.ack', 'acknowledge_emotion', 'Ik snap het'),
      ],
      text,
    );
    expect(details[0].evidence.map((e) => e.quote)).toEqual(['Ik snap het', 'Ik snap het echt']);
  });

  it('keeps at most five quotes per label', () => {
    const many = ['Ik', 'snap', 'het', 'Wat', 'is', 'er'].map((w, i) => hit(`nl.r${i}`, 'listen', w));
    expect(labelsWithEvidence(many, text).details[0].evidence).toHaveLength(5);
  });
});
