/**
 * The debrief as plain text, for channels without Adaptive Cards (and as the
 * card's `fallbackText`). Readable in a minute: summary first, then details.
 * Send it with `textFormat: 'plain'` so no channel reads Markdown into the
 * trainee's quotes. Pure.
 */
import { renderSparkline } from './angerChart';
import { prepareQuote } from './renderEscape';
import { DIFFICULTY_NAMES, LABELS, STATUS_ICON, agreementParts, label, measureFacts, signed } from './renderLabels';
import { PLAN_STEPS, type Quote, type Report } from './types';

/** Longest quote shown in the text version, in characters. */
export const TEXT_QUOTE_MAX = 160;

function quoted(text: string, max = TEXT_QUOTE_MAX): string {
  return `“${prepareQuote(text, max)}”`;
}

function turnQuote(report: Report, quote: Quote | undefined): string {
  if (!quote) return '';
  return ` — ${LABELS.turn[report.lang]} ${quote.turn}: ${quoted(quote.text)}`;
}

/** Our own texts from the report (notes, tips) may still hold a quote: clean them too. */
function clean(text: string, max = 400): string {
  return prepareQuote(text, max);
}

/**
 * The whole debrief as plain text with a sparkline of the anger curve.
 *
 * @example
 * await context.sendActivity({ type: 'message', text: buildFeedbackText(report), textFormat: 'plain' });
 */
export function buildFeedbackText(report: Report): string {
  const lang = report.lang;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);

  push(
    `${LABELS.debrief[lang]}: ${clean(report.personaTitle)} (${clean(report.customerName)}, ${DIFFICULTY_NAMES[report.difficulty][lang]})`,
  );
  push(`${LABELS.outcome[lang]}: ${clean(report.outcomeText)}`);
  push(`${LABELS.score[lang]}: ${report.score}/100`);
  for (const part of report.scoreParts) {
    push(`  • ${clean(part.title)}: ${part.points}/${part.max} — ${clean(part.explanation)}`);
  }
  push('');
  const spark = renderSparkline(report.angerCurve);
  push(`${LABELS.angerCurve[lang]}: ${spark === '' ? '–' : spark}`);
  push(
    `  ${label(lang, 'angerSummary', { start: report.startAnger, peak: report.peakAnger, final: report.finalAnger, calm: report.calmLine })}`,
  );
  if (report.measures.traineeTurns === 0) push(`  ${LABELS.noTurns[lang]}`);

  if (report.tips.length > 0) {
    push('', `${LABELS.tips[lang]}:`);
    for (const tip of report.tips) push(`  • ${clean(tip)}`);
  }

  push('', `${LABELS.checklist[lang]}:`);
  for (const item of report.checklist) {
    const n = PLAN_STEPS.indexOf(item.step) + 1;
    push(`  ${STATUS_ICON[item.status]} ${n}. ${clean(item.title)}${turnQuote(report, item.quote)}`);
    push(`     ${clean(item.note)}`);
  }

  push('', `${LABELS.measures[lang]}:`);
  for (const fact of measureFacts(report.measures, lang)) push(`  • ${fact.title}: ${fact.value}`);
  for (const part of agreementParts(report.measures, lang)) push(`      ${part.title}: ${quoted(part.value, 80)}`);
  const boundary = report.measures.boundary;
  if (boundary.verdict !== 'notNeeded' || boundary.quote) {
    push(`    ${clean(boundary.explanation)}${turnQuote(report, boundary.quote)}`);
  }

  if (report.keyMoments.length > 0) {
    push('', `${LABELS.keyMoments[lang]}:`);
    for (const m of report.keyMoments) {
      push(`  ${LABELS.Turn[lang]} ${m.turn} (${m.angerBefore} → ${m.angerAfter}, ${signed(m.delta)})`);
      push(`    ${LABELS.you[lang]}: ${quoted(m.traineeText)}`);
      push(`    ${clean(report.customerName, 40)}: ${quoted(m.customerText)}`);
      if (m.why.length > 0) push(`    ${LABELS.why[lang]}: ${m.why.map((w) => clean(w)).join('; ')}`);
    }
  }

  if (report.wentWell.length > 0) {
    push('', `${LABELS.wentWell[lang]}:`);
    for (const move of report.wentWell) push(`  • ${clean(move.labelName)}${turnQuote(report, move.quote)}`);
  }
  if (report.toImprove.length > 0) {
    push('', `${LABELS.toImprove[lang]}:`);
    for (const flag of report.toImprove) {
      push(`  • ${clean(flag.labelName)}${turnQuote(report, flag.quote)}`);
      push(`    ${clean(flag.why)}`);
      push(`    ${LABELS.betterReply[lang]}: ${quoted(flag.betterReply, 300)}`);
    }
  }
  return lines.join('\n');
}
