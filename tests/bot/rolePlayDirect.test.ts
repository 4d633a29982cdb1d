import type { Activity, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { describe, expect, it, vi } from 'vitest';
import { MainDialog } from '../../dialogs';
import { cards, createTestBot, say, texts } from '../support/testBot';

/**
 * Two role-plays, each line with the way it should take: 'direct' (MainDialog.startDirectly or
 * continueRolePlayDirectly, no dialog context) or 'stack' (botbuilder-dialogs). The first ends on a trainee's line
 * (the customer is satisfied), with a hint and a retry on the way; `/start` after it comes with nothing on the stack.
 */
const SCRIPT: [line: string, way: 'direct' | 'stack'][] = [
  ['/start bank-blocked-card', 'stack'], // the conversation's first turn: no dialog state stored yet
  ['Goedemiddag, waar gaat het om?', 'direct'],
  ['Ik begrijp dat u boos bent, dat snap ik.', 'direct'],
  ['/hint', 'stack'],
  ['Dat is nu eenmaal de regel.', 'direct'],
  ['/retry', 'stack'],
  ['Wat is er precies gebeurd?', 'direct'],
  ['Dus als ik het goed begrijp is uw pas geblokkeerd en staat u hier met uw boodschappen.', 'direct'],
  ['Zal ik nu meteen de blokkade voor u laten controleren, of wilt u liever eerst contant betalen?', 'direct'],
  ['Ik bel de afdeling nu en ik zorg dat uw pas binnen tien minuten weer werkt, is dat goed?', 'direct'], // the debrief
  ['/start onbekende-klant', 'direct'], // an unknown persona: told so, nothing starts
  ['/start', 'direct'], // a persona drawn at random
  ['Goedemiddag, waar gaat het om?', 'direct'],
  ['/stop', 'stack'],
  ['/start shop-refund hard', 'direct'],
  ['Goedemiddag, waar gaat het om?', 'direct'],
  ['/start onbekende-klant', 'direct'], // told so; the running role-play goes on
  ['Wat is er precies gebeurd?', 'direct'],
  ['/start bank-blocked-card', 'direct'], // the running role-play stops for the new one
  ['Nog een fijne dag!', 'direct'],
  ['/stop', 'stack'],
  ['/restart', 'direct'], // "Practise again" on the debrief card: the same customer
  ['Goedemiddag, waar gaat het om?', 'direct'],
  ['/restart', 'direct'], // during the role-play: it stops for a new one with the same customer
  ['/stop', 'stack'],
  ['Hallo?', 'stack'], // after a role-play ended: said once, then the scenarios
];

/**
 * Plays the script and returns every reply and the stored state after each line: through the dialog stack only
 * (as the code before the direct paths did) up to line `directFrom`, the direct paths allowed from there on.
 */
async function play(directFrom: number) {
  let at = 0;
  type Direct = (context: TurnContext, dialogState: DialogState | undefined) => Promise<boolean>;
  const allowedFrom = (name: 'continueRolePlayDirectly' | 'startDirectly') => {
    const original = Object.getOwnPropertyDescriptor(MainDialog.prototype, name)?.value as Direct;
    return function (this: MainDialog, ...args: Parameters<Direct>): Promise<boolean> {
      return at >= directFrom ? original.apply(this, args) : Promise.resolve(false);
    };
  };
  // Both wrappers take the real methods before the spies replace them.
  const [continueLine, start] = [allowedFrom('continueRolePlayDirectly'), allowedFrom('startDirectly')];
  const spies = [
    vi.spyOn(MainDialog.prototype, 'continueRolePlayDirectly').mockImplementation(continueLine),
    vi.spyOn(MainDialog.prototype, 'startDirectly').mockImplementation(start),
  ];
  try {
    const { adapter, storage } = createTestBot();
    const steps = [];
    for (const [i, [line]] of SCRIPT.entries()) {
      at = i;
      const callsBefore = spies.map((spy) => spy.mock.results.length);
      const replies = await say(adapter, line);
      const results = spies.flatMap((spy, k) => spy.mock.results.slice(callsBefore[k]));
      const doneDirectly = (await Promise.all(results.map((result) => result.value as Promise<boolean>))).some(Boolean);
      const stored = await storage.read(['test/conversations/Convo1/']);
      // The eTag differs, and so does the waterfall's instance id (random per run).
      const state = JSON.parse(
        JSON.stringify(stored['test/conversations/Convo1/'])
          .replace(/"instanceId":"[^"]*"/g, '"instanceId":"…"')
          .replace(/"eTag":"[^"]*"/g, '"eTag":"…"'),
      ) as unknown;
      steps.push({
        line,
        way: doneDirectly ? 'direct' : 'stack',
        replies: replies.map(({ text, attachments, channelData }): Partial<Activity> => ({
          text,
          attachments,
          channelData: channelData as unknown,
        })),
        state,
      });
    }
    return steps;
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('a role-play started and played without the dialog stack', () => {
  it('answers and stores exactly what the dialog stack would, line by line, the debrief included', async () => {
    const viaStack = await play(Infinity);
    const direct = await play(0);
    // The first role-play really reaches the end on a trainee's line, not on /stop.
    const debriefAt = direct.findIndex((step) => texts(step.replies).includes('Hier is uw feedback'));
    expect(SCRIPT[debriefAt][0]).toMatch(/^Ik bel de afdeling nu/);
    expect(cards(direct[debriefAt].replies)).toHaveLength(1);
    for (const [i, step] of direct.entries()) {
      expect(step.way, `way of "${SCRIPT[i][0]}"`).toBe(SCRIPT[i][1]);
      expect({ ...step, way: 'stack' }, `after "${SCRIPT[i][0]}"`).toEqual(viaStack[i]);
    }
  });

  it('continues a conversation stored by the dialog stack alone (the code before the direct paths)', async () => {
    const viaStack = await play(Infinity);
    // Switched over in the middle of the first role-play, on the line that ends it, and at the /start after it.
    for (const switchAt of [3, 9, 11]) {
      const mixed = await play(switchAt);
      for (const [i, step] of mixed.entries())
        expect({ ...step, way: 'stack' }, `after "${SCRIPT[i][0]}", direct from line ${switchAt}`).toEqual(viaStack[i]);
      expect(mixed.slice(switchAt).some((step) => step.way === 'direct')).toBe(true);
    }
  });
});
