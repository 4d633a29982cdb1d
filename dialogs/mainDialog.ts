import { randomUUID } from 'crypto';
import type {
  DialogContext,
  DialogInstance,
  DialogState,
  DialogTurnResult,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { ComponentDialog, Dialog, WaterfallDialog } from './botbuilderDialogs';
import type { TurnContext } from 'botbuilder';
import { buildReport, cleanText, escapeMarkdown, shorten, type Difficulty, type Lang } from '../src/core';
import { canOfferFile, capabilitiesOf, LANGUAGE_EVENT } from './channels';
import { ChooseScenarioDialog, sendScenarioList, type ChooseScenarioOptions } from './chooseScenarioDialog';
import {
  difficultyArg,
  exportFormatArg,
  helpText,
  langArg,
  parseCommand,
  roomTag,
  scenarioArg,
  wantsVote,
  type Command,
} from './commands';
import {
  CHOOSE_SCENARIO_DIALOG,
  DEMO_DIALOG,
  FEEDBACK_DIALOG,
  MAIN_DIALOG,
  MAIN_WATERFALL,
  ROLE_PLAY_DIALOG,
} from './dialogIds';
import { conversationKey, DemoDialog, sendDemoExport, type DemoOptions } from './demoDialog';
import { findPersonaIn, type DialogServices } from './dialogServices';
import { FeedbackDialog } from './feedbackDialog';
import { buildExportActivities, EXPORT_FORMATS, renderExportFile } from './feedbackMessage';
import { dropFinished, findLastSession } from './lastSession';
import { EXPORT_WINDOW_MS, languageFor } from './practiceState';
import { describeProgress } from './progress';
import { noticeAboveBriefing, PLAYED_TO_THE_END, RolePlayDialog, type RolePlayResult } from './rolePlayDialog';
import { buildFileConsentActivity } from './teamsFiles';
import { answerCorrections } from './corrections';
import { judgedSession, whyMessage } from './whyMessage';
import { demoText, t } from './texts';

interface MainOptions {
  personaId?: string;
  difficulty?: Difficulty;
}

/**
 * The conversation: choose a scenario → role-play → feedback. Commands that
 * make sense at any moment (`/help`, `/lang`, `/personas`, `/progress`,
 * `/start`) interrupt whatever runs; `/hint`, `/retry` and `/stop` belong to
 * the role-play and are passed on to it.
 */
export class MainDialog extends ComponentDialog {
  private readonly rolePlay: RolePlayDialog;
  private readonly feedback: FeedbackDialog;

  constructor(private readonly services: DialogServices) {
    super(MAIN_DIALOG);
    this.rolePlay = new RolePlayDialog(services);
    this.feedback = new FeedbackDialog(services);
    this.addDialog(
      new WaterfallDialog(MAIN_WATERFALL, [
        (step) => this.chooseStep(step),
        (step) => this.rolePlayStep(step),
        (step) => this.feedbackStep(step),
      ]),
    );
    this.addDialog(new ChooseScenarioDialog(services));
    this.addDialog(this.rolePlay);
    this.addDialog(this.feedback);
    this.addDialog(new DemoDialog(services));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /**
   * Most turns are a trainee's line in a running role-play. Such a line is played here straight on the stored
   * dialog state (the conversation's `dialogState`, as the root DialogSet keeps it), without botbuilder-dialogs'
   * dialog contexts (three per turn, each building its memory scopes), which cost more than the role-play's own
   * turn. It is exactly what the stack would do: nothing above the
   * role-play handles a plain line (the interruptions are commands), and the stored version must match, or the
   * stack runs to raise its version-change event. A line that ends the role-play is finished here too when the
   * role-play was started by the waterfall (its next step is the debrief): the waterfall's feedback step and the
   * feedback dialog run on the turn context, and the stack ends as the stack would end it (empty). Returns true
   * when the turn is done; false when the stack must run: for anything but a plain line, and after a line that
   * ended a role-play started otherwise (the stack then ends it and goes on, without playing the line again: see
   * PLAYED_TO_THE_END).
   */
  async continueRolePlayDirectly(context: TurnContext, dialogState: DialogState | undefined): Promise<boolean> {
    const onStack = dialogState && this.rolePlayOnStack(dialogState.dialogStack);
    if (!dialogState || !onStack) return false;
    const { inner } = onStack;
    const played = await this.rolePlay.playLineDirectly(context, inner[inner.length - 1].state);
    if (played === 'played') return true;
    if (played === 'notALine') return false;
    if (!waitsForRolePlay(inner)) {
      context.turnState.set(PLAYED_TO_THE_END, played);
      return false;
    }
    // What the stack does next, without its three dialog contexts: feedbackStep, then the feedback dialog ends,
    // the waterfall has no step left and ends, and so does this dialog: nothing is left on the stack.
    await this.markEnded(context);
    await this.feedback.show(context, played);
    dialogState.dialogStack = [];
    return true;
  }

  /**
   * This dialog alone on the root stack, of the version it runs now, with a role-play on top of its own stack:
   * the stack then holds nothing that could handle a turn before the role-play does, but for the commands.
   */
  private rolePlayOnStack(stack: DialogInstance[] | undefined): { inner: DialogInstance[] } | undefined {
    const main = stack?.length === 1 ? stack[0] : undefined;
    if (main?.id !== this.id || main.version !== this.getInternalVersion()) return undefined;
    const inner = (main.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack;
    return inner?.[inner.length - 1]?.id === ROLE_PLAY_DIALOG ? { inner } : undefined;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async chooseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as MainOptions;
    if (options.personaId) return step.next(options.personaId);
    const lang = await languageFor(this.services.state, step.context, this.services.defaultLang);
    // A message after a role-play ended: say so once, then the scenarios follow.
    const settings = await this.services.state.settings.get(step.context, {});
    const ended = settings.rolePlayEnded === true;
    if (ended) {
      await this.services.state.settings.set(step.context, { ...settings, rolePlayEnded: false });
      if (step.context.activity.type === 'message') await step.context.sendActivity(t('sessionEnded', lang));
    }
    const choose: ChooseScenarioOptions = { lang, explain: !ended };
    return step.beginDialog(CHOOSE_SCENARIO_DIALOG, choose);
  }

  private async rolePlayStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const personaId = typeof step.result === 'string' ? step.result : undefined;
    if (!personaId) return step.endDialog();
    const { difficulty } = step.options as MainOptions;
    return step.beginDialog(ROLE_PLAY_DIALOG, await this.rolePlayOptions(step.context, personaId, difficulty));
  }

  /** The role-play's options, after noting the persona; a new role-play: the last one's log (kept for /export) goes. */
  private async rolePlayOptions(context: TurnContext, personaId: string, difficulty?: Difficulty) {
    const lang = await languageFor(this.services.state, context, this.services.defaultLang);
    const settings = await this.services.state.settings.get(context, {});
    const kept = { ...settings, lastPersonaId: personaId, rolePlayEnded: false };
    await dropFinished(this.services, context, kept);
    await this.services.state.settings.set(context, kept);
    return { personaId, lang, ...(difficulty ? { difficulty } : {}) };
  }

  /**
   * `/start` (or `/restart`) with nothing on the stack (after a debrief, or a role-play stopped) or during a
   * role-play the waterfall began, played without botbuilder-dialogs' dialog contexts, as
   * {@link continueRolePlayDirectly} plays a line: the interruption picks the persona (and says that the running
   * role-play stops), the waterfall begins and passes its choice step, the role-play begins; the stack is left as
   * the dialogs leave it (this dialog, holding the waterfall at its role-play step and the role-play). Returns
   * false, having done nothing, for any other turn or stack, or where no dialog state was stored yet (the stack
   * runs then).
   */
  async startDirectly(context: TurnContext, dialogState: DialogState | undefined): Promise<boolean> {
    const stack = dialogState?.dialogStack;
    if (context.activity.type !== 'message' || !dialogState || !stack) return false;
    const running = stack.length === 0 ? undefined : this.rolePlayOnStack(stack);
    if (stack.length > 0 && !(running && waitsForRolePlay(running.inner))) return false;
    const typed = parseCommand(context.activity.text ?? '');
    if (typed?.name !== 'start' && typed?.name !== 'restart') return false;
    const lang = await languageFor(this.services.state, context, this.services.defaultLang);
    const command = typed.name === 'start' ? typed : await this.restartCommand(context, typed);
    const difficulty = difficultyArg(command);
    const personaId = await this.choosePersona(context, scenarioArg(command), lang);
    // Told why: the stack would leave a running role-play as it is, or begin this dialog and end it at once.
    if (!personaId) return true;
    if (running) noticeAboveBriefing(context, t('stoppedForNew', lang));
    const options: MainOptions = { personaId, ...(difficulty ? { difficulty } : {}) };
    const rolePlay: DialogInstance = { id: ROLE_PLAY_DIALOG, state: {} };
    const waterfall: DialogInstance = {
      id: MAIN_WATERFALL,
      // What WaterfallDialog keeps: its options, its values with an instance id, the step it waits in.
      state: { options, values: { instanceId: randomUUID() }, stepIndex: ROLE_PLAY_STEP },
    };
    const main: DialogInstance = {
      id: this.id,
      state: { dialogs: { dialogStack: [waterfall, rolePlay] } },
      version: this.getInternalVersion(),
    };
    // The running role-play and its waterfall are cancelled (neither keeps anything when it ends that way).
    if (running) running.inner.splice(0, running.inner.length, waterfall, rolePlay);
    else stack.push(main);
    const begun = await this.rolePlay.begin(
      context,
      rolePlay.state as object,
      await this.rolePlayOptions(context, personaId, difficulty),
    );
    // An unknown persona ends the role-play, the waterfall (no role-play, no debrief) and this dialog.
    if (!begun) dialogState.dialogStack = [];
    return true;
  }

  private async feedbackStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as RolePlayResult | undefined;
    if (!result?.session) return step.endDialog();
    await this.markEnded(step.context);
    return step.beginDialog(FEEDBACK_DIALOG, result);
  }

  /** The next message after the debrief says once that the role-play has ended (see chooseStep). */
  private async markEnded(context: TurnContext): Promise<void> {
    const settings = await this.services.state.settings.get(context, {});
    await this.services.state.settings.set(context, { ...settings, rolePlayEnded: true });
  }

  /** Handles a command that may come at any time; undefined lets the active dialog have the message. */
  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (context.activity.type !== 'message') return undefined;
    const command = parseCommand(context.activity.text ?? '');
    if (!command) return undefined;
    const rolePlaying = innerDc.stack.some((d) => d.id === ROLE_PLAY_DIALOG);
    const demoRunning = innerDc.stack.some((d) => d.id === DEMO_DIALOG);
    const lang = await languageFor(this.services.state, context, this.services.defaultLang);
    // Keep waiting when something runs; end at once when the command came with nothing running.
    const done = async () => (innerDc.stack.length > 0 ? Dialog.EndOfTurn : innerDc.endDialog());

    switch (command.name) {
      case 'help':
        await context.sendActivity(helpText(lang, this.services.personas.personas[0]?.id ?? 'shop-refund'));
        return done();
      case 'lang':
        return this.switchLanguage(innerDc, command, lang, done);
      case 'personas':
        await sendScenarioList(innerDc, this.services, lang);
        return done();
      case 'progress': {
        const history = await this.services.progress.history(context, new Date(this.services.clock()));
        const titleOf = (id: string) => findPersonaIn(this.services, id)?.title[lang];
        await context.sendActivity(
          history.length > 0 ? describeProgress(history, lang, titleOf) : t('progressEmpty', lang),
        );
        return done();
      }
      case 'demo':
        if (demoRunning) {
          await context.sendActivity(demoText('demoRunning', lang));
          return done();
        }
        return this.startDemo(innerDc, command, lang, done);
      case 'pause':
      case 'resume':
      case 'end':
      case 'vote':
      case 'pick':
      case 'allow':
      case 'majority':
      case 'unvote':
      case 'remove':
      case 'predictions':
        if (demoRunning) return undefined;
        // A button on the card of a demo that has ended says so, rather than "only during a demo".
        await context.sendActivity(demoText(roomTag(command) ? 'demoOver' : 'onlyInDemo', lang));
        return done();
      case 'start':
        if (demoRunning) {
          await context.sendActivity(demoText('demoRunning', lang));
          return done();
        }
        return this.start(innerDc, command, lang, rolePlaying, done);
      case 'restart':
        if (demoRunning) return undefined;
        return this.start(innerDc, await this.restartCommand(context, command), lang, rolePlaying, done);
      case 'stop':
        if (rolePlaying || demoRunning) return undefined;
        await context.sendActivity(t('nothingToStop', lang));
        return done();
      case 'hint':
      case 'retry':
        if (rolePlaying || demoRunning) return undefined;
        await context.sendActivity(t('notInRolePlay', lang));
        return done();
      case 'export':
        // During a demo the demo exports itself (every round so far).
        if (demoRunning) return undefined;
        await this.export(innerDc, command, lang);
        return done();
      case 'why': {
        const judged = await judgedSession(innerDc, this.services);
        const turn = Number(command.args[0]);
        await context.sendActivity(
          whyMessage(
            judged?.session,
            Number.isInteger(turn) && turn > 0 ? turn : undefined,
            lang,
            judged && { persona: judged.persona, common: this.services.personas.common },
          ),
        );
        return done();
      }
      case 'corrections':
        await context.sendActivity(
          await answerCorrections(command, context, this.services, () => judgedSession(innerDc, this.services), lang),
        );
        return done();
      default:
        await context.sendActivity(t('unknownCommand', lang));
        return done();
    }
  }

  /** `/export [markdown|html|json]`: the last finished role-play's report and transcript. */
  private async export(innerDc: DialogContext, command: Command, lang: Lang): Promise<void> {
    const { context } = innerDc;
    const last = await findLastSession(this.services, context);
    if (await this.exportFinishedDemo(context, command, last.kind === 'found' ? last.endedAt : undefined)) return;
    if (last.kind === 'none') {
      await context.sendActivity(t('nothingToExport', lang));
      return;
    }
    if (last.kind === 'unknownPersona') {
      await context.sendActivity(t('unknownPersona', lang, { id: last.personaId }));
      return;
    }
    const asked = exportFormatArg(command);
    const report = buildReport(last.session, last.persona);
    if (canOfferFile(context.activity)) {
      // Teams takes files from a bot only after the trainee agrees: one consent card, HTML unless asked otherwise.
      await context.sendActivity(
        buildFileConsentActivity(
          renderExportFile(report, last.session, asked ?? 'html'),
          { format: asked ?? 'html', endedAt: last.endedAt },
          lang,
        ),
      );
      return;
    }
    await context.sendActivities(
      buildExportActivities(report, last.session, context.activity.channelId, asked ? [asked] : EXPORT_FORMATS),
    );
  }

  /** The conversation's last group demo, when it ended after the last solo role-play (and not too long ago). */
  private async exportFinishedDemo(context: TurnContext, command: Command, soloEndedAt?: number): Promise<boolean> {
    const finished = await this.services.demoMeters?.lastFinished?.(conversationKey(context));
    if (!finished || this.services.clock() - finished.endedAt > EXPORT_WINDOW_MS) return false;
    if (soloEndedAt !== undefined && soloEndedAt > finished.endedAt) return false;
    const persona = findPersonaIn(this.services, finished.room.session.personaId);
    if (!persona) return false;
    await sendDemoExport(context, finished.room, persona, command);
    return true;
  }

  private async switchLanguage(
    innerDc: DialogContext,
    command: Command,
    current: Lang,
    done: () => Promise<DialogTurnResult>,
  ): Promise<DialogTurnResult> {
    const wanted = langArg(command);
    if (!wanted) {
      await innerDc.context.sendActivity(t('languageUsage', current));
      return done();
    }
    const settings = await this.services.state.settings.get(innerDc.context, {});
    await this.services.state.settings.set(innerDc.context, { ...settings, lang: wanted });
    const profile = await this.services.state.profile.get(innerDc.context, {});
    await this.services.state.profile.set(innerDc.context, { ...profile, lang: wanted });
    await innerDc.context.sendActivity(t('languageSet', wanted));
    // The web chat page switches its own texts (title, buttons, Web Chat's labels) when told.
    if (capabilitiesOf(innerDc.context.activity.channelId).pageFollowsLanguage) {
      await innerDc.context.sendActivity({ type: 'event', name: LANGUAGE_EVENT, value: { lang: wanted } });
    }
    return done();
  }

  /** `/demo [persona-id] [vote] [easy|normal|hard]`: a role-play for the whole room, led by whoever typed it. */
  private async startDemo(
    innerDc: DialogContext,
    command: Command,
    lang: Lang,
    done: () => Promise<DialogTurnResult>,
  ): Promise<DialogTurnResult> {
    const level = difficultyArg(command);
    const personaId = await this.choosePersona(innerDc.context, scenarioArg(command, ['vote', 'open']), lang);
    if (!personaId) return done();
    await innerDc.cancelAllDialogs();
    const options: DemoOptions = {
      personaId,
      lang,
      mode: wantsVote(command) ? 'vote' : 'open',
      ...(level ? { difficulty: level } : {}),
    };
    return innerDc.beginDialog(DEMO_DIALOG, options);
  }

  /** `/start [persona-id] [easy|normal|hard]`: a new role-play; one that runs is abandoned. */
  private async start(
    innerDc: DialogContext,
    command: Command,
    lang: Lang,
    rolePlaying: boolean,
    done: () => Promise<DialogTurnResult>,
  ): Promise<DialogTurnResult> {
    const level = difficultyArg(command);
    const personaId = await this.choosePersona(innerDc.context, scenarioArg(command), lang);
    if (!personaId) return done();
    if (rolePlaying) noticeAboveBriefing(innerDc.context, t('stoppedForNew', lang));
    await innerDc.cancelAllDialogs();
    const options: MainOptions = { personaId, ...(level ? { difficulty: level } : {}) };
    return innerDc.beginDialog(MAIN_WATERFALL, options);
  }

  /** "Practise again" on the feedback card: `/start` with the same customer once more. */
  private async restartCommand(context: TurnContext, command: Command): Promise<Command> {
    const { lastPersonaId } = await this.services.state.settings.get(context, {});
    return { ...command, args: lastPersonaId ? [lastPersonaId] : [] };
  }

  /** The persona asked for, or a random one when none was named; undefined (the trainee told why) when there is none. */
  private async choosePersona(
    context: TurnContext,
    requestedId: string | undefined,
    lang: Lang,
  ): Promise<string | undefined> {
    const personas = this.services.personas.personas;
    if (personas.length === 0) {
      await context.sendActivity(t('noPersonas', lang));
      return undefined;
    }
    if (!requestedId) return personas[this.services.newSeed() % personas.length]?.id;
    const persona = findPersonaIn(this.services, requestedId);
    if (!persona) await context.sendActivity(t('unknownPersona', lang, { id: shownId(requestedId) }));
    return persona?.id;
  }
}

/** The main waterfall's second step (after choosing a scenario, before the debrief): the role-play. */
const ROLE_PLAY_STEP = 1;

/**
 * Is this inner stack the waterfall waiting on the role-play it began, with the feedback step next (a role-play
 * begun by `/start` or a chosen scenario)? Only then does the role-play's end lead to the debrief and nothing else.
 */
function waitsForRolePlay(inner: readonly { id: string; state?: unknown }[]): boolean {
  const [waterfall, rolePlay] = inner;
  return (
    inner.length === 2 &&
    waterfall.id === MAIN_WATERFALL &&
    (waterfall.state as { stepIndex?: unknown } | undefined)?.stepIndex === ROLE_PLAY_STEP &&
    rolePlay.id === ROLE_PLAY_DIALOG
  );
}

/** A persona id the trainee typed, to show back in a Markdown message: one line, short, shown literally. */
function shownId(typed: string): string {
  return escapeMarkdown(shorten(cleanText(typed), 60));
}
