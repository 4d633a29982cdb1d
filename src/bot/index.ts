/** The bot's one import surface: building it, and the stores the wiring file shares with the server. */
export { createBot, type BotDependencies } from './createBot';
export { PracticeBot, WEBCHAT_JOIN_EVENT, type BotServices } from './practiceBot';
export { ChartStore, type StoredChart } from './chartStore';
export { DemoMeters } from './demoMeters';
export { DemoRooms, DEMO_ROOM_IDLE_MS, DEMO_ROOM_KEY_PREFIXES, type KeptJoinCode } from './demoRooms';
export { ProgressStore } from './progressStore';
export { SessionCache, DEFAULT_SESSION_CACHE_SIZE } from './sessionCache';
export { CorrectionStore, MAX_CORRECTIONS } from './correctionStore';
