/**
 * The debrief plus the whole conversation as one standalone, printable HTML page:
 * inline CSS, the chart inline, no scripts (and a Content-Security-Policy that
 * forbids them), every text from the conversation escaped. Pure.
 */
import type { DebriefView } from './debriefView';
import { cleanText, escapeHtml, prepareQuote } from './renderEscape';
import type { Quote } from './types';

export const HTML_QUOTE_MAX = 300;

function h(text: string, max = 600): string {
  return escapeHtml(prepareQuote(text, max));
}

function q(text: string, max = HTML_QUOTE_MAX): string {
  return `<q>${h(text, max)}</q>`;
}

function turnQuote(view: DebriefView, quote: Quote | undefined): string {
  return quote ? ` <span class="turn">— ${view.words.turn} ${quote.turn}:</span> ${q(quote.text)}` : '';
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
 * Renders the debrief and its transcript as a complete HTML document.
 * `chartSvg` must come from `renderAngerChartSvg` (it is embedded as is); without it
 * the page shows the text sparkline.
 *
 * @example
 * const page = renderReportHtml(debriefView(report, session.transcript), { chartSvg: renderAngerChartSvg(report) });
 */
export function renderReportHtml(view: DebriefView, options: { chartSvg?: string } = {}): string {
  const w = view.words;
  const o: string[] = [];
  o.push('<!DOCTYPE html>', `<html lang="${view.lang}">`, '<head>', '<meta charset="utf-8">');
  o.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
  );
  o.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  o.push(`<title>${w.debrief}: ${h(view.personaTitle)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');

  o.push('<header>', `<h1>${w.debrief}: ${h(view.personaTitle)}</h1>`);
  o.push(`<p class="meta">${w.customer}: ${h(view.customerName)} · ${w.difficulty}: ${view.difficultyName}</p>`);
  o.push(
    `<div class="score"><span class="big">${view.score}<small>/100</small></span><span>${w.outcome}: <strong>${h(view.outcomeText)}</strong></span></div>`,
    '</header>',
  );

  o.push('<main>', `<section><h2>${w.scoreHow}</h2>`, '<table>');
  for (const part of view.scoreParts) {
    o.push(
      `<tr><th scope="row">${h(part.title)}</th><td class="num">${part.points} / ${part.max}</td><td>${h(part.explanation)}</td></tr>`,
    );
  }
  o.push(
    `<tr><th scope="row">${w.score}</th><td class="num"><strong>${view.score} / 100</strong></td><td></td></tr>`,
    '</table></section>',
  );

  o.push(`<section><h2>${w.angerCurve}</h2>`);
  if (options.chartSvg) o.push(`<figure>${options.chartSvg.trim()}</figure>`);
  else o.push(`<p class="spark" aria-hidden="true">${escapeHtml(view.anger.sparkline)}</p>`);
  o.push(`<p>${escapeHtml(view.anger.summary)}</p>`, '</section>');

  if (view.tips.length > 0) {
    o.push(`<section><h2>${w.tips}</h2><ul>`);
    for (const tip of view.tips) o.push(`<li>${h(tip)}</li>`);
    o.push('</ul></section>');
  }

  o.push(`<section><h2>${w.checklist}</h2><ul class="checklist">`);
  for (const step of view.checklist) {
    o.push(
      `<li><span aria-label="${step.statusName}">${step.icon}</span> <strong>${step.number}. ${h(step.title)}</strong>${turnQuote(view, step.quote)}<br><span class="note">${h(step.note)}</span></li>`,
    );
  }
  o.push('</ul></section>');

  o.push(`<section><h2>${w.measures}</h2><table>`);
  const { facts, agreementParts, boundary } = view.measures;
  for (const fact of facts) o.push(`<tr><th scope="row">${h(fact.title)}</th><td>${h(fact.value)}</td></tr>`);
  o.push('</table><ul>');
  for (const part of agreementParts) o.push(`<li>${h(part.title)}: ${q(part.value, 120)}</li>`);
  o.push(`<li>${h(boundary.explanation)}${turnQuote(view, boundary.quote)}</li>`, '</ul></section>');

  if (view.keyMoments.length > 0) {
    o.push(`<section><h2>${w.keyMoments}</h2>`);
    for (const m of view.keyMoments) {
      o.push(`<div class="moment"><h3>${w.Turn} ${m.turn}: ${m.angerBefore} → ${m.angerAfter} (${m.change})</h3>`);
      o.push(
        `<p><strong>${w.you}:</strong> ${q(m.traineeText)}<br><strong>${h(view.customerName, 40)}:</strong> ${q(m.customerText)}</p>`,
      );
      if (m.why.length > 0) o.push(`<p class="note">${w.why}: ${m.why.map((why) => h(why)).join('; ')}</p>`);
      o.push('</div>');
    }
    o.push('</section>');
  }

  if (view.wentWell.length > 0) {
    o.push(`<section><h2>${w.wentWell}</h2><ul>`);
    for (const move of view.wentWell)
      o.push(`<li><strong>${h(move.labelName)}</strong>${turnQuote(view, move.quote)}</li>`);
    o.push('</ul></section>');
  }
  if (view.toImprove.length > 0) {
    o.push(`<section><h2>${w.toImprove}</h2><ul>`);
    for (const flag of view.toImprove) {
      o.push(
        `<li><strong>${h(flag.labelName)}</strong>${turnQuote(view, flag.quote)}<br><span class="note">${h(flag.why)}</span><br><span class="better">${w.betterReply}: ${q(flag.betterReply)}</span></li>`,
      );
    }
    o.push('</ul></section>');
  }

  o.push(`<section class="transcript"><h2>${w.transcript}</h2>`);
  if (view.transcript.length === 0) o.push(`<p>${w.nothingYet}</p>`);
  for (const line of view.transcript) {
    const who = line.role === 'trainee' ? `${w.you} (${w.turn} ${line.turn})` : h(view.customerName, 40);
    const extra =
      line.role === 'customer'
        ? ` <span class="muted">· ${w.anger} ${Math.round(line.anger)}</span>`
        : line.labelNames.length > 0
          ? ` <span class="muted">· ${line.labelNames.map((name) => h(name)).join(', ')}</span>`
          : '';
    o.push(
      `<div class="line ${line.role}"><span class="who">${who}</span>${extra}<div class="text">${escapeHtml(cleanText(line.text, { singleLine: false }))}</div></div>`,
    );
  }
  o.push('</section>', '</main>', `<footer><p class="muted">${w.generatedNote}</p></footer>`, '</body>', '</html>', '');
  return o.join('\n');
}
