import type { Activity } from 'botbuilder';
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
import { fitDebrief } from './debriefFit';
import { exportMessages, type ExportFile, type ExportFormat, EXPORT_FORMATS } from './exportMessages';
import { t } from './texts';

export { canDownload, EXPORT_FORMATS, type ExportFile, type ExportFormat } from './exportMessages';

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
 * this way (Teams: see teamsFiles.ts), as readable messages within the channel's size (exportMessages.ts).
 */
export function buildExportActivities(
  report: Report,
  session: Session,
  channelId: string,
  formats: readonly ExportFormat[] = EXPORT_FORMATS,
): Partial<Activity>[] {
  return exportMessages({
    channelId,
    lang: report.lang,
    formats,
    fileOf: (format) => renderExportFile(report, session, format),
    filesIntro: report.lang === 'nl' ? 'Uw verslag en het hele gesprek:' : 'Your report and the whole conversation:',
    whereWhole: t('exportWholeAsFile', report.lang),
  });
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
