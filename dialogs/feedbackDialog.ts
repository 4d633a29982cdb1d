import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { buildFeedbackActivity } from '../src/bot/feedbackMessage';
import { addToHistory, progressEntry } from '../src/bot/progress';
import { findPersonaIn, type PracticeServices } from '../src/bot/services';
import { buildReport } from '../src/core';
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
    if (!session) return dc.endDialog();
    const persona = findPersonaIn(this.services, session.personaId);
    if (!persona) return dc.endDialog();
    const report = buildReport(session, persona);
    await dc.context.sendActivity(buildFeedbackActivity(report, session, dc.context.activity.channelId));
    if (this.services.retention.keepScores && session.turns.length > 0) {
      const profile = await this.services.state.profile.get(dc.context, {});
      profile.history = addToHistory(profile.history, progressEntry(report, new Date(this.services.clock())));
      await this.services.state.profile.set(dc.context, profile);
    }
    this.services.log.info('feedback.shown', { persona: persona.id, outcome: report.outcome, score: report.score });
    return dc.endDialog(report.score);
  }
}
