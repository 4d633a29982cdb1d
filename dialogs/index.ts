/**
 * The dialogs' one import surface: the conversation (main dialog and the dialogs it runs), the narrow interfaces
 * it needs handed in, and what the bot reuses of it (commands, texts, state shapes, the Teams file cards).
 */
export { MainDialog } from './mainDialog';
export { DialogSet, DialogTurnStatus } from './botbuilderDialogs';
export { sendScenarioList } from './chooseScenarioDialog';
export { DEMO_JOIN_EVENT, DEMO_METER_MARK } from './demoDialog';
export { demoRoomInDialogState } from './demoRoomInState';
export { newRoomId, isRoomId, ROOM_ID_PATTERN, newJoinCode, normalJoinCode, JOIN_CODE_PATTERN } from './demoRoomId';
export * from './dialogServices';
export {
  capabilitiesOf,
  canOfferFile,
  CHANNELS,
  LANGUAGE_EVENT,
  utf16Bytes,
  type ChannelCapabilities,
  type KnownChannel,
} from './channels';
export {
  COMMAND_TABLE,
  commandFromCardValue,
  effectiveText,
  helpText,
  parseCommand,
  type CardAction,
  type Command,
  type CommandName,
  type CommandSpec,
} from './commands';
export {
  createPracticeState,
  languageFor,
  EXPORT_WINDOW_MS,
  type ConversationSettings,
  type PracticeState,
  type ProgressEntry,
  type UserProfile,
} from './practiceState';
export { keepRecent, PROGRESS_KEPT } from './progress';
export { findLastSession, type LastSession } from './lastSession';
export {
  buildExportActivities,
  renderExportFile,
  EXPORT_FORMATS,
  type ExportFile,
  type ExportFormat,
} from './feedbackMessage';
export { textMessages, MAX_MESSAGE_PARTS } from './messageParts';
export { buildFileInfoActivity, isExportConsent, uploadFile, type ExportConsent } from './teamsFiles';
export { t, demoText } from './texts';
export { sendPlainWhenTooLarge } from './plainWhenTooLarge';
export { fitDebrief, type DebriefForm, type DebriefMessage } from './debriefFit';
export {
  describeMostCorrected,
  mostCorrected,
  type Correction,
  type CorrectionBook,
  type LabelCorrections,
} from './corrections';
