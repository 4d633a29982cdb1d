/**
 * The debrief plus the whole conversation as Markdown, for the trainee to
 * download and keep. Every text that came from the conversation is escaped, so
 * a reply like `[x](http://evil)` shows as typed and never becomes a link. Pure.
 */
import type { DebriefView } from './debriefView';
import { cleanText, escapeMarkdown, prepareQuote } from './renderEscape';
import type { Quote } from './types';

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

function turnQuote(view: DebriefView, quote: Quote | undefined): string {
  return quote ? ` — ${view.words.turn} ${quote.turn}: ${q(quote.text)}` : '';
}

/**
 * Renders the debrief and its transcript as one Markdown document (GitHub-flavoured, UTF-8).
 *
 * @example
 * const file = renderReportMarkdown(debriefView(report, session.transcript));
 */
export function renderReportMarkdown(view: DebriefView): string {
  const w = view.words;
  const out: string[] = [];
  out.push(`# ${w.debrief}: ${md(view.personaTitle)}`, '');
  out.push(
    `**${w.customer}:** ${md(view.customerName)} · **${w.difficulty}:** ${view.difficultyName}  `,
    `**${w.outcome}:** ${md(view.outcomeText)}  `,
    `**${w.score}:** ${view.score}/100`,
    '',
  );

  out.push(`## ${w.scoreHow}`, '');
  out.push(`| ${w.part} | ${w.points} | ${w.how} |`, '|---|---:|---|');
  for (const part of view.scoreParts)
    out.push(`| ${md(part.title)} | ${part.points}/${part.max} | ${md(part.explanation)} |`);
  out.push(`| **${w.score}** | **${view.score}/100** | |`, '');

  out.push(`## ${w.angerCurve}`, '');
  out.push(`\`${view.anger.sparkline}\`  `);
  out.push(view.anger.summary, '');

  if (view.tips.length > 0) {
    out.push(`## ${w.tips}`, '');
    for (const tip of view.tips) out.push(`- ${md(tip)}`);
    out.push('');
  }

  out.push(`## ${w.checklist}`, '');
  for (const step of view.checklist) {
    out.push(
      `- ${step.icon} **${step.number}. ${md(step.title)}** (${step.statusName})${turnQuote(view, step.quote)}  `,
    );
    out.push(`  ${md(step.note)}`);
  }
  out.push('');

  out.push(`## ${w.measures}`, '');
  const { facts, agreementParts, summaryQuote, agreementQuote, boundary } = view.measures;
  for (const fact of facts) out.push(`- **${md(fact.title)}:** ${md(fact.value)}`);
  for (const part of agreementParts) out.push(`  - ${md(part.title)}: ${q(part.value, 120)}`);
  if (summaryQuote) out.push(`- ${w.summary}${turnQuote(view, summaryQuote)}`);
  if (agreementQuote) out.push(`- ${w.agreement}${turnQuote(view, agreementQuote)}`);
  out.push(`- ${md(boundary.explanation)}${turnQuote(view, boundary.quote)}`, '');

  if (view.keyMoments.length > 0) {
    out.push(`## ${w.keyMoments}`, '');
    for (const m of view.keyMoments) {
      out.push(`### ${w.Turn} ${m.turn}: ${m.angerBefore} → ${m.angerAfter} (${m.change})`, '');
      out.push(`> **${w.you}:** ${q(m.traineeText)}  `);
      out.push(`> **${md(view.customerName, 40)}:** ${q(m.customerText)}`, '');
      if (m.why.length > 0) out.push(`${w.why}: ${m.why.map((why) => md(why)).join('; ')}`, '');
    }
  }

  if (view.wentWell.length > 0) {
    out.push(`## ${w.wentWell}`, '');
    for (const move of view.wentWell) out.push(`- **${md(move.labelName)}**${turnQuote(view, move.quote)}`);
    out.push('');
  }
  if (view.toImprove.length > 0) {
    out.push(`## ${w.toImprove}`, '');
    for (const flag of view.toImprove) {
      out.push(`- **${md(flag.labelName)}**${turnQuote(view, flag.quote)}  `);
      out.push(`  ${md(flag.why)}  `);
      out.push(`  *${w.betterReply}:* ${q(flag.betterReply)}`);
    }
    out.push('');
  }

  out.push(`## ${w.transcript}`, '');
  if (view.transcript.length === 0) out.push(w.nothingYet, '');
  for (const line of view.transcript) {
    const who = line.role === 'trainee' ? `${w.you} (${w.turn} ${line.turn})` : md(view.customerName, 40);
    const labels = line.labelNames.length > 0 ? ` — *${line.labelNames.map((name) => md(name)).join(', ')}*` : '';
    const anger = line.role === 'customer' ? ` · ${w.anger} ${Math.round(line.anger)}` : '';
    // The transcript is kept whole: each line of a reply escaped on its own, joined with hard breaks.
    const body = escapeMarkdown(cleanText(line.text, { singleLine: false }))
      .split('\n')
      .join('  \n  ');
    out.push(`- **${who}**${anger}${labels}  `, `  ${body === '' ? '–' : body}`);
  }
  out.push('', `*${w.generatedNote}*`, '');
  return out.join('\n');
}
