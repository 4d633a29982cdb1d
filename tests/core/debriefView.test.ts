/**
 * The debrief view: one language-resolved, plain-data picture of the debrief that every layout (card,
 * Markdown, HTML, text) only lays out.
 */
import { describe, expect, it } from 'vitest';
import { debriefView } from '../../src/core/report/debriefView';
import { buildFeedbackText } from '../../src/core/report/renderText';
import { renderReportMarkdown } from '../../src/core/report/renderMarkdown';
import { renderReportHtml } from '../../src/core/report/renderHtml';
import { REPORT_CASES, resolvedNl, resolvedNlTranscript, stoppedZeroTurnsNl, walkedOutEn } from '../fixtures/reports';

describe('debriefView', () => {
  it.each(REPORT_CASES)('is plain JSON data: $name', ({ report, transcript }) => {
    const view = debriefView(report, transcript);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('resolves every word in the report language', () => {
    expect(debriefView(resolvedNl).words.keyMoments).toBe('De drie keerpunten');
    expect(debriefView(walkedOutEn).words.keyMoments).toBe('The three turning points');
    expect(debriefView(resolvedNl).difficultyName).toBe('normaal');
    expect(debriefView(walkedOutEn).anger.summary).toMatch(/^start \d+, peak \d+, end \d+; calm at 40 or below$/);
  });

  it('numbers the plan steps and names their status', () => {
    const steps = debriefView(resolvedNl).checklist;
    expect(steps.map((s) => [s.number, s.icon, s.statusName])).toEqual([
      [1, '✅', 'gedaan'],
      [2, '✅', 'gedaan'],
      [3, '✅', 'gedaan'],
      [4, '❌', 'gemist'],
      [5, '❌', 'gemist'],
      [6, '➖', 'niet nodig'],
      [7, '✅', 'gedaan'],
    ]);
  });

  it('gives the transcript with trainee turns numbered and technique names resolved', () => {
    const lines = debriefView(resolvedNl, resolvedNlTranscript).transcript;
    expect(lines[1]).toEqual({
      role: 'trainee',
      turn: 1,
      text: 'Ik hoor dat u erg boos bent.',
      anger: 78,
      labelNames: ['emotie erkennen'],
      labels: ['acknowledge_emotion'],
    });
    expect(lines[3].labelNames).toEqual(['regels als schild']);
    expect(lines[2]).toMatchObject({ role: 'customer', turn: 1, labelNames: [] });
  });

  it('shows "–" for a curve that is not there and says when there were no turns', () => {
    expect(debriefView({ ...stoppedZeroTurnsNl, angerCurve: [] }).anger.sparkline).toBe('–');
    expect(debriefView(stoppedZeroTurnsNl).hasTurns).toBe(false);
    expect(debriefView(resolvedNl).hasTurns).toBe(true);
  });

  it('is what the layouts show: one view, the same headings and figures in text, Markdown and HTML', () => {
    const view = debriefView(resolvedNl, resolvedNlTranscript);
    const layouts = [buildFeedbackText(view), renderReportMarkdown(view), renderReportHtml(view)];
    for (const layout of layouts) {
      expect(layout).toContain(view.words.checklist);
      expect(layout).toContain(view.anger.summary);
      expect(layout).toContain(`${view.keyMoments[0].angerBefore} → ${view.keyMoments[0].angerAfter}`);
    }
  });
});
