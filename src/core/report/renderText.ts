/**
 * The debrief as plain text, for channels without Adaptive Cards (and as the
 * card's `fallbackText`). Readable in a minute: summary first, then details.
 * Send it with `textFormat: 'plain'` so no channel reads Markdown into the
 * trainee's quotes. Pure.
 */
import type { DebriefView } from './debriefView';
import { prepareQuote } from './renderEscape';
import type { Quote } from './types';

/** Longest quote shown in the text version, in characters. */
export const TEXT_QUOTE_MAX = 160;

function quoted(text: string, max = TEXT_QUOTE_MAX): string {
  return `“${prepareQuote(text, max)}”`;
}

function turnQuote(view: DebriefView, quote: Quote | undefined): string {
  if (!quote) return '';
  return ` — ${view.words.turn} ${quote.turn}: ${quoted(quote.text)}`;
}

/** Our own texts from the report (notes, tips) may still hold a quote: clean them too. */
function clean(text: string, max = 400): string {
  return prepareQuote(text, max);
}

/**
 * The whole debrief as plain text with a sparkline of the anger curve.
 *
 * @example
 * await context.sendActivity({ type: 'message', text: buildFeedbackText(debriefView(report)), textFormat: 'plain' });
 */
export function buildFeedbackText(view: DebriefView): string {
  const w = view.words;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);

  push(`${w.debrief}: ${clean(view.personaTitle)} (${clean(view.customerName)}, ${view.difficultyName})`);
  push(`${w.outcome}: ${clean(view.outcomeText)}`);
  push(`${w.score}: ${view.score}/100`);
  for (const part of view.scoreParts) {
    push(`  • ${clean(part.title)}: ${part.points}/${part.max} — ${clean(part.explanation)}`);
  }
  push('');
  push(`${w.angerCurve}: ${view.anger.sparkline}`);
  push(`  ${view.anger.summary}`);
  if (!view.hasTurns) push(`  ${w.noTurns}`);

  if (view.tips.length > 0) {
    push('', `${w.tips}:`);
    for (const tip of view.tips) push(`  • ${clean(tip)}`);
  }

  push('', `${w.checklist}:`);
  for (const step of view.checklist) {
    push(`  ${step.icon} ${step.number}. ${clean(step.title)}${turnQuote(view, step.quote)}`);
    push(`     ${clean(step.note)}`);
  }

  push('', `${w.measures}:`);
  for (const fact of view.measures.facts) push(`  • ${fact.title}: ${fact.value}`);
  for (const part of view.measures.agreementParts) push(`      ${part.title}: ${quoted(part.value, 80)}`);
  const boundary = view.measures.boundary;
  if (boundary.verdict !== 'notNeeded' || boundary.quote) {
    push(`    ${clean(boundary.explanation)}${turnQuote(view, boundary.quote)}`);
  }

  if (view.keyMoments.length > 0) {
    push('', `${w.keyMoments}:`);
    for (const m of view.keyMoments) {
      push(`  ${w.Turn} ${m.turn} (${m.angerBefore} → ${m.angerAfter}, ${m.change})`);
      push(`    ${w.you}: ${quoted(m.traineeText)}`);
      push(`    ${clean(view.customerName, 40)}: ${quoted(m.customerText)}`);
      if (m.why.length > 0) push(`    ${w.why}: ${m.why.map((why) => clean(why)).join('; ')}`);
    }
  }

  if (view.wentWell.length > 0) {
    push('', `${w.wentWell}:`);
    for (const move of view.wentWell) push(`  • ${clean(move.labelName)}${turnQuote(view, move.quote)}`);
  }
  if (view.toImprove.length > 0) {
    push('', `${w.toImprove}:`);
    for (const flag of view.toImprove) {
      push(`  • ${clean(flag.labelName)}${turnQuote(view, flag.quote)}`);
      push(`    ${clean(flag.why)}`);
      push(`    ${w.betterReply}: ${quoted(flag.betterReply, 300)}`);
    }
  }
  return lines.join('\n');
}
