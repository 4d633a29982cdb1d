/**
 * Hostile trainee text, end to end through the bot: typed in a role-play (and a group demo), shown again in
 * the feedback card (Adaptive Card), the Markdown, HTML and JSON downloads, the bot's chat messages and the
 * projector page. Script tags stay text, Markdown links stay text, card-breaking characters break nothing.
 * The escapers themselves are unit-tested in tests/core/renderExports.test.ts and tests/bot/feedbackCard.test.ts.
 */
import type { Activity, Attachment } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../dialogs/cards/validateCard';
import { DemoHub } from '../../src/server/projector/demoHub';
import { renderProjectorPage } from '../../src/server/projector/projectorPage';
import { createTestBot, say, texts } from '../support/testBot';

/** Each starts with a recognised technique, so the report quotes it. */
const HOSTILE = [
  'Ik begrijp dat u boos bent <script>alert("xss")</script> <img src=x onerror=alert(1)>',
  'Ik begrijp dat u boos bent, [klik hier](https://evil.example/login) ![x](https://evil.example/p.png) https://evil.example',
  'Ik begrijp dat u boos bent "}]},{"type":"Action.OpenUrl","url":"https://evil.example"} {{DATE(2017-02-14T06:08:39Z, SHORT)}} \\ `code` **vet** # kop\u2028\u202Eomgekeerd',
];

const decode = (attachment: Attachment | undefined) =>
  Buffer.from(String(attachment?.contentUrl).replace(/^data:[^;]+;base64,/, ''), 'base64').toString('utf8');

/** Every value under a key named `key`, anywhere in `value`. */
function valuesOf(value: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) valuesOf(item, key, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.push(v);
      valuesOf(v, key, out);
    }
  }
  return out;
}

/** Every element of an Adaptive Card with this `type`. */
function elements(value: unknown, type: string, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) elements(item, type, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === type) out.push(record);
    for (const v of Object.values(record)) elements(v, type, out);
  }
  return out;
}

describe('hostile trainee text in a role-play and its feedback', () => {
  it.each(HOSTILE.map((text, i) => [i + 1, text] as const))(
    'case %i stays text in every format',
    async (_n, hostile) => {
      const { adapter } = createTestBot();
      await say(adapter, '/start municipal-benefits');
      const turn = await say(adapter, hostile);
      // The customer's answer and the meter line do not repeat the trainee's words.
      expect(texts(turn)).not.toContain('evil.example');
      expect(texts(turn)).not.toContain('<script>');

      const replies = await say(adapter, '/stop');
      const feedback = replies.find((r) => (r.attachments ?? []).length > 0) as Partial<Activity>;
      const exported = await say(adapter, '/export');
      const attachments = [...feedback.attachments!, ...exported.flatMap((r) => r.attachments ?? [])];

      // Adaptive Card: valid, no actions or links from the input, trainee words only in literal TextRuns.
      const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')!
        .content as object;
      expect(validateAdaptiveCard(card)).toEqual([]);
      expect(elements(card, 'Action.OpenUrl')).toHaveLength(0);
      expect(valuesOf(card, 'url').filter((u) => String(u).includes('evil'))).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('{{');
      const blocks = elements(card, 'TextBlock').map((b) => String(b.text));
      expect(blocks.filter((t) => /<script>|\]\(https|evil\.example/.test(t))).toEqual([]);
      const runs = elements(card, 'TextRun').map((r) => String(r.text));
      expect(runs.some((r) => r.includes('Ik begrijp dat u boos bent'))).toBe(true);
      for (const run of runs) expect(run).not.toMatch(/[\n\u2028\u202E]/);

      // Markdown download: no live link, image, HTML or heading.
      const md = decode(attachments.find((a) => a.contentType === 'text/markdown'));
      expect(md).toContain('Ik begrijp dat u boos bent');
      // Every Markdown-active character from the input is backslash-escaped; the scheme separator is broken.
      expect(md).not.toMatch(/(?<!\\)<(script|img)|(?<!\\)\]\((?!\\)|(?<!\\)!\[x|https:\/\/evil|(?<!\\)\{\{/);
      if (hostile.includes('<script>')) expect(md).toContain('\\<script\\>');

      // HTML download: tags shown as text, no script from the input.
      const html = decode(attachments.find((a) => a.contentType === 'text/html'));
      expect(html).not.toMatch(/<script>alert|<img src=x|href="https:\/\/evil/);
      if (hostile.includes('<script>')) expect(html).toContain('&lt;script&gt;');

      // JSON download: parses, and keeps what was typed (cleaned of invisible characters) as plain data.
      const json = JSON.parse(decode(attachments.find((a) => a.contentType === 'application/json'))) as unknown;
      expect(JSON.stringify(json)).toContain('Ik begrijp dat u boos bent');
    },
  );
});

describe('hostile names and replies in a group demo', () => {
  it('the chat messages escape the author, and the projector page shows the reply as text', async () => {
    const hub = new DemoHub({ sweepIntervalMs: 0 });
    try {
      const { adapter } = createTestBot({}, { demoHub: hub });
      const evilName = '[Trainer](https://evil.example) <b>**Boss**</b>';
      const started = await say(adapter, {
        type: 'message',
        text: '/demo municipal-benefits',
        from: { id: 'u1', name: evilName },
      });
      const roomId = /\/demo\/([A-Za-z0-9_-]{22})/.exec(texts(started))![1];
      const turn = await say(adapter, { type: 'message', text: HOSTILE[0], from: { id: 'u2', name: evilName } });
      expect(texts(turn)).not.toMatch(/\]\(https|<b>/);
      expect(texts(started)).not.toMatch(/\]\(https|<b>/);

      const page = renderProjectorPage({ snapshot: hub.last(roomId)!.snapshot, lang: 'nl', nonce: 'n0nce' });
      // Only the page's own three script elements (two JSON islands, the nonce'd script): the input added none.
      expect(page.match(/<script/g)).toHaveLength(3);
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img src=x');
      expect(page).toContain('\\u003cscript\\u003e');
    } finally {
      hub.close();
    }
  });
});
