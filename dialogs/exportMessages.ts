/**
 * How an export (a solo role-play's or a group demo's: the report and every line said) goes out on a channel
 * without a file consent card: as data-URL files where the client shows them as downloads (Web Chat), else as its
 * Markdown in messages within the channel's size budget (messageParts.ts).
 */
import type { Activity, Attachment } from 'botbuilder';
import type { Lang } from '../src/core';
import { capabilitiesOf, utf16Bytes } from './channels';
import { textMessages } from './messageParts';

export type ExportFormat = 'markdown' | 'html' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'html', 'json'];

/** One downloadable form of an export. */
export interface ExportFile {
  name: string;
  contentType: string;
  content: string;
}

export interface ExportDelivery {
  channelId: string;
  lang: Lang;
  /** The forms asked for, as files (the text messages are always the Markdown). */
  formats: readonly ExportFormat[];
  fileOf: (format: ExportFormat) => ExportFile;
  /** The line above the files. */
  filesIntro: string;
  /** Where the whole is, said when the text is too long even for several messages. */
  whereWhole: string;
}

/** Channels that show a file attachment with a data URL as a download link. */
export function canDownload(channelId: string): boolean {
  return capabilitiesOf(channelId).downloadLinks;
}

/**
 * The export's messages, in order.
 *
 * Files that together exceed the channel's budget go one to a message, the first after the intro line. A file
 * cannot be split (its parts would not open) and its size grows with the role-play: 40 replies of 2,000
 * characters make each file 120,000 to 294,000 characters as a data URL, the three together up to 1.6 MB as
 * Teams counts (npm run bench:export-size), far over Web Chat's 96 KB. That budget keeps a card quick to lay out;
 * Web Chat shows a data-URL file as a download link and lays out nothing of it, so it may pass the budget. What
 * it may not pass is the transport's own limit: Azure's Direct Line takes an activity of at most 300,000
 * characters of JSON and the embedded one a conversation's whole log (DIRECTLINE_CONVERSATION_KB, 1 MB by
 * default), which one message with all three files would exceed and one file does not.
 */
export function exportMessages(delivery: ExportDelivery): Partial<Activity>[] {
  const { channelId, lang, fileOf, formats } = delivery;
  if (!canDownload(channelId)) {
    const text = fileOf('markdown').content;
    return textMessages({ text, channelId, lang, whereWhole: delivery.whereWhole }).activities;
  }
  const attachments = formats.map((format) => dataUrlAttachment(fileOf(format)));
  const together: Partial<Activity> = { type: 'message', text: delivery.filesIntro, attachments };
  if (utf16Bytes(together) <= capabilitiesOf(channelId).messageBudgetBytes) return [together];
  return attachments.map((attachment, i) => ({
    type: 'message',
    ...(i === 0 ? { text: delivery.filesIntro } : {}),
    attachments: [attachment],
  }));
}

function dataUrlAttachment({ name, contentType, content }: ExportFile): Attachment {
  return {
    contentType,
    name,
    contentUrl: `data:${contentType};base64,${Buffer.from(content, 'utf8').toString('base64')}`,
  };
}
