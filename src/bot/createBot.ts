import { randomInt } from 'crypto';
import type { ActivityHandler, ConversationState, UserState } from 'botbuilder';
import type { AppConfig } from '../config';
import type { Classifier } from '../core';
import type { PersonaLibrary } from '../content/personaLibrary';
import type { Logger } from '../logging';
import type { DemoHub } from '../server/projector/demoHub';
import type { ChartStore } from './chartStore';
import type { DemoMeters } from './demoMeters';
import { MainDialog } from '../../dialogs/mainDialog';
import { PracticeBot } from './practiceBot';
import { createPracticeState } from './practiceState';
import { SessionCache } from './sessionCache';
import { ProgressStore } from './progressStore';
import { storageOf } from '../storage/retry';
import { uploadFile } from './teamsFiles';
import type { ExportFile } from './feedbackMessage';
import type { PracticeServices } from './services';

/** Everything the practice bot needs; built once in src/index.ts. */
export interface BotDependencies {
  config: AppConfig;
  log: Logger;
  conversationState: ConversationState;
  userState: UserState;
  personas: PersonaLibrary;
  classifier: Classifier;
  /** Where Teams report files go; default: an https PUT to the address Teams gives. */
  uploadFile?: (uploadUrl: string, file: ExportFile) => Promise<void>;
  /** Role-plays kept in memory between turns (default DEFAULT_SESSION_CACHE_SIZE); 0 replays every turn. */
  sessionCacheSize?: number;
  /** Tests inject a fixed clock and seeds; production uses the wall clock and crypto. */
  clock?: () => number;
  newSeed?: () => number;
  /** Chart images for Teams, served under PUBLIC_URL. */
  charts?: ChartStore;
  /** Group demos: the projector hub and the store of Teams meter card ids. */
  demoHub?: DemoHub;
  demoMeters?: DemoMeters;
  /** This server's address, for projector links in local web chat. */
  localUrl?: () => string | undefined;
}

export function createBot(deps: BotDependencies): ActivityHandler {
  const services: PracticeServices = {
    personas: deps.personas,
    classifier: deps.classifier,
    state: createPracticeState(deps.conversationState, deps.userState),
    sessions: new SessionCache(deps.sessionCacheSize),
    uploadFile: deps.uploadFile ?? ((url, file) => uploadFile(url, file)),
    progress: new ProgressStore(storageOf(deps.conversationState), deps.config.retention.days),
    defaultLang: deps.config.defaultLang,
    retention: deps.config.retention,
    log: deps.log,
    clock: deps.clock ?? Date.now,
    newSeed: deps.newSeed ?? (() => randomInt(0, 2 ** 31 - 1)),
    ...(deps.charts ? { charts: deps.charts } : {}),
    ...(deps.demoHub ? { demoHub: deps.demoHub } : {}),
    ...(deps.demoMeters ? { demoMeters: deps.demoMeters } : {}),
    ...(deps.localUrl ? { localUrl: deps.localUrl } : {}),
    ...(deps.config.publicUrl ? { publicUrl: deps.config.publicUrl } : {}),
  };
  return new PracticeBot(services, new MainDialog(services));
}
