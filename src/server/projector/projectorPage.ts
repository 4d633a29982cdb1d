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
  };
}

export interface ProjectorPageOptions {
  snapshot: RoomSnapshot;
  /** Page language (the chrome; the transcript stays in the session's language). */
  lang: Lang;
  /** CSP nonce for the inline style and script. */
  nonce: string;
}

export function renderProjectorPage(options: ProjectorPageOptions): string {
  const { snapshot, lang, nonce } = options;
  const texts = pageTexts(lang);
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
  <div id="bar" class="bar" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${snapshot.anger}">
    <div id="fill" class="fill"></div>
    <div class="calm-line"></div>
  </div>
  <div class="scale"><span class="calm-mark">┆ ${escapeHtml(texts.labels.calmEnough)} (${CALM_ENOUGH})</span></div>
</section>
<div id="paused" class="banner paused" hidden></div>
<div id="ended" class="banner ended" hidden></div>
<main class="main">
  <section class="transcript" aria-live="polite"><ol id="transcript"></ol></section>
  <aside id="side" class="side" hidden>
    <section id="proposals-box"><h2>${escapeHtml(texts.labels.proposals)}</h2><ol id="proposals" class="proposals"></ol></section>
    <section id="round-box" hidden><h2>${escapeHtml(texts.labels.whatIf)}</h2><ol id="round" class="proposals"></ol></section>
  </aside>
</main>
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
:root{--fg:#111;--muted:#3a3a3a;--bg:#fff;--line:#d0d0d0;--calm:#1b6e34;--tense:#8a5a00;--angry:#c2410c;--furious:#b00020}
*{box-sizing:border-box}
[hidden]{display:none!important}
html,body{height:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:30px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;display:flex;flex-direction:column;padding:24px 40px;gap:16px;overflow:hidden}
h1{font-size:48px;margin:0;line-height:1.1}
h2{font-size:34px;margin:0 0 12px}
.top{display:flex;justify-content:space-between;align-items:flex-start;gap:24px}
.subtitle{margin:4px 0 0;color:var(--muted)}
.status{margin:0;display:flex;align-items:center;gap:12px;font-weight:700;white-space:nowrap}
.status .dot{width:22px;height:22px;border-radius:50%;background:var(--calm)}
.status.offline .dot{background:#777}
.meter-head{display:flex;align-items:baseline;gap:20px}
.meter-label{font-size:40px;font-weight:700}
.meter-number{font-size:96px;font-weight:800;line-height:1;font-variant-numeric:tabular-nums}
.meter-max{font-size:40px;color:var(--muted);margin-left:-12px}
.band{font-size:64px;font-weight:800;padding:0 20px;border-radius:12px;color:#fff}
.bar{position:relative;height:56px;border:4px solid var(--fg);border-radius:12px;overflow:hidden;background:#f2f2f2}
.fill{height:100%;width:0;transition:width .6s ease,background-color .6s ease}
.calm-line{position:absolute;top:0;bottom:0;width:0;border-left:4px dashed var(--fg)}
.scale{position:relative;height:36px;font-size:26px;font-weight:700}
.calm-mark{position:absolute;margin-left:-4px;white-space:nowrap}
.band-calm{background:var(--calm)}.band-tense{background:var(--tense)}.band-angry{background:var(--angry)}.band-furious{background:var(--furious)}
.banner{font-size:40px;font-weight:800;padding:16px 28px;border-radius:12px;border:4px solid var(--fg)}
.banner.paused{background:#ffe066}
.banner.ended{background:#e7f0ff}
.main{flex:1;min-height:0;display:flex;gap:32px}
.transcript{flex:1;min-width:0;overflow:hidden;display:flex;flex-direction:column;justify-content:flex-end;-webkit-mask-image:linear-gradient(to bottom,transparent 0,#000 80px);mask-image:linear-gradient(to bottom,transparent 0,#000 80px)}
.transcript ol{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:14px}
.entry{border-left:10px solid var(--line);padding:6px 18px}
.entry.customer{border-left-color:var(--fg);background:#f5f5f5}
.who{font-weight:800}
.who .delta{font-weight:700;margin-left:14px;padding:0 10px;border-radius:8px;border:3px solid var(--fg)}
.text{margin:2px 0 4px;overflow-wrap:anywhere}
.labels{display:flex;flex-wrap:wrap;gap:10px;margin:4px 0 0;padding:0;list-style:none}
.chip{font-size:26px;font-weight:700;padding:2px 14px;border-radius:999px;border:3px solid}
.chip.good{border-color:var(--calm);color:var(--calm)}
.chip.bad{border-color:var(--furious);color:var(--furious)}
.chip.none{border-color:#777;color:#444}
.side{width:38%;overflow:hidden;display:flex;flex-direction:column;gap:24px}
.proposals{margin:0;padding-left:48px;display:flex;flex-direction:column;gap:14px}
.proposals li{padding-left:6px}
.proposals .meta{font-weight:700;color:var(--muted)}
.proposals .empty{list-style:none;margin-left:-48px}
`;

/** Runs in the browser. Builds every node with createElement/textContent: no HTML from data, ever. */
const SCRIPT = `
(function () {
  'use strict';
  var T = JSON.parse(document.getElementById('texts').textContent);
  var L = T.labels;
  var escalating = {};
  T.escalating.forEach(function (id) { escalating[id] = true; });
  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function signed(n) {
    n = Math.round(n);
    return n > 0 ? '+' + n : n < 0 ? '\\u2212' + Math.abs(n) : '\\u00b10';
  }
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
  function render(s) {
    document.title = L.groupDemo + ': ' + s.title;
    $('title').textContent = s.title;
    $('subtitle').textContent = L.customer + ': ' + s.customerName + ' \\u00b7 ' + L.trainer + ': ' + s.trainerName +
      ' \\u00b7 ' + (s.mode === 'vote' ? L.modeVote : L.modeOpen);
    $('anger').textContent = String(s.anger);
    var band = $('band');
    band.textContent = T.bands[s.band] || s.bandName;
    band.className = 'band band-' + s.band;
    var fill = $('fill');
    fill.style.width = Math.max(0, Math.min(100, s.anger)) + '%';
    fill.className = 'fill band-' + s.band;
    var bar = $('bar');
    bar.setAttribute('aria-valuenow', String(s.anger));
    bar.setAttribute('aria-valuetext', s.anger + '/100, ' + (T.bands[s.band] || s.bandName));

    var paused = $('paused');
    paused.hidden = !s.paused || s.ended;
    paused.textContent = '\\u23f8 ' + L.pausedBanner;
    var ended = $('ended');
    ended.hidden = !s.ended;
    ended.textContent = L.ended + ': ' + ((s.outcome && T.outcomes[s.outcome]) || s.outcomeText || '');

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
    if (s.transcript.length <= 1 && !s.ended) items.push(el('li', 'entry', s.mode === 'vote' ? L.noProposalsYet : L.waitingForReply));
    replace($('transcript'), items);

    var showSide = s.mode === 'vote' || !!s.lastRound;
    $('side').hidden = !showSide;
    $('proposals-box').hidden = s.mode !== 'vote' || s.ended;
    replace($('proposals'), s.proposals.length === 0
      ? [el('li', 'meta empty', L.noProposalsYet)]
      : s.proposals.map(function (p) {
          var li = el('li');
          li.appendChild(el('div', 'meta', p.author + ' \\u00b7 ' + p.votes + ' ' + (p.votes === 1 ? L.vote1 : L.votes) +
            ' \\u00b7 ' + L.anger + ' ' + signed(p.delta)));
          li.appendChild(el('p', 'text', p.text));
          li.appendChild(labelChips(p.labels, p.labelNames));
          return li;
        }));
    var round = s.lastRound;
    $('round-box').hidden = !round || round.alternatives.length === 0;
    replace($('round'), !round ? [] : round.alternatives.map(function (a) {
      var li = el('li');
      li.appendChild(el('div', 'meta', a.author + ' \\u00b7 ' + L.anger + ' ' + signed(a.delta) + ' \\u2192 ' + a.angerAfter));
      li.appendChild(el('p', 'text', a.text));
      li.appendChild(labelChips(a.labels, a.labelNames));
      return li;
    }));
    var last = $('transcript').lastElementChild;
    if (last && last.scrollIntoView) last.scrollIntoView({ block: 'end' });
    document.body.setAttribute('data-anger', String(s.anger));
  }
  function status(live) {
    var node = $('status');
    node.className = live ? 'status' : 'status offline';
    $('status-text').textContent = live ? L.live : L.reconnecting;
  }

  render(JSON.parse(document.getElementById('initial').textContent));
  if (!window.EventSource) return;
  var source = new EventSource(location.pathname.replace(/\\/+$/, '') + '/events');
  source.addEventListener('snapshot', function (event) { status(true); render(JSON.parse(event.data)); });
  source.addEventListener('closed', function () { source.close(); status(false); });
  source.onopen = function () { status(true); };
  source.onerror = function () { status(false); };
})();
`;
