import { randomInt } from 'crypto';
import type { ActivityHandler, ConversationState, Storage, UserState } from 'botbuilder';
import type { Lang } from '../core';
import {
  createPracticeState,
  MainDialog,
  uploadFile,
  type DialogLogger,
  type ExportFile,
  type Projector,
  type ScenarioSource,
} from '../../dialogs';
import type { ChartStore } from './chartStore';
import type { DemoMeters } from './demoMeters';
import type { DemoRooms } from './demoRooms';
import { PracticeBot, type BotServices } from './practiceBot';
import { TurnRunner } from '../storage';
import { CorrectionStore } from './correctionStore';
import { LastSessionStore } from './lastSessionStore';
import { ProgressStore } from './progressStore';
import { SessionCache } from './sessionCache';

/** Everything the practice bot needs; built once in src/index.ts. */
export interface BotDependencies extends ScenarioSource {
  /** The settings the bot reads (a slice of AppConfig). */
  config: {
    defaultLang: Lang;
    retention: { keepScores: boolean; keepTranscripts: boolean; days: number };
    publicUrl?: string;
  };
  log: DialogLogger;
  conversationState: ConversationState;
  userState: UserState;
  /** Where progress entries are kept: the storage the states were built on. */
  storage: Storage;
  /** Where Teams report files go; default: an https PUT to the address Teams gives. */
  uploadFile?: (uploadUrl: string, file: ExportFile) => Promise<void>;
  /** Role-plays kept in memory between turns (default DEFAULT_SESSION_CACHE_SIZE); 0 replays every turn. */
  sessionCacheSize?: number;
  /** Tests inject a fixed clock and seeds; production uses the wall clock and crypto. */
  clock?: () => number;
  newSeed?: () => number;
  /** Chart images for Teams, served under PUBLIC_URL. */
  charts?: ChartStore;
  /** Group demos: the projector (rooms' live pages) and the store of Teams meter card ids. */
  projector?: Projector;
  demoMeters?: DemoMeters;
  /** Where each demo room lives in storage (the projector after a restart). */
  demoRooms?: DemoRooms;
  /** This server's address, for projector links in local web chat. */
  localUrl?: () => string | undefined;
}

export function createBot(deps: BotDependencies): ActivityHandler {
  const services: BotServices = {
    personas: deps.personas,
    classifier: deps.classifier,
    ...(deps.rulesVersions ? { rulesVersions: deps.rulesVersions } : {}),
    state: createPracticeState(deps.conversationState, deps.userState),
    sessions: new SessionCache(deps.sessionCacheSize),
    uploadFile: deps.uploadFile ?? ((url, file) => uploadFile(url, file)),
    progress: new ProgressStore(deps.storage, deps.config.retention.days),
    lastSessions: new LastSessionStore(deps.storage, deps.conversationState),
    corrections: new CorrectionStore(deps.storage, deps.config.retention.days),
    defaultLang: deps.config.defaultLang,
    retention: deps.config.retention,
    log: deps.log,
    clock: deps.clock ?? Date.now,
    newSeed: deps.newSeed ?? (() => randomInt(0, 2 ** 31 - 1)),
    ...(deps.charts ? { charts: deps.charts } : {}),
    ...(deps.projector ? { projector: deps.projector } : {}),
    ...(deps.demoMeters ? { demoMeters: deps.demoMeters } : {}),
    ...(deps.demoRooms ? { demoRooms: deps.demoRooms } : {}),
    ...(deps.localUrl ? { localUrl: deps.localUrl } : {}),
    ...(deps.config.publicUrl ? { publicUrl: deps.config.publicUrl } : {}),
  };
  const turns = new TurnRunner({ storage: deps.storage, states: [deps.conversationState, deps.userState] });
  return new PracticeBot(services, new MainDialog(services), turns);
}
