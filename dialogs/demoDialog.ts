import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import {
  cleanText,
  end,
  groupDebrief,
  join,
  nameController,
  pause,
  pick,
  proposalIdAt,
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
import { majorityOn, parseCommand, proposalArg, roomTag, type Command } from './commands';
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
import { buildFeedbackActivity } from './feedbackMessage';
import { isDemoJoin } from './demoJoin';
import { demoText } from './texts';

/** channelData marker on the meter card message: the bot records its id after sending (src/bot/demoMeters.ts). */
export const DEMO_METER_MARK = 'demoMeterFor';

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
    const trainer = participantOf(dc.context);
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
    await dc.context.sendActivity(
      `${demoText('started', lang, { trainer: shownName(trainer.name), title: persona.title[lang], how })}${link ? `\n\n${demoText('projector', lang, { url: link })}` : ''}${joinLink ? `\n\n${joinLink}` : ''}`,
    );
    await dc.context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(buildBriefingCard(persona, lang))),
    );
    await dc.context.sendActivity(customerLine(persona, lang, room.session.transcript[0]?.text ?? ''));
    await this.sendMeter(dc.context, room, persona);
    this.publish(room, persona);
    this.services.log.info('demo.started', { persona: persona.id, mode: options.mode, lang });
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const joining = isDemoJoin(dc.context.activity);
    if (dc.context.activity.type !== 'message' && !joining) return Dialog.EndOfTurn;
    const state = dc.activeDialog?.state as DemoDialogState;
    const room = upgradeRoom(state.room);
    const lang = room.session.lang;
    const persona = findPersonaIn(this.services, room.session.personaId);
    if (!persona) return dc.endDialog();
    const stage: Stage = { persona, common: this.services.personas.common, classifier: this.services.classifier };
    const who = participantOf(dc.context);
    const now = this.services.clock();
    const text = (dc.context.activity.text ?? '').trim();
    const command = parseCommand(text);

    if (command && !this.isForThisRoom(command, room)) {
      await dc.context.sendActivity(demoText('oldCard', lang));
      return Dialog.EndOfTurn;
    }

    let result: DemoResult;
    switch (command?.name) {
      case undefined:
        if (joining) {
          // A browser joined the room by its code (src/server/joinRoute.ts): the room learns the name.
          result = join(room, who);
          break;
        }
        if (text === '') return Dialog.EndOfTurn;
        result = reply(stage, room, who, text, now);
        break;
      case 'pause':
        result = pause(room, who, now);
        break;
      case 'resume':
        result = resume(room, who, now);
        break;
      case 'retry':
        result = retry(room, who, now);
        break;
      case 'end':
      case 'stop':
        result = end(room, who, now);
        break;
      case 'vote': {
        const proposalId = this.proposalFrom(command, room);
        if (!proposalId) {
          await dc.context.sendActivity(demoText('proposalNumber', lang));
          return Dialog.EndOfTurn;
        }
        result = vote(room, who, proposalId);
        break;
      }
      case 'pick': {
        const wantsMajority = proposalArg(command)?.toLowerCase() === 'majority';
        const proposalId = wantsMajority ? 'majority' : this.proposalFrom(command, room);
        if (!proposalId) {
          await dc.context.sendActivity(demoText('proposalNumber', lang));
          return Dialog.EndOfTurn;
        }
        result = pick(stage, room, who, proposalId, now);
        break;
      }
      case 'allow': {
        const mentioned = otherMention(dc.context);
        if (!mentioned) {
          await dc.context.sendActivity(demoText('allowUsage', lang));
          return Dialog.EndOfTurn;
        }
        result = nameController(room, who, mentioned);
        break;
      }
      case 'majority':
        result = setMajority(room, who, majorityOn(command));
        break;
      case 'hint': {
        const { hint } = requestHint(room.session);
        await dc.context.sendActivity(`💡 ${hint.text}`);
        return Dialog.EndOfTurn;
      }
      default:
        return Dialog.EndOfTurn;
    }

    const refused = refusalOf(result);
    if (refused) {
      await dc.context.sendActivity(refused.text[lang]);
      return Dialog.EndOfTurn;
    }
    state.room = result.room;
    await this.announce(dc.context, result.events, result.room, persona);
    this.publish(result.room, persona);
    await this.updateMeter(dc.context, result.room, persona);
    this.services.log.info('demo.changed', {
      events: result.events.map((e) => e.type),
      turns: result.room.session.turns.length,
    });

    if (result.room.closed) {
      const debrief = groupDebrief(result.room, persona);
      await dc.context.sendActivity(demoText('debriefIntro', lang));
      await dc.context.sendActivity(buildFeedbackActivity(debrief.report, dc.context.activity.channelId));
      await dc.context.sendActivity(
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

  private proposalFrom(command: Command, room: DemoRoom): string | undefined {
    const arg = proposalArg(command);
    if (!arg) return undefined;
    if (/^p\d+$/.test(arg) && room.proposals.some((p) => p.id === arg)) return arg;
    return proposalIdAt(room, Number(arg.replace(/^#/, '')));
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
          const number = String(room.proposals.findIndex((p) => p.id === event.proposal.id) + 1);
          await context.sendActivity(
            demoText('proposed', lang, { number, author: shownName(event.proposal.author.name) }),
          );
          break;
        }
        case 'voted': {
          const number = String(room.proposals.findIndex((p) => p.id === event.proposalId) + 1);
          await context.sendActivity(demoText('voted', lang, { voter: shownName(event.voter.name), number }));
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

  private publish(room: DemoRoom, persona: Persona): void {
    this.services.projector?.publish(room.roomId, roomSnapshot(room, persona));
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
   * Teams: the one meter card is updated in place. Other channels cannot
   * update a shown message, so they get a fresh meter only when the room's
   * state changes without a customer line (pause, vote, proposals).
   */
  private async updateMeter(context: TurnContext, room: DemoRoom, persona: Persona): Promise<void> {
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

function participantOf(context: TurnContext): Participant {
  const from = context.activity.from;
  return {
    id: from?.id ?? 'unknown',
    name: (from?.name ?? '').trim() || (context.activity.locale?.startsWith('en') ? 'Participant' : 'Deelnemer'),
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
