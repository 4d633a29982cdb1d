/**
 * The simulation core: no Bot Framework, HTTP, file or clock access. Text in,
 * decisions out, deterministic for a seed. The bot, the CLIs and the tests all
 * go through these functions.
 */
export * from './techniques';
export type { Bilingual, BilingualVariants, Lang } from './lang';
export type {
  Classification,
  Classifier,
  Evidence,
  LabelWithEvidence,
  AgreementParts,
  OverruledLabel,
} from './classifier/types';
export type { Persona, CommonLines, CueVocabulary, Difficulty, Setting } from './persona/types';
export { SETTINGS } from './persona/types';
export { nextFloat, type RandomDraw } from './random';
export { angerBand, CALM_ENOUGH, WALK_OUT_AT, type EmotionState, type TurnEffect } from './engine/emotionModel';
export { describeEffect, EFFECT_REASONS } from './engine/effectReasons';
export type { Session, Outcome, TranscriptEntry, TurnRecord } from './session/types';
export {
  startSession,
  takeTurn,
  retryLastTurn,
  stopSession,
  requestHint,
  type Stage,
  type Hint,
  type TurnResult,
} from './session/session';
export { buildReport } from './report/buildReport';
export type { Report, Quote, ReportPersona } from './report/types';
export {
  debriefView,
  type DebriefView,
  type DebriefWords,
  type DebriefFact,
  type DebriefStep,
  type DebriefMoment,
  type DebriefTranscriptLine,
} from './report/debriefView';
export { buildFeedbackText } from './report/renderText';
export { renderReportMarkdown } from './report/renderMarkdown';
export { renderReportHtml } from './report/renderHtml';
export { renderReportJson, type ExportTranscriptEntry } from './report/renderExport';
export { renderAngerChartSvg, renderSparkline, type ChartInput } from './report/angerChart';
export { fillTemplate } from './fillTemplate';
export { playScript, SCRIPTED_SECONDS_PER_TURN, type ScriptRun, type ScriptEvent } from './session/playScript';
export {
  MAX_LOG_INPUTS,
  isLogFull,
  startLog,
  appendInput,
  replyInput,
  replaySession,
  isSessionLog,
  type SessionLog,
  type SessionInput,
} from './session/sessionLog';
export {
  recordSession,
  sessionFromRecord,
  isSessionRecord,
  type ContentVersions,
  type RecordedPersona,
  type SessionRecord,
} from './session/sessionRecord';

// What the layers above read of the core besides the above: labels for the renderers, the group demo, the text
// escapers and the practice styles. Everything outside src/core imports from this file only (tests/architecture checks it).
export type { PersonaLines } from './persona/types';
export { cleanText, escapeHtml, escapeMarkdown, escapeXml, prepareQuote, shorten } from './report/renderEscape';
export { describeAngerCurve } from './report/angerChart';
export {
  BOUNDARY_NAMES,
  DIFFICULTY_NAMES,
  LABELS,
  STATUS_ICON,
  STATUS_NAMES,
  agreementParts,
  measureFacts,
  signed,
} from './report/renderLabels';
export { PLAN_STEPS } from './report/types';
export * from './demo';
export { runStyle } from './practice/runStyle';
export { TRAINEE_STYLES, type TraineeStyle } from './practice/traineeStyles';
export {
  createClassifier,
  compileLearnedModel,
  addThreshold,
  overrules,
  vetoesWholeReply,
  layerDecision,
  type LayerReply,
  distinctWords,
  type CompiledLearnedModel,
  type ClassifierRules,
  type InspectableClassifier,
  type LearnedModel,
  type LearnedThresholds,
  type RuleSet,
} from './classifier';
// Persona topics and offers, for the persona validator in src/content.
export { TOPIC_LINE_KEYS, type TopicLineKey } from './persona/types';
export { cuesFor, topicsOf } from './engine/topicCues';
export { weekdayOf } from './engine/offeredDay';
export { RuleSetError } from './classifier';
// Why a reply got its labels, and what a credited move that was almost there lacked (/why).
export {
  explainVerdict,
  type VerdictExplanation,
  type VerdictInput,
  type ExplainedLabel,
  type ExplainedPart,
  type FiredRule,
  type NeedsCheck,
  type OverruledRule,
} from './explain/explainVerdict';
// What the customer's line answered on a turn: a topic and its fact, or an offer item (/why).
export { explainAnswer, type AnsweredContent, type AnswerContext, type AnswerPersona } from './explain/explainAnswer';
