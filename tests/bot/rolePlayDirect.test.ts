import type { Activity } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import { MainDialog } from '../../dialogs';
import { cards, createTestBot, say, texts } from '../support/testBot';

/** A role-play that ends on a trainee's line (the customer is satisfied), with a hint and a retry on the way. */
const SCRIPT = [
  '/start bank-blocked-card',
  'Goedemiddag, waar gaat het om?',
  'Ik begrijp dat u boos bent, dat snap ik.',
  '/hint',
  'Dat is nu eenmaal de regel.',
  '/retry',
  'Wat is er precies gebeurd?',
  'Dus als ik het goed begrijp is uw pas geblokkeerd en staat u hier met uw boodschappen.',
  'Zal ik nu meteen de blokkade voor u laten controleren, of wilt u liever eerst contant betalen?',
  'Ik bel de afdeling nu en ik zorg dat uw pas binnen tien minuten weer werkt, is dat goed?',
  'Dank u wel voor uw geduld, ik regel het nu meteen voor u.',
  'Komt u zo weer bij mij terug, dan is het geregeld.',
  'Nog een fijne dag!',
  'Hallo?',
];

/** Plays the script and returns every reply and the stored state after each line. */
async function play(direct: boolean) {
  const spy = vi.spyOn(MainDialog.prototype, 'continueRolePlayDirectly');
  if (!direct) spy.mockResolvedValue(false);
  try {
    const { adapter, storage } = createTestBot();
    const steps = [];
    for (const line of SCRIPT) {
      const replies = await say(adapter, line);
      const stored = await storage.read(['test/conversations/Convo1/']);
      // The eTag differs, and so does the waterfall's instance id (random per run).
      const state = JSON.parse(
        JSON.stringify(stored['test/conversations/Convo1/'])
          .replace(/"instanceId":"[^"]*"/g, '"instanceId":"…"')
          .replace(/"eTag":"[^"]*"/g, '"eTag":"…"'),
      ) as unknown;
      steps.push({
        line,
        replies: replies.map(({ text, attachments, channelData }): Partial<Activity> => ({
          text,
          attachments,
          channelData: channelData as unknown,
        })),
        state,
      });
    }
    const played = await Promise.all(spy.mock.results.map((result) => result.value as Promise<boolean>));
    return { steps, playedDirectly: played.filter(Boolean).length };
  } finally {
    spy.mockRestore();
  }
}

describe("a trainee's line in a running role-play, played without the dialog stack", () => {
  it('answers and stores exactly what the dialog stack would, up to the debrief and after it', async () => {
    const { steps: viaStack } = await play(false);
    const { steps: direct, playedDirectly } = await play(true);
    // The script really reaches the end: the debrief card comes on a trainee's line, not on /stop.
    const debriefAt = direct.findIndex((step) => texts(step.replies).includes('Hier is uw feedback'));
    expect(debriefAt).toBeGreaterThan(0);
    expect(SCRIPT[debriefAt].startsWith('/')).toBe(false);
    expect(cards(direct[debriefAt].replies)).toHaveLength(1);
    // Every plain line of the role-play went the direct way, the one that ended it too (its debrief included);
    // commands and what follows the debrief did not.
    expect(playedDirectly).toBe(SCRIPT.slice(1, debriefAt + 1).filter((line) => !line.startsWith('/')).length);
    for (const [i, step] of direct.entries()) expect(step, `after "${SCRIPT[i]}"`).toEqual(viaStack[i]);
  });
});
