import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { readCorrectionItems } from '../../src/storage';
import { toRow } from '../../src/cli/corrections';
import { allNodes } from '../support/cardNodes';
import { cards, createTestBot, fixture, say, texts } from '../support/testBot';

/** A Teams message (the recorded personal-chat card submit, reshaped): typed text or a card's submit value. */
function teams(change: Partial<Activity>): Partial<Activity> {
  const activity = fixture('teams/cardSubmit.json');
  delete activity.value;
  return { ...activity, ...change };
}

/** Plays a short role-play in Teams and returns the debrief card. */
async function debriefInTeams(env: NodeJS.ProcessEnv) {
  const bot = createTestBot(env);
  await say(bot.adapter, teams({ text: '/start municipal-benefits' }));
  await say(bot.adapter, teams({ text: 'Dus het gaat om uw uitkering.' }));
  await say(bot.adapter, teams({ text: 'Ik bel u terug.' }));
  const card = cards(await say(bot.adapter, teams({ text: '/stop' })))[0].content as object;
  return { ...bot, card };
}

const correctionSubmit = (turn: string, labels: string, note = '') =>
  teams({ value: { action: 'correction', 'correct-turn': turn, 'correct-labels': labels, 'correct-note': note } });

describe('corrections through the Teams card handler', () => {
  it('the debrief card offers Why? per judged turn and one Misjudged? form with the 14 techniques', async () => {
    const { card } = await debriefInTeams({ KEEP_TRANSCRIPTS: 'true' });
    const nodes = allNodes(card);
    const whyButtons = nodes.filter((n) => (n.data as { action?: string } | undefined)?.action === 'why');
    expect(whyButtons.map((n) => n.data)).toEqual([
      { action: 'why', turn: 1 },
      { action: 'why', turn: 2 },
    ]);
    const labels = nodes.find((n) => n.id === 'correct-labels')!;
    expect((labels.choices as unknown[]).length).toBe(14);
    expect(labels.isMultiSelect).toBe(true);
    // The form opens from its own fold, beside the debrief's other folds.
    const folds = nodes.filter((n) => n.type === 'Action.ShowCard').map((n) => n.title);
    expect(folds).toContain('Verkeerd beoordeeld?');
  });

  it('keeps a correction with its text where transcripts may be kept, and exports it as an evaluation row', async () => {
    const { adapter, storage } = await debriefInTeams({ KEEP_TRANSCRIPTS: 'true' });
    const replies = await say(adapter, correctionSubmit('2', 'make_agreement', 'terugbellen zonder tijd'));
    expect(texts(replies)).toMatch(/correctie van beurt 2 is bewaard: afspraken maken/);
    const rows = (await readCorrectionItems(storage)).map(toRow);
    expect(rows).toEqual([
      {
        id: expect.stringMatching(/^nl-corr-/) as unknown,
        lang: 'nl',
        text: 'Ik bel u terug.',
        labels: ['make_agreement'],
        note: 'terugbellen zonder tijd',
        setting: 'municipality',
        source: 'correction:msteams',
        judged: expect.any(Array) as unknown,
      },
    ]);
  });

  it('marking the same turn again keeps only the latest marking; /corrections counts it for the trainer', async () => {
    const { adapter, storage } = await debriefInTeams({ KEEP_TRANSCRIPTS: 'true' });
    await say(adapter, correctionSubmit('2', 'make_agreement'));
    await say(adapter, correctionSubmit('2', ''));
    expect(await readCorrectionItems(storage)).toHaveLength(1);
    const view = texts(await say(adapter, teams({ text: '/corrections' })));
    expect(view).toMatch(/Meest gecorrigeerde technieken\*\* \(1 correcties\)/);
  });

  it('keeps nothing where transcripts may not be kept, and says so', async () => {
    const { adapter, storage } = await debriefInTeams({ KEEP_TRANSCRIPTS: 'false' });
    const replies = await say(adapter, correctionSubmit('1', 'summarize'));
    expect(texts(replies)).toMatch(/niet opgeslagen/);
    expect(await readCorrectionItems(storage)).toEqual([]);
  });

  it('refuses an unknown technique and a turn that was not played', async () => {
    const { adapter, storage } = await debriefInTeams({ KEEP_TRANSCRIPTS: 'true' });
    expect(texts(await say(adapter, correctionSubmit('1', 'shouting')))).toMatch(/Zo markeert u een beurt/);
    expect(texts(await say(adapter, correctionSubmit('9', 'summarize')))).toMatch(/beurt vind ik niet/);
    expect(await readCorrectionItems(storage)).toEqual([]);
  });

  it('the Why? button explains the turn: the rule, its words, and what was missing', async () => {
    const { adapter } = await debriefInTeams({ KEEP_TRANSCRIPTS: 'false' });
    const why = texts(await say(adapter, teams({ value: { action: 'why', turn: 2 } })));
    expect(why).toMatch(/Waarom\? Beurt 2/);
    expect(why).toMatch(/Bijna afspraken maken/);
    expect(why).toMatch(/Ontbrak: een tijd/);
  });
});
