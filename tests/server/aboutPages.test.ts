import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { privacyPage, termsPage } from '../../src/server/aboutPages';

const textOf = (page: ReturnType<typeof privacyPage>) =>
  page.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');

describe('the privacy statement says what this deployment does', () => {
  it('by default: no transcripts, scores for RETENTION_DAYS, no message text in logs (both languages)', () => {
    const config = loadConfig({ RETENTION_DAYS: '30' });
    expect(textOf(privacyPage(config, 'nl'))).toMatch(/geen transcripten[\s\S]*30 dagen[\s\S]*nooit wat u typte/);
    expect(textOf(privacyPage(config, 'en'))).toMatch(/no transcripts[\s\S]*for 30 days[\s\S]*never what you typed/);
  });

  it('follows the settings: transcripts kept, no scores, message text logged, projector off', () => {
    const config = loadConfig({
      KEEP_TRANSCRIPTS: 'true',
      KEEP_SCORES: 'false',
      LOG_MESSAGE_TEXT: 'true',
      RETENTION_DAYS: '7',
      PROJECTOR: 'false',
    });
    const en = textOf(privacyPage(config, 'en'));
    expect(en).toMatch(/keeps whole conversations as transcripts for 7 days/);
    expect(en).toMatch(/keeps no scores/);
    expect(en).toMatch(/writes message text to its logs/);
    expect(en).toMatch(/projector view of group demos is switched off/);
    expect(textOf(privacyPage(config, 'nl'))).toMatch(
      /hele gesprekken als transcript, 7 dagen[\s\S]*geen scores[\s\S]*berichttekst in het logboek[\s\S]*staat in deze installatie uit/,
    );
  });

  it('names per-turn log lines only at the debug level', () => {
    expect(textOf(privacyPage(loadConfig({}), 'en'))).not.toMatch(/each turn/);
    expect(textOf(privacyPage(loadConfig({ LOG_LEVEL: 'debug' }), 'en'))).toMatch(
      /also each turn, with the techniques recognised/,
    );
    expect(textOf(privacyPage(loadConfig({ LOG_LEVEL: 'debug' }), 'nl'))).toMatch(
      /ook elke beurt, met de herkende technieken/,
    );
  });

  it('the terms exist in both languages', () => {
    expect(termsPage('nl').title).toBe('Gebruiksvoorwaarden');
    expect(termsPage('en').title).toBe('Terms of use');
  });
});

describe('GET /privacy and /terms', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(
      { env: { PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', DEFAULT_LANG: 'nl' } },
      { log: silentLogger },
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serve HTML pages in Dutch by default and in English with ?lang=en, with a strict Content-Security-Policy', async () => {
    for (const [path, nl, en] of [
      ['/privacy', 'Privacy: wat de oefenbot bewaart', 'Privacy: what the practice bot keeps'],
      ['/terms', 'Gebruiksvoorwaarden', 'Terms of use'],
    ] as const) {
      const dutch = await fetch(`http://127.0.0.1:${app.port}${path}`);
      expect(dutch.status).toBe(200);
      expect(dutch.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
      const html = await dutch.text();
      expect(html).toContain(`<html lang="nl">`);
      expect(html).toContain(`<h1>${nl}</h1>`);
      expect(html).toContain(`href="${path}?lang=en"`);
      expect(await (await fetch(`http://127.0.0.1:${app.port}${path}?lang=en`)).text()).toContain(`<h1>${en}</h1>`);
    }
  });
});

describe('the privacy statement explains the remembered trainee', () => {
  it('says what the browser keeps and what "forget me" deletes, in both languages', () => {
    const config = loadConfig({});
    expect(textOf(privacyPage(config, 'nl'))).toMatch(/pseudoniem in uw browser[\s\S]*"Vergeet mij" wist/);
    expect(textOf(privacyPage(config, 'en'))).toMatch(/pseudonym in your browser[\s\S]*"Forget me" button deletes/);
  });
});

describe('the privacy statement names the Direct Line the web chat uses', () => {
  it.each([
    [
      'the embedded Direct Line',
      {},
      {
        en: /in the server's memory and storage, so that a restart does not break off the chat/,
        nl: /in het geheugen en de opslag van de server, zodat een herstart het gesprek niet afbreekt/,
      },
      { en: /Microsoft's Direct Line/, nl: /Direct Line van Microsoft/ },
    ],
    [
      'Azure’s Direct Line',
      { EMBEDDED_DIRECTLINE: 'false', DIRECTLINE_SECRET: 'secret' },
      {
        en: /Microsoft's Direct Line service[\s\S]*pseudonym also goes to Microsoft's Direct Line as your user id[\s\S]*"Forget me" button deletes[\s\S]*not deleted by the button/,
        nl: /Direct Line-dienst van Microsoft[\s\S]*pseudoniem gaat ook als uw gebruikers-id[\s\S]*"Vergeet mij" wist[\s\S]*wist de knop niet/,
      },
      { en: /server's memory/, nl: /geheugen van de server/ },
    ],
  ] as const)('with %s', (_path, env, says, doesNotSay) => {
    const config = loadConfig(env);
    for (const lang of ['nl', 'en'] as const) {
      const text = textOf(privacyPage(config, lang));
      expect(text).toMatch(says[lang]);
      expect(text).not.toMatch(doesNotSay[lang]);
      expect(text).not.toContain('secret');
    }
  });
});
