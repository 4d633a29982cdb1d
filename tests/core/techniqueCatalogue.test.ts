/**
 * The technique catalogue is the one place a technique is described: its ids must be the contract's
 * (techniques.md in the shared folder, and the rules schema's label list), and every table the product
 * shows is derived from it.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import {
  DE_ESCALATING,
  ESCALATING,
  HINT_TEXT,
  TECHNIQUES,
  TECHNIQUE_CATALOGUE,
  TECHNIQUE_NAMES,
  deEscalatingSpec,
  escalatingSpec,
  markedTechniqueName,
  techniqueNames,
  techniquesForStep,
} from '../../src/core/techniques';
import { PLAN_STEPS } from '../../src/core/report/planSteps';

const repoRoot = path.resolve(__dirname, '..', '..');

/** techniques.md lives in the shared folder beside the repository (a CI clone) or at /work/shared. */
function sharedTechniquesFile(): string {
  const candidates = [path.resolve(repoRoot, '..', 'shared', 'techniques.md'), '/work/shared/techniques.md'];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`techniques.md not found; looked at ${candidates.join(', ')}`);
  return found;
}

/** The ids of techniques.md: the first cell of each table row, in backticks. */
function contractIds(markdown: string): string[] {
  return [...markdown.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
}

describe('the catalogue ids are the contract', () => {
  it('equal the ids of techniques.md, in its order (de-escalating, then escalating)', () => {
    const ids = contractIds(readFileSync(sharedTechniquesFile(), 'utf8'));
    expect(ids).toHaveLength(14);
    expect([...TECHNIQUES]).toEqual(ids);
  });

  it("equal the label enums of rules/rules.schema.json (a rule's label; the labels the layer may hold or take away)", () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'rules', 'rules.schema.json'), 'utf8')) as {
      definitions: { rule: { properties: { label: { enum: string[] } } } };
      properties: {
        learned: {
          properties: {
            noAddsWith: { propertyNames: { enum: string[] } };
            cancelledByAdds: { propertyNames: { enum: string[] }; additionalProperties: { items: { enum: string[] } } };
          };
        };
      };
    };
    const learned = schema.properties.learned.properties;
    expect([...TECHNIQUES]).toEqual(schema.definitions.rule.properties.label.enum);
    expect([...TECHNIQUES]).toEqual(learned.noAddsWith.propertyNames.enum);
    expect([...TECHNIQUES]).toEqual(learned.cancelledByAdds.propertyNames.enum);
    expect([...TECHNIQUES]).toEqual(learned.cancelledByAdds.additionalProperties.items.enum);
  });

  it('equal the label enums of rules/learned.schema.json (every label; the escalating ones for own thresholds)', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'rules', 'learned.schema.json'), 'utf8')) as {
      properties: {
        labels: { propertyNames: { enum: string[] } };
        thresholds: { properties: { addEscalatingFor: { propertyNames: { enum: string[] } } } };
      };
    };
    expect([...TECHNIQUES]).toEqual(schema.properties.labels.propertyNames.enum);
    expect([...ESCALATING]).toEqual(schema.properties.thresholds.properties.addEscalatingFor.propertyNames.enum);
  });

  it('splits the ids by polarity the way techniques.md does', () => {
    const markdown = readFileSync(sharedTechniquesFile(), 'utf8');
    const escalatingPart = markdown.slice(markdown.indexOf('## Escalating'));
    expect([...ESCALATING]).toEqual(contractIds(escalatingPart));
    expect([...DE_ESCALATING, ...ESCALATING]).toEqual([...TECHNIQUES]);
  });
});

describe('every entry is complete', () => {
  it.each(TECHNIQUES)('%s has a name in both languages', (id) => {
    const { name } = TECHNIQUE_CATALOGUE[id];
    expect(name.nl.trim()).not.toBe('');
    expect(name.en.trim()).not.toBe('');
  });

  it.each(ESCALATING)('%s says why it hurts and offers better replies in both languages', (id) => {
    const spec = escalatingSpec(id);
    expect(spec.whyItHurts.nl).toMatch(/\.$/);
    expect(spec.whyItHurts.en).toMatch(/\.$/);
    expect(spec.betterReplies.nl.length).toBeGreaterThan(0);
    expect(spec.betterReplies.en).toHaveLength(spec.betterReplies.nl.length);
  });
});

describe('tables derived from the catalogue', () => {
  it('names, with unknown labels shown as they are', () => {
    expect(TECHNIQUE_NAMES.acknowledge_emotion).toEqual({ nl: 'emotie erkennen', en: 'acknowledging the emotion' });
    expect(techniqueNames(['summarize', 'not_a_technique'], 'en')).toEqual(['summarising', 'not_a_technique']);
  });

  it('marks credited and flagged moves differently, not by colour alone', () => {
    expect(markedTechniqueName('ask_question', 'nl')).toBe('✓ doorvragen');
    expect(markedTechniqueName('dismiss', 'en')).toBe('⚠ dismissing the feeling');
  });

  it('has one hint text for every key the hint logic can give, each pointing at a credited move', () => {
    expect(Object.keys(HINT_TEXT).sort()).toEqual(
      ['acknowledge', 'agree', 'ask', 'boundary', 'choices', 'close', 'stop', 'summarize', 'vent'].sort(),
    );
    const owners = DE_ESCALATING.filter((id) => 'stop' in deEscalatingSpec(id).hints);
    expect(owners).toEqual(['end_conversation']);
    expect(HINT_TEXT.stop.en).toContain('end the conversation');
  });

  it('ticks plan steps off by technique: choices count for "offer choices", and so does explaining limits', () => {
    expect(techniquesForStep('offerChoices')).toEqual(['offer_choice', 'explain_limits']);
    expect(techniquesForStep('acknowledge')).toEqual(['acknowledge_emotion']);
    expect(techniquesForStep('stopAndBreathe')).toEqual([]);
    for (const id of DE_ESCALATING) {
      const step = deEscalatingSpec(id).planStep;
      if (step !== null) expect(PLAN_STEPS).toContain(step);
    }
  });
});
