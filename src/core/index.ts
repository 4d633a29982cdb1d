/**
 * The simulation core: no Bot Framework, HTTP, file or clock access. Text in,
 * decisions out, deterministic for a seed. The bot, the CLIs and the tests all
 * go through these functions.
 */
export * from './techniques';
export type { Classification, Classifier, Evidence, LabelWithEvidence, AgreementParts } from './classifier/types';
export type { Persona, CommonLines, Difficulty, Setting } from './persona/types';
export { SETTINGS } from './persona/types';
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
export type { Report } from './report/types';
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

// What the layers above read of the core: the report's renderers and labels, the group demo, the text escapers
// and the practice styles. Everything outside src/core imports from this file only (tests/architecture checks it).
export type { PersonaLines } from './persona/types';
export { fillTemplate } from './fillTemplate';
export { cleanText, escapeHtml, escapeMarkdown, escapeXml, prepareQuote, shorten } from './report/renderEscape';
export { describeAngerCurve, renderAngerChartSvg, renderSparkline, type ChartInput } from './report/angerChart';
export { renderReportJson } from './report/renderExport';
export { renderReportHtml } from './report/renderHtml';
export { renderReportMarkdown } from './report/renderMarkdown';
export { buildFeedbackText } from './report/renderText';
export {
  BOUNDARY_NAMES,
  DIFFICULTY_NAMES,
  LABELS,
  STATUS_ICON,
  STATUS_NAMES,
  agreementParts,
  label,
  measureFacts,
  signed,
} from './report/renderLabels';
export { PLAN_STEPS, type Quote } from './report/types';
export * from './demo';
export { runStyle } from './practice/runStyle';
export { TRAINEE_STYLES, type TraineeStyle } from './practice/traineeStyles';
export { createClassifier, type ClassifierRules, type InspectableClassifier, type RuleSet } from './classifier';
