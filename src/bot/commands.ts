import type { Activity } from 'botbuilder';

export const COMMANDS = [
  'start',
  'restart',
  'stop',
  'personas',
  'help',
  'lang',
  'hint',
  'retry',
  'progress',
  'export',
] as const;
/** Group demo commands: only meaningful while a demo runs (except `/demo` itself). */
export const DEMO_COMMANDS = ['demo', 'pause', 'resume', 'end', 'vote', 'pick', 'allow', 'majority'] as const;
export type DemoCommandName = (typeof DEMO_COMMANDS)[number];
export type CommandName = (typeof COMMANDS)[number];

export interface Command {
  name: CommandName | DemoCommandName | 'unknown';
  /** Words after the command, e.g. `['shop-refund', 'hard']` for `/start shop-refund hard`. */
  args: string[];
  raw: string;
}

/**
 * Reads a slash command. Teams users often type without the slash or with the
 * bot's name before it; the mention is stripped earlier, the slash is optional
 * only for the exact command words so that normal replies are never mistaken.
 */
export function parseCommand(text: string): Command | undefined {
  const trimmed = text.trim();
  const match =
    /^\/([a-z]+)\b\s*(.*)$/i.exec(trimmed) ?? /^(start|stop|help|personas|hint|retry|progress)$/i.exec(trimmed);
  if (!match) return undefined;
  const word = (match[1] ?? '').toLowerCase();
  const args = (match[2] ?? '').split(/\s+/).filter(Boolean);
  const known = [...COMMANDS, ...DEMO_COMMANDS] as readonly string[];
  const name = known.includes(word) ? (word as CommandName | DemoCommandName) : 'unknown';
  return { name, args, raw: trimmed };
}

/** What a card button sends (`Action.Submit` data), as the command it stands for. */
export interface CardAction {
  action?: unknown;
  personaId?: unknown;
  format?: unknown;
  difficulty?: unknown;
  op?: unknown;
  roomId?: unknown;
  proposalId?: unknown;
}

/**
 * Turns a card submit (`value` without `text`) into the equivalent text
 * command, so buttons and typing follow one path. Unknown values give undefined.
 */
export function commandFromCardValue(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const data = value as CardAction;
  const safeWord = (v: unknown) => (typeof v === 'string' && /^[a-z0-9-]{1,60}$/i.test(v) ? v : undefined);
  switch (data.action) {
    case 'start': {
      const id = safeWord(data.personaId);
      const level = safeWord(data.difficulty);
      return id ? `/start ${id}${level ? ` ${level}` : ''}` : '/start';
    }
    case 'restart':
      return '/restart';
    case 'personas':
      return '/personas';
    case 'help':
      return '/help';
    case 'progress':
      return '/progress';
    case 'demo': {
      // A demo card button: the op as a command, tagged with the room so old cards are recognised.
      const op = safeWord(data.op);
      const room = typeof data.roomId === 'string' && /^[A-Za-z0-9_-]{22}$/.test(data.roomId) ? data.roomId : undefined;
      if (!op || !room || !['pause', 'resume', 'retry', 'end', 'vote', 'pick'].includes(op)) return undefined;
      const target = safeWord(data.proposalId);
      return `/${op}${target ? ` ${target}` : ''} room:${room}`;
    }
    case 'export': {
      const format = safeWord(data.format);
      return format ? `/export ${format}` : '/export';
    }
    default:
      return undefined;
  }
}

/** The text the bot should act on: typed text, or the command a card button stands for. */
export function effectiveText(activity: Pick<Activity, 'text' | 'value'>): string {
  const typed = typeof activity.text === 'string' ? activity.text : '';
  if (typed.trim() !== '') return typed;
  return commandFromCardValue(activity.value) ?? '';
}
