/**
 * The web chat page at `/`: a header with the product name, a one-line explanation, a language switch and a
 * "forget me" button, and the official Bot Framework Web Chat filling the rest of the window. Dutch by default,
 * English with `?lang=en`. After connecting it posts the event `{ type: 'event', name: 'webchat/join',
 * value: { lang } }`; the bot greets on it. The `embed` layout (`/embed`, for iframes on pages that allow no
 * scripts) is the chat alone with a slim footer. Web Chat is started by webChatClient.ts (streaming, the
 * remembered trainee). After `/lang xx` in the chat the page switches its own texts too (`applyPageLang`), and
 * its address, so a reload stays in that language.
 *
 * Pure: `renderWebChatPage(options)` returns the HTML string.
 */
import type { Lang } from '../config';
import { escapeHtml } from '../core';
import { LANGUAGE_EVENT } from '../../dialogs';
import { webChatStyleOptions } from './webChatStyle';
import {
  TRAINEE_STORAGE_KEY,
  WEB_CHAT_CLIENT_SCRIPT,
  type WebChatClientSettings,
  type WebChatClientTexts,
} from './webChatClient';

/** A speech bubble in the brand colour, inline so the page needs no extra request. */
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%230b4f8a'/%3E%3Cpath d='M7 9h18v12H14l-5 4v-4H7z' fill='white'/%3E%3C/svg%3E";

/** The event the page posts right after Direct Line connects. */
export const JOIN_EVENT_NAME = 'webchat/join';

/** The brand colour, and the default accent of the widget. */
export const BRAND_COLOUR = '#0b4f8a';

export interface WebChatPageOptions {
  lang: Lang;
  /** Where the page gets a Direct Line token: POST { user?: { id } } → { token, userId, streamUrl?, domain?, … }. */
  tokenUrl: string;
  /** Where "forget me" deletes the trainee's data: POST { user: { id } }. */
  forgetUrl: string;
  /** The Web Chat bundle (botframework-webchat's dist/webchat.js, served by us). */
  bundleUrl: string;
  /** 'page' (default): header and chat; 'embed': the chat alone, for an iframe. */
  layout?: 'page' | 'embed';
  /** 'polling' turns streaming off (the latency benchmark compares both). */
  transport?: 'auto' | 'polling';
  /** Start with this customer when the conversation is new (embed). */
  persona?: string;
  /** Accent colour (embed), a CSS colour. */
  accent?: string;
  /** Signed page nonce the token route requires when hosted (pageNonce.ts). */
  pageNonce?: string;
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
  forget: string;
  forgetTitle: string;
  forgetConfirm: string;
  forgetFailed: string;
  privacy: string;
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
    forget: 'Vergeet mij',
    forgetTitle: 'Wis uw voortgang en uw laatste rollenspel; daarna begint u als nieuwe deelnemer',
    forgetConfirm:
      'Uw voortgang, uw laatste rollenspel en uw pseudoniem in deze browser worden gewist. U begint daarna als nieuwe deelnemer. Doorgaan?',
    forgetFailed: 'Wissen is niet gelukt. Probeer het later opnieuw.',
    privacy: 'Privacy',
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
    forget: 'Forget me',
    forgetTitle: 'Delete your progress and your last role-play; you then start as a new trainee',
    forgetConfirm:
      'Your progress, your last role-play and your pseudonym in this browser are deleted. You then start as a new trainee. Continue?',
    forgetFailed: 'Deleting did not work. Please try again later.',
    privacy: 'Privacy',
  },
};

/** The language the page uses for a `?lang=` value, falling back to `fallback`. */
export function pageLang(value: unknown, fallback: Lang): Lang {
  return value === 'nl' || value === 'en' ? value : fallback;
}

function clientTexts(lang: Lang): WebChatClientTexts {
  const t = TEXTS[lang];
  return {
    lang,
    locale: t.locale,
    failed: t.failed,
    forgetConfirm: t.forgetConfirm,
    forgetFailed: t.forgetFailed,
    userInitials: t.userInitials,
    botInitials: t.botInitials,
  };
}

/** The settings webChatClient.ts starts Web Chat with, on one of the bot's own pages. */
export function webChatClientSettings(options: WebChatPageOptions): WebChatClientSettings {
  return {
    ...clientTexts(options.lang),
    baseUrl: '',
    tokenPath: options.tokenUrl,
    forgetPath: options.forgetUrl,
    joinEvent: JOIN_EVENT_NAME,
    languageEvent: LANGUAGE_EVENT,
    byLang: { nl: clientTexts('nl'), en: clientTexts('en') },
    accent: options.accent ?? BRAND_COLOUR,
    style: webChatStyleOptions(options.accent ?? BRAND_COLOUR),
    storageKey: TRAINEE_STORAGE_KEY,
    ...(options.persona ? { persona: options.persona } : {}),
    transport: options.transport ?? 'auto',
    ...(options.pageNonce ? { pageNonce: options.pageNonce } : {}),
  };
}

/** The page's own words in one language, as the page script switches them. */
interface PageLangTexts {
  title: string;
  tagline: string;
  switchLabel: string;
  switchHref: string;
  switchLang: Lang;
  chatLabel: string;
  forget: string;
  forgetTitle: string;
  privacy: string;
  privacyHref: string;
}

function pageLangTexts(lang: Lang, options: WebChatPageOptions): PageLangTexts {
  const t = TEXTS[lang];
  const switchHref =
    options.layout === 'embed'
      ? `/embed?lang=${t.switchLang}${options.persona ? `&persona=${encodeURIComponent(options.persona)}` : ''}`
      : t.switchHref;
  return {
    title: t.title,
    tagline: t.tagline,
    switchLabel: t.switchLabel,
    switchHref,
    switchLang: t.switchLang,
    chatLabel: t.chatLabel,
    forget: t.forget,
    forgetTitle: t.forgetTitle,
    privacy: t.privacy,
    privacyHref: `/privacy?lang=${lang}`,
  };
}

/** Switches the page's own texts and address to a language (browser code; `pageTexts` holds both languages). */
const APPLY_PAGE_LANG_SCRIPT = `
function applyPageLang(pageTexts, lang) {
  var t = pageTexts[lang];
  if (!t) return;
  function set(id, text, attributes) {
    var element = document.getElementById(id);
    if (!element) return;
    if (text !== null) element.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
  }
  document.documentElement.lang = lang;
  document.title = t.title;
  var description = document.querySelector('meta[name="description"]');
  if (description) description.setAttribute('content', t.tagline);
  set('page-title', t.title);
  set('page-tagline', t.tagline);
  set('switch-lang', t.switchLabel, { href: t.switchHref, hreflang: t.switchLang, lang: t.switchLang });
  set('privacy', t.privacy, { href: t.privacyHref });
  set('forget', t.forget, { title: t.forgetTitle });
  set('webchat', null, { 'aria-label': t.chatLabel });
  try {
    var url = new URL(window.location.href);
    url.searchParams.set('lang', lang);
    window.history.replaceState(null, '', url.toString());
  } catch (e) { /* an address that cannot change: the texts have */ }
}
`;

/** The page's "forget me" button text and its explanation, for the widget too. */
export function forgetTexts(lang: Lang): { label: string; title: string } {
  return { label: TEXTS[lang].forget, title: TEXTS[lang].forgetTitle };
}

export function renderWebChatPage(options: WebChatPageOptions): string {
  const t = TEXTS[options.lang];
  const embed = options.layout === 'embed';
  const settings = webChatClientSettings(options);
  const own = pageLangTexts(options.lang, options);
  const pageTexts = { nl: pageLangTexts('nl', options), en: pageLangTexts('en', options) };
  const forgetButton = `<button type="button" id="forget" title="${escapeHtml(own.forgetTitle)}">${escapeHtml(own.forget)}</button>`;
  const switchLink = `<a id="switch-lang" href="${escapeHtml(own.switchHref)}" hreflang="${own.switchLang}" lang="${own.switchLang}">${escapeHtml(own.switchLabel)}</a>`;
  const header = embed
    ? ''
    : `<header>
  <div class="text">
    <h1 id="page-title">${escapeHtml(own.title)}</h1>
    <p id="page-tagline">${escapeHtml(own.tagline)}</p>
  </div>
  <nav>
    ${switchLink}
    <a id="privacy" href="${own.privacyHref}">${escapeHtml(own.privacy)}</a>
    ${forgetButton}
  </nav>
</header>`;
  const footer = embed
    ? `<footer>
  <a id="privacy" href="${own.privacyHref}" target="_blank" rel="noopener">${escapeHtml(own.privacy)}</a>
  ${switchLink}
  ${forgetButton}
</footer>`
    : '';
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<meta name="description" content="${escapeHtml(t.tagline)}">
<link rel="icon" href="${FAVICON}">
<style>
  :root { color-scheme: light; --ink: #14213d; --muted: #3d4a5c; --brand: ${escapeHtml(settings.accent)}; --paper: #f5f7fa; }
  * { box-sizing: border-box; }
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; background: var(--paper); color: var(--ink);
    font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  header { background: var(--brand); color: #fff; padding: 14px 24px; display: flex; align-items: center;
    gap: 24px; flex-wrap: wrap; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
  header .text { flex: 1 1 420px; min-width: 0; }
  header h1 { margin: 0; font-size: 1.5rem; font-weight: 650; letter-spacing: .01em; }
  header p { margin: 2px 0 0; font-size: 1rem; color: #e8f1fb; }
  nav { display: flex; gap: 12px; flex-wrap: wrap; }
  header a, header button { color: #fff; background: transparent; font: inherit; font-size: 1rem; font-weight: 600;
    text-decoration: underline; text-underline-offset: 3px; cursor: pointer;
    padding: 6px 12px; border: 2px solid rgba(255,255,255,.7); border-radius: 8px; white-space: nowrap; }
  header a:hover, header button:hover { background: rgba(255,255,255,.12); }
  header a:focus-visible, header button:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
  footer { display: flex; gap: 16px; justify-content: flex-end; align-items: center; padding: 4px 12px;
    font-size: .85rem; background: #fff; border-top: 1px solid #d8dee8; }
  footer a, footer button { color: var(--brand); background: none; border: 0; padding: 4px; font: inherit;
    text-decoration: underline; cursor: pointer; }
  main { flex: 1 1 auto; min-height: 0; display: flex; justify-content: center; padding: ${embed ? '0' : '16px'}; position: relative; }
  #webchat { width: 100%; max-width: ${embed ? 'none' : '960px'}; height: 100%; background: #fff; border-radius: ${embed ? '0' : '12px'};
    box-shadow: 0 1px 4px rgba(20,33,61,.12); overflow: hidden; }
  #status { position: absolute; inset: 0; z-index: 1; pointer-events: none; display: flex; align-items: center; justify-content: center;
    padding: 24px; text-align: center; color: var(--muted); font-size: 1.1rem; }
  #status.error { color: #9b1c1c; }
  #status[hidden] { display: none; }
  @media (max-width: 600px) { header { padding: 12px 16px; } main { padding: 0; } #webchat { border-radius: 0; } }
</style>
</head>
<body>
${header}
<main>
  <div id="status" role="status">${escapeHtml(t.connecting)}</div>
  <noscript><p>${escapeHtml(t.noScript)}</p></noscript>
  <div id="webchat" role="region" aria-label="${escapeHtml(t.chatLabel)}"></div>
</main>
${footer}
<script src="${options.bundleUrl}"></script>
<script>
(function () {
${WEB_CHAT_CLIENT_SCRIPT}
${APPLY_PAGE_LANG_SCRIPT}
  var settings = ${scriptJson(settings)};
  var pageTexts = ${scriptJson(pageTexts)};
  document.getElementById('forget').addEventListener('click', function () { forgetPracticeChat(settings); });
  startPracticeChat(settings, document.getElementById('webchat'), document.getElementById('status'), function (lang) {
    applyPageLang(pageTexts, lang);
  });
})();
</script>
</body>
</html>
`;
}

/** JSON safe to put inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
