/**
 * The real app (as `npm start` wires it, memory storage) on a free loopback port, played through the embedded
 * Direct Line with the official botframework-directlinejs client: greeting, a whole role-play, the debrief.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectLine, type Activity, type DirectLineOptions } from 'botframework-directlinejs';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { installXhrShim } from '../server/support/xhrShim';

type Seen = Activity & {
  text?: string;
  replyToId?: string;
  attachments?: Array<{ contentType: string; content?: unknown; name?: string }>;
};

let app: RunningApp;
let uninstall: () => void;

beforeAll(async () => {
  app = await startApp({ env: { PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory' } }, { log: silentLogger });
  uninstall = installXhrShim();
});

afterAll(async () => {
  uninstall?.();
  await app?.close();
});

describe('a whole role-play over the embedded Direct Line', () => {
  it('greets in English, plays a skilled conversation to a resolution, and sends the debrief', async () => {
    const domain = `${app.url}v3/directline`;
    const token = ((await (await fetch(`${domain}/tokens/generate`, { method: 'POST' })).json()) as { token: string })
      .token;
    const directLine = new DirectLine({
      domain,
      token,
      webSocket: false,
      pollingInterval: 150,
      WebSocket: class {},
    } as unknown as DirectLineOptions);
    const received: Seen[] = [];
    const subscription = directLine.activity$.subscribe((a) => received.push(a));
    const post = (activity: Partial<Activity>) =>
      new Promise<string>((resolve, reject) =>
        directLine
          .postActivity({ from: { id: 'trainee-7', role: 'user' }, ...activity } as Activity)
          .subscribe(resolve, reject),
      );
    const repliesTo = async (id: string, count = 1) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const replies = received.filter((a) => a.replyToId === id && a.from?.role === 'bot');
        if (replies.length >= count) return replies;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} replies to ${id}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const say = async (text: string) =>
      (await repliesTo(await post({ type: 'message', text }))).map((a) => a.text ?? '').join('\n');

    try {
      const greeting = await repliesTo(await post({ type: 'event', name: 'webchat/join', value: { lang: 'en' } }), 2);
      expect(greeting[0].text).toMatch(/^Welcome to the practice desk/);

      // One message: the briefing card, with the customer's first words and the anger meter under them.
      const started = await repliesTo(await post({ type: 'message', text: '/start municipal-benefits' }));
      expect(JSON.stringify(started[0].attachments)).toMatch(/Anger \d+\/100/);

      const replies = [
        "Go on, I'm listening.",
        'I can see this really upsets you, and I understand why.',
        'What exactly happened, and what matters most to you right now?',
        'So if I understand you correctly, the form went missing and now you have no money, is that right?',
        'I can look into it for you today, or I can pass it on as urgent right away. Which would you prefer?',
        "Then I'll call you back tomorrow before twelve with the answer.",
      ];
      let debrief: Seen | undefined;
      for (const reply of replies) {
        const id = await post({ type: 'message', text: reply });
        const answers = await repliesTo(id);
        expect(answers[0].text).toMatch(/Anger \d+\/100/);
        await new Promise((r) => setTimeout(r, 300));
        debrief = received.find(
          (a) =>
            a.replyToId === id &&
            (a.attachments ?? []).some((x) => x.contentType === 'application/vnd.microsoft.card.adaptive'),
        );
        if (debrief) break;
      }
      expect(debrief, 'the role-play ends resolved with a debrief').toBeDefined();
      // One message: the customer's last words (with the meter), then the debrief's line and card.
      expect(debrief!.text).toMatch(/^\*\*.+:\*\* [\s\S]*Anger \d+\/100[\s\S]*\n\nHere is your feedback\. Resolved/);
      const card = JSON.stringify(
        debrief!.attachments!.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')!.content,
      );
      expect(card).toContain('Acknowledge the emotion');
      const exported = await repliesTo(
        await post({ type: 'message', value: { action: 'export', format: 'markdown' } }),
      );
      expect(exported[0].attachments!.map((a) => a.name)).toEqual(['debrief-municipal-benefits.md']);

      expect(await say('/progress')).toMatch(/Town hall: the benefit payment has not arrived · \d+\/100 · resolved/);
    } finally {
      subscription.unsubscribe();
      directLine.end();
    }
  });
});
