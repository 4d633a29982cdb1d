/**
 * `/widget.js`: the practice chat for any intranet page, with one tag:
 *
 * ```html
 * <script src="https://bot.example.org/widget.js" data-lang="nl" data-persona="energy-bill" data-color="#0b4f8a" async></script>
 * ```
 *
 * It adds a round chat button (bottom right) that opens a panel with the official Web Chat, started by
 * webChatClient.ts against the bot the script came from (its token route answers only sites in ALLOWED_ORIGINS).
 * Web Chat's bundle is loaded on the first click, so the host page pays nothing until then. `data-lang` is `nl`
 * (default) or `en`; `data-persona` starts that customer in a new conversation; `data-color` is the accent.
 *
 * Pure: `renderWidgetScript()` returns the script text; the page texts of both languages are inside it, so the
 * widget's own texts follow when the trainee switches language in the chat (`/lang en`).
 */
import type { Lang } from '../config';
import { WEB_CHAT_CLIENT_SCRIPT } from './webChatClient';
import { BRAND_COLOUR, forgetTexts, scriptJson, webChatClientSettings } from './webChatPage';

export const WIDGET_PATH = '/widget.js';

interface WidgetTexts {
  open: string;
  close: string;
  title: string;
  connecting: string;
  forget: string;
  forgetTitle: string;
}

const WIDGET_TEXTS: Record<Lang, WidgetTexts> = {
  nl: {
    open: 'Oefenchat openen',
    close: 'Sluiten',
    title: 'Oefenen met de-escalatie',
    connecting: 'Verbinden met de oefenklant…',
    ...renameForget('nl'),
  },
  en: {
    open: 'Open the practice chat',
    close: 'Close',
    title: 'De-escalation practice',
    connecting: 'Connecting to the practice customer…',
    ...renameForget('en'),
  },
};

function renameForget(lang: Lang): { forget: string; forgetTitle: string } {
  const { label, title } = forgetTexts(lang);
  return { forget: label, forgetTitle: title };
}

export interface WidgetScriptOptions {
  tokenPath: string;
  forgetPath: string;
  bundlePath: string;
}

export function renderWidgetScript(options: WidgetScriptOptions): string {
  const settings = (lang: Lang) =>
    webChatClientSettings({ lang, tokenUrl: options.tokenPath, forgetUrl: options.forgetPath, bundleUrl: '' });
  const config = {
    bundlePath: options.bundlePath,
    defaultColour: BRAND_COLOUR,
    settings: { nl: settings('nl'), en: settings('en') },
    texts: WIDGET_TEXTS,
  };
  return `/* De-escalation practice bot: chat widget. Usage: <script src=".../widget.js" data-lang="nl" data-persona="..." data-color="#0b4f8a" async></script> */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__practiceChatWidget) return;
  window.__practiceChatWidget = true;
${WEB_CHAT_CLIENT_SCRIPT}
  var config = ${scriptJson(config)};
  var origin = new URL(script.src, window.location.href).origin;
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'nl';
  var persona = script.getAttribute('data-persona') || '';
  var colour = script.getAttribute('data-color') || '';
  if (!/^#[0-9a-fA-F]{3,8}$/.test(colour)) colour = config.defaultColour;
  var texts = config.texts[lang];
  var settings = Object.assign({}, config.settings[lang], { baseUrl: origin, accent: colour });
  if (/^[a-z0-9-]{1,64}$/.test(persona)) settings.persona = persona;

  var css = '' +
    '.pcw-button{position:fixed;right:24px;bottom:24px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;' +
    'background:' + colour + ';color:#fff;box-shadow:0 4px 12px rgba(0,0,0,.25);cursor:pointer;display:flex;align-items:center;justify-content:center}' +
    '.pcw-button:focus-visible{outline:3px solid #ffd166;outline-offset:3px}' +
    '.pcw-panel{position:fixed;right:24px;bottom:96px;z-index:2147483000;width:400px;max-width:calc(100vw - 32px);height:600px;' +
    'max-height:calc(100vh - 120px);display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;' +
    'box-shadow:0 8px 28px rgba(0,0,0,.3);font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}' +
    '.pcw-panel[hidden]{display:none}' +
    '.pcw-head{display:flex;align-items:center;gap:8px;padding:10px 12px;background:' + colour + ';color:#fff}' +
    '.pcw-head h2{flex:1;margin:0;font-size:16px;font-weight:650}' +
    '.pcw-head button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.7);border-radius:6px;padding:4px 8px;font:inherit;font-size:13px;cursor:pointer}' +
    '.pcw-body{position:relative;flex:1;min-height:0}' +
    '.pcw-chat{position:absolute;inset:0}' +
    '.pcw-status{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:16px;text-align:center;color:#3d4a5c}' +
    '.pcw-status[hidden]{display:none}.pcw-status.error{color:#9b1c1c}';
  var style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'pcw-button';
  button.setAttribute('aria-label', texts.open);
  button.setAttribute('aria-expanded', 'false');
  button.innerHTML = '<svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true"><path d="M5 7h22v15H13l-6 5v-5H5z" fill="currentColor"/></svg>';

  var panel = document.createElement('section');
  panel.className = 'pcw-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', texts.title);
  panel.setAttribute('lang', lang);
  panel.innerHTML = '<div class="pcw-head"><h2></h2><button type="button" class="pcw-forget"></button>' +
    '<button type="button" class="pcw-close"></button></div>' +
    '<div class="pcw-body"><div class="pcw-status" role="status"></div><div class="pcw-chat"></div></div>';
  panel.querySelector('h2').textContent = texts.title;
  var forget = panel.querySelector('.pcw-forget');
  forget.textContent = texts.forget;
  forget.title = texts.forgetTitle;
  var close = panel.querySelector('.pcw-close');
  close.textContent = texts.close;
  var status = panel.querySelector('.pcw-status');
  status.textContent = texts.connecting;
  var host = panel.querySelector('.pcw-chat');
  host.id = 'practice-chat';
  document.body.appendChild(panel);
  document.body.appendChild(button);

  var started = false;
  function loadBundle(done) {
    if (window.WebChat) return done();
    var bundle = document.createElement('script');
    bundle.src = origin + config.bundlePath;
    bundle.async = true;
    bundle.onload = done;
    bundle.onerror = done;
    document.head.appendChild(bundle);
  }
  // The bot switched language (/lang): the widget's own texts follow, as Web Chat's do.
  function applyWidgetLang(newLang) {
    var t = config.texts[newLang];
    if (!t) return;
    texts = t;
    button.setAttribute('aria-label', t.open);
    panel.setAttribute('aria-label', t.title);
    panel.setAttribute('lang', newLang);
    panel.querySelector('h2').textContent = t.title;
    forget.textContent = t.forget;
    forget.title = t.forgetTitle;
    close.textContent = t.close;
  }
  function toggle(open) {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open && !started) {
      started = true;
      loadBundle(function () { startPracticeChat(settings, host, status, applyWidgetLang); });
    }
    if (!open) button.focus();
  }
  button.addEventListener('click', function () { toggle(panel.hidden); });
  close.addEventListener('click', function () { toggle(false); });
  forget.addEventListener('click', function () { forgetPracticeChat(settings); });
})();
`;
}
