import { CardFactory, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { isMessageTooLarge, offerPlainAlternative, sendPlainWhenTooLarge } from '../../dialogs/plainWhenTooLarge';

const card = (name: string): Partial<Activity> => ({
  type: 'message',
  text: name,
  attachments: [CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [] })],
});
const text = (value: string): Partial<Activity> => ({ type: 'message', text: value });

/** A channel that refuses the messages named in `refuse` as Teams does (413 MessageSizeTooBig). */
function channelRefusing(refuse: string[], turn: (context: TurnContext) => Promise<void>) {
  const warnings: Record<string, unknown>[] = [];
  const log = {
    debug: () => {},
    info: () => {},
    warn: (_: string, fields?: Record<string, unknown>) => warnings.push(fields ?? {}),
  };
  const adapter = new TestAdapter(async (context) => {
    sendPlainWhenTooLarge(context, log);
    await turn(context);
  });
  const send = adapter.sendActivities.bind(adapter);
  let calls = 0;
  adapter.sendActivities = async (context, activities) => {
    calls += 1;
    if (activities.some((a) => refuse.includes(String(a.text))))
      throw Object.assign(new Error('Message size too large.'), { statusCode: 413, code: 'MessageSizeTooBig' });
    return send(context, activities);
  };
  return { adapter, warnings, calls: () => calls };
}

describe('the plain-text safety net at sending', () => {
  it('sends the refused card plain instead, the replies around it once each, in order', async () => {
    const debrief = card('debrief card');
    const { adapter, warnings } = channelRefusing(['debrief card'], async (context) => {
      offerPlainAlternative(context, debrief, {
        activities: [text('customer: bye'), text('debrief as text')],
        sizes: { form: 'someTurns', bytes: 65_000 },
      });
      const responses = await context.sendActivities([text('before'), debrief, text('after')]);
      expect(responses).toHaveLength(3);
    });
    await adapter.send('/stop');
    expect(adapter.activeQueue.map((a) => a.text)).toEqual(['before', 'customer: bye', 'debrief as text', 'after']);
    expect(warnings).toEqual([{ form: 'someTurns', bytes: 65_000, status: '413', sentInstead: 'plainText' }]);
  });

  it('leaves every other refusal, and replies without an alternative, as they were', async () => {
    const other = channelRefusing(['a card without alternative'], async (context) => {
      await context.sendActivity(card('a card without alternative'));
    });
    await expect(other.adapter.send('hi')).rejects.toThrow('Message size too large.');
    const plain = channelRefusing([], async (context) => {
      await context.sendActivities([text('one'), text('two')]);
    });
    await plain.adapter.send('hi');
    expect(plain.adapter.activeQueue.map((a) => a.text)).toEqual(['one', 'two']);
    expect(plain.calls()).toBe(1);
  });

  it.each([
    [{ statusCode: 413 }, true],
    [{ code: 'MessageSizeTooBig' }, true],
    [{ code: 'RequestEntityTooLarge' }, true],
    [{ statusCode: 500 }, false],
    [{ statusCode: 412, code: 'PreconditionFailed' }, false],
    ['413', false],
    [undefined, false],
  ])('isMessageTooLarge(%j) is %s', (error, expected) => {
    expect(isMessageTooLarge(error)).toBe(expected);
  });
});
