import { CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { Report, Session } from '../core';
import { renderAngerChartSvg } from '../core/report/angerChart';
import { renderReportMarkdown } from '../core/report/renderMarkdown';
import { buildFeedbackText } from '../core/report/renderText';
import { buildFeedbackCard } from './cards/feedbackCard';
import { t } from './texts';

/** Channels that show a file attachment with a data URL as a download link. */
const DOWNLOAD_CHANNELS = new Set(['directline', 'webchat', 'emulator', 'test']);

/**
 * The debrief as one message: the Adaptive Card with the anger chart inline
 * (SVG where the client can show it, a hosted PNG for Teams), the plain-text version as
 * the card's fallback, and the report plus transcript as a Markdown download.
 */
export function buildFeedbackActivity(report: Report, session: Session, channelId: string, hostedChartUrl?: string): Partial<Activity> {
  // Teams shows neither SVG nor large data URLs: it gets the PNG from our server, or the sparkline.
  const chartUrl =
    channelId === 'msteams'
      ? hostedChartUrl
      : `data:image/svg+xml;base64,${Buffer.from(renderAngerChartSvg(report), 'utf8').toString('base64')}`;
  const card = { ...buildFeedbackCard(report, chartUrl ? { chartUrl } : {}), fallbackText: buildFeedbackText(report) };
  const attachments: Attachment[] = [CardFactory.adaptiveCard(card)];
  if (DOWNLOAD_CHANNELS.has(channelId)) {
    const markdown = renderReportMarkdown(report, session.transcript);
    attachments.push({
      contentType: 'text/markdown',
      name: report.lang === 'nl' ? `feedback-${report.personaId}.md` : `debrief-${report.personaId}.md`,
      contentUrl: `data:text/markdown;base64,${Buffer.from(markdown, 'utf8').toString('base64')}`,
    });
  }
  return {
    type: 'message',
    text: `${t('feedbackIntro', report.lang)} ${report.outcomeText} ${report.score}/100`,
    attachments,
    channelData: { report: { outcome: report.outcome, score: report.score, angerCurve: report.angerCurve } },
  };
}
