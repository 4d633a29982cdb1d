/**
 * A group demo driven from outside, over the bot's own HTTP surface: the trainer and the participants post
 * activities to /api/messages of whichever bot process they reach (replies land at a {@link ReplySink}), and the
 * projector is read as the page reads it, from `/demo/<room>/events` (Server-Sent Events), with the time each
 * snapshot arrived. Used by tests/storage/groupDemoScaleOut.test.ts and `npm run bench:demo-scaleout`.
 *
 * @example
 * const roomId = await startGroupDemo(botA, sink, 'conv-1', { id: 't', name: 'Tineke' }, 'vote');
 * const projector = await openProjectorStream(`${botB.baseUrl}/demo/${roomId}/events`);
 * const change = await timedSend(botA, sink, participantActivity(sink, 'conv-1', anna, { text: 'Goedemiddag' }), 'Anna proposes');
 * change.shownAt = await waitUntil(() => projector.firstShowing((s) => s.proposals.length === 1), 'the proposal');
 */
import type { Activity } from 'botbuilder';
import { DEMO_METER_MARK } from '../../dialogs';
import type { RoomSnapshot } from '../../src/core';
import { textOf, type BotProcess, type ReplySink } from './botProcess';
import { openEventStream } from './eventStream';

/** A snapshot the projector stream received, and when. */
export interface SeenSnapshot {
  at: number;
  snapshot: RoomSnapshot;
}

export interface ProjectorStream {
  /** HTTP status of the stream request (200 when the room is known). */
  status: number;
  seen: SeenSnapshot[];
  latest(): RoomSnapshot | undefined;
  /** When the projector first showed what `shows` looks for (undefined: not yet). */
  firstShowing(shows: (snapshot: RoomSnapshot) => boolean): number | undefined;
  close(): Promise<void>;
}

/** Opens a projector's event stream and records every snapshot with its arrival time. */
export async function openProjectorStream(url: string): Promise<ProjectorStream> {
  const stream = await openEventStream(url);
  // Parsed once each, as they come (firstShowing is polled while a test waits).
  const parsed: SeenSnapshot[] = [];
  let read = 0;
  const seen = (): SeenSnapshot[] => {
    for (; read < stream.events.length; read++) {
      const e = stream.events[read];
      if (e.event === 'snapshot' && e.data) parsed.push({ at: e.at, snapshot: JSON.parse(e.data) as RoomSnapshot });
    }
    return parsed;
  };
  return {
    status: stream.res.status,
    get seen() {
      return seen();
    },
    latest: () => seen().at(-1)?.snapshot,
    firstShowing: (shows) => seen().find((s) => shows(s.snapshot))?.at,
    close: () => stream.close(),
  };
}

/** Polls `check` every 20 ms until it gives something truthy; throws after `timeoutMs`. */
export async function waitUntil<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Person {
  id: string;
  name: string;
}

/** An activity from `who` in the emulator conversation (a message unless `extra` says otherwise). */
export function participantActivity(
  sink: ReplySink,
  conversation: string,
  who: Person,
  extra: Partial<Activity>,
): Partial<Activity> {
  return { ...sink.message(conversation, '', who.id), from: { id: who.id, name: who.name }, ...extra };
}

/** The trainer starts a demo on `bot`; returns the room id (from the round card's marker). */
export async function startGroupDemo(
  bot: BotProcess,
  sink: ReplySink,
  conversation: string,
  trainer: Person,
  mode: 'vote' | 'open',
  personaId = 'municipal-benefits',
): Promise<string> {
  await bot.send(sink, sink.joined(conversation, trainer.id));
  const text = `/demo ${personaId}${mode === 'vote' ? ' vote' : ''}`;
  const started = await bot.send(sink, participantActivity(sink, conversation, trainer, { text }));
  const roomId = started
    .map((r) => (r.channelData as Record<string, unknown> | undefined)?.[DEMO_METER_MARK])
    .find((id): id is string => typeof id === 'string');
  if (!roomId) throw new Error(`no demo started: ${textOf(started)}`);
  return roomId;
}

/** One change someone made: when it was sent, when the bot answered it (its turn saved), when a projector showed it. */
export interface TimedChange {
  what: string;
  sentAt: number;
  answeredAt: number;
  shownAt?: number;
}

/** Sends one activity and notes when it went and when the bot answered it; throws when nothing answered it. */
export async function timedSend(
  bot: BotProcess,
  sink: ReplySink,
  activity: Partial<Activity>,
  what: string,
): Promise<TimedChange> {
  const sentAt = Date.now();
  const replies = await bot.send(sink, activity);
  if (replies.length === 0) throw new Error(`no answer to ${what}`);
  return { what, sentAt, answeredAt: Date.now() };
}

/** Milliseconds from the answer and from the send to the projector (NaN while not shown). */
export function delaysOf(change: TimedChange): { afterAnswer: number; afterSend: number } {
  const shown = change.shownAt ?? NaN;
  return { afterAnswer: shown - change.answeredAt, afterSend: shown - change.sentAt };
}
