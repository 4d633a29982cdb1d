/**
 * The export of a group demo: every round (its proposals, their authors and voters, the pick, who picked it,
 * whether the majority was overruled, and what it did to the anger) and who contributed what, followed by the
 * normal debrief of the session. Markdown, HTML or JSON; pure.
 *
 * @example
 * const { name, content } = renderDemoExport(room, persona, 'markdown');
 */
import { renderAngerChartSvg } from '../report/angerChart';
import { debriefView } from '../report/debriefView';
import { renderReportJson } from '../report/renderExport';
import { cleanText, escapeHtml, escapeMarkdown } from '../report/renderEscape';
import { renderReportHtml } from '../report/renderHtml';
import { renderReportMarkdown } from '../report/renderMarkdown';
import type { Lang } from '../lang';
import type { Persona } from '../persona/types';
import { techniqueNames } from '../techniques';
import { groupDebrief } from './demoRoom';
import { DEMO_EXPORT_TEXT } from './demoTexts';
import type { Contributor, DemoRoom, GroupDebrief, RoundRecord } from './types';

export type DemoExportFormat = 'markdown' | 'html' | 'json';

/** Identifies a group demo file (the solo debrief's is `deescalation-debrief`). */
export const DEMO_EXPORT_FORMAT = 'deescalation-group-demo';

export interface DemoExportFile {
  name: string;
  contentType: string;
  content: string;
}

type ExportPersona = Pick<Persona, 'id' | 'title' | 'customer' | 'briefing' | 'canOffer' | 'cannotOffer'> &
  Partial<Pick<Persona, 'offers' | 'deadline'>>;

type Words = Record<keyof typeof DEMO_EXPORT_TEXT, string>;

function wordsFor(lang: Lang): Words {
  return Object.fromEntries(Object.entries(DEMO_EXPORT_TEXT).map(([key, text]) => [key, text[lang]])) as Words;
}

/** "+12" / "−9" / "±0" with a real minus sign. */
function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : delta < 0 ? `−${Math.abs(delta)}` : '±0';
}

/** A participant's words on one line, as typed. */
function line(text: string): string {
  return cleanText(text, { singleLine: true });
}

export function renderDemoExport(room: DemoRoom, persona: ExportPersona, format: DemoExportFormat): DemoExportFile {
  const debrief = groupDebrief(room, persona);
  const base = `${room.session.lang === 'nl' ? 'groepsdemo' : 'group-demo'}-${persona.id}`;
  switch (format) {
    case 'markdown':
      return { name: `${base}.md`, contentType: 'text/markdown', content: demoMarkdown(room, debrief) };
    case 'html':
      return { name: `${base}.html`, contentType: 'text/html', content: demoHtml(room, debrief) };
    case 'json':
      return { name: `${base}.json`, contentType: 'application/json', content: demoJson(room, debrief) };
  }
}

function chosenLine(round: RoundRecord, w: Words): string {
  const who = round.via === 'reply' ? w.answeredBy : round.via === 'majority' ? w.pickedByMajority : w.pickedBy;
  return `${who.replace('{name}', line(round.chosenBy.name))}${round.overrodeMajority ? ` (${w.overrodeMajority})` : ''}`;
}

function outcomeLine(round: RoundRecord, lang: Lang, w: Words): string {
  const o = round.outcome;
  const labels = o.labels.length > 0 ? techniqueNames(o.labels, lang).join(', ') : w.noTechnique;
  return `${w.anger} ${o.angerBefore} → ${o.angerAfter} (${signed(o.delta)}) · ${labels}`;
}

function techniquesOf(c: Contributor, lang: Lang): string {
  return techniqueNames(Object.keys(c.techniques), lang).join(', ');
}

function demoMarkdown(room: DemoRoom, debrief: GroupDebrief): string {
  const lang = room.session.lang;
  const w = wordsFor(lang);
  const md = (text: string) => escapeMarkdown(line(text));
  const o: string[] = [];
  o.push(`# ${w.title}: ${md(debrief.report.personaTitle)}`, '');
  o.push(`${w.trainer}: ${md(room.trainer.name)} · ${room.mode === 'vote' ? w.modeVote : w.modeOpen}`, '');
  o.push(`## ${w.rounds}`, '');
  if (debrief.rounds.length === 0) o.push(w.noRounds, '');
  for (const round of debrief.rounds) {
    o.push(`### ${w.round} ${round.round}${round.takenBack ? ` (${w.takenBack})` : ''}`, '');
    if (round.proposals.length > 0) {
      o.push(`| # | ${w.author} | ${w.proposal} | ${w.votes} | ${w.voters} |`, '|---|---|---|---|---|');
      for (const p of round.proposals) {
        const mark = p.id === round.chosen.proposalId ? ' ✓' : '';
        const voters = p.voters.map((v) => md(v.name)).join(', ') || '–';
        o.push(`| ${p.number}${mark} | ${md(p.author.name)} | ${md(p.text)} | ${p.voters.length} | ${voters} |`);
      }
      o.push('');
    }
    const number = round.chosen.number ? `${round.chosen.number}. ` : '';
    o.push(`- ${w.chosen}: ${number}${md(round.chosen.author.name)}: “${md(round.chosen.text)}”`);
    o.push(`- ${md(chosenLine(round, w))}`);
    o.push(`- ${w.outcome}: ${outcomeLine(round, lang, w)}`);
    o.push(`- ${w.customer}: “${md(round.outcome.customerText)}”`, '');
  }
  o.push(`## ${w.contributors}`, '');
  o.push(`| ${w.participant} | ${w.turns} | ${w.proposals} | ${w.votes} | ${w.techniques} |`, '|---|---|---|---|---|');
  for (const c of debrief.contributors) {
    const turns = c.turns.join(', ') || '–';
    o.push(`| ${md(c.author.name)} | ${turns} | ${c.proposals} | ${c.votes} | ${techniquesOf(c, lang) || '–'} |`);
  }
  o.push('', '---', '');
  return o.join('\n') + renderReportMarkdown(debriefView(debrief.report, room.session.transcript));
}

function demoHtml(room: DemoRoom, debrief: GroupDebrief): string {
  const lang = room.session.lang;
  const w = wordsFor(lang);
  const h = (text: string) => escapeHtml(line(text));
  const o: string[] = ['<section class="group-demo">', `<h2>${w.title}</h2>`];
  o.push(`<p>${w.trainer}: ${h(room.trainer.name)} · ${room.mode === 'vote' ? w.modeVote : w.modeOpen}</p>`);
  o.push(`<h2>${w.rounds}</h2>`);
  if (debrief.rounds.length === 0) o.push(`<p>${w.noRounds}</p>`);
  for (const round of debrief.rounds) {
    o.push(`<h3>${w.round} ${round.round}${round.takenBack ? ` (${w.takenBack})` : ''}</h3>`);
    if (round.proposals.length > 0) {
      o.push(
        '<table>',
        `<tr><th>#</th><th>${w.author}</th><th>${w.proposal}</th><th>${w.votes}</th><th>${w.voters}</th></tr>`,
      );
      for (const p of round.proposals) {
        const mark = p.id === round.chosen.proposalId ? ' ✓' : '';
        const voters = p.voters.map((v) => h(v.name)).join(', ') || '–';
        o.push(
          `<tr><td>${p.number}${mark}</td><td>${h(p.author.name)}</td><td>${h(p.text)}</td><td>${p.voters.length}</td><td>${voters}</td></tr>`,
        );
      }
      o.push('</table>');
    }
    const number = round.chosen.number ? `${round.chosen.number}. ` : '';
    o.push('<ul>');
    o.push(`<li>${w.chosen}: ${number}${h(round.chosen.author.name)}: “${h(round.chosen.text)}”</li>`);
    o.push(`<li>${h(chosenLine(round, w))}</li>`);
    o.push(`<li>${w.outcome}: ${h(outcomeLine(round, lang, w))}</li>`);
    o.push(`<li>${w.customer}: “${h(round.outcome.customerText)}”</li>`, '</ul>');
  }
  o.push(`<h2>${w.contributors}</h2>`, '<table>');
  o.push(
    `<tr><th>${w.participant}</th><th>${w.turns}</th><th>${w.proposals}</th><th>${w.votes}</th><th>${w.techniques}</th></tr>`,
  );
  for (const c of debrief.contributors) {
    o.push(
      `<tr><td>${h(c.author.name)}</td><td>${c.turns.join(', ') || '–'}</td><td>${c.proposals}</td><td>${c.votes}</td><td>${h(techniquesOf(c, lang)) || '–'}</td></tr>`,
    );
  }
  o.push('</table>', '</section>');
  const report = renderReportHtml(debriefView(debrief.report, room.session.transcript), {
    chartSvg: renderAngerChartSvg(debrief.report),
  });
  // The demo's rounds come first in the report page's main part, before the normal debrief.
  return report.replace('<main>', `<main>\n${o.join('\n')}`);
}

function demoJson(room: DemoRoom, debrief: GroupDebrief): string {
  const solo = JSON.parse(renderReportJson(debrief.report, room.session.transcript)) as Record<string, unknown>;
  const document = {
    format: DEMO_EXPORT_FORMAT,
    schemaVersion: 1,
    mode: room.mode,
    trainer: room.trainer.name,
    rounds: debrief.rounds.map((r) => ({
      round: r.round,
      takenBack: r.takenBack ?? false,
      proposals: r.proposals.map((p) => ({
        number: p.number,
        author: p.author.name,
        text: p.text,
        voters: p.voters.map((v) => v.name),
        picked: p.id === r.chosen.proposalId,
      })),
      chosen: { number: r.chosen.number ?? null, author: r.chosen.author.name, text: r.chosen.text },
      chosenBy: r.chosenBy.name,
      via: r.via,
      overrodeMajority: r.overrodeMajority,
      outcome: r.outcome,
    })),
    contributors: debrief.contributors.map((c) => ({
      name: c.author.name,
      turns: c.turns,
      proposals: c.proposals,
      votes: c.votes,
      techniques: c.techniques,
    })),
    report: solo.report,
    transcript: solo.transcript,
  };
  return JSON.stringify(document, null, 2) + '\n';
}
