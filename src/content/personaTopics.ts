/**
 * Checks a persona's topics, offer items and deadline beyond what the schema can: cues and answers
 * in both languages, every fact a line uses defined, cue patterns that compile with the rule
 * files' lexicons, and the facts the shared topics in common.yaml need. Problems name file and field.
 */
import {
  LANGS,
  RuleSetError,
  TOPIC_LINE_KEYS,
  cuesFor,
  topicsOf,
  weekdayOf,
  type CommonLines,
  type Lang,
  type Persona,
  type TopicLineKey,
} from '../core';
import type { PersonaProblem } from './personaProblem';

/** Fewest topics of its own a persona with topics has (the shared ones come on top). */
export const MIN_OWN_TOPICS = 8;

/** Placeholders the engine fills in the shared answer lines, besides the persona's facts (the lint reads it too). */
export const TOPIC_LINE_VALUES: Record<TopicLineKey, readonly string[]> = {
  unknown: [],
  repeated: ['fact'],
  corrected: ['wrong', 'right'],
  agreementQuoted: ['when'],
  pastDeadline: ['when', 'deadline'],
  askBack: [],
};

/** A `{name}` placeholder in a persona line. */
export const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

export function checkTopics(file: string, persona: Persona, common: CommonLines): PersonaProblem[] {
  const own = persona.topics ?? [];
  const offers = persona.offers ?? [];
  if (own.length === 0 && offers.length === 0 && !persona.deadline) return [];
  const problems: PersonaProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file, field, message });
  const facts = persona.slots;
  const checkLine = (field: string, text: string, lang: Lang, extra: readonly string[] = []) => {
    for (const name of placeholders(text)) {
      if (!extra.includes(name) && !(name in facts[lang]))
        problem(field, `fact {${name}} is not defined in slots.${lang}`);
    }
  };

  if (own.length > 0 && own.length < MIN_OWN_TOPICS) {
    problem('topics', `${own.length} topics; a persona with topics has at least ${MIN_OWN_TOPICS} of its own`);
  }
  const duplicate = (ids: string[], field: string) =>
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) problem(`${field}.${i}.id`, `duplicate id "${id}"`);
    });
  duplicate(
    own.map((t) => t.id),
    'topics',
  );
  duplicate(
    offers.map((o) => o.id),
    'offers',
  );

  own.forEach((topic, i) => {
    const shared = common.topics?.some((t) => t.id === topic.id);
    for (const lang of LANGS) {
      if (!(topic.fact in facts[lang]))
        problem(`topics.${i}.fact`, `fact "${topic.fact}" is not defined in slots.${lang}`);
      if (!shared && (topic.cues?.[lang].length ?? 0) === 0)
        problem(`topics.${i}.cues.${lang}`, 'missing: a topic needs cues in both languages');
      for (const [band, lines] of Object.entries(topic.answers[lang]))
        lines.forEach((line, j) => checkLine(`topics.${i}.answers.${lang}.${band}.${j}`, line, lang));
    }
  });
  // A shared topic the persona does not override answers with the persona's facts: they must exist.
  if (own.length > 0) {
    for (const topic of common.topics ?? []) {
      if (own.some((t) => t.id === topic.id)) continue;
      for (const lang of LANGS) {
        const needed = new Set([topic.fact, ...Object.values(topic.answers[lang]).flat().flatMap(placeholders)]);
        for (const name of needed) {
          if (!(name in facts[lang]))
            problem(`slots.${lang}.${name}`, `missing: the shared topic "${topic.id}" in common.yaml uses this fact`);
        }
      }
    }
  }
  offers.forEach((offer, i) => {
    for (const lang of LANGS)
      offer.answers[lang].forEach((line, j) => checkLine(`offers.${i}.answers.${lang}.${j}`, line, lang));
    if (offer.checkDeadline && !persona.deadline)
      problem(`offers.${i}.checkDeadline`, 'needs a deadline (deadline.today and deadline.before)');
  });
  if (persona.deadline) {
    for (const key of ['today', 'before'] as const) {
      const fact = persona.deadline[key];
      for (const lang of LANGS) {
        const values = facts[lang][fact];
        if (!values) problem(`deadline.${key}`, `fact "${fact}" is not defined in slots.${lang}`);
        else
          values.forEach((value, j) => {
            if (weekdayOf(value, lang) === undefined)
              problem(`slots.${lang}.${fact}.${j}`, `"${value}" is not a weekday, and deadline.${key} needs one`);
          });
      }
    }
  }
  for (const lang of LANGS) {
    for (const key of TOPIC_LINE_KEYS) {
      persona.topicLines?.[lang]?.[key]?.forEach((line, j) =>
        checkLine(`topicLines.${lang}.${key}.${j}`, line, lang, TOPIC_LINE_VALUES[key]),
      );
    }
  }

  // Cues compile with the rule files' lexicons; a bad pattern names its topic or offer field.
  const fields = new Map<string, string>();
  topicsOf(persona, common).forEach((topic) => {
    const index = own.findIndex((t) => t.id === topic.id);
    for (const lang of LANGS)
      topic.cues?.[lang].forEach((_, j) =>
        fields.set(
          `${lang}:topic.${topic.id}.${j}`,
          index >= 0 ? `topics.${index}.cues.${lang}.${j}` : `common.yaml topics (${topic.id}).cues.${lang}.${j}`,
        ),
      );
  });
  offers.forEach((offer, i) => {
    for (const lang of LANGS)
      offer.cues[lang].forEach((_, j) => fields.set(`${lang}:offer.${offer.id}.${j}`, `offers.${i}.cues.${lang}.${j}`));
  });
  for (const lang of LANGS) {
    try {
      cuesFor(persona, common, lang);
    } catch (e) {
      if (!(e instanceof RuleSetError)) throw e;
      const id = /\(([^)]+)\)/.exec(e.message)?.[1] ?? '';
      const reason = e.message.replace(/^.*?\)\S*: /, '');
      problem(fields.get(`${lang}:${id}`) ?? `topics.cues.${lang}`, `cue does not compile: ${reason}`);
    }
  }
  return problems;
}

/** Placeholders the shared answer lines in common.yaml may use (for the common.yaml check). */
export function checkCommonTopicLines(file: string, common: CommonLines): PersonaProblem[] {
  const problems: PersonaProblem[] = [];
  for (const lang of LANGS) {
    for (const key of TOPIC_LINE_KEYS) {
      common.topicLines?.[lang][key].forEach((line, j) => {
        for (const name of placeholders(line)) {
          if (!TOPIC_LINE_VALUES[key].includes(name))
            problems.push({
              file,
              field: `topicLines.${lang}.${key}.${j}`,
              message: `{${name}} is not filled here; this line may use ${TOPIC_LINE_VALUES[key].map((v) => `{${v}}`).join(' ') || 'no placeholders'}`,
            });
        }
      });
    }
    for (const topic of common.topics ?? []) {
      if ((topic.cues?.[lang].length ?? 0) === 0)
        problems.push({
          file,
          field: `topics.${topic.id}.cues.${lang}`,
          message: 'missing: a topic needs cues in both languages',
        });
    }
  }
  return problems;
}
