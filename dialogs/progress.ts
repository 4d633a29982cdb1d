import {
  DE_ESCALATING,
  TECHNIQUE_NAMES,
  deEscalatingSpec,
  escapeMarkdown,
  type Lang,
  type Report,
  type TechniqueId,
} from '../src/core';
import type { SessionRecord } from '../src/core';
import type { ProgressEntry } from './practiceState';

/** How many finished role-plays `/progress` keeps per user. */
export const PROGRESS_KEPT = 20;

/** A finished role-play's scores, with its title and the content versions it ran on (from its record). */
export function progressEntry(
  report: Report,
  finishedAt: Date,
  id: string,
  record: Pick<SessionRecord, 'persona' | 'versions'>,
): ProgressEntry {
  return {
    id,
    finishedAt: finishedAt.toISOString(),
    personaId: report.personaId,
    lang: report.lang,
    difficulty: report.difficulty,
    outcome: report.outcome,
    score: report.score,
    turns: report.measures.traineeTurns,
    techniqueCounts: report.techniqueCounts,
    title: record.persona.title,
    versions: record.versions,
  };
}

export function keepRecent(history: readonly ProgressEntry[], now: Date, retentionDays: number): ProgressEntry[] {
  const cutoff = now.getTime() - retentionDays * 24 * 60 * 60 * 1000;
  return history.filter((e) => Date.parse(e.finishedAt) >= cutoff).slice(-PROGRESS_KEPT);
}

const OUTCOME_SHORT: Record<ProgressEntry['outcome'], Record<Lang, string>> = {
  resolved: { nl: 'opgelost', en: 'resolved' },
  walked_out: { nl: 'weggelopen', en: 'walked out' },
  ended_by_trainee: { nl: 'door u beëindigd', en: 'ended by you' },
  stopped: { nl: 'gestopt', en: 'stopped' },
};

/** The credited techniques `/progress` talks about (the catalogue says which, and how). */
const DE_ESCALATING_SHOWN = DE_ESCALATING.filter((id) => deEscalatingSpec(id).progress !== 'never');

/**
 * `/progress` as Markdown: the last sessions as a list (each with its scenario's title), then the trend and the
 * techniques used often or rarely, each a paragraph of its own (single line breaks would run them together).
 * An entry shows the title it was played under; `titleOf` gives one for older entries (the scenario's title in
 * `lang` today); a scenario that is gone shows its id.
 */
export function describeProgress(
  history: readonly ProgressEntry[],
  lang: Lang,
  titleOf: (personaId: string) => string | undefined,
): string {
  const recent = history.slice(-5);
  const sessions: string[] = [lang === 'nl' ? '**Uw laatste oefeningen**' : '**Your recent practice**'];
  for (const entry of recent) {
    const title = escapeMarkdown(entry.title?.[lang] ?? titleOf(entry.personaId) ?? entry.personaId);
    sessions.push(
      `- ${entry.finishedAt.slice(0, 10)} · ${title} · ${entry.score}/100 · ${OUTCOME_SHORT[entry.outcome][lang]}`,
    );
  }
  const paragraphs: string[] = [sessions.join('\n')];
  const scores = history.map((e) => e.score);
  if (scores.length >= 2) {
    const half = Math.floor(scores.length / 2);
    const average = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    const before = average(scores.slice(0, half));
    const after = average(scores.slice(half));
    const trend = after > before ? '↗' : after < before ? '↘' : '→';
    paragraphs.push(
      lang === 'nl' ? `Trend: ${trend} gemiddeld ${before} → ${after}` : `Trend: ${trend} average ${before} → ${after}`,
    );
  }
  const totals = new Map<TechniqueId, number>();
  for (const entry of history)
    for (const [id, count] of Object.entries(entry.techniqueCounts))
      totals.set(id as TechniqueId, (totals.get(id as TechniqueId) ?? 0) + (count ?? 0));
  const used = DE_ESCALATING_SHOWN.filter((id) => (totals.get(id) ?? 0) > 0).sort(
    (a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0),
  );
  const rare = DE_ESCALATING_SHOWN.filter(
    (id) => (totals.get(id) ?? 0) === 0 && deEscalatingSpec(id).progress === 'always',
  );
  const names = (ids: readonly TechniqueId[]) =>
    ids
      .slice(0, 3)
      .map((id) => TECHNIQUE_NAMES[id][lang])
      .join(', ');
  if (used.length > 0) paragraphs.push(`${lang === 'nl' ? 'Vaak gebruikt' : 'Used often'}: ${names(used)}`);
  if (rare.length > 0)
    paragraphs.push(`${lang === 'nl' ? 'Nog weinig gebruikt' : 'Rarely used so far'}: ${names(rare)}`);
  return paragraphs.join('\n\n');
}
