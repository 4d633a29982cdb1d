/**
 * The web chat page in join mode, `/?join=<code>`: the link `/demo` gives in web chat and the projector shows as
 * a QR code. The trainee gives a display name (kept in the browser for next time), the page asks the join route
 * (joinRoute.ts) for a guest token to the room's conversation and starts Web Chat there, as that name; it then
 * posts the join event, so the bot adds the trainee to the room. The others' messages show under their names
 * (roomViewScript.ts). Dutch by default, English with `?lang=en`.
 *
 * Pure: `renderJoinPage(options)` returns the HTML string.
 */
import type { Lang } from '../config';
import { escapeHtml } from '../core';
import { normalJoinCode } from '../../dialogs';
import { ROOM_VIEW_SCRIPT } from './roomViewScript';
import { BRAND_COLOUR, scriptJson } from './webChatPage';
import { TRAINEE_STORAGE_KEY } from './webChatClient';
import { MAX_DISPLAY_NAME } from './joinRoute';
import { webChatStyleOptions } from './webChatStyle';

/** Where the page keeps the display name the trainee chose, for the next room. */
export const DISPLAY_NAME_STORAGE_KEY = 'deescalation-practice.displayName';

export interface JoinPageOptions {
  lang: Lang;
  /** The code from the link, as typed (the page shows it cleaned up). */
  code: string;
  joinPath: string;
  bundleUrl: string;
  /** Signed page nonce the join route requires when hosted (pageNonce.ts). */
  pageNonce?: string;
}

interface JoinTexts {
  locale: string;
  title: string;
  intro: string;
  codeLabel: string;
  nameLabel: string;
  nameHint: string;
  join: string;
  joining: string;
  noName: string;
  noRoom: string;
  failed: string;
  joinedAs: string;
  chatLabel: string;
  userInitials: string;
  switchLabel: string;
}

const TEXTS: Record<Lang, JoinTexts> = {
  nl: {
    locale: 'nl-NL',
    title: 'Meedoen met de groepsdemo',
    intro: 'De hele groep praat met één boze klant. Kies de naam die de anderen bij uw reacties en stemmen zien.',
    codeLabel: 'Code',
    nameLabel: 'Uw naam',
    nameHint: 'Bijvoorbeeld uw voornaam. Iedereen in de zaal ziet hem.',
    join: 'Meedoen',
    joining: 'Bezig met meedoen…',
    noName: 'Vul een naam in, dan weet de groep van wie een voorstel komt.',
    noRoom: 'Bij deze code hoort (nu) geen demo. Kijk de code na op het scherm of vraag hem aan de trainer.',
    failed: 'Meedoen lukte niet. Probeer het over een ogenblik opnieuw.',
    joinedAs: 'U doet mee als {name} · code {code}',
    chatLabel: 'Groepsdemo',
    userInitials: 'Jij',
    switchLabel: 'English',
  },
  en: {
    locale: 'en-US',
    title: 'Join the group demo',
    intro:
      'The whole group talks to one angry customer. Choose the name the others see next to your replies and votes.',
    codeLabel: 'Code',
    nameLabel: 'Your name',
    nameHint: 'Your first name, for example. Everyone in the room sees it.',
    join: 'Join',
    joining: 'Joining…',
    noName: 'Fill in a name, so the group knows whose proposal it is.',
    noRoom: 'No demo has this code (right now). Check the code on the screen or ask the trainer for it.',
    failed: 'Joining did not work. Please try again in a moment.',
    joinedAs: 'You are taking part as {name} · code {code}',
    chatLabel: 'Group demo',
    userInitials: 'You',
    switchLabel: 'Nederlands',
  },
};

/** Runs in the browser: the form, the join request, then Web Chat in the room's conversation. */
const JOIN_SCRIPT = `
function startJoin(settings) {
  var T = settings.texts;
  var form = document.getElementById('join-form');
  var codeInput = document.getElementById('join-code');
  var nameInput = document.getElementById('join-name');
  var button = document.getElementById('join-submit');
  var error = document.getElementById('join-error');
  var joined = document.getElementById('joined-as');
  var host = document.getElementById('webchat');
  function read(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function keep(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  var remembered = read(settings.nameKey);
  if (remembered && !nameInput.value) nameInput.value = remembered;
  (nameInput.value ? button : nameInput).focus();
  function show(message) {
    error.textContent = message;
    error.hidden = !message;
    button.disabled = false;
    button.textContent = T.join;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var name = nameInput.value.trim();
    if (!name) { show(T.noName); nameInput.focus(); return; }
    button.disabled = true;
    button.textContent = T.joining;
    error.hidden = true;
    var id = read(settings.traineeKey);
    fetch(settings.joinPath, {
      method: 'POST',
      headers: Object.assign({ Accept: 'application/json', 'Content-Type': 'application/json' },
        settings.pageNonce ? { 'X-Page-Nonce': settings.pageNonce } : {}),
      body: JSON.stringify({ code: codeInput.value, name: name, user: id ? { id: id } : undefined })
    })
      .then(function (res) {
        if (res.status === 404) throw Object.assign(new Error('no room'), { shown: T.noRoom });
        if (res.status === 400) throw Object.assign(new Error('no name'), { shown: T.noName });
        if (!res.ok) throw new Error('Join failed: ' + res.status);
        return res.json();
      })
      .then(function (room) {
        keep(settings.nameKey, name);
        if (room.traineeId) keep(settings.traineeKey, room.traineeId);
        enter(room);
      })
      .catch(function (e) {
        if (window.console) console.error(e);
        show(e.shown || T.failed);
      });
  });
  function enter(room) {
    form.hidden = true;
    joined.textContent = T.joinedAs.replace('{name}', room.username).replace('{code}', codeInput.value.toUpperCase());
    joined.hidden = false;
    host.hidden = false;
    document.body.setAttribute('data-joined', room.userId);
    var directLine = window.WebChat.createDirectLine({
      token: room.token,
      domain: window.location.origin + '/v3/directline',
      webSocket: true,
      pollingInterval: room.pollingInterval || 500
    });
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            setTimeout(function () {
              store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: room.joinEvent, value: { name: room.username } } });
            }, 0);
          }
          return next(roomView(action, room.userId));
        };
      };
    });
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: room.userId,
      username: room.username,
      locale: settings.locales[room.lang] || settings.locale,
      styleOptions: Object.assign({}, settings.style, { userAvatarInitials: T.userInitials })
    }, host);
    setTimeout(function () {
      var input = host.querySelector('[data-id="webchat-sendbox-input"], input, textarea');
      if (input) input.focus();
    }, 0);
  }
}
`;

export function renderJoinPage(options: JoinPageOptions): string {
  const t = TEXTS[options.lang];
  const other: Lang = options.lang === 'nl' ? 'en' : 'nl';
  const code = normalJoinCode(options.code) ?? options.code.slice(0, 12);
  const settings = {
    texts: t,
    joinPath: options.joinPath,
    traineeKey: TRAINEE_STORAGE_KEY,
    nameKey: DISPLAY_NAME_STORAGE_KEY,
    style: webChatStyleOptions(BRAND_COLOUR),
    locale: t.locale,
    locales: { nl: TEXTS.nl.locale, en: TEXTS.en.locale },
    ...(options.pageNonce ? { pageNonce: options.pageNonce } : {}),
  };
  const switchHref = `/?join=${encodeURIComponent(code)}&lang=${other}`;
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(t.title)}</title>
<style>
  :root { color-scheme: light; --ink: #14213d; --muted: #3d4a5c; --brand: ${BRAND_COLOUR}; --paper: #f5f7fa; }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; background: var(--paper); color: var(--ink);
    font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  header { background: var(--brand); color: #fff; padding: 12px 24px; display: flex; align-items: center; gap: 24px; flex-wrap: wrap; }
  header h1 { margin: 0; font-size: 1.4rem; flex: 1 1 auto; }
  header a { color: #fff; font-weight: 600; padding: 4px 10px; border: 2px solid rgba(255,255,255,.7); border-radius: 8px; }
  #joined-as { margin: 0; font-weight: 600; color: #e8f1fb; }
  main { flex: 1 1 auto; min-height: 0; display: flex; justify-content: center; padding: 16px; }
  form { background: #fff; border-radius: 12px; padding: 24px; max-width: 520px; width: 100%; align-self: flex-start;
    box-shadow: 0 1px 4px rgba(20,33,61,.12); display: flex; flex-direction: column; gap: 12px; }
  label { font-weight: 650; }
  input { font: inherit; padding: 10px 12px; border: 2px solid #8a97aa; border-radius: 8px; }
  input:focus-visible, button:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
  #join-code { text-transform: uppercase; letter-spacing: .15em; font-weight: 700; }
  .hint { margin: -8px 0 0; color: var(--muted); font-size: .9rem; }
  button { font: inherit; font-weight: 700; padding: 10px 16px; border: 0; border-radius: 8px; background: var(--brand); color: #fff; cursor: pointer; }
  button[disabled] { opacity: .7; cursor: wait; }
  #join-error { margin: 0; color: #9b1c1c; font-weight: 600; }
  #webchat { width: 100%; max-width: 960px; height: 100%; background: #fff; border-radius: 12px; overflow: hidden;
    box-shadow: 0 1px 4px rgba(20,33,61,.12); }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(t.title)}</h1>
  <p id="joined-as" hidden></p>
  <a href="${escapeHtml(switchHref)}" hreflang="${other}" lang="${other}">${escapeHtml(t.switchLabel)}</a>
</header>
<main>
  <form id="join-form" novalidate>
    <p>${escapeHtml(t.intro)}</p>
    <label for="join-code">${escapeHtml(t.codeLabel)}</label>
    <input id="join-code" name="code" value="${escapeHtml(code)}" autocomplete="off" maxlength="12" required>
    <label for="join-name">${escapeHtml(t.nameLabel)}</label>
    <input id="join-name" name="name" autocomplete="nickname" maxlength="${MAX_DISPLAY_NAME}" required aria-describedby="join-name-hint">
    <p id="join-name-hint" class="hint">${escapeHtml(t.nameHint)}</p>
    <p id="join-error" role="alert" hidden></p>
    <button type="submit" id="join-submit">${escapeHtml(t.join)}</button>
  </form>
  <div id="webchat" role="region" aria-label="${escapeHtml(t.chatLabel)}" hidden></div>
</main>
<script src="${escapeHtml(options.bundleUrl)}"></script>
<script>
(function () {
${ROOM_VIEW_SCRIPT}
${JOIN_SCRIPT}
  startJoin(${scriptJson(settings)});
})();
</script>
</body>
</html>
`;
}
