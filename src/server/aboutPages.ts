/**
 * The privacy statement and terms of use, in Dutch and English (`?lang=en`), at `/privacy` and `/terms`: the
 * addresses the Teams app package points at when PUBLIC_URL is set. The privacy page is written from this
 * deployment's own settings (retention, transcripts, logging, which Direct Line the web chat uses), so what it
 * promises is what the bot does.
 */
import type { Request, Response, Server } from 'restify';
import type { AppConfig, Lang } from '../config';
import { EXPORT_WINDOW_MS, PROGRESS_KEPT } from '../../dialogs';
import { escapeHtml } from '../core';
import { pageLang } from './webChatPage';
import { route } from './route';
import { DIRECT_LINE_KEPT_MS } from './directLine/directLineStore';

export const PRIVACY_PATH = '/privacy';
export const TERMS_PATH = '/terms';

type PrivacySettings = Pick<AppConfig, 'retention' | 'log' | 'projector' | 'embeddedDirectLine' | 'directLineSecret'>;

/** Which Direct Line carries the web chat's messages: this server's own, Azure's (DIRECTLINE_SECRET), or none. */
function webChatPath(settings: PrivacySettings): 'embedded' | 'azure' | 'off' {
  if (settings.embeddedDirectLine) return 'embedded';
  return settings.directLineSecret ? 'azure' : 'off';
}

interface Page {
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
}

const EXPORT_HOURS = EXPORT_WINDOW_MS / (60 * 60 * 1000);
/** Minutes the embedded Direct Line keeps an idle conversation's messages at most (memory and storage). */
export const DIRECT_LINE_KEPT_MINUTES = DIRECT_LINE_KEPT_MS / (60 * 1000);

export function privacyPage(settings: PrivacySettings, lang: Lang): Page {
  const { keepScores, keepTranscripts, days, conversationHours } = settings.retention;
  // The stored conversation goes after conversationHours, so /export cannot outlast it.
  const exportHours = Math.min(EXPORT_HOURS, conversationHours);
  const path = webChatPath(settings);
  const onAzure = path === 'azure';
  if (lang === 'en') {
    return {
      title: 'Privacy: what the practice bot keeps',
      sections: [
        {
          heading: 'In short',
          paragraphs: [
            'You practise with a made-up customer. Please do not type real names, case numbers or other details of real people: the customer is fictional, and your replies need not be real either.',
          ],
        },
        {
          heading: 'Your replies',
          paragraphs: [
            'While a role-play runs, what you typed is kept with the conversation so the customer can react and the debrief can quote you.',
            `After it ends, it stays available for /export for ${exportHours} hours at most, or until you start the next role-play, whichever comes first.`,
            `The stored conversation, with what you typed, is deleted ${conversationHours} hours after your last message at the latest, also when you simply close the page.`,
            ...(path === 'embedded'
              ? [
                  `In the web chat, messages are also kept with the chat connection, in the server's memory and storage, so that a restart does not break off the chat; they are deleted ${DIRECT_LINE_KEPT_MINUTES} minutes after the last message at the latest.`,
                ]
              : []),
            ...(onAzure
              ? [
                  "In the web chat, messages travel through Microsoft's Direct Line service (part of Azure Bot Service), which the organisation running this bot has set up. That service keeps them under Microsoft's terms, apart from this server.",
                ]
              : []),
            keepTranscripts
              ? `This deployment also keeps whole conversations as transcripts for ${days} days; after that they are deleted.`
              : 'This deployment keeps no transcripts of conversations.',
          ],
        },
        {
          heading: 'Your progress',
          paragraphs: [
            keepScores
              ? `For /progress the bot keeps, per user, the scores of your last ${PROGRESS_KEPT} role-plays for ${days} days: date, customer, outcome, score and how often you used each technique. Never your words.`
              : 'This deployment keeps no scores: /progress stays empty.',
            'Anger charts shown in Teams are stored as numbers only, without any of your words.',
          ],
        },
        {
          heading: 'This browser remembers you',
          paragraphs: [
            `The web chat page (and the chat on your intranet, when it is embedded there) keeps a pseudonym in your browser: a random number, not your name, stored for this website only (localStorage). With it, your progress, /retry and /export survive reloading the page or switching the language.${onAzure ? ' The pseudonym also goes to Microsoft\'s Direct Line as your user id (with "dl_" in front), so that the page can speak only as you.' : ''}`,
            `The "Forget me" button deletes that pseudonym from your browser and, on the server, the progress, the role-play and the settings kept under it. After that you start as a new trainee; nothing links you to the old data. Clearing your browser data also removes the pseudonym, but leaves the data on the server until it expires.${onAzure ? " Messages of earlier conversations that Microsoft's Direct Line still holds are not deleted by the button; that service clears them away itself, on its own schedule." : ''}`,
          ],
        },
        {
          heading: 'Logs',
          paragraphs: [
            settings.log.messageText
              ? 'This deployment currently writes message text to its logs for troubleshooting. That should be temporary; ask the administrator.'
              : `The server logs record that something happened (a role-play started or ended, with its outcome${settings.log.level === 'debug' ? '; at the current debug level also each turn, with the techniques recognised and the anger level' : ''}), never what you typed.`,
          ],
        },
        {
          heading: 'Files and group demos',
          paragraphs: [
            'In Teams, a report is saved as a file only when you choose Allow, and then in your own OneDrive.',
            settings.projector
              ? `In a group demo, replies appear on the projector page, which only people with that room's link can open, while the demo runs. The room (names, proposals and votes) is deleted ${conversationHours} hours after its last change at the latest.`
              : 'The projector view of group demos is switched off in this deployment.',
          ],
        },
        {
          heading: 'Questions',
          paragraphs: [
            'The organisation that runs this bot is responsible for it. For questions or to have your data removed, contact its privacy officer.',
          ],
        },
      ],
    };
  }
  return {
    title: 'Privacy: wat de oefenbot bewaart',
    sections: [
      {
        heading: 'In het kort',
        paragraphs: [
          'U oefent met een verzonnen klant. Typ liever geen echte namen, dossiernummers of andere gegevens van echte mensen: de klant is niet echt, en uw antwoorden hoeven dat ook niet te zijn.',
        ],
      },
      {
        heading: 'Uw antwoorden',
        paragraphs: [
          'Zolang een rollenspel loopt, bewaren we wat u typt bij het gesprek, zodat de klant kan reageren en de nabespreking u kan citeren.',
          `Na afloop kunt u het nog hoogstens ${exportHours} uur ophalen met /export, of tot u een nieuw rollenspel begint, als dat eerder is.`,
          `Het bewaarde gesprek, met wat u typte, wordt uiterlijk ${conversationHours} uur na uw laatste bericht gewist, ook als u de pagina gewoon sluit.`,
          ...(path === 'embedded'
            ? [
                `In de webchat worden berichten ook bij de chatverbinding bewaard, in het geheugen en de opslag van de server, zodat een herstart het gesprek niet afbreekt; ze worden uiterlijk ${DIRECT_LINE_KEPT_MINUTES} minuten na het laatste bericht gewist.`,
              ]
            : []),
          ...(onAzure
            ? [
                'In de webchat lopen berichten via de Direct Line-dienst van Microsoft (onderdeel van Azure Bot Service), die de organisatie achter deze bot heeft ingericht. Die dienst bewaart ze volgens de voorwaarden van Microsoft, los van deze server.',
              ]
            : []),
          keepTranscripts
            ? `Deze installatie bewaart ook hele gesprekken als transcript, ${days} dagen lang; daarna worden ze gewist.`
            : 'Deze installatie bewaart geen transcripten van gesprekken.',
        ],
      },
      {
        heading: 'Uw voortgang',
        paragraphs: [
          keepScores
            ? `Voor /progress bewaart de bot per gebruiker de scores van uw laatste ${PROGRESS_KEPT} rollenspellen, ${days} dagen lang: datum, klant, uitkomst, score en hoe vaak u elke techniek gebruikte. Nooit uw woorden.`
            : 'Deze installatie bewaart geen scores: /progress blijft leeg.',
          'Boosheidsgrafieken voor Teams worden bewaard als getallen, zonder iets van wat u typte.',
        ],
      },
      {
        heading: 'Deze browser onthoudt u',
        paragraphs: [
          `De webchatpagina (en de chat op uw intranet, als die daar is ingebouwd) bewaart een pseudoniem in uw browser: een willekeurig nummer, niet uw naam, alleen voor deze website (localStorage). Daardoor blijven uw voortgang, /retry en /export bewaard als u de pagina ververst of van taal wisselt.${onAzure ? ' Het pseudoniem gaat ook als uw gebruikers-id (met "dl_" ervoor) naar de Direct Line van Microsoft, zodat de pagina alleen namens u kan spreken.' : ''}`,
          `De knop "Vergeet mij" wist dat pseudoniem uit uw browser en op de server de voortgang, het rollenspel en de instellingen die eronder bewaard zijn. Daarna begint u als nieuwe deelnemer; niets verbindt u nog met de oude gegevens. Als u uw browsergegevens wist, verdwijnt het pseudoniem ook, maar blijven de gegevens op de server staan tot ze verlopen.${onAzure ? ' Berichten uit eerdere gesprekken die de Direct Line van Microsoft nog heeft, wist de knop niet; die dienst ruimt ze zelf op, volgens haar eigen termijnen.' : ''}`,
        ],
      },
      {
        heading: 'Logboeken',
        paragraphs: [
          settings.log.messageText
            ? 'Deze installatie schrijft op dit moment berichttekst in het logboek om een probleem te onderzoeken. Dat hoort tijdelijk te zijn; vraag het de beheerder.'
            : `Het logboek van de server legt vast dat er iets gebeurde (een rollenspel begon of eindigde, met de uitkomst${settings.log.level === 'debug' ? '; op het huidige debugniveau ook elke beurt, met de herkende technieken en de mate van boosheid' : ''}), nooit wat u typte.`,
        ],
      },
      {
        heading: 'Bestanden en groepsdemo’s',
        paragraphs: [
          'In Teams wordt een verslag alleen als bestand bewaard als u op Toestaan klikt, en dan in uw eigen OneDrive.',
          settings.projector
            ? `In een groepsdemo verschijnen de antwoorden op de projectiepagina, die alleen te openen is met de link van die ruimte, zolang de demo loopt. De ruimte (namen, voorstellen en stemmen) wordt uiterlijk ${conversationHours} uur na de laatste wijziging gewist.`
            : 'De projectieweergave van groepsdemo’s staat in deze installatie uit.',
        ],
      },
      {
        heading: 'Vragen',
        paragraphs: [
          'De organisatie die deze bot gebruikt, is ervoor verantwoordelijk. Voor vragen, of om uw gegevens te laten verwijderen, neemt u contact op met haar privacyfunctionaris.',
        ],
      },
    ],
  };
}

export function termsPage(lang: Lang): Page {
  if (lang === 'en') {
    return {
      title: 'Terms of use',
      sections: [
        {
          heading: 'A practice tool',
          paragraphs: [
            'The practice bot lets you rehearse conversations with an upset customer. The customers and their situations are invented; any likeness to real people is a coincidence.',
          ],
        },
        {
          heading: 'Feedback is a guide',
          paragraphs: [
            'The debrief is worked out automatically from the words you typed. It points at what went well and what could help next time; it is not an assessment of you or of your work. Talk it over with a trainer or colleague.',
          ],
        },
        {
          heading: 'Be kind to the bot and to others',
          paragraphs: [
            'In a group demo, everyone in the chat reads along. Keep it respectful, and do not use the bot for anything other than practice.',
          ],
        },
        {
          heading: 'Open source',
          paragraphs: [
            'The bot is open-source software under the MIT licence and comes without warranty. The organisation that runs it decides where it is hosted and which settings it uses.',
          ],
        },
      ],
    };
  }
  return {
    title: 'Gebruiksvoorwaarden',
    sections: [
      {
        heading: 'Een oefenmiddel',
        paragraphs: [
          'Met de oefenbot oefent u gesprekken met een klant die van streek is. De klanten en hun situaties zijn verzonnen; lijkt iemand op een echt persoon, dan is dat toeval.',
        ],
      },
      {
        heading: 'Feedback is een hulpmiddel',
        paragraphs: [
          'De nabespreking wordt automatisch afgeleid uit wat u typte. Ze wijst op wat goed ging en wat de volgende keer kan helpen; het is geen beoordeling van u of uw werk. Bespreek haar gerust met een trainer of collega.',
        ],
      },
      {
        heading: 'Wees vriendelijk voor elkaar',
        paragraphs: [
          'In een groepsdemo leest iedereen in de chat mee. Blijf respectvol, en gebruik de bot alleen om te oefenen.',
        ],
      },
      {
        heading: 'Open source',
        paragraphs: [
          'De bot is opensourcesoftware onder de MIT-licentie en wordt geleverd zonder garantie. De organisatie die hem gebruikt, bepaalt waar hij draait en met welke instellingen.',
        ],
      },
    ],
  };
}

export function renderPage(page: Page, lang: Lang, otherLangHref: string): string {
  const sections = page.sections
    .map((s) => `<h2>${escapeHtml(s.heading)}</h2>\n${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; }
a { color: #0b5cad; }
</style>
</head>
<body>
<p><a href="${escapeHtml(otherLangHref)}">${lang === 'nl' ? 'English' : 'Nederlands'}</a></p>
<h1>${escapeHtml(page.title)}</h1>
${sections}
</body>
</html>
`;
}

export function registerAboutPages(server: Server, settings: PrivacySettings & { defaultLang: Lang }): void {
  const serve = (path: string, build: (lang: Lang) => Page) =>
    server.get(
      path,
      route((req: Request, res: Response) => {
        const lang = pageLang((req.query as Record<string, unknown> | undefined)?.lang, settings.defaultLang);
        const html = renderPage(build(lang), lang, `${path}?lang=${lang === 'nl' ? 'en' : 'nl'}`);
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
          'Cache-Control': 'no-cache',
        });
        res.end(html);
      }),
    );
  serve(PRIVACY_PATH, (lang) => privacyPage(settings, lang));
  serve(TERMS_PATH, termsPage);
}
