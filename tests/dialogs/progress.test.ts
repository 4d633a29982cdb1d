import { describe, expect, it } from 'vitest';
import type { ProgressEntry } from '../../dialogs/practiceState';
import { describeProgress } from '../../dialogs/progress';

const entry = (personaId: string, score: number, day: number): ProgressEntry => ({
  id: `${personaId}-${day}`,
  finishedAt: `2026-12-0${day}T10:00:00.000Z`,
  personaId,
  lang: 'nl',
  difficulty: 'normal',
  outcome: 'resolved',
  score,
  turns: 6,
  techniqueCounts: { acknowledge_emotion: 3, ask_question: 2 },
});

const history = [entry('energy-bill', 50, 1), entry('gone-persona', 70, 2)];
const titles: Record<string, string> = { 'energy-bill': 'Energie: een veel te hoge eindafrekening' };
const titleOf = (id: string) => titles[id];

describe('/progress', () => {
  it('names each session by its scenario title, and by its id when the scenario is gone', () => {
    const text = describeProgress(history, 'nl', titleOf);
    expect(text).toContain('- 2026-12-01 · Energie: een veel te hoge eindafrekening · 50/100 · opgelost');
    expect(text).toContain('- 2026-12-02 · gone-persona · 70/100 · opgelost');
    expect(text).not.toContain('· energy-bill ·');
  });

  it('shows a title literally, even one with Markdown in it', () => {
    const text = describeProgress([entry('energy-bill', 50, 1)], 'en', () => 'Shop *sale* [2]');
    expect(text).toContain('Shop \\*sale\\* \\[2\\]');
  });

  it.each(['nl', 'en'] as const)(
    'puts trend and techniques in paragraphs of their own, so Markdown does not run them together (%s)',
    (lang) => {
      const paragraphs = describeProgress(history, lang, titleOf).split('\n\n');
      expect(paragraphs).toHaveLength(4);
      expect(paragraphs[1]).toMatch(/^Trend: ↗ (gemiddeld|average) 50 → 70$/);
      expect(paragraphs[2]).toMatch(/^(Vaak gebruikt|Used often): /);
      expect(paragraphs[3]).toMatch(/^(Nog weinig gebruikt|Rarely used so far): /);
      for (const paragraph of paragraphs.slice(1)) expect(paragraph).not.toContain('\n');
    },
  );
});
