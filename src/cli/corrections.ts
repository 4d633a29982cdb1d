/**
 * The corrections trainers and trainees marked in the debrief, from the storage the bot uses (per config:
 * STORAGE, DATA_DIR, …).
 *
 *   npm run --silent corrections -- export   JSON lines in the evaluation format, ready for a rule file's examples
 *   npm run --silent corrections -- list     a readable table
 *
 * Export rows: {"id","lang","text","labels","note"?,"setting","source","judged"} — `labels` is what the
 * correction says is right, `judged` what the classifier gave.
 */
import { loadConfig } from '../config';
import { isLang, isTechniqueId, shorten, type Lang, type TechniqueId } from '../core';
import { createStorage, readCorrectionItems } from '../storage';
import { endQuietlyWhenOutputCloses } from './closedPipe';

endQuietlyWhenOutputCloses();

const USAGE = 'usage: corrections export|list   (reads the storage configured by STORAGE, DATA_DIR, …)\n';

export interface CorrectionRow {
  id: string;
  lang: Lang;
  text: string;
  labels: TechniqueId[];
  note?: string;
  setting: string;
  source: string;
  judged: TechniqueId[];
}

const isLabels = (value: unknown): value is TechniqueId[] => Array.isArray(value) && value.every(isTechniqueId);

/** A stored correction as an evaluation row; undefined for anything that is not one (skipped, never guessed). */
export function toRow(item: unknown): CorrectionRow | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const c = item as Record<string, unknown>;
  if (typeof c.id !== 'string' || !isLang(c.lang) || typeof c.text !== 'string' || c.text.trim() === '')
    return undefined;
  if (!isLabels(c.labels) || !isLabels(c.judged)) return undefined;
  return {
    id: `${c.lang}-corr-${c.id}`,
    lang: c.lang,
    text: c.text,
    labels: c.labels,
    ...(typeof c.note === 'string' && c.note !== '' ? { note: c.note } : {}),
    setting: typeof c.setting === 'string' ? c.setting : 'unknown',
    source: `correction:${typeof c.source === 'string' ? c.source : 'unknown'}`,
    judged: c.judged,
  };
}

function table(rows: readonly CorrectionRow[]): string {
  if (rows.length === 0) return 'No corrections.\n';
  const lines = rows.map((r) =>
    [r.lang, r.setting, r.judged.join(',') || '-', r.labels.join(',') || '-', shorten(r.text, 60)].join(' | '),
  );
  return `${['lang', 'setting', 'judged', 'corrected to', 'text'].join(' | ')}\n${lines.join('\n')}\n`;
}

async function main(argv: readonly string[]): Promise<number> {
  const mode = argv[0];
  if (mode !== 'export' && mode !== 'list') {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  const rows = (await readCorrectionItems(createStorage(config.storage))).flatMap((item) => toRow(item) ?? []);
  if (mode === 'export') process.stdout.write(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  else process.stdout.write(table(rows));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      process.stderr.write(`corrections: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
