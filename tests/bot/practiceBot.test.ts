import { ActivityTypes, type Activity, type TestAdapter } from 'botbuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../dialogs';
import { cards, createTestBot, say, shown, texts } from '../support/testBot';

describe('the practice bot in a chat', () => {
  let adapter: TestAdapter;
  beforeEach(() => {
    ({ adapter } = createTestBot());
  });

  it('greets a web chat visitor in the page language with the scenarios, once', async () => {
    const first = await say(adapter, { type: ActivityTypes.Event, name: 'webchat/join', value: { lang: 'en' } });
    expect(texts(first)).toMatch(/Welcome to the practice desk/);
    expect(cards(first)).toHaveLength(1);
    const again = await say(adapter, { type: ActivityTypes.Event, name: 'webchat/join', value: { lang: 'en' } });
    expect(again).toHaveLength(0);
  });

  it('plays a whole role-play in Dutch: start, replies, stop, feedback', async () => {
    const started = await say(adapter, '/start municipal-benefits');
    // One message: the briefing card, the customer's first words and the anger meter under it.
    expect(started).toHaveLength(1);
    expect(cards(started)).toHaveLength(1);
    expect(shown(started)).toMatch(/Boosheid \d+\/100$/);

    const acknowledged = await say(adapter, 'Ik zie dat u hier echt van baalt, dat snap ik.');
    expect(texts(acknowledged)).toMatch(/herkend: emotie erkennen/);

    const stopped = await say(adapter, '/stop');
    expect(texts(stopped)).toMatch(/Hier is uw feedback/);
    expect(cards(stopped)).toHaveLength(1);
    // Downloads on request: the report and the whole transcript, as files in web chat.
    const exported = await say(adapter, '/export');
    expect(exported.flatMap((r) => r.attachments ?? []).map((a) => a.name)).toEqual([
      'feedback-municipal-benefits.md',
      'feedback-municipal-benefits.html',
      'feedback-municipal-benefits.json',
    ]);
    const markdown = exported.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === 'text/markdown')!;
    const text = Buffer.from(markdown.contentUrl!.split(',')[1], 'base64').toString('utf8');
    expect(text).toContain('Ik zie dat u hier echt van baalt, dat snap ik.');
    const onlyJson = await say(adapter, '/export json');
    expect(onlyJson.flatMap((r) => r.attachments ?? []).map((a) => a.name)).toEqual([
      'feedback-municipal-benefits.json',
    ]);

    const after = await say(adapter, 'Hallo?');
    expect(cards(after)).toHaveLength(1); // a new scenario list: the ended role-play does not take the message
  });

  it('the customer reacts differently to acknowledging than to rules-speak', async () => {
    const a = createTestBot().adapter;
    const b = createTestBot().adapter;
    await say(a, '/start municipal-benefits');
    await say(b, '/start municipal-benefits');
    const kind = await say(a, 'Ik zie dat u hier echt van baalt, dat snap ik.');
    const rules = await say(b, 'Dat is nu eenmaal de regel.');
    const anger = (r: Partial<Activity>[]) => (r[r.length - 1].channelData as { anger: number }).anger;
    expect(anger(kind)).toBeLessThan(anger(rules));
    expect(texts(kind)).not.toEqual(texts(rules));
  });

  it('starts from a card button (a submit value without text)', async () => {
    const replies = await say(adapter, {
      type: ActivityTypes.Message,
      value: { action: 'start', personaId: 'gp-phone' },
    });
    expect(shown(replies)).toMatch(/Boosheid/);
  });

  it('/start alone starts a scenario too', async () => {
    const replies = await say(adapter, '/start');
    expect(shown(replies)).toMatch(/Boosheid \d+\/100/);
  });

  it.each([
    ['/start gp-phone', 'Huisarts'],
    ['/restart', 'bijstandsuitkering'],
  ])(
    '%s during a role-play: one message, the stop above the new briefing, the first words under it',
    async (line, title) => {
      await say(adapter, '/start municipal-benefits');
      await say(adapter, 'Goedemiddag, waar gaat het om?');
      const replies = await say(adapter, line);
      expect(replies).toHaveLength(1);
      expect(replies[0].text).toBe(t('stoppedForNew', 'nl'));
      const lines = shown(replies).split('\n');
      const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
      const order = [at(/afgebroken/), at(new RegExp(title)), at(/^Het rollenspel begint/), at(/Boosheid \d+\/100$/)];
      expect(order).toEqual([0, 1, order[2], lines.length - 1]);
      expect(order[2]).toBeGreaterThan(1);
      expect(replies[0].channelData).toEqual({
        anger: expect.any(Number) as number,
        band: expect.any(String) as string,
        labels: [],
      });
    },
  );

  it('/hint names the next move and /retry takes back the last reply', async () => {
    await say(adapter, '/start municipal-benefits');
    const hint = await say(adapter, '/hint');
    expect(texts(hint)).toMatch(/Tip:/);
    await say(adapter, 'Dat klopt gewoon niet.');
    const retried = await say(adapter, '/retry');
    expect(texts(retried)).toMatch(/teruggenomen/);
    const nothing = await say(adapter, '/retry');
    expect(texts(nothing)).toMatch(/nog geen antwoord/);
  });

  it('switches language with /lang and answers /help and /personas in it', async () => {
    const switched = await say(adapter, '/lang en');
    expect(texts(switched)).toMatch(/English from now on/);
    expect(texts(await say(adapter, '/help'))).toMatch(/How practice works/);
    expect(cards(await say(adapter, '/personas'))).toHaveLength(1);
  });

  it('explains what went wrong instead of failing', async () => {
    expect(texts(await say(adapter, '/start does-not-exist'))).toMatch(/"does-not-exist" bestaat niet/);
    expect(texts(await say(adapter, '/stop'))).toMatch(/Er loopt geen rollenspel/);
    expect(texts(await say(adapter, '/hint'))).toMatch(/alleen tijdens een rollenspel/);
    expect(texts(await say(adapter, '/dance'))).toMatch(/opdracht ken ik niet/);
    await say(adapter, '/start municipal-benefits');
    const attachmentOnly = await say(adapter, {
      type: ActivityTypes.Message,
      text: '',
      attachments: [{ contentType: 'image/png', contentUrl: 'data:,' }],
    });
    expect(texts(attachmentOnly)).toMatch(/alleen tekst lezen/);
  });
});
