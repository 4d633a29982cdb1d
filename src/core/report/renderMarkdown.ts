/**
 * The debrief plus the whole conversation as Markdown, for the trainee to
 * download and keep. Every text that came from the conversation is escaped, so
 * a reply like `[x](http://evil)` shows as typed and never becomes a link. Pure.
 */
import { renderSparkline } from './angerChart';
import type { ExportTranscriptEntry } from './renderExport';
import { cleanText, escapeMarkdown, prepareQuote } from './renderEscape';
import {
  DIFFICULTY_NAMES,
  LABELS,
  STATUS_ICON,
  STATUS_NAMES,
  agreementParts,
  label,
  labelNames,
  measureFacts,
  signed,
} from './renderLabels';
import type { Lang } from '../techniques';
import { PLAN_STEPS, type Quote, type Report } from './types';

export type { ExportTranscriptEntry } from './renderExport';
export { renderReportJson } from './renderExport';

/** Longest quote in the report part; the transcript part is given in full. */
export const MARKDOWN_QUOTE_MAX = 300;

/** Escaped, single-line, shortened text. */
function md(text: string, max = 600): string {
  return escapeMarkdown(prepareQuote(text, max));
}

function q(text: string, max = MARKDOWN_QUOTE_MAX): string {
  return `“${md(text, max)}”`;
}

function turnQuote(lang: Lang, quote: Quote | undefined): string {
  return quote ? ` — ${LABELS.turn[lang]} ${quote.turn}: ${q(quote.text)}` : '';
}

/**
 * Renders the report and the transcript as one Markdown document (GitHub-flavoured, UTF-8).
 *
 * @example
 * const file = renderReportMarkdown(report, session.transcript);
 */
export function renderReportMarkdown(report: Report, transcript: readonly ExportTranscriptEntry[]): string {
  const lang = report.lang;
  const out: string[] = [];
  out.push(`# ${LABELS.debrief[lang]}: ${md(report.personaTitle)}`, '');
  out.push(
    `**${LABELS.customer[lang]}:** ${md(report.customerName)} · **${LABELS.difficulty[lang]}:** ${DIFFICULTY_NAMES[report.difficulty][lang]}  `,
    `**${LABELS.outcome[lang]}:** ${md(report.outcomeText)}  `,
    `**${LABELS.score[lang]}:** ${report.score}/100`,
    '',
  );

  out.push(`## ${LABELS.scoreHow[lang]}`, '');
  out.push(
    `| ${lang === 'nl' ? 'Onderdeel' : 'Part'} | ${lang === 'nl' ? 'Punten' : 'Points'} | ${lang === 'nl' ? 'Hoe' : 'How'} |`,
    '|---|---:|---|',
  );
  for (const part of report.scoreParts)
    out.push(`| ${md(part.title)} | ${part.points}/${part.max} | ${md(part.explanation)} |`);
  out.push(`| **${LABELS.score[lang]}** | **${report.score}/100** | |`, '');

  out.push(`## ${LABELS.angerCurve[lang]}`, '');
  const spark = renderSparkline(report.angerCurve);
  out.push(`\`${spark === '' ? '–' : spark}\`  `);
  out.push(
    label(lang, 'angerSummary', {
      start: report.startAnger,
      peak: report.peakAnger,
      final: report.finalAnger,
      calm: report.calmLine,
    }),
    '',
  );

  if (report.tips.length > 0) {
    out.push(`## ${LABELS.tips[lang]}`, '');
    for (const tip of report.tips) out.push(`- ${md(tip)}`);
    out.push('');
  }

  out.push(`## ${LABELS.checklist[lang]}`, '');
  for (const item of report.checklist) {
    const n = PLAN_STEPS.indexOf(item.step) + 1;
    out.push(
      `- ${STATUS_ICON[item.status]} **${n}. ${md(item.title)}** (${STATUS_NAMES[item.status][lang]})${turnQuote(lang, item.quote)}  `,
    );
    out.push(`  ${md(item.note)}`);
  }
  out.push('');

  out.push(`## ${LABELS.measures[lang]}`, '');
  for (const fact of measureFacts(report.measures, lang)) out.push(`- **${md(fact.title)}:** ${md(fact.value)}`);
  for (const part of agreementParts(report.measures, lang)) out.push(`  - ${md(part.title)}: ${q(part.value, 120)}`);
  const { boundary, summary, agreement } = report.measures;
  if (summary.quote) out.push(`- ${MEASURE_SUMMARY[lang]}${turnQuote(lang, summary.quote)}`);
  if (agreement.quote) out.push(`- ${MEASURE_AGREEMENT[lang]}${turnQuote(lang, agreement.quote)}`);
  out.push(`- ${md(boundary.explanation)}${turnQuote(lang, boundary.quote)}`, '');

  if (report.keyMoments.length > 0) {
    out.push(`## ${LABELS.keyMoments[lang]}`, '');
    for (const m of report.keyMoments) {
      out.push(`### ${LABELS.Turn[lang]} ${m.turn}: ${m.angerBefore} → ${m.angerAfter} (${signed(m.delta)})`, '');
      out.push(`> **${LABELS.you[lang]}:** ${q(m.traineeText)}  `);
      out.push(`> **${md(report.customerName, 40)}:** ${q(m.customerText)}`, '');
      if (m.why.length > 0) out.push(`${LABELS.why[lang]}: ${m.why.map((w) => md(w)).join('; ')}`, '');
    }
  }

  if (report.wentWell.length > 0) {
    out.push(`## ${LABELS.wentWell[lang]}`, '');
    for (const move of report.wentWell) out.push(`- **${md(move.labelName)}**${turnQuote(lang, move.quote)}`);
    out.push('');
  }
  if (report.toImprove.length > 0) {
    out.push(`## ${LABELS.toImprove[lang]}`, '');
    for (const flag of report.toImprove) {
      out.push(`- **${md(flag.labelName)}**${turnQuote(lang, flag.quote)}  `);
      out.push(`  ${md(flag.why)}  `);
      out.push(`  *${LABELS.betterReply[lang]}:* ${q(flag.betterReply)}`);
    }
    out.push('');
  }

  out.push(`## ${LABELS.transcript[lang]}`, '');
  if (transcript.length === 0) out.push(LABELS.nothingYet[lang], '');
  let turn = 0;
  for (const entry of transcript) {
    if (entry.role === 'trainee') turn += 1;
    const who =
      entry.role === 'trainee' ? `${LABELS.you[lang]} (${LABELS.turn[lang]} ${turn})` : md(report.customerName, 40);
    const labels =
      entry.role === 'trainee' && entry.labels.length > 0
        ? ` — *${labelNames(entry.labels, lang)
            .map((l) => md(l))
            .join(', ')}*`
        : '';
    const anger = entry.role === 'customer' ? ` · ${LABELS.anger[lang]} ${Math.round(entry.anger)}` : '';
    // The transcript is kept whole: each line of a reply escaped on its own, joined with hard breaks.
    const body = escapeMarkdown(cleanText(entry.text, { singleLine: false }))
      .split('\n')
      .join('  \n  ');
    out.push(`- **${who}**${anger}${labels}  `, `  ${body === '' ? '–' : body}`);
  }
  out.push('', `*${LABELS.generatedNote[lang]}*`, '');
  return out.join('\n');
}

const MEASURE_SUMMARY: Record<Lang, string> = { nl: 'Samenvatting', en: 'Summary' };
const MEASURE_AGREEMENT: Record<Lang, string> = { nl: 'Afspraak', en: 'Agreement' };
