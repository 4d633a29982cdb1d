/**
 * Reports as files in Microsoft Teams. Teams takes a file from a bot only in a personal chat and only after the
 * user agrees: the bot sends a file consent card; on "Allow" Teams sends a `fileConsent/invoke` with an upload
 * address in the user's OneDrive, the bot uploads the file there and shows it with a file info card.
 */
import type { Activity, FileConsentCardResponse } from 'botbuilder';
import type { Lang } from '../src/core';
import type { ExportFile, ExportFormat } from './feedbackMessage';
import { t } from './texts';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** What the consent card carries, and Teams sends back: which report, of which role-play. */
export interface ExportConsent {
  format: ExportFormat;
  /** When the role-play ended: tells a card for an older role-play from one for the last. */
  endedAt: number;
}

export function isExportConsent(value: unknown): value is ExportConsent {
  const v = value as Partial<ExportConsent> | undefined;
  return (
    !!v &&
    typeof v === 'object' &&
    (v.format === 'markdown' || v.format === 'html' || v.format === 'json') &&
    typeof v.endedAt === 'number'
  );
}

export function buildFileConsentActivity(file: ExportFile, consent: ExportConsent, lang: Lang): Partial<Activity> {
  return {
    type: 'message',
    text: t('exportFileOffer', lang),
    attachments: [
      {
        contentType: FILE_CONSENT_CARD,
        name: file.name,
        content: {
          description: t('exportFileDescription', lang),
          sizeInBytes: Buffer.byteLength(file.content, 'utf8'),
          acceptContext: consent,
          declineContext: consent,
        },
      },
    ],
  };
}

/** The uploaded file, as Teams shows it in the chat. */
export function buildFileInfoActivity(
  uploadInfo: NonNullable<FileConsentCardResponse['uploadInfo']>,
  lang: Lang,
): Partial<Activity> {
  return {
    type: 'message',
    text: t('exportFileSaved', lang),
    attachments: [
      {
        contentType: FILE_INFO_CARD,
        contentUrl: uploadInfo.contentUrl,
        name: uploadInfo.name,
        content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType },
      },
    ],
  };
}

export interface UploadOptions {
  /** Plain http as well (tests with a local server); Teams always gives an https address. */
  allowHttp?: boolean;
  fetch?: typeof fetch;
}

/**
 * Puts the file at the upload address Teams gave (one request, the whole file, as Teams documents it). Refuses
 * anything but https, so a forged invoke cannot make the bot send a report elsewhere.
 */
export async function uploadFile(uploadUrl: string, file: ExportFile, options: UploadOptions = {}): Promise<void> {
  const url = new URL(uploadUrl);
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:'))
    throw new Error(`refused upload address scheme ${url.protocol}`);
  const body = Buffer.from(file.content, 'utf8');
  const response = await (options.fetch ?? fetch)(url, {
    method: 'PUT',
    headers: { 'Content-Type': file.contentType, 'Content-Range': `bytes 0-${body.length - 1}/${body.length}` },
    body,
  });
  if (!response.ok) throw new Error(`upload answered ${response.status}`);
}
