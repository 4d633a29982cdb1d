/**
 * How large `/export` is where it goes out as messages (a Teams group chat: the Markdown as text) and as files
 * (Web Chat: data URLs), before and after the text is split to fit the channel's budget (session 9).
 * municipal-passport played for 8, 25 and 40 turns with short replies, replies of 2,000 characters, of emoji up
 * to 2,000 UTF-16 units, and of 2,000 characters that Markdown must escape (every one a backslash more).
 * Sizes in KB of the serialized activity counted as UTF-16, as Teams counts them; Web Chat's files also in
 * characters of JSON, as Azure's Direct Line counts them (at most 300,000 an activity).
 *
 *   npm run bench:export-size
 */
import { buildExportActivities, CHANNELS, renderExportFile, textMessages, utf16Bytes } from '../dialogs';
import { buildReport, playScript, type Session, type Stage } from '../src/core';
import { findPersona, loadDefaultClassifier, loadPersonaLibrary } from '../src/content';
import { LONGEST_REPLY, SIZE_PERSONA, SIZE_TURNS, replyOf, type ReplyLength } from './debriefSizeRolePlays';

const library = loadPersonaLibrary();
const persona = findPersona(library, SIZE_PERSONA);
if (!persona) throw new Error(`no persona ${SIZE_PERSONA}`);
const stage: Stage = { persona, common: library.common, classifier: loadDefaultClassifier() };
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

type Replies = ReplyLength | 'escaped';
const LINE = 'Wat is er precies gebeurd?';
/** `*_[]` throughout: the Markdown export escapes each, the most a reply of 2,000 characters can cost there. */
const ESCAPED = `${LINE} ${'*_[]'.repeat(LONGEST_REPLY / 4)}`.slice(0, LONGEST_REPLY);

function rolePlay(turns: number, replies: Replies): Session {
  const reply = replies === 'escaped' ? ESCAPED : replyOf(LINE, replies);
  const script = [...Array.from({ length: turns }, () => reply), '/stop'];
  return playScript(stage, script, { lang: 'nl', seed: 1, difficulty: 'easy' }).session;
}

const rows: string[][] = [
  [
    'turns',
    'replies',
    'Teams before KB',
    'parts',
    'largest KB',
    'budget KB',
    'cut',
    'Web Chat all files KB',
    'messages',
    'largest KB',
    'largest chars',
    'budget KB',
  ],
];
for (const turns of SIZE_TURNS) {
  for (const replies of ['short', 'long', 'emoji', 'escaped'] satisfies Replies[]) {
    const session = rolePlay(turns, replies);
    const report = buildReport(session, persona);
    const markdown = renderExportFile(report, session, 'markdown').content;
    const teams = textMessages({ text: markdown, channelId: 'msteams', lang: 'nl', whereWhole: '' });
    const files = buildExportActivities(report, session, 'webchat');
    const allFiles = { ...files[0], attachments: files.flatMap((message) => message.attachments ?? []) };
    const largestFiles = Math.max(...files.map(utf16Bytes));
    rows.push([
      String(session.turns.length),
      replies,
      kb(teams.wholeBytes),
      String(teams.activities.length),
      kb(teams.largestBytes),
      kb(teams.budgetBytes),
      teams.cut ? 'yes' : 'no',
      kb(utf16Bytes(allFiles)),
      String(files.length),
      kb(largestFiles),
      String(largestFiles / 2),
      kb(CHANNELS.webchat.messageBudgetBytes),
    ]);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
