import type { Activity } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { observeLogLines } from '../../src/logging';
import { readCorrectionItems } from '../../src/storage';
import { toRow } from '../../src/cli/corrections';
import { refuseMessagesOver } from '../support/sizeRefusingChannel';
import { cards, createTestBot, fixture, say, texts } from '../support/testBot';

/** A Teams message (the recorded personal-chat card submit, reshaped): typed text or a card's submit value. */
function teams(change: Partial<Activity>): Partial<Activity> {
  const activity = fixture('teams/cardSubmit.json');
  delete activity.value;
  return { ...activity, ...change };
}

let stopObserving: (() => void) | undefined;
afterEach(() => stopObserving?.());

function logLines(): string[] {
  const lines: string[] = [];
  stopObserving = observeLogLines((line) => lines.push(line));
  return lines;
}

const TRAINEE_REPLIES = ['Dus het gaat om uw uitkering.', 'Ik bel u terug.'];

describe('a channel that refuses the debrief card as too large (413 MessageSizeTooBig)', () => {
  it('gets the plain-text debrief instead, one log line without words, and the role-play stays usable', async () => {
    const { adapter, storage } = createTestBot({ KEEP_TRANSCRIPTS: 'true' });
    // 20 KB: the card with a short role-play is larger, the plain text is not (as Teams once allowed 40 KB).
    const refused = refuseMessagesOver(adapter, 20 * 1024);
    const lines = logLines();
    await say(adapter, teams({ text: '/start municipal-benefits' }));
    for (const reply of TRAINEE_REPLIES) await say(adapter, teams({ text: reply }));
    const debrief = await say(adapter, teams({ text: '/stop' }));

    expect(refused).toHaveLength(1);
    expect(cards(debrief)).toEqual([]);
    expect(texts(debrief)).toMatch(/^Nabespreking: /m);
    expect(texts(debrief)).toMatch(/Score: \d+\/100/);
    expect(debrief.at(-1)?.textFormat).toBe('plain');

    const refusal = lines.filter((line) => line.includes('feedback.refused_as_too_large'));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatch(/"status":"413"/);
    expect(refusal[0]).toMatch(/"sentInstead":"plainText"/);
    for (const reply of TRAINEE_REPLIES) expect(refusal[0]).not.toContain(reply);

    // The role-play's record is kept: /why, the export and corrections work as after any debrief.
    expect(texts(await say(adapter, teams({ text: '/why 2' })))).toMatch(/Waarom\? Beurt 2/);
    expect(await say(adapter, teams({ text: '/export' }))).not.toEqual([]);
    await say(adapter, teams({ text: '/corrections mark 2 make_agreement' }));
    expect((await readCorrectionItems(storage)).map(toRow).map((row) => row?.text)).toEqual(['Ik bel u terug.']);
  });

  it('a channel that takes the card gets the card, and nothing is logged about size', async () => {
    const { adapter } = createTestBot({ KEEP_TRANSCRIPTS: 'true' });
    const refused = refuseMessagesOver(adapter, 100 * 1024);
    const lines = logLines();
    await say(adapter, teams({ text: '/start municipal-benefits' }));
    for (const reply of TRAINEE_REPLIES) await say(adapter, teams({ text: reply }));
    const debrief = await say(adapter, teams({ text: '/stop' }));
    expect(refused).toEqual([]);
    expect(cards(debrief)).toHaveLength(1);
    expect(lines.filter((line) => /feedback\.(refused|shortened)/.test(line))).toEqual([]);
  });
});
