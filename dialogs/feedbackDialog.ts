import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { buildFeedbackActivity } from '../src/bot/feedbackMessage';
import { progressEntry, takeOlderHistory } from '../src/bot/progress';
import { findPersonaIn, type PracticeServices } from '../src/bot/services';
import { buildReport, type Report } from '../src/core';
import { packSession } from '../src/core/session/storedSession';
import { FEEDBACK_DIALOG } from './dialogIds';
import type { RolePlayResult } from './rolePlayDialog';

/**
 * Shows the debrief of a finished role-play and records the score for
 * `/progress` (when the retention settings keep scores). Ends at once.
 */
export class FeedbackDialog extends Dialog<RolePlayResult> {
  constructor(private readonly services: PracticeServices) {
    super(FEEDBACK_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: RolePlayResult): Promise<DialogTurnResult> {
    const session = options?.session;
    const log = options?.log;
    if (!session) return dc.endDialog();
    const persona = findPersonaIn(this.services, session.personaId);
    if (!persona) return dc.endDialog();
    const report = buildReport(session, persona);
    const channelId = dc.context.activity.channelId;
    const hostedChartUrl = channelId === 'msteams' ? await this.hostChart(report) : undefined;
    await dc.context.sendActivity(buildFeedbackActivity(report, channelId, hostedChartUrl));
    // Kept for /export only, until the next role-play starts (see ConversationSettings.lastSession).
    const settings = await this.services.state.settings.get(dc.context, {});
    await this.services.state.settings.set(dc.context, {
      ...settings,
      lastSession: { ...(log ? { log } : { stored: packSession(session) }), endedAt: this.services.clock() },
    });
    if (this.services.retention.keepScores && session.turns.length > 0) {
      const entry = progressEntry(report, new Date(this.services.clock()), `${session.seed}.${session.startedAt}`);
      await this.services.progress.add(dc.context, entry, await takeOlderHistory(this.services, dc.context));
    }
    this.services.log.info('feedback.shown', { persona: persona.id, outcome: report.outcome, score: report.score });
    return dc.endDialog(report.score);
  }

  /** Stores the chart (numbers only) and returns its public PNG address, when this deployment has one. */
  private async hostChart(report: Report): Promise<string | undefined> {
    const { charts, publicUrl } = this.services;
    if (!charts || !publicUrl) return undefined;
    try {
      const id = await charts.save(report);
      return `${publicUrl.replace(/\/+$/, '')}/charts/${id}.png`;
    } catch (error) {
      this.services.log.warn('chart_not_stored', { error: (error as Error).message });
      return undefined;
    }
  }
}
