/**
 * The browser code that starts Web Chat, shared by the page at `/`, the iframe page `/embed` and `/widget.js`
 * (as source text: it runs in the browser, not in node). It
 *
 * 1. asks the token route for a token, handing over the trainee id kept in localStorage (per origin), and keeps
 *    the id the route answers with, so a reload or a language switch continues as the same trainee;
 * 2. streams over the WebSocket (`webSocket: true`), after checking the `streamUrl` opens; only when it does not
 *    (a proxy that drops upgrades) does it poll; Azure's Direct Line (no `streamUrl` in the token answer)
 *    streams as well;
 * 3. renders the official Web Chat and posts the `webchat/join` event with the page language and whether the
 *    conversation is new to this page (`fresh`: always on Azure's Direct Line, where the bot then welcomes the
 *    trainee again), then `/start <persona>` when the embedding page chose a customer and the conversation is new;
 * 4. follows the bot's language: on the `webchat/lang` event the bot sends after `/lang xx` it switches its own
 *    texts, lets the page switch the page's (`onLanguage`) and renders Web Chat again in that locale (same store
 *    and Direct Line, so the transcript stays). Only events that come after this page's own join count: a
 *    resumed conversation replays its older ones first;
 * 5. moves the focus to the send box after a card button (picking a customer), where the trainee types next.
 *
 * `forgetPracticeChat` deletes the trainee's data on the server and the id in the browser ("forget me").
 */

import { ROOM_VIEW_SCRIPT } from './roomViewScript';

/** The client's own words and locale in one language; the settings carry both languages' for a switch. */
export interface WebChatClientTexts {
  lang: string;
  locale: string;
  failed: string;
  /** Asked before "forget me" deletes anything. */
  forgetConfirm: string;
  forgetFailed: string;
  userInitials: string;
  botInitials: string;
}

/** What the browser code needs; serialised into the page or the widget script. */
export interface WebChatClientSettings extends WebChatClientTexts {
  /** The bot's origin, e.g. `https://bot.example.org` ('' on the bot's own pages: same origin). */
  baseUrl: string;
  tokenPath: string;
  /** Sent as X-Page-Nonce with the token request (hosted embedded Direct Line). */
  pageNonce?: string;
  forgetPath: string;
  joinEvent: string;
  /** The event the bot sends after `/lang xx`. */
  languageEvent: string;
  /** The texts of every language, for following the bot's language. */
  byLang: Record<string, WebChatClientTexts>;
  /** The accent colour (CSS colour). */
  accent: string;
  /** Web Chat's style options (webChatStyle.ts), without the avatar initials, which follow the language. */
  style: Record<string, string | number | boolean>;
  /** The localStorage key of the trainee id. */
  storageKey: string;
  /** A persona id to start with when the conversation is new. */
  persona?: string;
  /** 'polling' forces polling (benchmark); 'auto' streams when the socket opens. */
  transport: 'auto' | 'polling';
}

/** The localStorage key the trainee id is kept under. */
export const TRAINEE_STORAGE_KEY = 'deescalation-practice.trainee';

/** How long the stream check may take before the page polls instead. */
export const STREAM_CHECK_MS = 4000;

export const WEB_CHAT_CLIENT_SCRIPT = `${ROOM_VIEW_SCRIPT}
function readTraineeId(settings) {
  try { return window.localStorage.getItem(settings.storageKey); } catch (e) { return null; }
}
function keepTraineeId(settings, id) {
  try { window.localStorage.setItem(settings.storageKey, id); } catch (e) { /* private mode: a new trainee per visit */ }
}
function streamOpens(url, settings) {
  return new Promise(function (resolve) {
    if (settings.transport === 'polling' || typeof WebSocket === 'undefined') return resolve(false);
    if (!url) return resolve(true);
    var socket;
    var settled = false;
    var timer = setTimeout(function () { settle(false); }, ${STREAM_CHECK_MS});
    function settle(ok) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try { socket.close(); } catch (e) { /* already closed */ }
      resolve(ok);
    }
    try { socket = new WebSocket(url); } catch (e) { return settle(false); }
    socket.onopen = function () { settle(true); };
    socket.onerror = function () { settle(false); };
    socket.onclose = function () { settle(false); };
  });
}
function startPracticeChat(settings, host, status, onLanguage) {
  function fail(error) {
    if (window.console) console.error(error);
    status.textContent = settings.failed;
    status.classList.add('error');
    status.hidden = false;
  }
  if (!window.WebChat) return fail(new Error('Web Chat bundle did not load'));
  var id = readTraineeId(settings);
  // Marks this page's join event, so its echo tells replayed history from what comes now.
  var pageId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  var live = false;
  fetch(settings.baseUrl + settings.tokenPath, {
    method: 'POST',
    headers: Object.assign(
      { Accept: 'application/json', 'Content-Type': 'application/json' },
      settings.pageNonce ? { 'X-Page-Nonce': settings.pageNonce } : {}
    ),
    body: JSON.stringify(id ? { user: { id: id } } : {})
  })
    .then(function (res) { if (!res.ok) throw new Error('Token request failed: ' + res.status); return res.json(); })
    .then(function (dl) {
      var remembered = dl.traineeId || dl.userId;
      if (remembered) keepTraineeId(settings, remembered);
      return streamOpens(dl.streamUrl, settings).then(function (stream) { return { dl: dl, stream: stream }; });
    })
    .then(function (chosen) {
      var dl = chosen.dl;
      host.setAttribute('data-transport', chosen.stream ? 'websocket' : 'polling');
      var directLine = window.WebChat.createDirectLine({
        token: dl.token,
        domain: dl.domain || (settings.baseUrl || window.location.origin) + '/v3/directline',
        webSocket: chosen.stream,
        pollingInterval: dl.pollingInterval || 500
      });
      function focusSendBox() {
        var input = host.querySelector('[data-id="webchat-sendbox-input"], input, textarea');
        if (input) input.focus();
      }
      function followLanguage(lang) {
        var texts = settings.byLang[lang];
        if (!texts || lang === settings.lang) return;
        Object.assign(settings, texts);
        if (onLanguage) onLanguage(lang);
        render();
      }
      function heard(activity) {
        if (!activity || activity.type !== 'event') return;
        var value = activity.value || {};
        var fromBot = activity.from && activity.from.role === 'bot';
        if (!fromBot && activity.name === settings.joinEvent && value.page === pageId) live = true;
        else if (fromBot && live && activity.name === settings.languageEvent) followLanguage(value.lang);
      }
      var store = window.WebChat.createStore({}, function (api) {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
              api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: settings.joinEvent, value: { lang: settings.lang, page: pageId, fresh: !dl.resumed } } });
              if (settings.persona && !dl.resumed) {
                api.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: '/start ' + settings.persona } });
              }
            }
            // A group demo room: the others' messages show on the left, under their names (roomViewScript.ts).
            var result = next(roomView(action, dl.userId));
            if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') heard(action.payload && action.payload.activity);
            // A card button (a customer picked, a debrief button): the trainee types next, so the send box gets the focus.
            if (action.type === 'WEB_CHAT/SEND_POST_BACK' || action.type === 'WEB_CHAT/SEND_MESSAGE_BACK') setTimeout(focusSendBox, 0);
            return result;
          };
        };
      });
      function render() {
        window.WebChat.renderWebChat({
          directLine: directLine,
          store: store,
          userID: dl.userId,
          locale: settings.locale,
          styleOptions: Object.assign({}, settings.style, {
            botAvatarInitials: settings.botInitials,
            userAvatarInitials: settings.userInitials
          })
        }, host);
      }
      status.hidden = true;
      render();
      focusSendBox();
    })
    .catch(fail);
}
function forgetPracticeChat(settings) {
  if (!window.confirm(settings.forgetConfirm)) return;
  var id = readTraineeId(settings);
  var done = function () {
    try { window.localStorage.removeItem(settings.storageKey); } catch (e) { /* nothing kept */ }
    window.location.reload();
  };
  if (!id) return done();
  // The id stays when the server could not delete, so the trainee can try again.
  fetch(settings.baseUrl + settings.forgetPath, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: id } })
  })
    .then(function (res) { if (!res.ok) throw new Error('Forget failed: ' + res.status); done(); })
    .catch(function (error) { if (window.console) console.error(error); window.alert(settings.forgetFailed); });
}
`;
