import { describe, expect, it } from 'vitest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { createClassifier } from '../../src/core/classifier';
import { defaultRulesDir, loadClassifierRules, validateRuleSet } from '../../src/content/classifierRules';
import { LANGS } from '../../src/core/techniques';

const rules = loadClassifierRules();
const classifier = createClassifier(rules);

for (const lang of LANGS) {
  describe(`rules/${lang}.yaml: every rule's examples and counter-examples`, () => {
    for (const rule of rules[lang].rules) {
      const name = (rule.label ?? rule.feature)!;
      it(`${rule.id} → ${rule.label ? name : `feature ${name}`}`, () => {
        expect(rule.examples?.length ?? 0, 'each rule needs at least one example').toBeGreaterThan(0);
        for (const text of rule.examples ?? []) {
          const found = classifier.inspect(text, lang);
          expect(
            found.present.has(name),
            `example should give ${name}: "${text}" (got ${[...found.present].join(', ') || 'nothing'})`,
          ).toBe(true);
        }
        for (const text of rule.counterExamples ?? []) {
          const found = classifier.inspect(text, lang);
          expect(found.present.has(name), `counter-example should not give ${name}: "${text}"`).toBe(false);
        }
      });
    }
  });
}

describe('rule file validation', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(defaultRulesDir(), 'rules.schema.json'), 'utf8')) as object;

  it('accepts both shipped rule files', () => {
    for (const lang of LANGS) {
      const data: unknown = parse(fs.readFileSync(path.join(defaultRulesDir(), `${lang}.yaml`), 'utf8'));
      expect(validateRuleSet(data, `${lang}.yaml`, schema)).toEqual([]);
    }
  });

  it.each([
    ['unknown label', { id: 'nl.x.y', label: 'shout_back', description: 'broken rule', pattern: 'a' }, 'rules.0.label'],
    ['missing pattern', { id: 'nl.x.y', label: 'listen', description: 'broken rule' }, 'rules.0.pattern'],
    ['bad id', { id: 'Listen rule', label: 'listen', description: 'broken rule', pattern: 'a' }, 'rules.0.id'],
    [
      'unknown field',
      { id: 'nl.x.y', label: 'listen', description: 'broken rule', pattern: 'a', regex: '.*' },
      'rules.0.regex',
    ],
  ])('rejects a rule with %s, naming the field', (_what, rule, field) => {
    const data = { lang: 'nl', lexicons: { a: ['b'] }, rules: [rule] };
    const problems = validateRuleSet(data, 'nl.yaml', schema);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(`nl.yaml: ${field}`);
  });

  it('loadClassifierRules throws an error naming the file and the field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-'));
    try {
      fs.copyFileSync(path.join(defaultRulesDir(), 'rules.schema.json'), path.join(dir, 'rules.schema.json'));
      fs.copyFileSync(path.join(defaultRulesDir(), 'en.yaml'), path.join(dir, 'en.yaml'));
      fs.writeFileSync(
        path.join(dir, 'nl.yaml'),
        'lang: nl\nlexicons:\n  a: [b]\nrules:\n  - id: nl.listen.broken\n    label: listen\n    description: no pattern here\n',
      );
      expect(() => loadClassifierRules(dir)).toThrow(/nl\.yaml: rules\.0\.pattern/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('createClassifier names the rule and field of a pattern error', () => {
    const broken = structuredClone(rules);
    broken.nl.rules = [
      { id: 'nl.test.bad', label: 'listen', description: 'uses a missing lexicon', pattern: '@nosuchlist' },
    ];
    expect(() => createClassifier(broken)).toThrow(/nl\.test\.bad.*pattern\[0\].*@nosuchlist/);
  });
});
