/**
 * Every command the bot understands, in one table: its word, when it applies, what it takes and how `/help`
 * explains it in both languages. {@link parseCommand} is the one parser every dialog uses; `/help` is
 * {@link helpText}, generated from the table.
 */
import type { Activity } from 'botbuilder';
import { fillTemplate, isLang, type Difficulty, type Lang } from '../src/core';
import { isRoomId } from './demoRoomId';
import { EXPORT_FORMATS, type ExportFormat } from './feedbackMessage';

/** Where a command applies: at any moment, in a running role-play, or in a group demo. */
export type CommandScope = 'anytime' | 'rolePlay' | 'demo';

export interface CommandSpec {
  scope: CommandScope;
  /** Also understood without the slash (Teams users often type the bare word); only exact words, so replies are never mistaken. */
  bareWord?: true;
  /** What follows the word, as shown in help and usage texts. */
  args?: string;
  /**
   * The line `/help` shows (`{example}` is a scenario id); commands without one are reached by buttons or in a demo.
   * A usage with a `<placeholder>` goes in backticks: Web Chat's Markdown would take the bare `<placeholder>` for
   * an HTML tag and drop it.
   */
  help?: Record<Lang, string>;
}

/** The table. Its order is the order of `/help`. */
export const COMMAND_TABLE = {
  start: {
    scope: 'anytime',
    bareWord: true,
    args: '[scenario] [easy|normal|hard]',
    help: {
      nl: '/start: begin met een willekeurige klant; `/start <scenario>` voor een bepaalde (bijvoorbeeld /start {example}), eventueel met easy, normal of hard erachter',
      en: '/start: begin with a random customer; `/start <scenario>` for a particular one (for example /start {example}), optionally followed by easy, normal or hard',
    },
  },
  personas: {
    scope: 'anytime',
    bareWord: true,
    help: { nl: "/personas: de lijst met scenario's", en: '/personas: the list of scenarios' },
  },
  hint: {
    scope: 'rolePlay',
    bareWord: true,
    help: { nl: '/hint: een tip voor uw volgende stap', en: '/hint: a hint for your next step' },
  },
  retry: {
    scope: 'rolePlay',
    bareWord: true,
    help: {
      nl: '/retry: uw laatste antwoord terugnemen en iets anders proberen',
      en: '/retry: take back your last reply and try something else',
    },
  },
  stop: {
    scope: 'rolePlay',
    bareWord: true,
    help: {
      nl: '/stop: het rollenspel stoppen en feedback krijgen',
      en: '/stop: stop the role-play and get feedback',
    },
  },
  progress: {
    scope: 'anytime',
    bareWord: true,
    help: {
      nl: '/progress: uw laatste oefeningen en voortgang',
      en: '/progress: your recent practice and progress',
    },
  },
  export: {
    scope: 'anytime',
    args: '[markdown|html|json]',
    help: {
      nl: '/export: het verslag en het hele gesprek downloaden (markdown, html of json)',
      en: '/export: download the report and the whole conversation (markdown, html or json)',
    },
  },
  lang: {
    scope: 'anytime',
    args: 'nl|en',
    help: { nl: '/lang nl of /lang en: taal kiezen', en: '/lang nl or /lang en: choose the language' },
  },
  demo: {
    scope: 'anytime',
    args: '[scenario] [vote] [easy|normal|hard]',
    help: {
      nl: '`/demo <scenario> [vote]`: een groepsdemo voor iedereen in dit gesprek; de groep stemt met `/vote <nummer>`, de trainer sluit af met /end',
      en: '`/demo <scenario> [vote]`: a group demo for everyone in this conversation; the group votes with `/vote <number>`, the trainer closes it with /end',
    },
  },
  why: {
    scope: 'anytime',
    args: '[turn]',
    help: {
      nl: '/why: waarom uw laatste antwoord zo is beoordeeld (welke regel op welke woorden, en wat er bijna was); `/why <beurt>` voor een eerdere beurt',
      en: '/why: why your last reply was judged as it was (which rule on which words, and what was almost there); `/why <turn>` for an earlier turn',
    },
  },
  /** The trainer's view of the corrections, and `mark <turn> <techniques>` (the debrief's "Misjudged?" form); see README. */
  corrections: { scope: 'anytime', args: '[mark <turn> <techniques>]' },
  help: { scope: 'anytime', bareWord: true },
  /** "Practise again" on the feedback card: the same customer once more. */
  restart: { scope: 'anytime' },
  pause: { scope: 'demo' },
  resume: { scope: 'demo' },
  end: { scope: 'demo' },
  vote: { scope: 'demo', args: '<number>' },
  /** Take one's vote back (explained when a vote demo starts: the Teams command lists are full, so not in /help). */
  unvote: { scope: 'demo' },
  /** The trainer removes a proposal (`/remove 2`) or a participant (`/remove @name`, `/remove Anna`). */
  remove: { scope: 'demo', args: '<number>|@name' },
  /** The trainer hides the proposals' predicted effect until the pick, or shows it again. */
  predictions: { scope: 'demo', args: 'hide|show' },
  pick: { scope: 'demo', args: '<number>|majority' },
  allow: { scope: 'demo', args: '@name' },
  majority: { scope: 'demo', args: '[off]' },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMAND_TABLE;

export interface Command {
  name: CommandName | 'unknown';
  /** Words after the command, e.g. `['shop-refund', 'hard']` for `/start shop-refund hard`. */
  args: string[];
  raw: string;
}

function isCommandName(word: string): word is CommandName {
  return Object.hasOwn(COMMAND_TABLE, word);
}

const BARE_WORDS: ReadonlySet<string> = new Set(
  Object.entries(COMMAND_TABLE)
    .filter(([, spec]) => (spec as CommandSpec).bareWord)
    .map(([name]) => name),
);

/**
 * Reads a command: `/word args…`, or one of the bare words alone. The bot's @-mention is stripped before this
 * (practiceBot.ts). Undefined when the text is not a command (a reply to the customer).
 */
export function parseCommand(text: string): Command | undefined {
  const trimmed = text.trim();
  const slashed = /^\/([a-z]+)\b\s*(.*)$/i.exec(trimmed);
  const word = (slashed?.[1] ?? trimmed).toLowerCase();
  if (!slashed && !BARE_WORDS.has(word)) return undefined;
  const args = (slashed?.[2] ?? '').split(/\s+/).filter(Boolean);
  return { name: isCommandName(word) ? word : 'unknown', args, raw: trimmed };
}

/** `/help`, from the table: a title, what practice is, and one line per command that has one. */
export function helpText(lang: Lang, example: string): string {
  const lines = Object.values(COMMAND_TABLE).flatMap((spec: CommandSpec) =>
    spec.help ? [`- ${fillTemplate(spec.help[lang], { example })}`] : [],
  );
  return [...HELP_INTRO[lang], ...lines].join('\n');
}

const HELP_INTRO: Record<Lang, readonly string[]> = {
  nl: [
    '**Zo werkt het oefenen**',
    'U oefent een gesprek met een boze klant. Reageer zoals u dat echt zou doen; de klant wordt rustiger of bozer door wat u zegt.',
    '',
  ],
  en: [
    '**How practice works**',
    'You practise a conversation with an angry customer. Reply as you really would; what you say makes the customer calmer or angrier.',
    '',
  ],
};

// Argument readers: each argument kind is read in one place.

const DIFFICULTIES: readonly Difficulty[] = ['easy', 'normal', 'hard'];

/** `easy`, `normal` or `hard` among the arguments. */
export function difficultyArg(command: Command): Difficulty | undefined {
  return command.args.map((a) => a.toLowerCase()).find((a): a is Difficulty => DIFFICULTIES.includes(a as Difficulty));
}

/** The first argument that is not a difficulty nor one of `keywords`: a scenario id, as typed (lower case). */
export function scenarioArg(command: Command, keywords: readonly string[] = []): string | undefined {
  return command.args
    .map((a) => a.toLowerCase())
    .find((a) => !DIFFICULTIES.includes(a as Difficulty) && !keywords.includes(a));
}

/** `/demo … vote`: a demo in which the room proposes and votes. */
export function wantsVote(command: Command): boolean {
  return command.args.some((a) => a.toLowerCase() === 'vote');
}

/** `/export md|markdown|html|json`; undefined when none (or another word) was asked. */
export function exportFormatArg(command: Command): ExportFormat | undefined {
  const wanted = (command.args[0] ?? '').toLowerCase().replace(/^md$/, 'markdown');
  return EXPORT_FORMATS.find((format) => format === wanted);
}

/** `/lang nl|en`. */
export function langArg(command: Command): Lang | undefined {
  const wanted = (command.args[0] ?? '').toLowerCase();
  return isLang(wanted) ? wanted : undefined;
}

/** Demo card buttons carry `room:<id>`, so a button from an earlier demo is recognised. */
export function roomTag(command: Command): string | undefined {
  return command.args.find((a) => a.startsWith('room:'))?.slice('room:'.length);
}

/** The first argument that is not a room tag: a proposal's number (`2`, `#2`) or id (`p2`), or `majority`. */
export function proposalArg(command: Command): string | undefined {
  return command.args.find((a) => !a.startsWith('room:'));
}

/** `/majority off` switches majority picks off; anything else switches them on. */
export function majorityOn(command: Command): boolean {
  return command.args[0]?.toLowerCase() !== 'off';
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
  turn?: unknown;
  /** The turn picked in the debrief card's correction form. */
  'correct-turn'?: unknown;
  /** A demo card's predictions button: `hide` or `show`. */
  setting?: unknown;
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
      const room = isRoomId(data.roomId) ? data.roomId : undefined;
      if (!op || !room || !['pause', 'resume', 'retry', 'end', 'vote', 'pick', 'unvote', 'predictions'].includes(op))
        return undefined;
      const target = op === 'predictions' ? safeWord(data.setting) : safeWord(data.proposalId);
      return `/${op}${target ? ` ${target}` : ''} room:${room}`;
    }
    case 'why':
    case 'correction': {
      // The debrief's per-turn buttons; the correction's labels and note are read from the card's inputs.
      const turn = Number(data.turn ?? data['correct-turn']);
      if (!Number.isInteger(turn) || turn < 1) return undefined;
      return data.action === 'why' ? `/why ${turn}` : `/corrections mark ${turn}`;
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
