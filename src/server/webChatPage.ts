/**
 * The web chat page at `/`: a header with the product name, a one-line explanation and a language switch,
 * and the official Bot Framework Web Chat filling the rest of the window. Dutch by default, English with
 * `?lang=en`. After connecting it posts the event `{ type: 'event', name: 'webchat/join', value: { lang } }`;
 * the bot greets on it.
 *
 * Pure: `renderWebChatPage(options)` returns the HTML string.
 */
import type { Lang } from '../config';
import { escapeHtml } from '../core';

/** A speech bubble in the brand colour, inline so the page needs no extra request. */
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%230b4f8a'/%3E%3Cpath d='M7 9h18v12H14l-5 4v-4H7z' fill='white'/%3E%3C/svg%3E";

/** The event the page posts right after Direct Line connects. */
export const JOIN_EVENT_NAME = 'webchat/join';

export interface WebChatPageOptions {
  lang: Lang;
  /** Where the page gets a Direct Line token: POST → { token, userId?, domain?, webSocket?, pollingInterval? }. */
  tokenUrl: string;
  /** The Web Chat bundle (botframework-webchat's dist/webchat.js, served by us). */
  bundleUrl: string;
}

interface PageTexts {
  locale: string;
  title: string;
  tagline: string;
  switchLabel: string;
  switchHref: string;
  switchLang: Lang;
  connecting: string;
  failed: string;
  noScript: string;
  chatLabel: string;
  userInitials: string;
  botInitials: string;
}

const TEXTS: Record<Lang, PageTexts> = {
  nl: {
    locale: 'nl-NL',
    title: 'Oefenen met de-escalatie',
    tagline: 'Oefen een gesprek met een boze klant: blijf rustig, erken het gevoel en werk samen naar een oplossing.',
    switchLabel: 'English',
    switchHref: '/?lang=en',
    switchLang: 'en',
    connecting: 'Verbinden met de oefenklant…',
    failed: 'De chat kon niet starten. Ververs de pagina of probeer het later opnieuw.',
    noScript: 'Zet JavaScript aan om de oefenchat te gebruiken.',
    chatLabel: 'Oefengesprek',
    userInitials: 'Jij',
    botInitials: 'K',
  },
  en: {
    locale: 'en-US',
    title: 'De-escalation practice',
    tagline:
      'Practise a conversation with an angry customer: stay calm, acknowledge the feeling and work towards a solution together.',
    switchLabel: 'Nederlands',
    switchHref: '/?lang=nl',
    switchLang: 'nl',
    connecting: 'Connecting to the practice customer…',
    failed: 'The chat could not start. Reload the page or try again later.',
    noScript: 'Turn on JavaScript to use the practice chat.',
    chatLabel: 'Practice conversation',
    userInitials: 'You',
    botInitials: 'C',
  },
};

/** The language the page uses for a `?lang=` value, falling back to `fallback`. */
export function pageLang(value: unknown, fallback: Lang): Lang {
  return value === 'nl' || value === 'en' ? value : fallback;
}

export function renderWebChatPage(options: WebChatPageOptions): string {
  const t = TEXTS[options.lang];
  const settings = {
    lang: options.lang,
    locale: t.locale,
    tokenUrl: options.tokenUrl,
    joinEvent: JOIN_EVENT_NAME,
    failed: t.failed,
    userInitials: t.userInitials,
    botInitials: t.botInitials,
  };
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<meta name="description" content="${escapeHtml(t.tagline)}">
<link rel="icon" href="${FAVICON}">
<style>
  :root { color-scheme: light; --ink: #14213d; --muted: #3d4a5c; --brand: #0b4f8a; --paper: #f5f7fa; }
  * { box-sizing: border-box; }
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; background: var(--paper); color: var(--ink);
    font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  header { background: var(--brand); color: #fff; padding: 14px 24px; display: flex; align-items: center;
    gap: 24px; flex-wrap: wrap; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
  header .text { flex: 1 1 420px; min-width: 0; }
  header h1 { margin: 0; font-size: 1.5rem; font-weight: 650; letter-spacing: .01em; }
  header p { margin: 2px 0 0; font-size: 1rem; color: #e8f1fb; }
  header a { color: #fff; font-weight: 600; text-decoration: underline; text-underline-offset: 3px;
    padding: 6px 12px; border: 2px solid rgba(255,255,255,.7); border-radius: 8px; white-space: nowrap; }
  header a:hover { background: rgba(255,255,255,.12); }
  header a:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
  main { flex: 1 1 auto; min-height: 0; display: flex; justify-content: center; padding: 16px; position: relative; }
  #webchat { width: 100%; max-width: 960px; height: 100%; background: #fff; border-radius: 12px;
    box-shadow: 0 1px 4px rgba(20,33,61,.12); overflow: hidden; }
  #status { position: absolute; inset: 0; z-index: 1; pointer-events: none; display: flex; align-items: center; justify-content: center;
    padding: 24px; text-align: center; color: var(--muted); font-size: 1.1rem; }
  #status.error { color: #9b1c1c; }
  #status[hidden] { display: none; }
  @media (max-width: 600px) { header { padding: 12px 16px; } main { padding: 0; } #webchat { border-radius: 0; } }
</style>
</head>
<body>
<header>
  <div class="text">
    <h1>${escapeHtml(t.title)}</h1>
    <p>${escapeHtml(t.tagline)}</p>
  </div>
  <a href="${t.switchHref}" hreflang="${t.switchLang}" lang="${t.switchLang}">${escapeHtml(t.switchLabel)}</a>
</header>
<main>
  <div id="status" role="status">${escapeHtml(t.connecting)}</div>
  <noscript><p>${escapeHtml(t.noScript)}</p></noscript>
  <div id="webchat" role="region" aria-label="${escapeHtml(t.chatLabel)}"></div>
</main>
<script src="${options.bundleUrl}"></script>
<script>
(function () {
  var settings = ${scriptJson(settings)};
  var host = document.getElementById('webchat');
  var status = document.getElementById('status');
  function fail(error) {
    if (window.console) console.error(error);
    status.textContent = settings.failed;
    status.className = 'error';
    status.hidden = false;
  }
  if (!window.WebChat) return fail(new Error('Web Chat bundle did not load'));
  fetch(settings.tokenUrl, { method: 'POST', headers: { Accept: 'application/json' } })
    .then(function (res) { if (!res.ok) throw new Error('Token request failed: ' + res.status); return res.json(); })
    .then(function (dl) {
      var directLine = window.WebChat.createDirectLine({
        token: dl.token,
        domain: dl.domain || (window.location.origin + '/v3/directline'),
        webSocket: dl.webSocket,
        pollingInterval: dl.pollingInterval
      });
      var store = window.WebChat.createStore({}, function (api) {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
              api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: settings.joinEvent, value: { lang: settings.lang } } });
            }
            return next(action);
          };
        };
      });
      status.hidden = true;
      window.WebChat.renderWebChat({
        directLine: directLine,
        store: store,
        locale: settings.locale,
        styleOptions: {
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
          fontSizeSmall: '85%',
          rootHeight: '100%',
          rootWidth: '100%',
          accent: '#0b4f8a',
          bubbleBackground: '#eef2f7',
          bubbleBorderRadius: 14,
          bubbleBorderWidth: 0,
          bubbleTextColor: '#14213d',
          bubbleFromUserBackground: '#0b4f8a',
          bubbleFromUserBorderRadius: 14,
          bubbleFromUserBorderWidth: 0,
          bubbleFromUserTextColor: '#ffffff',
          bubbleMaxWidth: 640,
          bubbleMinHeight: 44,
          botAvatarInitials: settings.botInitials,
          botAvatarBackgroundColor: '#5b6b82',
          userAvatarInitials: settings.userInitials,
          userAvatarBackgroundColor: '#0b4f8a',
          sendBoxHeight: 60,
          sendBoxTextWrap: true,
          hideUploadButton: true,
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 10
        }
      }, host);
      var input = host.querySelector('input, textarea');
      if (input) input.focus();
    })
    .catch(fail);
})();
</script>
</body>
</html>
`;
}

/** JSON safe to put inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
