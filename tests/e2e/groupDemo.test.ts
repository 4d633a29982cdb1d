/**
 * A whole group demo in real browsers, the way a trainer runs one: the app as `npm start` builds it
 * (STORAGE=memory), the trainer's web chat page in one browser context, three trainees who join by the link in
 * three others (each with a name), and the projector at 1920×1080 in a fifth. Five vote rounds: a majority, a
 * three-way tie, a vote taken back with /unvote and a trainer who overrules the majority, four long proposals
 * with hidden predictions, and a last round before /end; a late vote in between. After every change the
 * projector must show every proposal inside its column (measured by element boxes, not by eye) and the vote
 * count; at the end it shows the group debrief with the anger curve, and the demo export holds every round.
 *
 * Screenshots go to test-artifacts/; with UPDATE_DOC_IMAGES=1 they also replace the ones in docs/group-demo.md
 * (docs/images/group-demo-*.png), so an ordinary run leaves the checkout as it was (the join code differs per run). Needs Chromium at /usr/bin/chromium; the test FAILS (never skips) without it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BOT_BUBBLE, SEND_BOX, USER_BUBBLE, webChatInBrowser } from '../support/webChatInBrowser';
import { ARTIFACTS } from '../support/chromium';
import { t } from '../../dialogs';

const running = webChatInBrowser('group demo');
const DOC_IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');

const LONG = [
  'Mevrouw De Wit, ik hoor hoe zwaar dit voor u is: de huur moet maandag betaald worden en er staat niets op uw rekening. Ik ga nu meteen voor u na waar uw uitkering is blijven hangen, en ik blijf bij u tot we weten wat er is gebeurd en wat de volgende stap is.',
  'Ik begrijp dat u boos bent, dat zou ik ook zijn als ik op de achtentwintigste mijn formulier had ingeleverd en nu nog steeds niets heb ontvangen. Zullen we samen kijken welke gegevens bij ons binnen zijn gekomen, zodat ik precies kan zien waar het is misgegaan?',
  'U hebt helemaal gelijk dat dit niet zo had mogen lopen, en het spijt me echt dat u nu in de zorgen zit over de huur. Ik kan vandaag kijken of er een voorschot mogelijk is, en ik bel zelf met de afdeling die de betaling doet, zodat u niet nog een keer hoeft te komen.',
  'Ik zie dat dit u enorm raakt en dat u zich niet serieus genomen voelt, en dat begrijp ik heel goed na alles wat u al hebt gedaan. Vertelt u mij eerst rustig wat u tot nu toe van ons hebt gehoord, dan zoek ik ondertussen uw dossier op en leg ik u daarna precies uit wat ik voor u kan doen.',
];

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What the projector shows, measured in the page: every proposal's box against its column and the window. */
async function projectorState(projector: Page) {
  return projector.evaluate(() => {
    const box = (element: Element): Box => {
      const r = element.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const side = document.getElementById('side') as HTMLElement;
    const voted = document.getElementById('voted') as HTMLElement;
    const items: HTMLElement[] = Array.from(document.querySelectorAll<HTMLElement>('#proposals > li[data-number]'));
    return {
      numbers: items.map((li) => li.getAttribute('data-number')),
      proposals: items.map((li) => {
        const text = li.querySelector<HTMLElement>('.text');
        return {
          box: box(li),
          text: text?.textContent ?? '',
          textClipped: text
            ? text.scrollHeight > text.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1
            : true,
        };
      }),
      side: box(side),
      sideOverflow: side.scrollHeight - side.clientHeight,
      sideFont: parseFloat(getComputedStyle(side).fontSize),
      window: { width: window.innerWidth, height: window.innerHeight },
      bodyOverflow: document.documentElement.scrollHeight - window.innerHeight,
      voted: voted.hidden ? '' : voted.textContent,
      phase: document.body.getAttribute('data-phase'),
      emptyShown: document.querySelectorAll('#proposals .empty').length > 0,
      whatIfShown: !(document.getElementById('round-box') as HTMLElement).hidden,
    };
  });
}

/** Every proposal of the round is on the projector, whole, inside its column and the window; no stale blocks. */
async function expectAllProposalsShown(projector: Page, texts: readonly string[], voted: string): Promise<void> {
  await expect
    .poll(async () => (await projectorState(projector)).proposals.map((p) => p.text), {
      timeout: 20_000,
      message: 'the projector shows every proposal of the round',
    })
    .toEqual(texts);
  await expect.poll(async () => (await projectorState(projector)).voted, { timeout: 20_000 }).toBe(voted);
  const state = await projectorState(projector);
  expect(state.numbers).toEqual(texts.map((_, i) => String(i + 1)));
  for (const proposal of state.proposals) {
    expect(proposal.box.top).toBeGreaterThanOrEqual(state.side.top - 1);
    expect(proposal.box.bottom).toBeLessThanOrEqual(state.side.bottom + 1);
    expect(proposal.box.bottom).toBeLessThanOrEqual(state.window.height);
    expect(proposal.box.right).toBeLessThanOrEqual(state.window.width);
    expect(proposal.textClipped).toBe(false);
  }
  expect(state.sideOverflow).toBeLessThanOrEqual(1);
  expect(state.bodyOverflow).toBeLessThanOrEqual(0);
  expect(state.sideFont, 'proposals stay legible from the back of the room').toBeGreaterThanOrEqual(20);
  expect(state.emptyShown, '"no proposals yet" beside proposals').toBe(false);
  expect(state.whatIfShown, "the last round's what-if beside new proposals").toBe(false);
}

async function say(page: Page, text: string): Promise<void> {
  const input = page.locator(SEND_BOX);
  await input.fill(text);
  await input.press('Enter');
  await page
    .locator(USER_BUBBLE, { hasText: text.slice(0, 40) })
    .last()
    .waitFor({ timeout: 20_000 });
}

async function botSays(page: Page, text: string | RegExp): Promise<void> {
  await page.locator(BOT_BUBBLE, { hasText: text }).last().waitFor({ timeout: 20_000 });
}

async function picture(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(700); // the meter's transition and Web Chat's scrolling settle first
  const file = path.join(ARTIFACTS, `group-demo-${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_DOC_IMAGES === '1') fs.copyFileSync(file, path.join(DOC_IMAGES, `group-demo-${name}.png`));
}

async function joinAs(browser: Browser, joinUrl: string, name: string, shoot?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'nl-NL' });
  const page = await context.newPage();
  await page.goto(joinUrl);
  await page.locator('#join-name').fill(name);
  if (shoot) await picture(page, shoot);
  await page.locator('#join-submit').click();
  await page.locator(SEND_BOX).waitFor({ timeout: 20_000 });
  await expect(page.locator('#joined-as').innerText()).resolves.toContain(name);
  return page;
}

describe('group demo in real browsers', () => {
  it('a trainer runs five vote rounds with three trainees who joined by the link; the projector keeps every proposal and the count in view', async () => {
    const { browser, app } = running;
    fs.mkdirSync(DOC_IMAGES, { recursive: true });
    const errors: string[] = [];

    // The trainer starts the demo in web chat and gets the projector link and the join link.
    const trainerContext = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'nl-NL' });
    const trainer = await trainerContext.newPage();
    trainer.on('pageerror', (error) => errors.push(`trainer: ${error.message}`));
    await trainer.goto(app.url);
    await botSays(trainer, t('welcome', 'nl').slice(0, 40));
    await say(trainer, '/demo municipal-benefits vote');
    const started = await trainer.locator(BOT_BUBBLE, { hasText: 'Meedoen vanaf' }).last().innerText();
    const projectorUrl = /(http\S+\/demo\/[\w-]{22})/.exec(started)?.[1];
    const joinMatch = /(http\S+\?join=([A-Z0-9]{6}))/.exec(started);
    expect(projectorUrl).toBeDefined();
    expect(joinMatch).not.toBeNull();
    const [, joinUrl, code] = joinMatch as RegExpExecArray;

    // The projector: the join code in big type and its QR code, the briefing, the phase.
    const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const projector = await projectorContext.newPage();
    projector.on('pageerror', (error) => errors.push(`projector: ${error.message}`));
    await projector.goto(projectorUrl as string);
    await expect.poll(() => projector.getAttribute('body', 'data-live')).toBe('true');
    await expect(projector.locator('#join-code').innerText()).resolves.toBe(code);
    await expect(projector.locator('#join .qr svg').count()).resolves.toBe(1);
    await expect(projector.locator('#join').innerText()).resolves.toContain(joinUrl);
    await expect(projector.locator('#briefing-text').innerText()).resolves.toMatch(/\w{10,}/);
    const codeSize = await projector.locator('#join-code').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(codeSize).toBeGreaterThanOrEqual(56);

    // Three trainees join by the link, each with a name; the room greets each by name.
    const anna = await joinAs(browser, joinUrl, 'Anna', 'join');
    const bram = await joinAs(browser, joinUrl, 'Bram');
    const chen = await joinAs(browser, joinUrl, 'Chen');
    for (const page of [anna, bram, chen]) page.on('pageerror', (error) => errors.push(error.message));
    for (const name of ['Anna', 'Bram', 'Chen']) await botSays(trainer, `${name} doet mee`);
    await expect.poll(() => projector.locator('#people').innerText()).toMatch(/Anna.*Bram.*Chen/);
    await picture(projector, 'start');

    // Round 1: a majority. Every vote shows on the projector as it comes in.
    const round1 = [
      'Ik hoor dat u heel boos bent, en dat begrijp ik.',
      'Dat klopt niet, u hebt het formulier te laat ingeleverd.',
      'Vertelt u maar wat er precies is gebeurd, ik luister.',
    ];
    await say(anna, round1[0]);
    await say(bram, round1[1]);
    await say(chen, round1[2]);
    await expectAllProposalsShown(projector, round1, '0 van 3 gestemd');
    // Everyone sees who proposed what: the others' messages under their names, on the left.
    await anna
      .locator(BOT_BUBBLE, { hasText: `Bram: ${round1[1]}` })
      .first()
      .waitFor({ timeout: 20_000 });
    await trainer
      .locator(BOT_BUBBLE, { hasText: `Chen: ${round1[2]}` })
      .first()
      .waitFor({ timeout: 20_000 });
    await say(anna, '/vote 1');
    await expectAllProposalsShown(projector, round1, '1 van 3 gestemd');
    await say(bram, '/vote 1');
    await expectAllProposalsShown(projector, round1, '2 van 3 gestemd');
    await say(chen, '/vote 3');
    await expectAllProposalsShown(projector, round1, '3 van 3 gestemd');
    await picture(projector, 'voting');
    await picture(anna, 'trainee');
    await say(trainer, '/pick majority');
    await expect.poll(() => projector.getAttribute('body', 'data-phase')).toBe('closed');
    await expect(projector.locator('#winner').innerText()).resolves.toContain('Anna');
    await expect(projector.locator('#round > li').count()).resolves.toBe(2);
    await picture(projector, 'picked');

    // A late vote, after the pick: a clear answer, nothing changes.
    await say(chen, '/vote 3');
    await botSays(chen, /gesloten/);

    // Round 2: a three-way tie; no majority, so the trainer picks.
    const round2 = [
      'Wat vervelend dat u nog niets hebt ontvangen.',
      'Ik ga direct voor u kijken waar het is blijven hangen.',
      'Dat moet echt heel stressvol zijn met de huur op maandag.',
    ];
    await say(bram, round2[0]);
    await say(chen, round2[1]);
    await say(anna, round2[2]);
    await expectAllProposalsShown(projector, round2, '0 van 3 gestemd');
    await say(anna, '/vote 2');
    await say(bram, '/vote 3');
    await say(chen, '/vote 1');
    await expectAllProposalsShown(projector, round2, '3 van 3 gestemd');
    await say(trainer, '/pick majority');
    await botSays(trainer, /meerderheid/);
    await say(trainer, '/pick 2');
    await expect.poll(() => projector.locator('#winner').innerText()).toContain('Chen');

    // Round 3: a vote taken back with /unvote, then the trainer picks against the majority.
    const round3 = [
      'Zullen we samen uw gegevens nalopen?',
      'Ik bel nu de afdeling betalingen voor u.',
      'Heeft u toevallig uw bewijs van inleveren bij u?',
    ];
    await say(chen, round3[0]);
    await say(anna, round3[1]);
    await say(bram, round3[2]);
    await expectAllProposalsShown(projector, round3, '0 van 3 gestemd');
    await say(anna, '/vote 1');
    await say(bram, '/vote 1');
    await expectAllProposalsShown(projector, round3, '2 van 3 gestemd');
    await say(bram, '/unvote');
    await expectAllProposalsShown(projector, round3, '1 van 3 gestemd');
    await say(bram, '/vote 1');
    await say(chen, '/vote 1');
    await expectAllProposalsShown(projector, round3, '3 van 3 gestemd');
    await say(trainer, '/pick 2');
    await expect.poll(() => projector.locator('#overruled').isVisible()).toBe(true);
    await expect(projector.locator('#overruled').innerText()).resolves.toMatch(/meerderheid/);
    await picture(projector, 'overruled');

    // Round 4: four long proposals (the trainer's among them) with the predictions hidden until the pick.
    await say(trainer, '/predictions hide');
    await expect.poll(() => projector.locator('#hidden-note').isVisible()).toBe(true);
    await say(anna, LONG[0]);
    await say(bram, LONG[1]);
    await say(chen, LONG[2]);
    await say(trainer, LONG[3]);
    await expectAllProposalsShown(projector, LONG, '0 van 3 gestemd');
    await expect(projector.locator('#proposals .chip').count()).resolves.toBe(0);
    await expect(projector.locator('#proposals').innerText()).resolves.toContain('verborgen tot de keuze');
    await say(anna, '/vote 4');
    await say(bram, '/vote 4');
    await say(chen, '/vote 1');
    await expectAllProposalsShown(projector, LONG, '3 van 3 gestemd');
    await picture(projector, 'long');
    await say(trainer, '/pick majority');
    await expect.poll(() => projector.getAttribute('body', 'data-phase')).toBe('closed');
    // After the pick the effects are shown: the what-if of the others has numbers and technique chips.
    await expect(projector.locator('#round .chip').count()).resolves.toBeGreaterThan(0);
    await say(trainer, '/predictions show');

    // Round 5, then the end: the debrief with the anger curve on the projector.
    const round5 = ['Dan spreken we af dat ik u morgen voor twaalf uur bel.', 'Is dat zo goed voor u?'];
    await say(anna, round5[0]);
    await say(chen, round5[1]);
    await expectAllProposalsShown(projector, round5, '0 van 3 gestemd');
    await say(bram, '/vote 1');
    await say(chen, '/vote 1');
    await expectAllProposalsShown(projector, round5, '2 van 3 gestemd');
    await say(trainer, '/pick 1');
    await say(trainer, '/end');
    await expect.poll(() => projector.locator('#debrief').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect(projector.locator('#curve svg circle').count()).resolves.toBe(6);
    const contributors = await projector.locator('#contributors').innerText();
    for (const name of ['Anna', 'Bram', 'Chen']) expect(contributors).toContain(name);
    await expect(projector.locator('#join').isVisible()).resolves.toBe(false);
    await picture(projector, 'debrief');

    // The export has every round, with its proposals, votes and pick.
    await say(trainer, '/export json');
    const link = trainer.locator('a[href^="data:application/json"]').last();
    await link.waitFor({ timeout: 20_000 });
    const href = (await link.getAttribute('href')) as string;
    const exported = Buffer.from(href.slice(href.indexOf(',') + 1), 'base64').toString('utf8');
    for (const text of [round1[0], round2[1], round3[1], LONG[3], round5[0]]) expect(exported).toContain(text);
    const data = JSON.parse(exported) as { rounds?: unknown[] };
    expect(data.rounds?.length).toBe(5);

    expect(errors).toEqual([]);
    for (const context of [trainerContext, projectorContext, anna.context(), bram.context(), chen.context()]) {
      await context.close();
    }
  }, 300_000);
});
