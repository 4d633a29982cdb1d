/**
 * The debrief plus the whole conversation as one standalone, printable HTML page:
 * inline CSS, the chart inline, no scripts (and a Content-Security-Policy that
 * forbids them), every text from the conversation escaped. Pure.
 */
import { renderSparkline } from './angerChart';
import type { ExportTranscriptEntry } from './renderExport';
import { cleanText, escapeHtml, prepareQuote } from './renderEscape';
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

export const HTML_QUOTE_MAX = 300;

function h(text: string, max = 600): string {
  return escapeHtml(prepareQuote(text, max));
}

function q(text: string, max = HTML_QUOTE_MAX): string {
  return `<q>${h(text, max)}</q>`;
}

function turnQuote(lang: Lang, quote: Quote | undefined): string {
  return quote ? ` <span class="turn">— ${LABELS.turn[lang]} ${quote.turn}:</span> ${q(quote.text)}` : '';
}

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 1.8rem; border-bottom: 2px solid #d7ecf8; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.meta { color: #444; margin: 0 0 1rem; }
.score { display: flex; align-items: baseline; gap: 1rem; }
.score .big { font-size: 3rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #ddd; }
td.num { text-align: right; white-space: nowrap; }
ul { padding-left: 1.2rem; }
li { margin: .25rem 0; }
q { font-style: italic; quotes: "“" "”"; }
.turn, .note, .muted { color: #555; }
.better { background: #eef7ee; border-left: 4px solid #00664f; padding: .2rem .5rem; }
.spark { font-family: ui-monospace, Consolas, monospace; font-size: 1.3rem; letter-spacing: .05em; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
.transcript .line { margin: .4rem 0; }
.transcript .who { font-weight: 700; }
.transcript .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.transcript .trainee { padding-left: 1.5rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } figure, .moment, tr { break-inside: avoid; } }
`;

/**
 * Renders the report and the transcript as a complete HTML document.
 * `chartSvg` must come from `renderAngerChartSvg` (it is embedded as is); without it
 * the page shows the text sparkline.
 *
 * @example
 * const page = renderReportHtml(report, session.transcript, { chartSvg: renderAngerChartSvg(report) });
 */
export function renderReportHtml(
  report: Report,
  transcript: readonly ExportTranscriptEntry[],
  options: { chartSvg?: string } = {},
): string {
  const lang = report.lang;
  const o: string[] = [];
  o.push('<!DOCTYPE html>', `<html lang="${lang}">`, '<head>', '<meta charset="utf-8">');
  o.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
  );
  o.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  o.push(
    `<title>${LABELS.debrief[lang]}: ${h(report.personaTitle)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
  );

  o.push('<header>', `<h1>${LABELS.debrief[lang]}: ${h(report.personaTitle)}</h1>`);
  o.push(
    `<p class="meta">${LABELS.customer[lang]}: ${h(report.customerName)} · ${LABELS.difficulty[lang]}: ${DIFFICULTY_NAMES[report.difficulty][lang]}</p>`,
  );
  o.push(
    `<div class="score"><span class="big">${report.score}<small>/100</small></span><span>${LABELS.outcome[lang]}: <strong>${h(report.outcomeText)}</strong></span></div>`,
    '</header>',
  );

  o.push('<main>', `<section><h2>${LABELS.scoreHow[lang]}</h2>`, '<table>');
  for (const part of report.scoreParts) {
    o.push(
      `<tr><th scope="row">${h(part.title)}</th><td class="num">${part.points} / ${part.max}</td><td>${h(part.explanation)}</td></tr>`,
    );
  }
  o.push(
    `<tr><th scope="row">${LABELS.score[lang]}</th><td class="num"><strong>${report.score} / 100</strong></td><td></td></tr>`,
    '</table></section>',
  );

  o.push(`<section><h2>${LABELS.angerCurve[lang]}</h2>`);
  if (options.chartSvg) o.push(`<figure>${options.chartSvg.trim()}</figure>`);
  else o.push(`<p class="spark" aria-hidden="true">${escapeHtml(renderSparkline(report.angerCurve)) || '–'}</p>`);
  o.push(
    `<p>${escapeHtml(label(lang, 'angerSummary', { start: report.startAnger, peak: report.peakAnger, final: report.finalAnger, calm: report.calmLine }))}</p>`,
    '</section>',
  );

  if (report.tips.length > 0) {
    o.push(`<section><h2>${LABELS.tips[lang]}</h2><ul>`);
    for (const tip of report.tips) o.push(`<li>${h(tip)}</li>`);
    o.push('</ul></section>');
  }

  o.push(`<section><h2>${LABELS.checklist[lang]}</h2><ul class="checklist">`);
  for (const item of report.checklist) {
    const n = PLAN_STEPS.indexOf(item.step) + 1;
    o.push(
      `<li><span aria-label="${STATUS_NAMES[item.status][lang]}">${STATUS_ICON[item.status]}</span> <strong>${n}. ${h(item.title)}</strong>${turnQuote(lang, item.quote)}<br><span class="note">${h(item.note)}</span></li>`,
    );
  }
  o.push('</ul></section>');

  o.push(`<section><h2>${LABELS.measures[lang]}</h2><table>`);
  for (const fact of measureFacts(report.measures, lang))
    o.push(`<tr><th scope="row">${h(fact.title)}</th><td>${h(fact.value)}</td></tr>`);
  o.push('</table><ul>');
  for (const part of agreementParts(report.measures, lang)) o.push(`<li>${h(part.title)}: ${q(part.value, 120)}</li>`);
  const { boundary } = report.measures;
  o.push(`<li>${h(boundary.explanation)}${turnQuote(lang, boundary.quote)}</li>`, '</ul></section>');

  if (report.keyMoments.length > 0) {
    o.push(`<section><h2>${LABELS.keyMoments[lang]}</h2>`);
    for (const m of report.keyMoments) {
      o.push(
        `<div class="moment"><h3>${LABELS.Turn[lang]} ${m.turn}: ${m.angerBefore} → ${m.angerAfter} (${signed(m.delta)})</h3>`,
      );
      o.push(
        `<p><strong>${LABELS.you[lang]}:</strong> ${q(m.traineeText)}<br><strong>${h(report.customerName, 40)}:</strong> ${q(m.customerText)}</p>`,
      );
      if (m.why.length > 0) o.push(`<p class="note">${LABELS.why[lang]}: ${m.why.map((w) => h(w)).join('; ')}</p>`);
      o.push('</div>');
    }
    o.push('</section>');
  }

  if (report.wentWell.length > 0) {
    o.push(`<section><h2>${LABELS.wentWell[lang]}</h2><ul>`);
    for (const move of report.wentWell)
      o.push(`<li><strong>${h(move.labelName)}</strong>${turnQuote(lang, move.quote)}</li>`);
    o.push('</ul></section>');
  }
  if (report.toImprove.length > 0) {
    o.push(`<section><h2>${LABELS.toImprove[lang]}</h2><ul>`);
    for (const flag of report.toImprove) {
      o.push(
        `<li><strong>${h(flag.labelName)}</strong>${turnQuote(lang, flag.quote)}<br><span class="note">${h(flag.why)}</span><br><span class="better">${LABELS.betterReply[lang]}: ${q(flag.betterReply)}</span></li>`,
      );
    }
    o.push('</ul></section>');
  }

  o.push(`<section class="transcript"><h2>${LABELS.transcript[lang]}</h2>`);
  if (transcript.length === 0) o.push(`<p>${LABELS.nothingYet[lang]}</p>`);
  let turn = 0;
  for (const entry of transcript) {
    if (entry.role === 'trainee') turn += 1;
    const who =
      entry.role === 'trainee' ? `${LABELS.you[lang]} (${LABELS.turn[lang]} ${turn})` : h(report.customerName, 40);
    const extra =
      entry.role === 'customer'
        ? ` <span class="muted">· ${LABELS.anger[lang]} ${Math.round(entry.anger)}</span>`
        : entry.labels.length > 0
          ? ` <span class="muted">· ${labelNames(entry.labels, lang)
              .map((l) => h(l))
              .join(', ')}</span>`
          : '';
    o.push(
      `<div class="line ${entry.role}"><span class="who">${who}</span>${extra}<div class="text">${escapeHtml(cleanText(entry.text, { singleLine: false }))}</div></div>`,
    );
  }
  o.push(
    '</section>',
    '</main>',
    `<footer><p class="muted">${LABELS.generatedNote[lang]}</p></footer>`,
    '</body>',
    '</html>',
    '',
  );
  return o.join('\n');
}
