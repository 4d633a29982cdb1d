import { describe, expect, it } from 'vitest';
import { createTestBot, say, texts } from '../support/testBot';

/** `/why` after a reply, typed in the chat, in both languages. */
describe('/why', () => {
  const cases = [
    {
      lang: 'nl',
      reply: 'Ik begrijp dat u boos bent. Ik bel u terug.',
      expected: [
        /Waarom\? Beurt 1/,
        /✅ \*\*emotie erkennen\*\*: regel `nl\.[a-z.-]+` op “[^”]+”/,
        /Bijna afspraken maken\. Een afspraak zegt wie wat doet en wanneer\. Wel: .*Ontbrak: een tijd\./,
      ],
    },
    {
      lang: 'en',
      reply: "I can see you're upset. I'll call you back.",
      expected: [
        /Why\? Turn 1/,
        /✅ \*\*acknowledging the emotion\*\*: rule `en\.[a-z.-]+` on “[^”]+”/,
        /Almost making a concrete agreement\. An agreement says who does what, and when\. There: .*Missing: a time\./,
      ],
    },
  ] as const;

  it.each(cases)('$lang: names the rule, its words and what was missing', async ({ lang, reply, expected }) => {
    const { adapter } = createTestBot();
    await say(adapter, `/lang ${lang}`);
    await say(adapter, '/start municipal-benefits');
    await say(adapter, reply);
    const why = texts(await say(adapter, '/why'));
    for (const pattern of expected) expect(why).toMatch(pattern);
  });

  it.each([
    [
      'nl',
      'Had u dan niet even eerder kunnen bellen, voordat de praktijk dichtging?',
      /⚪ Niet meegeteld: \*\*doorvragen\*\*\. .*een retorische of sarcastische vraag telt niet als doorvragen\./,
    ],
    [
      'en',
      'Did you really think we would hand a puppy to someone who has never even met him?',
      /⚪ Not counted: \*\*asking questions\*\*\. .*a rhetorical or sarcastic question does not count as asking questions\./,
    ],
  ] as const)(
    '%s: a label the learned layer did not count is named in the chat, while playing and after the debrief',
    async (lang, reply, expected) => {
      const { adapter } = createTestBot();
      await say(adapter, `/lang ${lang}`);
      await say(adapter, '/start municipal-benefits');
      await say(adapter, reply);
      expect(texts(await say(adapter, '/why'))).toMatch(expected);
      await say(adapter, '/stop');
      expect(texts(await say(adapter, '/why 1'))).toMatch(expected);
    },
  );

  it.each([
    ['nl', /Er is nog geen beurt om uit te leggen/],
    ['en', /There is no turn to explain yet/],
  ])('%s: says so when nothing was judged yet', async (lang, expected) => {
    const { adapter } = createTestBot();
    await say(adapter, `/lang ${lang}`);
    expect(texts(await say(adapter, '/why'))).toMatch(expected);
  });

  it('explains an earlier turn after the debrief, and says when a turn does not exist', async () => {
    const { adapter } = createTestBot();
    await say(adapter, '/start municipal-benefits');
    await say(adapter, 'Ik begrijp dat u boos bent.');
    await say(adapter, 'Wat is er precies gebeurd?');
    await say(adapter, '/stop');
    expect(texts(await say(adapter, '/why 1'))).toMatch(/Waarom\? Beurt 1[\s\S]*emotie erkennen/);
    expect(texts(await say(adapter, '/why 2'))).toMatch(/Waarom\? Beurt 2[\s\S]*doorvragen/);
    expect(texts(await say(adapter, '/why 5'))).toMatch(/Beurt 5 bestaat niet; er zijn 2 beurten/);
  });

  it('leaves the role-play running: the next reply is judged as usual', async () => {
    const { adapter } = createTestBot();
    await say(adapter, '/start municipal-benefits');
    await say(adapter, 'Ik begrijp dat u boos bent.');
    await say(adapter, '/why');
    expect(texts(await say(adapter, 'Wat is er precies gebeurd?'))).toMatch(/herkend: doorvragen/);
  });

  describe('names what the customer answered on the turn', () => {
    it.each([
      {
        lang: 'nl',
        reply: 'Wanneer vertrekt uw vlucht precies?',
        expected:
          /💬 De klant antwoordde over het onderwerp `flight-day` \(feit in dit rollenspel: (zaterdag|zondag|vrijdag)\): “[^”]+”/,
      },
      {
        lang: 'en',
        reply: 'When exactly does your flight leave?',
        expected:
          /💬 The customer answered on the topic `flight-day` \(fact in this role-play: (Saturday|Sunday|Friday)\): “[^”]+”/,
      },
      {
        lang: 'nl',
        reply: 'Weet u wat, ik geef u het paspoort vandaag gewoon mee.',
        expected:
          /⚠️ De klant houdt u aan een belofte die de balie niet kan waarmaken: `hand-over-today` \(Het paspoort vandaag meegeven\)\. “[^”]+”/,
      },
      {
        lang: 'en',
        reply: 'You know what, I will just hand you the passport today.',
        expected:
          /⚠️ The customer holds you to a promise the desk cannot keep: `hand-over-today` \(Hand over the passport today\)\. “[^”]+”/,
      },
    ] as const)('$lang: “$reply”', async ({ lang, reply, expected }) => {
      const { adapter } = createTestBot();
      await say(adapter, `/lang ${lang}`);
      await say(adapter, '/start municipal-passport');
      await say(adapter, reply);
      expect(texts(await say(adapter, '/why'))).toMatch(expected);
    });

    it('names the offer item the customer took up, on the turn asked for', async () => {
      const { adapter } = createTestBot();
      await say(adapter, '/lang en');
      await say(adapter, '/start municipal-passport');
      await say(adapter, 'When exactly does your flight leave?');
      await say(
        adapter,
        'I can put in an urgent application for you today, then your passport will be ready tomorrow after noon. Is that all right?',
      );
      const why = texts(await say(adapter, '/why 2'));
      expect(why).toMatch(
        /💬 The customer took up the offer `urgent-application` \(An urgent application today with a new photo\): “[^”]+”/,
      );
      expect(why).not.toMatch(/flight-day/);
    });

    it('says nothing about content when the customer reacted to the move, not to a topic', async () => {
      const { adapter } = createTestBot();
      await say(adapter, '/start municipal-passport');
      await say(adapter, 'Ik zie dat u hier erg van schrikt.');
      expect(texts(await say(adapter, '/why'))).not.toMatch(/💬|⚠️/);
    });
  });
});
