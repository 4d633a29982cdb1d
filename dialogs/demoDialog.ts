import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './botbuilderDialogs';
import {
  addressedRefusal,
  cleanText,
  end,
  join,
  removeParticipant,
  removeProposal,
  renderDemoExport,
  setHidePredictions,
  unvote,
  groupDebrief,
  nameController,
  pause,
  pick,
  proposalNumber,
  refusalOf,
  reply,
  resume,
  retry,
  roomSnapshot,
  setMajority,
  startDemo,
  upgradeRoom,
  vote,
  type DemoEvent,
  type DemoMode,
  type DemoResult,
  type DemoRoom,
  type Participant,
  escapeMarkdown,
  requestHint,
  TECHNIQUE_NAMES,
  type Difficulty,
  type Lang,
  type Persona,
  type Stage,
} from '../src/core';
import { buildDemoDebriefCard, buildDemoMeterCard } from './cards/demoCards';
import { buildBriefingCard } from './cards/scenarioCard';
import { capabilitiesOf } from './channels';
import { exportFormatArg, majorityOn, parseCommand, proposalArg, roomTag, type Command } from './commands';
import { customerLine } from './customerLine';
import { DEMO_DIALOG } from './dialogIds';
import { newJoinCode, newRoomId } from './demoRoomId';
import {
  findPersonaIn,
  type DemoServices,
  type DialogLog,
  type ScenarioSource,
  type TurnClock,
} from './dialogServices';
import { EXPORT_FORMATS, exportMessages, type ExportFile } from './exportMessages';
import { buildFeedbackActivity } from './feedbackMessage';
import { demoText } from './texts';

/** channelData marker on the meter card message: the bot records its id after sending (src/bot/demoMeters.ts). */
export const DEMO_METER_MARK = 'demoMeterFor';

/**
 * The event a client sends when someone joins the demo running in this conversation (the web chat page after the
 * join link): `{ type: 'event', name: DEMO_JOIN_EVENT, value: { name: 'Anna' } }`. The room learns the display
 * name; the room sees "Anna joins".
 */
export const DEMO_JOIN_EVENT = 'demo/join';

export interface DemoOptions {
  personaId: string;
  lang: Lang;
  mode: DemoMode;
  difficulty?: Difficulty;
}

interface DemoDialogState {
  room: DemoRoom;
}

/**
 * A role-play for a whole room: a trainer starts it, anyone replies (or
 * proposes and votes), every reply is attributed, and the room sees the anger
 * move. The room lives in this dialog's state, so two conversations never
 * share a demo; the projector page gets every change through the hub.
 */
export class DemoDialog extends Dialog<DemoOptions> {
  constructor(private readonly services: ScenarioSource & TurnClock & DialogLog & DemoServices) {
    super(DEMO_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: DemoOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('DemoDialog.beginDialog: options with a personaId are required');
    const persona = findPersonaIn(this.services, options.personaId);
    if (!persona) return dc.endDialog();
    // Web chat sends no name for the person on the plain page who starts the demo: the room calls them Trainer.
    const trainer = participantOf(dc.context, 'Trainer');
    const { room } = startDemo(
      { persona },
      {
        roomId: newRoomId(),
        joinCode: newJoinCode(),
        trainer,
        lang: options.lang,
        seed: this.services.newSeed(),
        now: this.services.clock(),
        mode: options.mode,
        ...(options.difficulty ? { difficulty: options.difficulty } : {}),
      },
    );
    (dc.activeDialog?.state as DemoDialogState).room = room;
    const lang = room.session.lang;
    const how = demoText(options.mode === 'vote' ? 'howVote' : 'howOpen', lang);
    const link = this.projectorLink(dc.context, room.roomId);
    const joinLink = this.joinLink(dc.context, room);
    // One message, as a solo role-play starts: who started what and how to join as its text, the briefing card under
    // it. The customer's first words are in the live meter card that follows, with each later line.
    const started = `${demoText('started', lang, { trainer: shownName(trainer.name), title: persona.title[lang], how })}${link ? `\n\n${demoText('projector', lang, { url: link })}` : ''}${joinLink ? `\n\n${joinLink}` : ''}`;
    await dc.context.sendActivity(
      MessageFactory.attachment(
        CardFactory.adaptiveCard(buildBriefingCard(persona, lang, { audience: 'group' })),
        started,
      ),
    );
    await this.sendMeter(dc.context, room, persona);
    await this.publish(dc.context, room, persona);
    this.services.log.info('demo.started', { persona: persona.id, mode: options.mode, lang });
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { activity } = dc.context;
    const isJoin = activity.type === 'event' && activity.name === DEMO_JOIN_EVENT;
    if (activity.type !== 'message' && !isJoin) return Dialog.EndOfTurn;
    const state = dc.activeDialog?.state as DemoDialogState;
    const room = upgradeRoom(state.room);
    const lang = room.session.lang;
    const persona = findPersonaIn(this.services, room.session.personaId);
    if (!persona) return dc.endDialog();
    const stage: Stage = { persona, common: this.services.personas.common, classifier: this.services.classifier };
    // Someone who sends no name keeps the one the room knows them by (the trainer's, for one).
    const who = participantOf(dc.context, room.participants.find((p) => p.id === dc.context.activity.from?.id)?.name);
    const now = this.services.clock();

    if (isJoin) {
      const named = joinName(activity.value);
      return this.apply(dc, state, join(room, named ? { ...who, name: named } : who), persona);
    }
    // Whoever speaks in the room is known to it ("n of m voted" counts them), even before they propose or vote;
    // someone already known keeps the name they joined with.
    const known = room.participants.some((p) => p.id === who.id) ? undefined : join(room, who);
    const current = !known || refusalOf(known) ? room : known.room;

    const text = (activity.text ?? '').trim();
    const command = parseCommand(text);

    if (command && !this.isForThisRoom(command, current)) {
      await dc.context.sendActivity(demoText('oldCard', lang));
      return Dialog.EndOfTurn;
    }

    let result: DemoResult;
    switch (command?.name) {
      case undefined:
        if (text === '') return Dialog.EndOfTurn;
        result = reply(stage, current, who, text, now);
        break;
      case 'pause':
        result = pause(current, who, now);
        break;
      case 'resume':
        result = resume(current, who, now);
        break;
      case 'retry':
        result = retry(current, who, now);
        break;
      case 'end':
      case 'stop':
        result = end(current, who, now);
        break;
      case 'vote': {
        const target = proposalArg(command);
        if (!target) {
          await dc.context.sendActivity(demoText('proposalNumber', lang));
          return Dialog.EndOfTurn;
        }
        result = vote(current, who, target);
        break;
      }
      case 'unvote':
        result = unvote(current, who);
        break;
      case 'pick': {
        const target = proposalArg(command);
        if (!target) {
          await dc.context.sendActivity(demoText('proposalNumber', lang));
          return Dialog.EndOfTurn;
        }
        result = pick(stage, current, who, target.toLowerCase() === 'majority' ? 'majority' : target, now);
        break;
      }
      case 'remove': {
        const target = command.args.filter((a) => !a.startsWith('room:')).join(' ');
        if (target === '') {
          await dc.context.sendActivity(demoText('removeUsage', lang));
          return Dialog.EndOfTurn;
        }
        const mentioned = otherMention(dc.context);
        result = /^#?\d+$/.test(target)
          ? removeProposal(current, who, target)
          : removeParticipant(current, who, mentioned ? { id: mentioned } : { name: target });
        break;
      }
      case 'predictions': {
        const setting = proposalArg(command)?.toLowerCase();
        if (setting !== 'hide' && setting !== 'show') {
          await dc.context.sendActivity(demoText('predictionsUsage', lang));
          return Dialog.EndOfTurn;
        }
        result = setHidePredictions(current, who, setting === 'hide');
        break;
      }
      case 'allow': {
        const mentioned = otherMention(dc.context);
        if (!mentioned) {
          await dc.context.sendActivity(demoText('allowUsage', lang));
          return Dialog.EndOfTurn;
        }
        result = nameController(current, who, mentioned);
        break;
      }
      case 'majority':
        result = setMajority(current, who, majorityOn(command));
        break;
      case 'hint': {
        const { hint } = requestHint(current.session);
        await dc.context.sendActivity(`💡 ${hint.text}`);
        return Dialog.EndOfTurn;
      }
      case 'export':
        await sendDemoExport(dc.context, current, persona, command);
        return Dialog.EndOfTurn;
      default:
        return Dialog.EndOfTurn;
    }
    return this.apply(dc, state, result, persona, current !== room ? current : undefined);
  }

  /**
   * Saves the room of a result, tells the room what happened, and updates the projector and the round's card; a
   * refusal goes to the person who asked, by name, and changes nothing (but `known`, the room that learnt who
   * spoke, is kept).
   */
  private async apply(
    dc: DialogContext,
    state: DemoDialogState,
    result: DemoResult,
    persona: Persona,
    known?: DemoRoom,
  ): Promise<DialogTurnResult> {
    const { context } = dc;
    const lang = result.room.session.lang;
    const refused = refusalOf(result);
    if (refused) {
      if (known) {
        state.room = known;
        await this.publish(context, known, persona);
      }
      const name = refused.to ? shownName(refused.to.name) : '';
      await context.sendActivity(addressedRefusal(name, refused.text[lang]));
      return Dialog.EndOfTurn;
    }
    if (result.events.length === 0 && !known) return Dialog.EndOfTurn;
    state.room = result.room;
    await this.announce(context, result.events, result.room, persona);
    await this.publish(context, result.room, persona);
    await this.showRound(context, result.events, result.room, persona);
    this.services.log.info('demo.changed', {
      events: result.events.map((e) => e.type),
      turns: result.room.session.turns.length,
    });

    if (result.room.closed) {
      const debrief = groupDebrief(result.room, persona);
      await this.services.demoMeters?.keepFinished?.(conversationKey(context), result.room, this.services.clock());
      await context.sendActivity(demoText('debriefIntro', lang));
      await context.sendActivity(buildFeedbackActivity(debrief.report, context.activity.channelId));
      await context.sendActivity(
        MessageFactory.attachment(CardFactory.adaptiveCard(buildDemoDebriefCard(debrief, lang))),
      );
      return dc.endDialog();
    }
    return Dialog.EndOfTurn;
  }

  /** Card buttons carry `room:<id>`; a button from an earlier demo must not act on this one. */
  private isForThisRoom(command: Command, room: DemoRoom): boolean {
    const tag = roomTag(command);
    return tag === undefined || tag === room.roomId;
  }

  private async announce(
    context: TurnContext,
    events: readonly DemoEvent[],
    room: DemoRoom,
    persona: Persona,
  ): Promise<void> {
    const lang = room.session.lang;
    for (const event of events) {
      switch (event.type) {
        case 'turn': {
          const labels = event.labels.map((id) => TECHNIQUE_NAMES[id][lang]).join(', ');
          const by = demoText('answeredTo', lang, { author: shownName(event.author.name) });
          await context.sendActivity(
            customerLine(
              persona,
              lang,
              event.customerText,
              `${by} · ${event.angerBefore} → ${event.angerAfter}${labels ? ` · ${labels}` : ''}`,
            ),
          );
          if (event.outcome) {
            const snapshot = roomSnapshot(room, persona);
            await context.sendActivity(demoText('sessionOver', lang, { outcome: snapshot.outcomeText ?? '' }));
          }
          break;
        }
        case 'proposed': {
          const number = String(event.proposal.number ?? room.proposals.indexOf(event.proposal) + 1);
          await context.sendActivity(
            demoText('proposed', lang, { number, author: shownName(event.proposal.author.name) }),
          );
          break;
        }
        case 'voted': {
          await context.sendActivity(
            demoText('voted', lang, { voter: shownName(event.voter.name), number: numberIn(room, event.proposalId) }),
          );
          break;
        }
        case 'unvoted':
          await context.sendActivity(
            demoText('unvoted', lang, { voter: shownName(event.voter.name), number: numberIn(room, event.proposalId) }),
          );
          break;
        case 'votesVoided':
          // Each voter is named, so they see at once that their vote is gone and why.
          await context.sendActivity(
            demoText(event.why === 'replaced' ? 'votesReplaced' : 'votesRemoved', lang, {
              voters: event.voters.map((v) => shownName(v.name)).join(', '),
              author: shownName(event.author.name),
              number: String(event.number),
            }),
          );
          break;
        case 'proposalRemoved':
          await context.sendActivity(
            demoText('proposalRemoved', lang, {
              by: shownName(event.by.name),
              number: String(event.number),
              author: shownName(event.author.name),
            }),
          );
          break;
        case 'participantRemoved':
          await context.sendActivity(
            demoText('participantRemoved', lang, {
              by: shownName(event.by.name),
              name: shownName(event.participant.name),
            }),
          );
          break;
        case 'predictionsHidden':
          await context.sendActivity(demoText(event.hidden ? 'predictionsHidden' : 'predictionsShown', lang));
          break;
        case 'joined':
          await context.sendActivity(
            demoText(event.renamed ? 'renamed' : 'joined', lang, { name: shownName(event.participant.name) }),
          );
          break;
        case 'picked': {
          const record = room.history[room.history.length - 1];
          if (!record) break;
          const cast = record.proposals.reduce((sum, p) => sum + p.voters.length, 0);
          const line = demoText(record.via === 'majority' ? 'pickedByMajority' : 'picked', lang, {
            round: String(record.round),
            by: shownName(record.chosenBy.name),
            number: String(record.chosen.number ?? ''),
            author: shownName(record.chosen.author.name),
            votes: String(record.chosen.votes),
            cast: String(cast),
          });
          await context.sendActivity(record.overrodeMajority ? `${line} ${demoText('overrodeMajority', lang)}` : line);
          break;
        }
        case 'paused':
          await context.sendActivity(demoText('paused', lang, { by: shownName(event.by.name) }));
          break;
        case 'resumed':
          await context.sendActivity(demoText('resumed', lang));
          break;
        case 'retried': {
          const lastCustomer = [...room.session.transcript].reverse().find((e) => e.role === 'customer');
          await context.sendActivity(demoText('retried', lang, { turn: String(event.turn) }));
          await context.sendActivity(customerLine(persona, lang, lastCustomer?.text ?? ''));
          break;
        }
        case 'controllerNamed':
          await context.sendActivity(demoText('controllerNamed', lang, { by: shownName(event.by.name) }));
          break;
        case 'majorityChanged':
          await context.sendActivity(demoText(event.allowed ? 'majorityOn' : 'majorityOff', lang));
          break;
        default:
          break;
      }
    }
  }

  /** Shows the room on the projector, and notes where it is kept so the projector finds it again after a restart. */
  private async publish(context: TurnContext, room: DemoRoom, persona: Persona): Promise<void> {
    if (!this.services.projector) return;
    const snapshot = roomSnapshot(room, persona);
    this.services.projector.publish(room.roomId, snapshot);
    const ended = room.closed ? snapshot : undefined;
    await this.services.demoRooms?.remember(context, room.roomId, this.services.clock(), ended);
  }

  /** Web chat on the embedded Direct Line: browsers join this conversation with the room's code (src/server/joinRoute.ts). */
  private joinLink(context: TurnContext, room: DemoRoom): string | undefined {
    const projector = this.services.projector;
    const code = room.joinCode;
    const conversationId = context.activity.conversation?.id;
    if (!projector?.openJoin || !projector.joinUrlFor || !code || !conversationId) return undefined;
    if (!projector.openJoin(room.roomId, code, conversationId)) return undefined;
    const base =
      this.services.publicUrl ??
      (capabilitiesOf(context.activity.channelId).reachesLocalAddress ? this.services.localUrl?.() : undefined);
    if (!base) return undefined;
    return demoText('joinLink', room.session.lang, { url: projector.joinUrlFor(base, code), code });
  }

  private projectorLink(context: TurnContext, roomId: string): string | undefined {
    const projector = this.services.projector;
    if (!projector) return undefined;
    const base =
      this.services.publicUrl ??
      (capabilitiesOf(context.activity.channelId).reachesLocalAddress ? this.services.localUrl?.() : undefined);
    return base ? projector.urlFor(base, roomId) : undefined;
  }

  private meterCard(context: TurnContext, room: DemoRoom, persona: Persona): Partial<Activity> {
    const snapshot = roomSnapshot(room, persona);
    const link = this.projectorLink(context, room.roomId);
    const message = MessageFactory.attachment(
      CardFactory.adaptiveCard(buildDemoMeterCard(snapshot, link ? { projectorUrl: link } : {})),
    );
    message.channelData = { [DEMO_METER_MARK]: room.roomId };
    return message;
  }

  private async sendMeter(context: TurnContext, room: DemoRoom, persona: Persona): Promise<void> {
    await context.sendActivity(this.meterCard(context, room, persona));
  }

  /**
   * One card per round. A round that starts (a pick, a turn taken back) gets a new card; everything else in the
   * round (proposals, votes, pauses, removals) updates that card in place where the channel can (Teams, Web Chat:
   * the channel table), with the id the bot recorded when the card went out. Where it cannot, or the update fails,
   * vote mode posts the card again; open mode, whose turns each bring a customer line, does not.
   */
  private async showRound(
    context: TurnContext,
    events: readonly DemoEvent[],
    room: DemoRoom,
    persona: Persona,
  ): Promise<void> {
    const newRound =
      room.mode === 'vote' && !room.closed && events.some((e) => e.type === 'picked' || e.type === 'retried');
    if (newRound) return this.sendMeter(context, room, persona);
    if (capabilitiesOf(context.activity.channelId).updateInPlace) {
      const id = await this.services.demoMeters?.recall(room.roomId);
      if (id) {
        try {
          await context.updateActivity({ ...this.meterCard(context, room, persona), id });
          return;
        } catch (error) {
          this.services.log.warn('demo.meterUpdateFailed', { error: (error as Error).message });
        }
      }
    }
    if (room.mode === 'vote' && !room.closed) await this.sendMeter(context, room, persona);
  }
}

/** `/export [markdown|html|json]` during a demo (or, through the main dialog, after it): every round and who did what. */
export async function sendDemoExport(
  context: TurnContext,
  room: DemoRoom,
  persona: Persona,
  command: Command,
): Promise<void> {
  const asked = exportFormatArg(command);
  const lang = room.session.lang;
  // Teams takes no file from a bot in a group chat: the export comes as readable messages there.
  await context.sendActivities(
    exportMessages({
      channelId: context.activity.channelId ?? '',
      lang,
      formats: asked ? [asked] : EXPORT_FORMATS,
      fileOf: (format): ExportFile => renderDemoExport(room, persona, format),
      filesIntro: demoText('exportReady', lang),
      whereWhole: demoText('exportWholeAsFile', lang),
    }),
  );
}

/** The number the room sees for a proposal that is open (or "?" when it is not). */
function numberIn(room: DemoRoom, proposalId: string): string {
  const proposal = room.proposals.find((p) => p.id === proposalId);
  return proposal ? String(proposalNumber(room, proposal)) : '?';
}

/** The display name a join event brings (`value.name`), one clean line of at most 60 characters. */
function joinName(value: unknown): string | undefined {
  const name = (value as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string') return undefined;
  const clean = cleanText(name, { singleLine: true }).trim().slice(0, 60);
  return clean === '' ? undefined : clean;
}

/** The conversation a finished demo is kept for (`/export` after the end). */
export function conversationKey(context: TurnContext): string {
  return `${context.activity.channelId ?? 'unknown'}/${context.activity.conversation?.id ?? 'unknown'}`;
}

function participantOf(context: TurnContext, unnamed?: string): Participant {
  const from = context.activity.from;
  return {
    id: from?.id ?? 'unknown',
    name:
      (from?.name ?? '').trim() || unnamed || (context.activity.locale?.startsWith('en') ? 'Participant' : 'Deelnemer'),
  };
}

/** The first @-mentioned person who is not the bot (Teams `/allow @name`). */
function otherMention(context: TurnContext): string | undefined {
  const botId = context.activity.recipient?.id;
  for (const entity of context.activity.entities ?? []) {
    const mentioned = (entity as { type?: string; mentioned?: { id?: string } }).mentioned;
    if (entity.type === 'mention' && mentioned?.id && mentioned.id !== botId) return mentioned.id;
  }
  return undefined;
}

/** A participant's display name (set by the client) inside a chat message: one line, shown literally. */
function shownName(name: string): string {
  return escapeMarkdown(cleanText(name));
}
