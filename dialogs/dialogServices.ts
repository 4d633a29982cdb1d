/**
 * What the dialogs need from the outside world, as the few narrow interfaces they declare themselves. The bot
 * (src/bot/createBot.ts) and the wiring file (src/index.ts) hand in objects that fit them: no globals, no
 * process.env, and nothing here names a class of the layers above.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type {
  Classifier,
  CommonLines,
  DemoRoom,
  Lang,
  Persona,
  Report,
  RoomSnapshot,
  Session,
  SessionLog,
  SessionRecord,
  Stage,
} from '../src/core';
import type { CorrectionBook } from './corrections';
import type { ConversationSettings, ProgressEntry, UserProfile } from './practiceState';

/** The customers on offer and the classifier that reads the trainee's replies. */
export interface ScenarioSource {
  /** `versions`: each persona's content hash (PersonaLibrary.versions), kept with a finished role-play. */
  personas: {
    readonly personas: readonly Persona[];
    readonly common: CommonLines;
    readonly versions?: Readonly<Record<string, string>>;
  };
  classifier: Classifier;
  /** Each language's rule file's content hash, kept with a finished role-play. */
  rulesVersions?: Readonly<Record<Lang, string>>;
}

/** Per-conversation and per-user settings, the last finished role-play's record, and the language to fall back on. */
export interface ConversationMemory {
  state: {
    settings: StatePropertyAccessor<ConversationSettings>;
    profile: StatePropertyAccessor<UserProfile>;
  };
  lastSessions: LastSessionBook;
  defaultLang: Lang;
}

/** Time and chance, injected so tests can fix them. */
export interface TurnClock {
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** A seed for a new role-play. */
  newSeed: () => number;
}

/** The log lines the dialogs write. */
export interface DialogLogger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
}

/**
 * The one field under which a log line may carry what the trainee typed: the logger drops it unless
 * LOG_MESSAGE_TEXT=true (src/logging.ts filters the same name; tests/server/logging.test.ts holds them together).
 */
export const MESSAGE_TEXT_FIELD = 'text';

export interface DialogLog {
  log: DialogLogger;
}

/** Role-plays this process is playing, so a turn need not replay its stored log (src/bot/sessionCache.ts). */
export interface RolePlayMemory {
  sessions: {
    restore(key: string, log: SessionLog, stage: Stage): Session;
    remember(key: string, log: SessionLog, session: Session): void;
    forget(key: string): void;
  };
}

/** A finished role-play's record, as kept for `/export`, `/why` and corrections. */
export interface KeptSession {
  record: SessionRecord;
  endedAt: number;
}

/**
 * Where each conversation's last finished role-play is kept, in a storage item of its own beside the conversation
 * state (src/bot/lastSessionStore.ts): written once when a role-play ends, read only by the commands that need it.
 */
export interface LastSessionBook {
  read(context: TurnContext): Promise<KeptSession | undefined>;
  keep(context: TurnContext, kept: KeptSession): Promise<void>;
  drop(context: TurnContext): Promise<void>;
}

/** Each trainee's recent scores, for `/progress` (src/bot/progressStore.ts). */
export interface ProgressBook {
  history(context: TurnContext, now: Date): Promise<ProgressEntry[]>;
  add(context: TurnContext, entry: ProgressEntry): Promise<void>;
}

/** What the debrief needs besides the report: where scores go and where Teams loads chart images from. */
export interface DebriefServices {
  retention: { keepScores: boolean };
  progress: ProgressBook;
  /** Keeps a chart (numbers only) and returns its id; with publicUrl, Teams gets a PNG instead of the sparkline. */
  charts?: { save(report: Report): Promise<string> };
  publicUrl?: string;
}

/** Corrections of the judgement marked in the debrief, kept only where transcripts may be (KEEP_TRANSCRIPTS). */
export interface CorrectionServices {
  retention: { keepTranscripts: boolean };
  corrections: CorrectionBook;
}

/** The projector page of a group demo (src/server/projector): rooms, their live snapshots and their links. */
export interface Projector {
  publish(roomId: string, snapshot: RoomSnapshot): void;
  /** The page of a room, under `baseUrl`. */
  urlFor(baseUrl: string, roomId: string): string;
  /**
   * Lets browsers join the room played in this conversation with its join code; true when they can (web chat on
   * the embedded Direct Line), false elsewhere (Teams: the room is the group chat itself).
   */
  openJoin?(roomId: string, code: string, conversationId: string): boolean;
  /** The web chat page that joins the room with this code, under `baseUrl`. */
  joinUrlFor?(baseUrl: string, code: string): string;
}

/** Group demos: the projector (when enabled), the Teams meter cards, and the addresses links are built on. */
export interface DemoServices {
  projector?: Projector;
  /** Which message holds a room's round card, and each conversation's last finished demo (src/bot/demoMeters.ts). */
  demoMeters?: {
    recall(roomId: string): Promise<string | undefined>;
    keepFinished?(conversationId: string, room: DemoRoom, endedAt: number): Promise<void>;
    lastFinished?(conversationId: string): Promise<{ room: DemoRoom; endedAt: number } | undefined>;
  };
  /** Where each room lives in storage, so the projector shows it again after a restart (src/bot/demoRooms.ts). */
  demoRooms?: {
    /** `ended`: the room's last snapshot, when this change ended it (projectors on other instances show it). */
    remember(context: TurnContext, roomId: string, changedAt: number, ended?: RoomSnapshot): Promise<void>;
  };
  publicUrl?: string;
  /** This server's own address (local use without PUBLIC_URL), for projector links in web chat. */
  localUrl?: () => string | undefined;
}

/** Everything the main dialog hands to the dialogs it runs. */
export type DialogServices = ScenarioSource &
  ConversationMemory &
  TurnClock &
  DialogLog &
  RolePlayMemory &
  DebriefServices &
  CorrectionServices &
  DemoServices;

export function findPersonaIn(services: ScenarioSource, id: string): Persona | undefined {
  const wanted = id.toLowerCase();
  return services.personas.personas.find((p) => p.id === wanted);
}
