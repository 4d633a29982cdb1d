/**
 * Role-plays of a chosen length and reply length, to measure the debrief's message size (bench:debrief-size
 * and tests/dialogs/debriefSize.test.ts): municipal-passport in Dutch on the easy level, where the customer
 * neither walks out nor calms for good within 40 turns of this mix (escalating, doubtful and good replies).
 */
import { buildReport, playScript, type ExportTranscriptEntry, type Report, type Stage } from '../src/core';

export const SIZE_PERSONA = 'municipal-passport';
export const SIZE_TURNS = [8, 25, 40] as const;

/**
 * How long each reply is: `short` as typed at a desk; `long` the line repeated up to the 2,000 characters the
 * bot takes (a trainee who pastes); `emoji` the line and then family emoji (8 UTF-16 units each, one character
 * on screen) up to 2,000 units, the most bytes a quote of a given length on screen can take.
 */
export type ReplyLength = 'short' | 'long' | 'emoji';

/** The longest reply the bot judges (src/core/classifier, MAX_INPUT_CHARS), in UTF-16 code units. */
export const LONGEST_REPLY = 2000;

const LINES = [
  'Ik begrijp dat u hier boos over bent.',
  'Wat is er precies gebeurd?',
  'Dat is nu eenmaal de regel.',
  'Hmm.',
  'Dus u wacht al weken op uw paspoort en u moet op reis.',
  'Rustig nou even.',
  'Vertelt u maar, ik luister.',
  'Wanneer heeft u het aangevraagd?',
];

const FAMILY = '👩‍👩‍👧';

/** Repeats `piece` after `line` while the whole stays within LONGEST_REPLY units: never half a character. */
function lengthen(line: string, piece: string): string {
  let text = line;
  while (text.length + piece.length <= LONGEST_REPLY) text += piece;
  return text;
}

export function replyOf(line: string, length: ReplyLength): string {
  if (length === 'long') return lengthen(line, ` ${line}`);
  if (length === 'emoji') return lengthen(`${line} `, FAMILY);
  return line;
}

/** Plays `turns` replies and stops: the report and the transcript the debrief is built from. */
export function sizeRolePlay(
  stage: Stage,
  turns: number,
  length: ReplyLength,
): { report: Report; transcript: readonly ExportTranscriptEntry[] } {
  const replies = Array.from({ length: turns }, (_, i) => replyOf(LINES[i % LINES.length], length));
  const { session } = playScript(stage, [...replies, '/stop'], { lang: 'nl', seed: 1, difficulty: 'easy' });
  if (session.turns.length !== turns) throw new Error(`the role-play ended after ${session.turns.length} turns`);
  return { report: buildReport(session, stage.persona), transcript: session.transcript };
}
