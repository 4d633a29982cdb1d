/**
 * One load phase against a bot's POST /api/messages, as bench:load and profileGap drive it: autocannon, one connection
 * one conversation that starts a role-play with a persona (each connection the next persona) and answers with the
 * bench's trainee lines, over and over.
 */
import { randomUUID } from 'crypto';
import autocannon from 'autocannon';
import { TRAINEE_LINES } from './benchTraineeLines';

/** One connection = one conversation: `/start <persona>` then the trainee lines, over and over. */
export function conversationRequests(serviceUrl: string, persona: string): autocannon.Request[] {
  const conversation = `bench-${randomUUID()}`;
  const user = `user-${randomUUID()}`;
  const activity = (text: string) =>
    JSON.stringify({
      type: 'message',
      id: '[<id>]',
      channelId: 'emulator',
      serviceUrl,
      conversation: { id: conversation },
      from: { id: user, name: 'Trainee' },
      recipient: { id: 'bot', name: 'Bot' },
      locale: 'nl-NL',
      text,
    });
  return [`/start ${persona}`, ...TRAINEE_LINES].map((text) => ({
    method: 'POST',
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: activity(text),
  }));
}

export interface LoadResult {
  turns: number;
  turnsPerSecond: number;
  /** CPU time of the bot's process (all its threads) per turn, from /proc; undefined where there is no /proc. */
  cpuMsPerTurn?: number;
  /** Replies the sink received per turn. */
  repliesPerTurn?: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function load(
  port: number,
  connections: number,
  seconds: number,
  serviceUrl: string,
  personas: string[],
): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    pipelining: 1,
    duration: seconds,
    idReplacement: true,
    requests: conversationRequests(serviceUrl, personas[0]),
    setupClient: (client) => {
      client.setRequests(conversationRequests(serviceUrl, personas[next++ % personas.length]));
    },
  });
  return {
    turns: result['2xx'],
    turnsPerSecond: result['2xx'] / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
