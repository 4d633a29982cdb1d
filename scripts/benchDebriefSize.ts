/**
 * How large the debrief's message is, before and after it is made to fit its channel's budget (issue 16's
 * debrief, session 9): municipal-passport played for 8, 25 and 40 turns with short replies and with replies of
 * 2,000 characters (and of emoji up to 2,000 UTF-16 units), on Teams (hosted chart) and Web Chat (inline SVG).
 * Sizes in KB of the serialized activity counted as UTF-16, as Teams counts them (2 bytes per code unit).
 *
 *   npm run bench:debrief-size
 */
import { findPersona, loadDefaultClassifier, loadPersonaLibrary } from '../src/content';
import { fitDebrief } from '../dialogs';
import { SIZE_PERSONA, SIZE_TURNS, sizeRolePlay, type ReplyLength } from './debriefSizeRolePlays';

const library = loadPersonaLibrary();
const persona = findPersona(library, SIZE_PERSONA);
if (!persona) throw new Error(`no persona ${SIZE_PERSONA}`);
const stage = { persona, common: library.common, classifier: loadDefaultClassifier() };
const HOSTED_CHART = 'https://bot.example.org/charts/0123456789abcdef.png';
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const rows: string[][] = [['turns', 'replies', 'channel', 'whole card KB', 'sent KB', 'budget KB', 'form', 'listed']];
for (const turns of SIZE_TURNS) {
  for (const length of ['short', 'long', 'emoji'] satisfies ReplyLength[]) {
    const { report, transcript } = sizeRolePlay(stage, turns, length);
    for (const channelId of ['msteams', 'webchat']) {
      const fit = fitDebrief({ report, channelId, transcript, hostedChartUrl: HOSTED_CHART });
      rows.push([
        String(turns),
        length,
        channelId,
        kb(fit.wholeCardBytes ?? fit.bytes),
        kb(fit.bytes),
        kb(fit.budgetBytes),
        fit.form,
        `${fit.listedTurns}/${fit.judgedTurns}`,
      ]);
    }
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
