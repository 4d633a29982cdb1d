/**
 * The JSON export of the debrief plus the whole conversation, and the transcript
 * shape all exports take. Pure.
 */
import type { Report } from './types';

/** What the exports need of the conversation: the session's transcript fits as it is. */
export interface ExportTranscriptEntry {
  role: 'customer' | 'trainee';
  text: string;
  anger: number;
  labels: readonly string[];
}

/** Identifies the file when a trainee brings it back (or a trainer collects several). */
export const EXPORT_FORMAT = 'deescalation-debrief';

/** Copies with object keys in sorted order (arrays keep theirs); drops undefined values. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
    }
    return sorted;
  }
  return value;
}

/**
 * The report and the transcript as pretty JSON with a stable key order: the same
 * session always gives the same bytes, whatever order the fields were built in.
 * Only the fields of `ExportTranscriptEntry` are kept from each transcript entry.
 *
 * @example
 * const json = renderReportJson(report, session.transcript);
 */
export function renderReportJson(report: Report, transcript: readonly ExportTranscriptEntry[]): string {
  const document = {
    format: EXPORT_FORMAT,
    schemaVersion: 1,
    report,
    transcript: transcript.map((e) => ({ role: e.role, text: e.text, anger: e.anger, labels: [...e.labels] })),
  };
  return JSON.stringify(sortKeys(document), null, 2) + '\n';
}
