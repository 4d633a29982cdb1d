/**
 * `/export` in Microsoft Teams: in a personal chat the report comes as a file, after the trainee allows it (file
 * consent card → fileConsent/invoke → upload to the address Teams gives → file info card). The upload goes to a
 * local server here, standing in for OneDrive.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FILE_CONSENT_CARD, FILE_INFO_CARD, uploadFile } from '../../dialogs/teamsFiles';
import { createTestBot, say, texts } from '../support/testBot';

interface Upload {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let uploads: Upload[] = [];
let answerStatus = 201;
const uploadUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/drive/upload-session`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      uploads.push({ method: req.method ?? '', headers: req.headers, body });
      res.writeHead(answerStatus).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  uploads = [];
  answerStatus = 201;
});

const PERSONAL = { id: 'a:1personal-conversation-id', conversationType: 'personal', tenantId: 'tenant' };
const GROUP = { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId: 'tenant' };
const message = (text: string, conversation = PERSONAL): Partial<Activity> => ({
  type: 'message',
  channelId: 'msteams',
  text,
  conversation: conversation as Activity['conversation'],
});
const consentAnswer = (action: 'accept' | 'decline', context: unknown): Partial<Activity> => ({
  type: 'invoke',
  name: 'fileConsent/invoke',
  channelId: 'msteams',
  replyToId: 'consent-card-1',
  conversation: PERSONAL as Activity['conversation'],
  value: {
    type: 'fileUpload',
    action,
    context,
    uploadInfo: {
      name: 'feedback-municipal-benefits.html',
      uploadUrl: uploadUrl(),
      contentUrl: 'https://contoso-my.sharepoint.com/feedback.html',
      uniqueId: 'file-1',
      fileType: 'html',
    },
  },
});
const messagesOf = (replies: Partial<Activity>[]) => replies.filter((r) => r.type === 'message');

/** A finished role-play in a Teams chat, then `/export`: returns the bot and the consent card's context. */
async function exportInTeams(conversation = PERSONAL, command = '/export') {
  const bot = createTestBot({}, { uploadFile: (url, file) => uploadFile(url, file, { allowHttp: true }) });
  await say(bot.adapter, message('/start municipal-benefits', conversation));
  await say(bot.adapter, message('Ik begrijp dat u boos bent. <script>alert(1)</script>', conversation));
  expect(texts(await say(bot.adapter, message('/stop', conversation)))).toMatch(/Hier is uw feedback/);
  const offer = messagesOf(await say(bot.adapter, message(command, conversation)));
  return { ...bot, offer };
}

describe('/export in a Teams personal chat', () => {
  it('offers the report as a file; on Allow it is uploaded where Teams said and shown as a file card', async () => {
    const { adapter, offer } = await exportInTeams();
    expect(offer).toHaveLength(1);
    const card = offer[0].attachments![0];
    expect(card.contentType).toBe(FILE_CONSENT_CARD);
    expect(card.name).toBe('feedback-municipal-benefits.html');
    expect(texts(offer)).toMatch(/Toestaan/);
    const { acceptContext, sizeInBytes } = card.content as { acceptContext: unknown; sizeInBytes: number };

    const replies = messagesOf(await say(adapter, consentAnswer('accept', acceptContext)));
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload.method).toBe('PUT');
    expect(upload.headers['content-range']).toBe(`bytes 0-${sizeInBytes - 1}/${sizeInBytes}`);
    expect(upload.body).toContain('<html');
    expect(upload.body).toContain('Ik begrijp dat u boos bent.');
    expect(upload.body).not.toContain('<script>alert(1)</script>'); // what the trainee typed is escaped in the file too
    expect(replies.map((r) => r.attachments?.[0]?.contentType)).toEqual([FILE_INFO_CARD]);
    expect(replies[0].attachments![0].contentUrl).toBe('https://contoso-my.sharepoint.com/feedback.html');
  });

  it('gives the format asked for (/export json)', async () => {
    const { adapter, offer } = await exportInTeams(PERSONAL, '/export json');
    const card = offer[0].attachments![0];
    expect(card.name).toBe('feedback-municipal-benefits.json');
    await say(adapter, consentAnswer('accept', (card.content as { acceptContext: unknown }).acceptContext));
    expect((JSON.parse(uploads[0].body) as { transcript: unknown[] }).transcript.length).toBeGreaterThan(2);
  });

  it('on Decline nothing is uploaded and the trainee is told how to get it later', async () => {
    const { adapter, offer } = await exportInTeams();
    const replies = messagesOf(
      await say(
        adapter,
        consentAnswer('decline', (offer[0].attachments![0].content as { declineContext: unknown }).declineContext),
      ),
    );
    expect(uploads).toHaveLength(0);
    expect(texts(replies)).toMatch(/niet bewaard.*\/export/);
  });

  it('a card of an earlier role-play, or a forged answer, uploads nothing', async () => {
    const { adapter, offer } = await exportInTeams();
    const { acceptContext } = offer[0].attachments![0].content as { acceptContext: { endedAt: number } };
    for (const context of [
      { ...acceptContext, endedAt: acceptContext.endedAt - 1 },
      { format: 'exe', endedAt: acceptContext.endedAt },
      'not an object',
      undefined,
    ]) {
      expect(texts(messagesOf(await say(adapter, consentAnswer('accept', context))))).toMatch(
        /Dat verslag is er niet meer/,
      );
    }
    expect(uploads).toHaveLength(0);
  });

  it('when OneDrive refuses the upload, the trainee is told and can try again', async () => {
    const { adapter, offer } = await exportInTeams();
    answerStatus = 500;
    const replies = messagesOf(
      await say(
        adapter,
        consentAnswer('accept', (offer[0].attachments![0].content as { acceptContext: unknown }).acceptContext),
      ),
    );
    expect(texts(replies)).toMatch(/lukte niet.*\/export/);
    expect(replies.some((r) => r.attachments?.length)).toBe(false);
  });
});

describe('/export in a Teams group chat', () => {
  it('comes as a readable message, since Teams takes no files from a bot there', async () => {
    const { offer } = await exportInTeams(GROUP);
    expect(offer[0].attachments ?? []).toHaveLength(0);
    expect(texts(offer)).toMatch(/Ik begrijp dat u boos bent\./);
  });
});

describe('uploadFile', () => {
  const file = { name: 'r.md', contentType: 'text/markdown', content: '# r' };
  it('sends only to https addresses (plain http only when a test allows it)', async () => {
    await expect(uploadFile(uploadUrl(), file)).rejects.toThrow(/scheme http:/);
    await expect(uploadFile('file:///etc/passwd', file, { allowHttp: true })).rejects.toThrow(/scheme file:/);
    await uploadFile(uploadUrl(), file, { allowHttp: true });
    expect(uploads.map((u) => u.body)).toEqual(['# r']);
  });
});
