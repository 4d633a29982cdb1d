/** Storage's one import surface: building the store, saving turns and items safely, transcripts. */
export {
  createStorage,
  assertContainerName,
  accountName,
  type StorageKind,
  type StorageLog,
  type StorageSettings,
} from './createStorage';
export { createTranscriptStore, pruneTranscripts, transcriptContainerName } from './createTranscriptStore';
export { FileStorage, ETagConflictError, keyToFileName, type FileStorageOptions } from './fileStorage';
export { sweepDataFolder, sweepKeyPrefix, type ShortLivedItems, type SweepRules } from './retentionSweeper';
export {
  APPLIED_ACTIVITIES_PROPERTY,
  isETagConflict,
  runTurnWithRetry,
  TurnRunner,
  updateWithRetry,
  withETagRetry,
  type KeyedBotState,
  type RetryOptions,
  type TurnRetryOptions,
} from './retry';
export { CORRECTIONS_KEY, readCorrectionItems } from './correctionItems';
export {
  BOUND_USER_PREFIX,
  isTraineeId,
  lastSessionKey,
  traineeConversationId,
  TraineeConversationState,
  traineeIdOfUser,
  traineeStorageKeys,
  userProgressKey,
  WEB_CHAT_CHANNEL_IDS,
} from './traineeKeys';
