/**
 * A stored role-play keeps what the trainee was told. A trainer edits a persona (a line, a threshold, the title)
 * and a classifier rule after a role-play; the bot restarts on the edited content. The old role-play's debrief,
 * `/export` (Markdown, HTML, JSON), `/progress`, `/why` and its corrections stay byte for byte what they were,
 * while a new role-play runs on the new content and says so in its versions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MemoryStorage, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrectionStore } from '../../src/bot/correctionStore';
import { loadClassifierRules, loadPersonaLibrary, loadRuleVersions, type PersonaLibrary } from '../../src/content';
import {
  buildReport,
  createClassifier,
  isSessionRecord,
  sessionFromRecord,
  type Classifier,
  type Lang,
  type SessionRecord,
} from '../../src/core';
import type { Correction } from '../../dialogs';
import { buildFeedbackActivity } from '../../dialogs/feedbackMessage';
import { findRepoRoot } from '../../src/repoRoot';
import { ANY_NUMBER, keptRecord, readPresent, type StoredConversation } from '../support/stored';
import { createTestBot, say } from '../support/testBot';

const PERSONA = 'municipal-benefits';
const CHANNEL = 'webchat';
const CONVERSATION_KEY = `${CHANNEL}/conversations/Convo1/`;
const LINES = [
  `/start ${PERSONA}`,
  'Ik hoor dat u hier erg boos over bent.',
  'Wat is er precies gebeurd?',
  'Dus als ik het goed begrijp is uw geld niet binnengekomen en moet maandag de huur eraf?',
  'Ik vul het formulier nu samen met u in, dan geef ik de betaling met spoed vrij. Is dat goed?',
  '/stop',
];

/** What a trainee can read back of the last role-play after it ended. */
const LOOKS = ['/export markdown', '/export html', '/export json', '/progress', '/why 1', '/why 2', '/why 3', '/why 4'];

interface Content {
  personas: PersonaLibrary;
  classifier: Classifier;
  rulesVersions: Record<Lang, string>;
}

/** A moment after the test bots' clocks (which start at 1_700_000_000_000), within the retention period. */
const LATER = new Date(1_700_100_000_000);

let workDir: string;
const personasDir = () => path.join(workDir, 'personas');
const rulesDir = () => path.join(workDir, 'rules');

function loadContent(): Content {
  return {
    personas: loadPersonaLibrary(personasDir()),
    classifier: createClassifier(loadClassifierRules(rulesDir())),
    rulesVersions: loadRuleVersions(rulesDir()),
  };
}

/** A bot on the shared storage, as after a restart on whatever content the folders hold now. */
function startBot(storage: MemoryStorage, content: Content) {
  return createTestBot({ KEEP_TRANSCRIPTS: 'true', KEEP_SCORES: 'true' }, { storage, ...content }).adapter;
}

type Adapter = ReturnType<typeof startBot>;
const send = (adapter: Adapter, text: string) => say(adapter, { type: 'message', text, channelId: CHANNEL });

/** What a reply shows, without what differs per send (ids, timestamps). */
function shown(replies: Partial<Activity>[]): string {
  return JSON.stringify(replies.map(({ text, attachments }) => ({ text, attachments })));
}

async function readBack(adapter: Adapter): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const look of LOOKS) out[look] = shown(await send(adapter, look));
  return out;
}

async function lastRecord(storage: MemoryStorage): Promise<SessionRecord> {
  const record = await keptRecord(storage, CONVERSATION_KEY);
  if (!isSessionRecord(record)) throw new Error('no record stored');
  return record;
}

/** The debrief as the bot lays it out, from a stored record. */
function debriefFrom(record: SessionRecord): string {
  const { session, persona } = sessionFromRecord(record);
  return shown([buildFeedbackActivity(buildReport(session, persona), CHANNEL, undefined, session.transcript)]);
}

/** A correction without the moment it was made. */
function withoutTime(correction: Correction): Omit<Correction, 'correctedAt'> {
  const rest: Partial<Correction> = { ...correction };
  delete rest.correctedAt;
  return rest as Omit<Correction, 'correctedAt'>;
}

/** Edits a trainer might make: the persona's title, a threshold and a line; a rule that no longer fires. */
const EDITS: { file: () => string; from: RegExp; to: string }[] = [
  { file: () => path.join(personasDir(), `${PERSONA}.yaml`), from: /start: 70/, to: 'start: 55' },
  {
    file: () => path.join(personasDir(), `${PERSONA}.yaml`),
    from: /Gemeente: de bijstandsuitkering/,
    to: 'Gemeente: de uitkering',
  },
  { file: () => path.join(personasDir(), `${PERSONA}.yaml`), from: / geld/g, to: ' centen' },
  {
    file: () => path.join(rulesDir(), 'nl.yaml'),
    from: /"< @preposition\? @whWord ~14 #q"/,
    to: '"< zzqx ~14 #q"',
  },
  {
    file: () => path.join(rulesDir(), 'nl.yaml'),
    from: /"\^ @preposition\? @whWord @yesNoVerb\|@finiteVerb ~14 \$"/,
    to: '"^ zzqx ~14 $"',
  },
  { file: () => path.join(rulesDir(), 'nl.yaml'), from: /pattern: "#gq"/, to: 'pattern: "zzqx #gq"' },
];

describe('a stored role-play after the persona and the rules are edited', () => {
  const storage = new MemoryStorage();
  let before: Content;
  let after: Content;
  /** The debrief shown, the record kept, and what the trainee read back before and after the edit. */
  let live: {
    debrief: string;
    record: SessionRecord;
    looks: Record<string, string>;
    looksAfter: Record<string, string>;
  };
  let corrected: { before: unknown; after: unknown };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'records-stay-true-'));
    for (const folder of ['personas', 'rules'])
      fs.cpSync(path.join(findRepoRoot(), folder), path.join(workDir, folder), { recursive: true });
    before = loadContent();
    const first = startBot(storage, before);
    let lastReplies: Partial<Activity>[] = [];
    for (const line of LINES) lastReplies = await send(first, line);
    const debrief = lastReplies.filter((r) => (r.attachments ?? []).length > 0);
    const record = await lastRecord(storage);
    const corrections = new CorrectionStore(storage, 30);
    await send(first, '/corrections mark 2 ask_question listen');
    const correctedBefore = await corrections.list(LATER);
    const looks = await readBack(first);

    for (const edit of EDITS) {
      const text = fs.readFileSync(edit.file(), 'utf8');
      expect(text).toMatch(edit.from);
      fs.writeFileSync(edit.file(), text.replace(edit.from, edit.to));
    }
    after = loadContent();
    const restarted = startBot(storage, after);
    const looksAfter = await readBack(restarted);
    await send(restarted, '/corrections mark 2 ask_question listen');
    const correctedAfter = await corrections.list(LATER);
    corrected = {
      before: correctedBefore.map(withoutTime),
      after: correctedAfter.map(withoutTime),
    };
    live = { debrief: shown(debrief), record, looks, looksAfter };
  });

  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('really changed what a role-play plays on', () => {
    expect(after.personas.versions[PERSONA]).not.toBe(before.personas.versions[PERSONA]);
    expect(after.rulesVersions.nl).not.toBe(before.rulesVersions.nl);
    expect(after.rulesVersions.en).toBe(before.rulesVersions.en);
    expect(before.classifier.classify('Wat is er precies gebeurd?', 'nl').labels).toContain('ask_question');
    expect(after.classifier.classify('Wat is er precies gebeurd?', 'nl').labels).not.toContain('ask_question');
  });

  it('keeps the versions it ran on', () => {
    expect(live.record.versions).toEqual({
      persona: before.personas.versions[PERSONA],
      rules: before.rulesVersions.nl,
    });
  });

  it('laid out from its record, is the debrief the trainee was shown', () => {
    expect(debriefFrom(live.record)).toBe(live.debrief);
  });

  it.each(LOOKS)('%s reads the same, byte for byte', (look) => {
    expect(live.looks[look]).toMatch(/\S/);
    expect(live.looksAfter[look]).toBe(live.looks[look]);
  });

  it('gives a correction the labels the turn was judged with', () => {
    expect(corrected.after).toEqual(corrected.before);
    expect(corrected.before).toEqual([expect.objectContaining({ turn: 2, judged: ['ask_question'] })]);
  });

  it('a new role-play afterwards runs on the new content, and would have been judged differently', async () => {
    const fresh = new MemoryStorage();
    const bot = startBot(fresh, after);
    for (const line of LINES) await send(bot, line);
    const record = await lastRecord(fresh);
    expect(record.versions).toEqual({ persona: after.personas.versions[PERSONA], rules: after.rulesVersions.nl });
    expect(record.persona.title.nl).toMatch(/^Gemeente: de uitkering/);
    expect(sessionFromRecord(record).session.turns[1]?.classification.labels).not.toContain('ask_question');
    expect(debriefFrom(record)).not.toBe(live.debrief);
  });
});

describe('state stored before records existed', () => {
  it('still loads: a last role-play kept as its log is replayed for /export and /why', async () => {
    const content = {
      personas: loadPersonaLibrary(),
      classifier: createClassifier(loadClassifierRules()),
      rulesVersions: loadRuleVersions(),
    };
    const storage = new MemoryStorage();
    const bot = startBot(storage, content);
    for (const line of LINES.slice(0, -1)) await send(bot, line);
    const running = await readPresent<StoredConversation>(storage, CONVERSATION_KEY);
    const log = JSON.stringify(running.dialogState).match(/"log":(\{.*?"inputs":\[.*?\]\})/)?.[1];
    await send(bot, '/stop');
    const withRecord = await readBack(bot);
    // Rewrite the stored state as the bot before records kept it: the log of inputs, and the stop.
    const stored = await readPresent<StoredConversation & { eTag?: string }>(storage, CONVERSATION_KEY);
    const oldLog = JSON.parse(log ?? 'null') as { inputs: unknown[] };
    const endedAt = stored.settings!.lastSessionEndedAt!;
    const stop = { stop: (await lastRecord(storage)).endedAtMs };
    delete stored.eTag;
    const settings = { ...stored.settings };
    delete settings.lastSessionEndedAt;
    stored.settings = {
      ...settings,
      lastSession: { log: { ...oldLog, inputs: [...oldLog.inputs, stop] }, endedAt },
    } as typeof stored.settings;
    await storage.write({ [CONVERSATION_KEY]: stored });
    const replayed = await readBack(startBot(storage, content));
    for (const look of LOOKS) expect(replayed[look], look).toBe(withRecord[look]);
  });
});

describe('the last role-play kept apart from the conversation state', () => {
  const content = () => ({
    personas: loadPersonaLibrary(),
    classifier: createClassifier(loadClassifierRules()),
    rulesVersions: loadRuleVersions(),
  });

  it('is a storage item of its own: the state read and saved on every turn only notes when it ended', async () => {
    const storage = new MemoryStorage();
    const bot = startBot(storage, content());
    for (const line of LINES) await send(bot, line);
    const { settings } = await readPresent<StoredConversation>(storage, CONVERSATION_KEY);
    expect(settings?.lastSession).toBeUndefined();
    expect(settings?.lastSessionEndedAt).toEqual(ANY_NUMBER);
    expect(JSON.stringify(await readPresent(storage, CONVERSATION_KEY))).not.toContain('Wat is er precies gebeurd?');
    expect((await lastRecord(storage)).turns.map((turn) => turn.t)).toContain('Wat is er precies gebeurd?');
    // The next role-play starts: the record goes, and /export has nothing to offer.
    await send(bot, `/start ${PERSONA}`);
    expect(await keptRecord(storage, CONVERSATION_KEY)).toBeUndefined();
    const restarted = await readPresent<StoredConversation>(storage, CONVERSATION_KEY);
    expect(restarted.settings?.lastSessionEndedAt).toBeUndefined();
  });

  it('state saved with the record in its settings (before it moved out) reads back the same, and the next start drops it', async () => {
    const storage = new MemoryStorage();
    const bot = startBot(storage, content());
    for (const line of LINES) await send(bot, line);
    const apart = await readBack(bot);
    // Rewrite the stored state as the bot before this change kept it: the record in the settings, no item.
    const stored = await readPresent<StoredConversation & { eTag?: string }>(storage, CONVERSATION_KEY);
    const record = await lastRecord(storage);
    const settings = { ...stored.settings };
    const endedAt = settings.lastSessionEndedAt!;
    delete settings.lastSessionEndedAt;
    delete stored.eTag;
    stored.settings = { ...settings, lastSession: { record, endedAt } };
    await storage.write({ [CONVERSATION_KEY]: stored });
    await storage.delete([`${CONVERSATION_KEY}lastSession`]);
    const restarted = startBot(storage, content());
    const inSettings = await readBack(restarted);
    for (const look of LOOKS) expect(inSettings[look], look).toBe(apart[look]);
    await send(restarted, `/start ${PERSONA}`);
    const after = await readPresent<StoredConversation>(storage, CONVERSATION_KEY);
    expect(after.settings?.lastSession).toBeUndefined();
    expect(after.settings?.lastSessionEndedAt).toBeUndefined();
  });
});
