import { TeamsActivityHandler, TurnContext, type FileConsentCardResponse, type InvokeResponse } from 'botbuilder';
import type { DialogContext, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { buildReport, cleanText, isLang, type Lang } from '../core';
import {
  buildFileInfoActivity,
  capabilitiesOf,
  DEMO_JOIN_EVENT,
  DialogSet,
  DialogTurnStatus,
  DEMO_METER_MARK,
  effectiveText,
  findLastSession,
  isExportConsent,
  languageFor,
  MainDialog,
  sendPlainWhenTooLarge,
  renderExportFile,
  sendScenarioList,
  t,
  type DialogServices,
  type ExportFile,
  type PracticeState,
} from '../../dialogs';
import type { TurnRunner } from '../storage';
import type { DemoMeters } from './demoMeters';

/** What the bot hands to its dialogs, and what it needs itself: the whole state, file uploads, meter card ids. */
export type BotServices = DialogServices & {
  state: PracticeState;
  /** Puts a report file at the upload address Teams gave (see dialogs/teamsFiles.ts); injected so tests use a local server. */
  uploadFile: (uploadUrl: string, file: ExportFile) => Promise<void>;
  demoMeters?: DemoMeters;
};

/** The event the web chat page sends right after connecting, with the page language. */
export const WEBCHAT_JOIN_EVENT = 'webchat/join';
/** Where botbuilder-dialogs looks for a DialogStateManager configuration in the turn state (its own constant). */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * The channel side of the practice bot: greets, normalises what arrives
 * (Teams mentions, card submits), runs one turn of the main dialog at a time
 * per conversation and saves state after every turn. The conversation itself
 * lives in the dialogs.
 */
export class PracticeBot extends TeamsActivityHandler {
  /** The dialog memory scopes and path resolvers, built on the first turn (see mainDialogContext). */
  private dialogMemory: DialogStateManagerConfiguration | undefined;

  /**
   * @param turns runs each turn as a transaction on the conversation and user state, one turn of a conversation
   *   at a time (src/storage/retry.ts).
   */
  constructor(
    private readonly services: BotServices,
    private readonly mainDialog: MainDialog,
    private readonly turns: TurnRunner,
  ) {
    super();

    this.onMessage(async (context, next) => {
      TurnContext.removeRecipientMention(context.activity);
      const text = effectiveText(context.activity).trim();
      // Only invisible or control characters (zero-width spaces, BOM, bidi marks): nothing was said.
      context.activity.text = cleanText(text) === '' ? '' : text;
      await this.continueMainDialog(context);
      await next();
    });

    // Someone opened a chat with the bot, or the bot was added to a group chat or team:
    // one welcome per conversation, not one per person who joins a channel later.
    this.onMembersAdded(async (context, next) => {
      // Web chat pages announce themselves (and their language) with WEBCHAT_JOIN_EVENT instead.
      if (
        !capabilitiesOf(context.activity.channelId).joinsWithEvent &&
        (context.activity.membersAdded ?? []).length > 0
      )
        await this.greetOnce(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === WEBCHAT_JOIN_EVENT) {
        const value = context.activity.value as { lang?: unknown; fresh?: unknown } | undefined;
        if (isLang(value?.lang)) {
          const settings = await this.services.state.settings.get(context, {});
          await this.services.state.settings.set(context, { ...settings, lang: value.lang });
        }
        // A page showing no earlier messages is welcomed again, though the trainee's state carries on (Azure's
        // Direct Line starts a new conversation on every page load; see src/storage/traineeKeys.ts).
        await this.greetOnce(context, value?.fresh === true);
      }
      // Someone joins the group demo running here (with a display name): only a running demo hears it.
      if (context.activity.name === DEMO_JOIN_EVENT) {
        const dc = await this.mainDialogContext(context);
        if (dc.activeDialog) await dc.continueDialog();
      }
      await next();
    });
  }

  /**
   * Continues the dialog stack, or begins the main dialog when nothing runs. This is the samples' DialogSet
   * pattern rather than botbuilder-dialogs' `runDialog`: that helper also loads the adaptive-dialog memory scopes
   * and snapshots them into a trace activity every turn (posted to the channel on the Emulator), which cost more
   * than the whole role-play turn and which these code-first dialogs never use.
   */
  private async continueMainDialog(context: TurnContext): Promise<void> {
    const dialogState = await this.services.state.dialogState.get(context);
    if (await this.mainDialog.continueRolePlayDirectly(context, dialogState)) return;
    if (await this.mainDialog.startDirectly(context, dialogState)) return;
    const dc = await this.mainDialogContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.mainDialog.id);
  }

  /**
   * The main dialog's context for this turn. botbuilder-dialogs builds the memory scopes and path resolvers of
   * its DialogStateManager anew on every turn (a service container each time) and keeps them for that turn only;
   * they hold no per-turn data, so the set built on the first turn is handed to every later one.
   */
  private async mainDialogContext(context: TurnContext): Promise<DialogContext> {
    if (this.dialogMemory) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.dialogMemory);
    const dc = await new DialogSet(this.services.state.dialogState).add(this.mainDialog).createContext(context);
    this.dialogMemory ??= dc.state.configuration;
    return dc;
  }

  /**
   * One turn as a transaction: state is read with its eTag, replies are held back until the save succeeds, and
   * on a conflict with another instance the turn runs again on the fresh state (nothing lost, nothing sent twice).
   */
  override async run(context: TurnContext): Promise<void> {
    // First: it may send a batch of replies one by one, through the handlers after it.
    sendPlainWhenTooLarge(context, this.services.log);
    this.rememberDemoMeters(context);
    await this.turns.run(context, (turnContext) => super.run(turnContext));
  }

  /** A group demo's meter card is updated in place later: note its id once it is really sent. */
  private rememberDemoMeters(context: TurnContext): void {
    const meters = this.services.demoMeters;
    if (!meters) return;
    context.onSendActivities(async (_ctx, activities, next) => {
      const responses = await next();
      // Nearly every reply is no meter card: no promise per reply for those.
      const remembered: Promise<void>[] = [];
      activities.forEach((activity, i) => {
        const roomId = (activity.channelData as Record<string, unknown> | undefined)?.[DEMO_METER_MARK];
        const id = responses[i]?.id;
        if (typeof roomId === 'string' && id) remembered.push(meters.remember(roomId, id));
      });
      if (remembered.length > 0) await Promise.all(remembered);
      return responses;
    });
  }

  /**
   * An invoke whose value botbuilder cannot read (missing, a string where an object belongs) makes its handlers
   * fail on a property access; answer it 400, as a malformed request, instead of running the error turn.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    try {
      return await super.onInvokeActivity(context);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      this.services.log.warn('invoke_malformed', { name: context.activity.name, error: error.message });
      return { status: 400 };
    }
  }

  /** Teams: the trainee allowed the report file (see teamsFiles.ts); upload it and show it. */
  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    const lang = await languageFor(this.services.state, context, this.services.defaultLang);
    const consent = response.context as unknown;
    const uploadUrl = response.uploadInfo?.uploadUrl;
    const last = await findLastSession(this.services, context);
    if (!isExportConsent(consent) || !uploadUrl || last.kind !== 'found' || last.endedAt !== consent.endedAt) {
      await context.sendActivity(t('exportFileGone', lang));
      return;
    }
    const file = renderExportFile(buildReport(last.session, last.persona), last.session, consent.format);
    try {
      await this.services.uploadFile(uploadUrl, file);
    } catch (error) {
      this.services.log.warn('teams.file_upload_failed', { error: (error as Error).message });
      await context.sendActivity(t('exportFileFailed', lang));
      return;
    }
    await this.removeConsentCard(context);
    await context.sendActivity(buildFileInfoActivity(response.uploadInfo!, lang));
    this.services.log.info('teams.file_uploaded', { format: consent.format });
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext): Promise<void> {
    await this.removeConsentCard(context);
    await context.sendActivity(
      t('exportFileDeclined', await languageFor(this.services.state, context, this.services.defaultLang)),
    );
  }

  /** The consent card has done its work once answered; a second click on it would only confuse. */
  private async removeConsentCard(context: TurnContext): Promise<void> {
    const cardId = context.activity.replyToId;
    if (!cardId) return;
    try {
      await context.deleteActivity(cardId);
    } catch (error) {
      this.services.log.debug('teams.consent_card_not_removed', { error: (error as Error).message });
    }
  }

  private async greetOnce(context: TurnContext, again = false): Promise<void> {
    const settings = await this.services.state.settings.get(context, {});
    if (settings.greeted && !again) return;
    await this.services.state.settings.set(context, { ...settings, greeted: true });
    const lang: Lang = await languageFor(this.services.state, context, this.services.defaultLang);
    await context.sendActivity(t('welcome', lang));
    await sendScenarioList({ context }, this.services, lang);
  }
}
