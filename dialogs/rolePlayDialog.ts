import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './botbuilderDialogs';
import {
  angerBand,
  appendInput,
  isLogFull,
  replyInput,
  requestHint,
  retryLastTurn,
  startSession,
  stopSession,
  takeTurn,
  TECHNIQUE_NAMES,
  type Difficulty,
  type Lang,
  type Persona,
  type Session,
  type SessionInput,
  type SessionLog,
  type Stage,
  startLog,
} from '../src/core';
import { buildBriefingCard } from './cards/scenarioCard';
import { parseCommand } from './commands';
import { customerLine } from './customerLine';
import { ROLE_PLAY_DIALOG } from './dialogIds';
import {
  findPersonaIn,
  MESSAGE_TEXT_FIELD,
  type DialogLog,
  type RolePlayMemory,
  type ScenarioSource,
  type TurnClock,
} from './dialogServices';
import { t } from './texts';

export interface RolePlayOptions {
  personaId: string;
  lang: Lang;
  difficulty?: Difficulty;
}

/** What the role-play hands to the feedback step when it ends. */
export interface RolePlayResult {
  session: Session;
  /** What the session was played from: kept for `/export`. */
  log: SessionLog;
  /** The customer's last words, when a trainee's line ended it: they open the debrief's message. */
  lastLine?: Partial<Activity>;
}

/**
 * Only the session log is stored: the trainee's inputs, from which the deterministic core rebuilds the session.
 * The session itself comes from the process's SessionCache, or is replayed after a restart or on another
 * instance. This keeps a conversation's state to about a kilobyte, saved on every turn.
 */
interface RolePlayDialogState {
  log: SessionLog;
}

const ANGER_ICON = { calm: '🙂', tense: '😐', angry: '😠', furious: '😡' } as const;

/**
 * The role-play itself: each trainee message is one turn of the pure core.
 * The session lives in this dialog's state, so it is saved with the
 * conversation and survives a restart; `/hint`, `/retry` and `/stop` are
 * handled here because they act on the session.
 */
export class RolePlayDialog extends Dialog<RolePlayOptions> {
  constructor(private readonly services: ScenarioSource & TurnClock & DialogLog & RolePlayMemory) {
    super(ROLE_PLAY_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: RolePlayOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('RolePlayDialog.beginDialog: options with a personaId are required');
    const begun = await this.begin(dc.context, dc.activeDialog?.state as object, options);
    return begun ? Dialog.EndOfTurn : dc.endDialog();
  }

  /**
   * Starts the role-play in `dialogState` (this dialog's state on the stack): one message, the briefing card with
   * the customer's first words under it (and above it the notice set by {@link noticeAboveBriefing}, if any).
   * False, the trainee told why, when the persona is unknown (the dialog then ends).
   * The main dialog also calls it without a dialog context, for a `/start` with nothing on the stack.
   */
  async begin(context: TurnContext, dialogState: object, options: RolePlayOptions): Promise<boolean> {
    const persona = findPersonaIn(this.services, options.personaId);
    const notice = context.turnState.get<string | undefined>(NOTICE_ABOVE_BRIEFING);
    context.turnState.delete(NOTICE_ABOVE_BRIEFING);
    if (!persona) {
      if (notice) await context.sendActivity(notice);
      await context.sendActivity(t('unknownPersona', options.lang, { id: options.personaId }));
      return false;
    }
    const session = startSession(
      { persona },
      { lang: options.lang, seed: this.services.newSeed(), difficulty: options.difficulty, now: this.services.clock() },
    );
    const log = startLog(session);
    (dialogState as RolePlayDialogState).log = log;
    this.services.sessions.remember(cacheKeyOf(context), log, session);
    await context.sendActivity(briefingMessage(persona, session, notice));
    this.services.log.info('roleplay.started', {
      persona: persona.id,
      lang: session.lang,
      difficulty: session.difficulty,
    });
    return true;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog?.state as RolePlayDialogState;
    // The line was played already, outside the dialog stack (MainDialog.playLineDirectly), and ended the role-play.
    const playedToEnd = dc.context.turnState.get<RolePlayResult | undefined>(PLAYED_TO_THE_END);
    if (playedToEnd) return dc.endDialog(playedToEnd);
    const stored = state.log;
    const persona = findPersonaIn(this.services, stored.personaId);
    const lang = stored.lang;
    if (!persona) {
      // The persona file broke or was removed after the start: end kindly (without it there is nothing to replay or report).
      this.services.log.warn('roleplay.personaMissing', { persona: stored.personaId });
      await dc.context.sendActivity(t('personaUnavailable', lang, { id: stored.personaId }));
      this.services.sessions.forget(cacheKey(dc));
      return dc.endDialog();
    }
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const stage: Stage = { persona, common: this.services.personas.common, classifier: this.services.classifier };
    const session = this.services.sessions.restore(cacheKey(dc), state.log, stage);
    /** Saves what the trainee did: the log grows by one input, the cache keeps the session it stands for. */
    const record = (next: Session, input: SessionInput) => {
      state.log = appendInput(state.log, input);
      this.services.sessions.remember(cacheKey(dc), state.log, next);
    };
    const end = (final: Session, lastLine?: Partial<Activity>) => {
      this.services.sessions.forget(cacheKey(dc));
      return dc.endDialog({
        session: final,
        log: state.log,
        ...(lastLine ? { lastLine } : {}),
      } satisfies RolePlayResult);
    };

    const text = (dc.context.activity.text ?? '').trim();
    const command = parseCommand(text);
    if (isLogFull(state.log) && command?.name !== 'stop') {
      // A role-play without end would make its stored state, and every turn's cost, grow without bound.
      this.services.log.info('roleplay.limitReached', { persona: persona.id, inputs: state.log.inputs.length });
      await dc.context.sendActivity(t('rolePlayTooLong', lang));
      const stopped = stopSession(session, this.services.clock());
      record(stopped, { stop: stopped.endedAtMs ?? 0 });
      return end(stopped);
    }
    if (command?.name === 'hint') {
      const { session: next, hint } = requestHint(session);
      record(next, { hint: true });
      await dc.context.sendActivity(`💡 ${t('hintPrefix', lang)}: ${hint.text}`);
      return Dialog.EndOfTurn;
    }
    if (command?.name === 'retry') {
      const rewound = retryLastTurn(session);
      if (!rewound) {
        await dc.context.sendActivity(t('nothingToRetry', lang));
        return Dialog.EndOfTurn;
      }
      record(rewound, { retry: true });
      const lastCustomer = [...rewound.transcript].reverse().find((e) => e.role === 'customer');
      await dc.context.sendActivity(`↩️ ${t('retried', lang)}`);
      await dc.context.sendActivity(customerMessage(persona, rewound, lastCustomer?.text ?? ''));
      return Dialog.EndOfTurn;
    }
    if (command?.name === 'stop') {
      const stopped = stopSession(session, this.services.clock());
      record(stopped, { stop: stopped.endedAtMs ?? 0 });
      return end(stopped);
    }
    if (command) {
      // Other commands are handled by the main dialog before we are called.
      await dc.context.sendActivity(t('unknownCommand', lang));
      return Dialog.EndOfTurn;
    }
    if (text === '') {
      // A card button we do not know (old card, crafted submit), or an attachment or nothing visible.
      const button = dc.context.activity.value !== undefined && !(dc.context.activity.attachments ?? []).length;
      await dc.context.sendActivity(t(button ? 'unknownButton' : 'textOnly', lang));
      return Dialog.EndOfTurn;
    }

    const ended = await this.playLine(dc.context, state, persona, stage, session, text);
    return ended ? end(ended.session, ended.lastLine) : Dialog.EndOfTurn;
  }

  /**
   * The common turn, a trainee's line that is neither a command nor empty, on the role-play's stored state (the
   * log grows by the line; the cache keeps the session): the customer answers. Returns the final session when
   * the line ended the role-play, with the customer's last words unsent (the debrief's message opens with them:
   * one message instead of two), undefined when it goes on.
   */
  private async playLine(
    context: TurnContext,
    state: RolePlayDialogState,
    persona: Persona,
    stage: Stage,
    session: Session,
    text: string,
  ): Promise<{ session: Session; lastLine: Partial<Activity> } | undefined> {
    const result = takeTurn(stage, session, text, this.services.clock());
    state.log = appendInput(state.log, replyInput(text, result.turn.atMs));
    // One line per turn is a developer's detail (debug); starts, endings and debriefs are the operator's (info).
    this.services.log.debug('roleplay.turn', {
      persona: persona.id,
      turn: result.turn.index,
      labels: result.classification.labels,
      angerBefore: result.turn.angerBefore,
      angerAfter: result.turn.angerAfter,
      reaction: result.turn.reaction,
      [MESSAGE_TEXT_FIELD]: text, // dropped by the logger unless LOG_MESSAGE_TEXT=true
    });
    if (result.classification.truncated) await context.sendActivity(t('truncated', state.log.lang));
    const answer = customerMessage(persona, result.session, result.turn.customerText, result.classification.labels);
    if (!result.ended) {
      await context.sendActivity(answer);
      this.services.sessions.remember(cacheKeyOf(context), state.log, result.session);
      return undefined;
    }
    this.services.log.info('roleplay.ended', {
      persona: persona.id,
      outcome: result.session.outcome,
      turns: result.session.turns.length,
    });
    this.services.sessions.forget(cacheKeyOf(context));
    return { session: result.session, lastLine: answer };
  }

  /**
   * Plays a trainee's line straight on the role-play's stored state, without a dialog context: what
   * `continueDialog` does for such a line. Returns 'played' when the role-play goes on, the result when the line
   * ended it (the caller then runs the dialog stack, which ends the role-play with it: see PLAYED_TO_THE_END), or
   * 'notALine' when the turn needs the dialog stack (a command, nothing said, no persona, a full log).
   */
  async playLineDirectly(context: TurnContext, dialogState: unknown): Promise<'played' | 'notALine' | RolePlayResult> {
    const state = dialogState as RolePlayDialogState;
    const text = (context.activity.text ?? '').trim();
    if (context.activity.type !== 'message' || text === '' || parseCommand(text) || isLogFull(state.log))
      return 'notALine';
    const persona = findPersonaIn(this.services, state.log.personaId);
    if (!persona) return 'notALine';
    const stage: Stage = { persona, common: this.services.personas.common, classifier: this.services.classifier };
    const session = this.services.sessions.restore(cacheKeyOf(context), state.log, stage);
    const ended = await this.playLine(context, state, persona, stage, session, text);
    return ended ? { session: ended.session, log: state.log, lastLine: ended.lastLine } : 'played';
  }
}

/** Turn state key: a line for the message that begins the role-play, above its briefing. */
const NOTICE_ABOVE_BRIEFING = Symbol('noticeAboveBriefing');

/**
 * Says `text` (that the running role-play stopped) in the message that begins the next role-play this turn, above
 * its briefing: one message where there were two, in the same order.
 */
export function noticeAboveBriefing(context: TurnContext, text: string): void {
  context.turnState.set(NOTICE_ABOVE_BRIEFING, text);
}

/** Turn state key: the result of a line played by `playLineDirectly` that ended the role-play. */
export const PLAYED_TO_THE_END = Symbol('rolePlayPlayedToTheEnd');

/** One role-play runs per conversation at a time: the conversation names its cached session. */
function cacheKey(dc: DialogContext): string {
  return cacheKeyOf(dc.context);
}

function cacheKeyOf(context: TurnContext): string {
  return context.activity.conversation?.id ?? '';
}

/**
 * The role-play's first message: the briefing card with the customer's first words and the anger meter under it,
 * the opening line's channel data (anger, band, no labels), and `notice` as its text (above the card), if any.
 */
function briefingMessage(persona: Persona, session: Session, notice?: string): Partial<Activity> {
  const opening = { words: session.transcript[0]?.text ?? '', footnote: angerMeter(session) };
  const message = MessageFactory.attachment(
    CardFactory.adaptiveCard(buildBriefingCard(persona, session.lang, { opening })),
    notice,
  );
  message.channelData = meterData(session, []);
  return message;
}

/** What a customer message carries for the page and the tests: the anger, its band and the labels recognised. */
function meterData(session: Session, labels: readonly string[]) {
  const anger = session.emotion.anger;
  return { anger, band: angerBand(anger), labels };
}

/** The small line under a customer's words: "😠 Boosheid 75/100". */
function angerMeter(session: Session): string {
  const anger = session.emotion.anger;
  return `${ANGER_ICON[angerBand(anger)]} ${t('angerLine', session.lang)} ${anger}/100`;
}

/** The customer's words, with a small line under it: the anger meter and what was recognised. */
export function customerMessage(persona: Persona, session: Session, customerText: string, labels?: readonly string[]) {
  const lang = session.lang;
  const meter = angerMeter(session);
  const recognised =
    labels === undefined
      ? ''
      : labels.length === 0
        ? ` · ${t('nothingRecognised', lang)}`
        : ` · ${t('recognised', lang)}: ${labels.map((id) => TECHNIQUE_NAMES[id as keyof typeof TECHNIQUE_NAMES]?.[lang] ?? id).join(', ')}`;
  const message = customerLine(persona, lang, customerText, `${meter}${recognised}`);
  message.channelData = meterData(session, labels ?? []);
  return message;
}
