/**
 * The trainer of the learned layer (`npm run train:classifier`): it learns from tunable sets only, and retraining
 * reproduces the committed model files byte for byte (so a model file always says how it was made).
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import {
  defaultRulesDir,
  findRepoRoot,
  loadDefaultClassifier,
  loadLearnedModel,
  loadRulesOnlyClassifier,
} from '../../src/content';
import { compileLearnedModel, distinctWords, type TechniqueId } from '../../src/core';
import { EVAL_SETS, KIND_SETS, NeverTunedSetError, tunableSets } from '../../scripts/harness/classifierSets';
import {
  DECISION,
  TRAINING_SET_NAMES,
  decide,
  labelScores,
  sameThresholds,
  trainLanguage,
} from '../../scripts/harness/learnedTrainer';
import { trainingFolders } from '../../scripts/harness/trainingFolders';

describe('the trainer refuses the sets that only measure unseen text', () => {
  const never = [...EVAL_SETS, ...KIND_SETS].filter((s) => s.use === 'never').map((s) => s.name);

  it.each(never)('refuses %s', (name) => {
    expect(() => tunableSets(['tune', name])).toThrow(NeverTunedSetError);
    expect(() => tunableSets([name])).toThrow(`${name}: never tuned on`);
  });

  it('refuses a set the table does not know', () => {
    expect(() => tunableSets(['private-blind'])).toThrow(/not in the set table/);
  });

  it('trains on no never-tuned set by default', () => {
    expect(TRAINING_SET_NAMES.filter((n) => never.includes(n))).toEqual([]);
    expect(tunableSets(TRAINING_SET_NAMES).every((s) => s.use === 'tuned')).toBe(true);
  });
});

describe('thresholds compare by what they do', () => {
  const base = { addCredited: 0.8, addEscalating: 0.9, veto: 0.05 };

  it('counts an own threshold equal to the general one as no change, and key order as nothing', () => {
    expect(sameThresholds(base, { ...base, addEscalatingFor: { argue: 0.9 } })).toBe(true);
    expect(
      sameThresholds(
        { ...base, addEscalatingFor: { argue: 0.6, defend: 0.7 } },
        { ...base, addEscalatingFor: { defend: 0.7, argue: 0.6 } },
      ),
    ).toBe(true);
  });

  it('tells apart an own threshold, a credited add and a veto', () => {
    expect(sameThresholds(base, { ...base, addEscalatingFor: { counter_aggression: 0.6 } })).toBe(false);
    expect(sameThresholds(base, { ...base, addCredited: 0.7 })).toBe(false);
    expect(sameThresholds(base, { ...base, veto: null })).toBe(false);
  });
});

describe('retraining reproduces the committed model files', () => {
  const root = findRepoRoot();
  const rulesOnly = loadRulesOnlyClassifier();

  it.each(['nl', 'en'] as const)(
    'learned-%s.json: byte for byte, with the switch the fresh check decided',
    (lang) => {
      const trained = trainLanguage(lang, trainingFolders(root), rulesOnly);
      const committed = fs.readFileSync(path.join(root, 'rules', `learned-${lang}.json`), 'utf8');
      expect(trained.text === committed, 'retrain with `npm run train:classifier` and commit the files').toBe(true);
      expect((JSON.parse(committed) as { enabled: boolean }).enabled).toBe(DECISION.enabled[lang]);
    },
    180_000,
  );
});

describe("the trainer's figures come from the classifier's own decision (layerDecision)", () => {
  const rulesOnly = loadRulesOnlyClassifier();
  const withLayer = loadDefaultClassifier();
  const root = findRepoRoot();

  it.each(['en', 'nl'] as const)('%s: decide on the trainer side gives the labels the classifier gives', (lang) => {
    const model = compileLearnedModel(loadLearnedModel(defaultRulesDir(), lang)!);
    const files = ['probe-escalation', 'probe-kind', 'probe-constructions'].map((name) =>
      path.join(root, 'tests/fixtures/classifier', `${name}-${lang}.jsonl`),
    );
    const texts = files.flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );
    expect(texts.length).toBeGreaterThan(100);
    let changedByLayer = 0;
    for (const text of texts) {
      const { features, firm, heldLabels, cancelledBy } = rulesOnly.learningRow(text, lang);
      const ruleLabels = features.filter((f) => f.startsWith('r:')).map((f) => f.slice(2) as TechniqueId);
      const row = {
        ruleLabels,
        words: distinctWords(features),
        firm: new Set(firm),
        heldLabels: new Set(heldLabels),
        cancelledBy,
      };
      const byTrainer = decide(
        row,
        labelScores(model, { ...row, features, labels: null, group: '' }),
        model.thresholds,
      );
      const byClassifier = withLayer.classify(text, lang).labels;
      expect([...byTrainer].sort(), text).toEqual([...byClassifier].sort());
      if (byClassifier.join() !== ruleLabels.join()) changedByLayer++;
    }
    expect(changedByLayer).toBeGreaterThan(0); // the layer acted on some of them: the comparison means something
  });
});
