import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './botbuilderDialogs';
import { buildReport, type Report } from '../src/core';
import { capabilitiesOf } from './channels';
import { FEEDBACK_DIALOG } from './dialogIds';
import {
  findPersonaIn,
  type ConversationMemory,
  type DebriefServices,
  type DialogLog,
  type ScenarioSource,
  type TurnClock,
} from './dialogServices';
import { fitDebrief, type DebriefInput } from './debriefFit';
import { offerPlainAlternative } from './plainWhenTooLarge';
import { keepFinished, recordFinished } from './lastSession';
import { progressEntry } from './progress';
import type { RolePlayResult } from './rolePlayDialog';

/**
 * Shows the debrief of a finished role-play and records the score for
 * `/progress` (when the retention settings keep scores). Ends at once.
 */
export class FeedbackDialog extends Dialog<RolePlayResult> {
  constructor(
    private readonly services: ScenarioSource & ConversationMemory & TurnClock & DialogLog & DebriefServices,
  ) {
    super(FEEDBACK_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: RolePlayResult): Promise<DialogTurnResult> {
    return dc.endDialog(await this.show(dc.context, options));
  }

  /**
   * Everything this dialog does, on a turn context: sends the debrief (opened by the customer's last words),
   * keeps the record and the score. Returns the score, or undefined when there is nothing to debrief. The main
   * dialog calls it without a dialog context when a trainee's line ends the role-play (see MainDialog).
   */
  async show(context: TurnContext, options?: RolePlayResult): Promise<number | undefined> {
    const session = options?.session;
    const lastLine = options?.lastLine;
    const persona = session && findPersonaIn(this.services, session.personaId);
    if (!session || !persona) {
      if (lastLine) await context.sendActivity(lastLine);
      return undefined;
    }
    const report = buildReport(session, persona);
    const channelId = context.activity.channelId;
    // Where a client cannot show the inline SVG chart, it loads a PNG from this server (when it has a public address).
    const hostedChartUrl = capabilitiesOf(channelId).inlineSvgImages ? undefined : await this.hostChart(report);
    const debrief: DebriefInput = {
      report,
      channelId,
      transcript: session.transcript,
      ...(hostedChartUrl ? { hostedChartUrl } : {}),
      ...(lastLine ? { lastLine } : {}),
    };
    await this.send(context, debrief);
    // Kept as it was judged, for /export, /why and corrections, until the next role-play starts (see
    // ConversationSettings.lastSessionEndedAt): a later edit of the persona or the rules changes nothing in it.
    const record = recordFinished(this.services, session, persona);
    await keepFinished(this.services, context, { record, endedAt: this.services.clock() });
    if (this.services.retention.keepScores && session.turns.length > 0) {
      const finishedAt = new Date(this.services.clock());
      const entry = progressEntry(report, finishedAt, `${session.seed}.${session.startedAt}`, record);
      await this.services.progress.add(context, entry);
    }
    this.services.log.info('feedback.shown', { persona: persona.id, outcome: report.outcome, score: report.score });
    return report.score;
  }

  /**
   * Sends the debrief in the largest form that fits the channel's budget, with the plain text beside it for the
   * channel that refuses it all the same (plainWhenTooLarge.ts).
   */
  private async send(context: TurnContext, input: DebriefInput): Promise<void> {
    const fitted = fitDebrief(input);
    const sizes = {
      channel: input.channelId,
      form: fitted.form,
      listedTurns: fitted.listedTurns,
      judgedTurns: fitted.judgedTurns,
      bytes: fitted.bytes,
      budgetBytes: fitted.budgetBytes,
    };
    if (fitted.form !== 'full') this.services.log.info('feedback.shortened', sizes);
    if (fitted.form !== 'plainText') {
      offerPlainAlternative(context, fitted.activities[0], {
        activities: fitted.plain.activities,
        sizes: { ...sizes, plainBytes: fitted.plain.bytes },
      });
    }
    await context.sendActivities(fitted.activities);
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
