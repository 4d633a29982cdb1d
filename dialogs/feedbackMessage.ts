import type { Activity, Attachment } from 'botbuilder';
import {
  debriefView,
  renderAngerChartSvg,
  renderReportHtml,
  renderReportJson,
  renderReportMarkdown,
  type ExportTranscriptEntry,
  type Report,
  type Session,
} from '../src/core';
import { capabilitiesOf } from './channels';
import { fitDebrief } from './debriefFit';

export type ExportFormat = 'markdown' | 'html' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'html', 'json'];

/** Channels that show a file attachment with a data URL as a download link. */
export function canDownload(channelId: string): boolean {
  return capabilitiesOf(channelId).downloadLinks;
}

/** One downloadable form of a finished role-play: the report and the whole transcript. */
export interface ExportFile {
  name: string;
  contentType: string;
  content: string;
}

export function renderExportFile(report: Report, session: Session, format: ExportFormat): ExportFile {
  const base = `${report.lang === 'nl' ? 'feedback' : 'debrief'}-${report.personaId}`;
  switch (format) {
    case 'markdown':
      return {
        name: `${base}.md`,
        contentType: 'text/markdown',
        content: renderReportMarkdown(debriefView(report, session.transcript)),
      };
    case 'html':
      return {
        name: `${base}.html`,
        contentType: 'text/html',
        content: renderReportHtml(debriefView(report, session.transcript), { chartSvg: renderAngerChartSvg(report) }),
      };
    case 'json':
      return {
        name: `${base}.json`,
        contentType: 'application/json',
        content: renderReportJson(report, session.transcript),
      };
  }
}

/**
 * The report and the whole transcript as files (web chat), or, where a channel cannot take files from a bot
 * this way (Teams: see teamsFiles.ts), as one readable message.
 */
export function buildExportActivity(
  report: Report,
  session: Session,
  channelId: string,
  formats: readonly ExportFormat[] = EXPORT_FORMATS,
): Partial<Activity> {
  if (!canDownload(channelId))
    return {
      type: 'message',
      text: renderReportMarkdown(debriefView(report, session.transcript)),
      textFormat: 'markdown',
    };
  const attachment = ({ name, contentType, content }: ExportFile): Attachment => ({
    contentType,
    name,
    contentUrl: `data:${contentType};base64,${Buffer.from(content, 'utf8').toString('base64')}`,
  });
  return {
    type: 'message',
    text: report.lang === 'nl' ? 'Uw verslag en het hele gesprek:' : 'Your report and the whole conversation:',
    attachments: formats.map((format) => attachment(renderExportFile(report, session, format))),
  };
}

/**
 * The debrief as one message: the Adaptive Card with the anger chart inline (SVG where the client can show it,
 * a hosted PNG for Teams) and the plain-text version as the card's fallback, made to fit the channel's message
 * size (debriefFit.ts); the plain text alone when not even the shortest card fits.
 */
export function buildFeedbackActivity(
  report: Report,
  channelId: string,
  hostedChartUrl?: string,
  transcript: readonly ExportTranscriptEntry[] = [],
): Partial<Activity> {
  const { activities } = fitDebrief({ report, channelId, transcript, ...(hostedChartUrl ? { hostedChartUrl } : {}) });
  return activities[0];
}
