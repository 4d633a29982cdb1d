/**
 * The projector page of a group demo: one self-contained HTML document (no
 * external resources) in large type for the back of a room. It renders the
 * room's snapshot, embedded as JSON for the first paint, and then every
 * snapshot that arrives over Server-Sent Events (`<room>/events`).
 *
 * Everything a participant typed (replies, names) is put in the DOM with
 * `textContent` only; the embedded JSON has `<`, `>`, `&` and the JavaScript
 * line separators escaped so it cannot close its script element.
 */
import {
  BAND_TEXT,
  CALM_ENOUGH,
  DEMO_LABELS,
  ESCALATING,
  GROUP_OUTCOME_TEXT,
  POLARITY_MARK,
  TECHNIQUE_NAMES,
  escapeHtml,
  type Lang,
  type RoomSnapshot,
} from '../../core';
import { projectorTexts } from './projectorTexts';

/** JSON that is safe inside `<script type="application/json">`. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function pick<T extends Record<string, Record<Lang, string>>>(table: T, lang: Lang): Record<keyof T, string> {
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, value[lang]])) as Record<keyof T, string>;
}

/** The texts the page script needs, in the page language. */
function pageTexts(lang: Lang) {
  return {
    labels: pick(DEMO_LABELS, lang),
    bands: pick(BAND_TEXT, lang),
    outcomes: pick(GROUP_OUTCOME_TEXT, lang),
    techniques: pick(TECHNIQUE_NAMES, lang),
    escalating: [...ESCALATING],
    marks: POLARITY_MARK,
    calmLine: CALM_ENOUGH,
    guide: projectorTexts(lang),
  };
}

/** The join link of a room that browsers can join, with its QR code (SVG made on the server). */
export interface ProjectorJoin {
  code: string;
  url: string;
  /** `<svg>` markup from the qrcode package: our own output, never user text. */
  qrSvg: string;
}

export interface ProjectorPageOptions {
  snapshot: RoomSnapshot;
  /** Page language (the chrome; the transcript stays in the session's language). */
  lang: Lang;
  /** CSP nonce for the inline style and script. */
  nonce: string;
  /** Shown in the header while the room runs: code in big type, QR code, link. */
  join?: ProjectorJoin;
}

export function renderProjectorPage(options: ProjectorPageOptions): string {
  const { snapshot, lang, nonce, join } = options;
  const texts = pageTexts(lang);
  const joinBox = join
    ? `<aside id="join" class="join" aria-label="${escapeHtml(texts.guide.joinTitle)}">
    <div class="qr">${join.qrSvg}</div>
    <div class="join-text"><span class="join-title">${escapeHtml(texts.guide.joinTitle)}</span><span id="join-code" class="join-code">${escapeHtml(join.code)}</span><span class="join-url">${escapeHtml(texts.guide.joinHint)} ${escapeHtml(join.url)}</span></div>
  </aside>`
    : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(`${texts.labels.groupDemo}: ${snapshot.title}`)}</title>
<style nonce="${nonce}">${STYLE}.calm-line,.calm-mark{left:${CALM_ENOUGH}%}</style>
</head>
<body>
<header class="top">
  <div class="heading">
    <h1 id="title">${escapeHtml(snapshot.title)}</h1>
    <p id="subtitle" class="subtitle"></p>
  </div>
  <p id="status" class="status" role="status"><span class="dot" aria-hidden="true"></span><span id="status-text">${escapeHtml(texts.labels.live)}</span></p>
</header>
<section class="meter" aria-label="${escapeHtml(texts.labels.anger)}">
  <div class="meter-head">
    <span class="meter-label">${escapeHtml(texts.labels.anger)}</span>
    <span id="anger" class="meter-number">${snapshot.anger}</span><span class="meter-max">/100</span>
    <span id="band" class="band"></span>
  </div>
  <div class="bar-wrap">
    <div id="bar" class="bar" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${snapshot.anger}">
      <div id="fill" class="fill"></div>
      <div class="calm-line"></div>
    </div>
    <div class="scale"><span class="calm-mark">┆ ${escapeHtml(texts.labels.calmEnough)} (${CALM_ENOUGH})</span></div>
  </div>
</section>
<section id="guide" class="guide" aria-live="polite">
  <span id="phase" class="phase"></span>
  <span id="voted" class="voted" hidden></span>
  <span id="hidden-note" class="hidden-note" hidden></span>
  <span id="people" class="people"></span>
</section>
<div id="paused" class="banner paused" hidden></div>
<div id="ended" class="banner ended" hidden></div>
<main id="main" class="main">
  <section class="story">
    ${joinBox}
    <details id="briefing" class="briefing" open><summary>${escapeHtml(texts.guide.briefing)}</summary><p id="briefing-text"></p><p id="briefing-offer" class="offer"></p></details>
    <div class="transcript" aria-live="polite"><ol id="transcript"></ol></div>
  </section>
  <aside id="side" class="side" hidden>
    <section id="winner" class="winner" hidden><h2 id="winner-title"></h2><p id="winner-text" class="text"></p><p id="winner-by" class="meta"></p><p id="overruled" class="overruled" hidden></p></section>
    <section id="proposals-box"><h2>${escapeHtml(texts.labels.proposals)}</h2><ol id="proposals" class="proposals"></ol></section>
    <section id="round-box" hidden><h2>${escapeHtml(texts.labels.whatIf)}</h2><ol id="round" class="proposals"></ol></section>
  </aside>
</main>
<section id="debrief" class="debrief" hidden>
  <div class="debrief-left">
    <h2>${escapeHtml(texts.guide.debrief)}</h2>
    <p class="score-line"><span id="score" class="score"></span><span id="outcome" class="outcome"></span></p>
    <p id="anger-summary" class="meta"></p>
    <h3>${escapeHtml(texts.guide.curve)}</h3>
    <div id="curve" class="curve"></div>
  </div>
  <div class="debrief-right">
    <h3>${escapeHtml(texts.labels.contributors)}</h3>
    <table class="contributors"><thead><tr><th></th><th>${escapeHtml(texts.guide.turnsCol)}</th><th>${escapeHtml(texts.guide.proposalsCol)}</th><th>${escapeHtml(texts.guide.votesCol)}</th><th>${escapeHtml(texts.labels.techniques)}</th></tr></thead><tbody id="contributors"></tbody></table>
    <h3>${escapeHtml(texts.guide.plan)}</h3>
    <ul id="checklist" class="checklist"></ul>
    <h3>${escapeHtml(texts.guide.tips)}</h3>
    <ul id="tips" class="tips"></ul>
  </div>
</section>
<script type="application/json" id="initial">${jsonForScript(snapshot)}</script>
<script type="application/json" id="texts">${jsonForScript(texts)}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

/** The friendly page for an unknown or expired room: both languages, the room is not known. */
export function renderNotFoundPage(lang: Lang, nonce: string): string {
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  const block = (l: Lang) =>
    `<section lang="${l}"><h1>${escapeHtml(DEMO_LABELS.notFoundTitle[l])}</h1><p>${escapeHtml(DEMO_LABELS.notFoundBody[l])}</p></section>`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(DEMO_LABELS.notFoundTitle[lang])}</title>
<style nonce="${nonce}">body{font:32px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:8vh 8vw;color:#111;background:#fff}h1{font-size:48px;margin:0 0 16px}section+section{margin-top:48px;color:#333}</style>
</head>
<body>${block(lang)}${block(other)}</body>
</html>`;
}

const STYLE = `
:root{--fg:#111;--muted:#3a3a3a;--bg:#fff;--line:#d0d0d0;--calm:#1b6e34;--tense:#8a5a00;--angry:#c2410c;--furious:#b00020;--side-font:30px}
*{box-sizing:border-box}
[hidden]{display:none!important}
html,body{height:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:30px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;display:flex;flex-direction:column;padding:20px 40px;gap:14px;overflow:hidden}
h1{font-size:48px;margin:0;line-height:1.1}
h2{font-size:1.1em;margin:0 0 10px}
h3{font-size:30px;margin:16px 0 8px}
.top{display:flex;justify-content:space-between;align-items:flex-start;gap:32px}
.heading{flex:1;min-width:0}
.subtitle{margin:4px 0 0;color:var(--muted)}
.status{margin:0;display:flex;align-items:center;gap:12px;font-weight:700;white-space:nowrap}
.status .dot{width:22px;height:22px;border-radius:50%;background:var(--calm)}
.status.offline .dot{background:#777}
.join{flex:0 0 auto;display:flex;align-items:center;gap:20px;border:4px solid var(--fg);border-radius:14px;padding:8px 16px 8px 8px}
.qr svg{display:block;width:176px;height:176px}
.join-text{display:flex;flex-direction:column;line-height:1.1}
.join-title{font-size:28px;font-weight:700}
.join-code{font-size:72px;font-weight:800;letter-spacing:.12em;font-variant-numeric:tabular-nums}
.join-url{font-size:22px;color:var(--muted);overflow-wrap:anywhere}
.meter{display:flex;align-items:center;gap:32px}
.meter-head{display:flex;align-items:baseline;gap:20px;white-space:nowrap}
.meter-label{font-size:40px;font-weight:700}
.meter-number{font-size:96px;font-weight:800;line-height:1;font-variant-numeric:tabular-nums}
.meter-max{font-size:40px;color:var(--muted);margin-left:-12px}
.band{font-size:64px;font-weight:800;padding:0 20px;border-radius:12px;color:#fff}
.bar-wrap{flex:1;min-width:0}
.bar{position:relative;height:56px;border:4px solid var(--fg);border-radius:12px;overflow:hidden;background:#f2f2f2}
.fill{height:100%;width:0;transition:width .6s ease,background-color .6s ease}
.calm-line{position:absolute;top:0;bottom:0;width:0;border-left:4px dashed var(--fg)}
.scale{position:relative;height:36px;font-size:26px;font-weight:700}
.calm-mark{position:absolute;margin-left:-4px;white-space:nowrap}
.band-calm{background:var(--calm)}.band-tense{background:var(--tense)}.band-angry{background:var(--angry)}.band-furious{background:var(--furious)}
.guide{display:flex;align-items:center;gap:20px;font-size:32px;font-weight:700;white-space:nowrap}
.phase{background:var(--fg);color:#fff;padding:4px 20px;border-radius:12px}
.voted{border:4px solid var(--fg);padding:0 16px;border-radius:12px;font-variant-numeric:tabular-nums}
.hidden-note{border:4px dashed var(--fg);padding:0 16px;border-radius:12px}
.people{font-size:26px;font-weight:600;color:var(--muted);flex:1;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;text-align:right}
.banner{font-size:40px;font-weight:800;padding:12px 28px;border-radius:12px;border:4px solid var(--fg)}
.banner.paused{background:#ffe066}
.banner.ended{background:#e7f0ff}
.main{flex:1;min-height:0;display:flex;gap:40px}
.story{flex:0 0 36%;min-width:0;display:flex;flex-direction:column;gap:12px}
.main.open .story{flex:1}
.briefing{font-size:24px;border-left:10px solid var(--tense);background:#fbf6ea;padding:6px 16px;flex:0 0 auto}
.briefing summary{font-weight:800;cursor:default}
.briefing p{margin:4px 0}
#briefing-text{display:-webkit-box;-webkit-line-clamp:5;-webkit-box-orient:vertical;overflow:hidden}
.offer{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.briefing.short #briefing-text{-webkit-line-clamp:2}
.briefing.short .offer{display:none}
.offer{color:var(--muted)}
.transcript{flex:1;min-height:0;overflow:hidden;display:flex;flex-direction:column;justify-content:flex-end;-webkit-mask-image:linear-gradient(to bottom,transparent 0,#000 80px);mask-image:linear-gradient(to bottom,transparent 0,#000 80px)}
.transcript ol{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:14px}
.entry{border-left:10px solid var(--line);padding:6px 18px}
.entry.customer{border-left-color:var(--fg);background:#f5f5f5}
.who{font-weight:800}
.who .delta{font-weight:700;margin-left:14px;padding:0 10px;border-radius:8px;border:3px solid var(--fg)}
.text{margin:2px 0 4px;overflow-wrap:anywhere}
.labels{display:flex;flex-wrap:wrap;gap:10px;margin:4px 0 0;padding:0;list-style:none}
.chip{font-size:.87em;font-weight:700;padding:2px 14px;border-radius:999px;border:3px solid}
.chip.good{border-color:var(--calm);color:var(--calm)}
.chip.bad{border-color:var(--furious);color:var(--furious)}
.chip.none{border-color:#777;color:#444}
.side{flex:1;min-width:0;min-height:0;overflow:hidden;display:flex;flex-direction:column;gap:20px;font-size:var(--side-font)}
.side.scrolling{overflow-y:auto}
.proposals{margin:0;padding:0;list-style:none;display:grid;grid-template-columns:1fr;gap:14px}
.side.two-col .proposals{grid-template-columns:1fr 1fr}
.proposals>li{border:3px solid var(--line);border-radius:12px;padding:8px 14px;display:grid;grid-template-columns:auto 1fr;column-gap:14px;align-items:start}
.proposals>li.leading{border-color:var(--fg)}
.proposals .num{grid-row:span 3;font-size:1.5em;font-weight:800;line-height:1;min-width:1.4em;text-align:center;padding:6px 0;border-radius:10px;background:var(--fg);color:#fff}
.proposals .meta,.winner .meta{font-weight:700;color:var(--muted)}
.proposals .empty{display:block;border:0;color:var(--muted)}
.winner{border:4px solid var(--calm);border-radius:12px;padding:10px 18px;background:#eef8f0}
.winner h2{margin:0 0 4px}
.overruled{margin:6px 0 0;font-weight:800;color:var(--furious)}
.debrief{flex:1;min-height:0;display:flex;gap:48px;font-size:26px}
.debrief-left{flex:0 0 44%;min-width:0;display:flex;flex-direction:column}
.debrief-right{flex:1;min-width:0;overflow:hidden;font-size:24px}
.debrief h2{font-size:40px}
.score-line{display:flex;align-items:baseline;gap:24px;margin:0}
.score{font-size:96px;font-weight:800;line-height:1}
.outcome{font-size:36px;font-weight:700}
.curve{flex:1;min-height:0}
.curve svg{display:block;width:100%;height:100%}
.contributors{border-collapse:collapse;width:100%}
.contributors th,.contributors td{text-align:left;padding:4px 12px 4px 0;border-bottom:2px solid var(--line);vertical-align:top}
.contributors td.n{font-variant-numeric:tabular-nums;text-align:center}
.checklist,.tips{margin:0;padding-left:0;list-style:none}
.checklist li.missed{color:var(--furious)}
.tips li{margin-bottom:6px}
`;

/** Runs in the browser. Builds every node with createElement/textContent: no HTML from data, ever. */
const SCRIPT = `
(function () {
  'use strict';
  var T = JSON.parse(document.getElementById('texts').textContent);
  var L = T.labels;
  var G = T.guide;
  var escalating = {};
  T.escalating.forEach(function (id) { escalating[id] = true; });
  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fill(template, values) {
    return template.replace(/\\{(\\w+)\\}/g, function (all, key) { return values[key] === undefined ? all : String(values[key]); });
  }
  function signed(n) {
    n = Math.round(n);
    return n > 0 ? '+' + n : n < 0 ? '\\u2212' + Math.abs(n) : '\\u00b10';
  }
  function votesText(n) { return n + ' ' + (n === 1 ? L.vote1 : L.votes); }
  function labelChips(ids, names) {
    var list = el('ul', 'labels');
    if (!ids || ids.length === 0) {
      list.appendChild(el('li', 'chip none', L.noTechnique));
      return list;
    }
    ids.forEach(function (id, i) {
      var bad = escalating[id] === true;
      var name = T.techniques[id] || (names && names[i]) || id;
      list.appendChild(el('li', 'chip ' + (bad ? 'bad' : 'good'), (bad ? T.marks.escalating : T.marks['de-escalating']) + ' ' + name));
    });
    return list;
  }
  function replace(parent, children) {
    while (parent.firstChild) parent.removeChild(parent.firstChild);
    children.forEach(function (c) { parent.appendChild(c); });
  }
  function proposalItem(number, meta, text, chips, leading) {
    var li = el('li', leading ? 'leading' : '');
    li.setAttribute('data-number', String(number));
    li.appendChild(el('span', 'num', number));
    li.appendChild(el('div', 'meta', meta));
    li.appendChild(el('p', 'text', text));
    li.appendChild(chips || el('span'));
    return li;
  }

  function renderHeader(s) {
    document.title = L.groupDemo + ': ' + s.title;
    $('title').textContent = s.title;
    $('subtitle').textContent = L.customer + ': ' + s.customerName + ' \\u00b7 ' + L.trainer + ': ' + s.trainerName +
      ' \\u00b7 ' + (s.mode === 'vote' ? L.modeVote : L.modeOpen);
    var join = $('join');
    if (join) join.hidden = !!s.ended;
  }
  function renderMeter(s) {
    $('anger').textContent = String(s.anger);
    var band = $('band');
    band.textContent = T.bands[s.band] || s.bandName;
    band.className = 'band band-' + s.band;
    var bar = $('fill');
    bar.style.width = Math.max(0, Math.min(100, s.anger)) + '%';
    bar.className = 'fill band-' + s.band;
    $('bar').setAttribute('aria-valuenow', String(s.anger));
    $('bar').setAttribute('aria-valuetext', s.anger + '/100, ' + (T.bands[s.band] || s.bandName));
  }
  function renderGuide(s) {
    var phase = s.phase || (s.ended ? 'ended' : s.proposals.length ? 'voting' : 'proposing');
    var what = phase === 'ended' ? G.phaseEnded : s.mode !== 'vote' ? G.phaseOpen : phase === 'voting' ? G.phaseVoting : G.phaseProposing;
    $('phase').textContent = (phase === 'ended' ? '' : fill(G.round, { n: s.round || s.turns + 1 }) + ': ') + what;
    document.body.setAttribute('data-phase', phase);
    var voted = $('voted');
    var counting = s.mode === 'vote' && phase === 'voting' && typeof s.voterCount === 'number';
    voted.hidden = !counting;
    voted.textContent = counting ? fill(G.votedOf, { n: s.votedCount, m: s.voterCount }) : '';
    var note = $('hidden-note');
    note.hidden = !(s.mode === 'vote' && s.hidePredictionsUntilPick && !s.ended);
    note.textContent = G.predictionsHidden;
    var people = (s.participants || []).map(function (p) { return p.name + (p.voted ? ' \\u2713' : ''); });
    $('people').textContent = people.length ? G.participants + ': ' + people.join(', ') : '';
  }
  function renderBriefing(s) {
    var b = s.briefing;
    var box = $('briefing');
    box.hidden = !b || s.ended;
    if (!b) return;
    $('briefing-text').textContent = b.text;
    var offer = [];
    if (b.canOffer && b.canOffer.length) offer.push(G.canOffer + ': ' + b.canOffer.join('; '));
    if (b.cannotOffer && b.cannotOffer.length) offer.push(G.cannotOffer + ': ' + b.cannotOffer.join('; '));
    $('briefing-offer').textContent = offer.join(' \\u00b7 ');
    // Once the room is under way the conversation needs the space: the situation shrinks to two lines.
    box.className = 'briefing' + (s.turns > 0 ? ' short' : '');
  }
  function renderTranscript(s) {
    var items = s.transcript.map(function (e) {
      var li = el('li', 'entry ' + e.role);
      var who = el('div', 'who', e.role === 'customer' ? s.customerName : (e.author || '?'));
      if (e.role === 'customer' && e.turn > 0 && typeof e.delta === 'number') {
        who.appendChild(el('span', 'delta', L.anger + ' ' + signed(e.delta) + ' \\u2192 ' + e.anger));
      }
      li.appendChild(who);
      li.appendChild(el('p', 'text', e.text));
      if (e.role === 'trainee') li.appendChild(labelChips(e.labels, e.labelNames));
      return li;
    });
    if (s.transcript.length <= 1 && !s.ended && s.mode !== 'vote') items.push(el('li', 'entry', L.waitingForReply));
    replace($('transcript'), items);
  }
  function renderSide(s) {
    var phase = s.phase || 'voting';
    var vote = s.mode === 'vote';
    var round = s.lastRound;
    // The last round's result belongs to the pause between rounds: new proposals clear it.
    var showRound = !!round && s.proposals.length === 0 && !s.ended;
    $('side').hidden = s.ended || !(vote || showRound);
    $('main').className = 'main' + ($('side').hidden ? ' open' : '');
    $('proposals-box').hidden = !vote || s.ended || (showRound && s.proposals.length === 0);
    var most = 0;
    s.proposals.forEach(function (p) { most = Math.max(most, p.votes); });
    replace($('proposals'), s.proposals.length === 0
      ? [el('li', 'empty', L.noProposalsYet)]
      : s.proposals.map(function (p, i) {
          var effect = p.predictionHidden ? G.predictionHidden : L.anger + ' ' + signed(p.delta);
          return proposalItem(p.number || i + 1, p.author + ' \\u00b7 ' + votesText(p.votes) + ' \\u00b7 ' + effect, p.text,
            p.predictionHidden ? null : labelChips(p.labels, p.labelNames), most > 0 && p.votes === most);
        }));

    var winner = $('winner');
    winner.hidden = !showRound;
    if (round) {
      $('winner-title').textContent = fill(G.winner, { n: round.turn });
      var which = round.pickedNumber ? fill(G.proposalOf, { n: round.pickedNumber, author: round.pickedAuthor }) : fill(G.replyOf, { author: round.pickedAuthor });
      $('winner-text').textContent = '\\u2713 ' + which + ' (' + votesText(round.pickedVotes || 0) + '): \\u201c' + round.pickedText + '\\u201d';
      var by = round.pickedBy || s.trainerName;
      $('winner-by').textContent = round.by === 'majority' ? fill(G.pickedByMajority, { name: by }) : fill(G.pickedBy, { name: by });
      $('overruled').hidden = !round.overrodeMajority;
      $('overruled').textContent = '\\u26a0 ' + fill(G.overruled, { name: by });
    }
    $('round-box').hidden = !showRound || round.alternatives.length === 0;
    replace($('round'), !showRound ? [] : round.alternatives.map(function (a, i) {
      return proposalItem(a.number || '\\u2013', a.author + ' \\u00b7 ' + votesText(a.votes) + ' \\u00b7 ' + L.anger + ' ' + signed(a.delta) + ' \\u2192 ' + a.angerAfter,
        a.text, labelChips(a.labels, a.labelNames), false);
    }));
    fit();
  }
  /** Every proposal stays in view: smaller type, then two columns, and only then a scroll bar. */
  function fit() {
    var side = $('side');
    if (side.hidden) return;
    var steps = [[30, false], [28, false], [26, false], [24, false], [26, true], [24, true], [22, true], [20, true]];
    var fits = false;
    side.classList.remove('scrolling');
    for (var i = 0; i < steps.length && !fits; i++) {
      side.style.setProperty('--side-font', steps[i][0] + 'px');
      side.classList.toggle('two-col', steps[i][1] && $('proposals').children.length > 1);
      fits = side.scrollHeight <= side.clientHeight + 1;
    }
    side.classList.toggle('scrolling', !fits);
    document.body.setAttribute('data-side-font', getComputedStyle(side).fontSize);
  }
  function curveSvg(points, calm) {
    var ns = 'http://www.w3.org/2000/svg';
    var w = 760, h = 300, pad = 40;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', G.curve + ': ' + points.join(', '));
    function x(i) { return pad + (points.length < 2 ? 0 : i * (w - 2 * pad) / (points.length - 1)); }
    function y(v) { return h - pad - v * (h - 2 * pad) / 100; }
    function line(x1, y1, x2, y2, stroke, dash, width) {
      var l = document.createElementNS(ns, 'line');
      l.setAttribute('x1', x1); l.setAttribute('y1', y1); l.setAttribute('x2', x2); l.setAttribute('y2', y2);
      l.setAttribute('stroke', stroke); l.setAttribute('stroke-width', width || 3);
      if (dash) l.setAttribute('stroke-dasharray', dash);
      svg.appendChild(l);
    }
    line(pad, y(0), w - pad, y(0), '#111');
    line(pad, y(100), pad, y(0), '#111');
    line(pad, y(calm), w - pad, y(calm), '#1b6e34', '10 8');
    var path = document.createElementNS(ns, 'polyline');
    path.setAttribute('points', points.map(function (v, i) { return x(i) + ',' + y(v); }).join(' '));
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', '#b00020');
    path.setAttribute('stroke-width', '6');
    svg.appendChild(path);
    points.forEach(function (v, i) {
      var dot = document.createElementNS(ns, 'circle');
      dot.setAttribute('cx', x(i)); dot.setAttribute('cy', y(v)); dot.setAttribute('r', 8); dot.setAttribute('fill', '#b00020');
      svg.appendChild(dot);
      var label = document.createElementNS(ns, 'text');
      label.setAttribute('x', x(i)); label.setAttribute('y', y(v) - 16); label.setAttribute('text-anchor', 'middle');
      label.setAttribute('font-size', '24'); label.setAttribute('font-weight', '700');
      label.textContent = String(v);
      svg.appendChild(label);
    });
    return svg;
  }
  function renderDebrief(s) {
    var d = s.debrief;
    $('debrief').hidden = !d;
    $('main').hidden = !!d;
    if (!d) return;
    $('score').textContent = d.score + '/100';
    $('outcome').textContent = d.outcomeText;
    $('anger-summary').textContent = L.anger + ': ' + G.start + ' ' + d.startAnger + ' \\u00b7 ' + G.peak + ' ' + d.peakAnger + ' \\u00b7 ' + G.final + ' ' + d.finalAnger;
    replace($('curve'), [curveSvg(s.angerCurve && s.angerCurve.length ? s.angerCurve : [d.startAnger, d.finalAnger], d.calmLine || T.calmLine)]);
    replace($('contributors'), d.contributors.map(function (c) {
      var tr = el('tr');
      tr.appendChild(el('td', '', c.name));
      tr.appendChild(el('td', 'n', c.turns.length ? c.turns.join(', ') : '\\u2013'));
      tr.appendChild(el('td', 'n', c.proposals));
      tr.appendChild(el('td', 'n', c.votes));
      tr.appendChild(el('td', '', c.techniqueNames.join(', ')));
      return tr;
    }));
    replace($('checklist'), d.checklist.map(function (item) {
      var mark = item.status === 'done' ? '\\u2713 ' : item.status === 'missed' ? '\\u2717 ' : '\\u2013 ';
      return el('li', item.status, mark + item.title);
    }));
    replace($('tips'), d.tips.slice(0, 3).map(function (tip) { return el('li', '', tip); }));
  }
  function render(s) {
    renderHeader(s);
    renderMeter(s);
    renderGuide(s);
    var paused = $('paused');
    paused.hidden = !s.paused || s.ended;
    paused.textContent = '\\u23f8 ' + L.pausedBanner;
    var ended = $('ended');
    // With the debrief on screen its score line says how it ended.
    ended.hidden = !s.ended || !!s.debrief;
    ended.textContent = L.ended + ': ' + ((s.outcome && T.outcomes[s.outcome]) || s.outcomeText || '');
    renderBriefing(s);
    renderTranscript(s);
    renderDebrief(s);
    renderSide(s);
    var last = $('transcript').lastElementChild;
    if (last && last.scrollIntoView) last.scrollIntoView({ block: 'end' });
    document.body.setAttribute('data-anger', String(s.anger));
  }
  function status(live) {
    $('status').className = live ? 'status' : 'status offline';
    $('status-text').textContent = live ? L.live : L.reconnecting;
    document.body.setAttribute('data-live', live ? 'true' : 'false');
  }

  var current = JSON.parse(document.getElementById('initial').textContent);
  render(current);
  window.addEventListener('resize', fit);
  if (!window.EventSource) return;
  var source = null;
  var timer = null;
  // After a bot restart the stream ends or the room is unknown until the bot publishes it again: keep trying,
  // and the first snapshot of the new stream brings the page up to date, without a reload.
  function retry(ms) {
    if (source) source.close();
    source = null;
    clearTimeout(timer);
    timer = setTimeout(connect, ms);
  }
  function connect() {
    source = new EventSource(location.pathname.replace(/\\/+$/, '') + '/events');
    source.addEventListener('snapshot', function (event) {
      status(true);
      current = JSON.parse(event.data);
      render(current);
    });
    source.addEventListener('closed', function (event) {
      status(false);
      var why = {};
      try { why = JSON.parse(event.data); } catch (e) { /* an older server: no reason */ }
      retry(why.reason === 'room' ? 10000 : 2000);
    });
    source.onerror = function () {
      status(false);
      if (source && source.readyState === 2) retry(2000);
    };
  }
  connect();
})();
`;
