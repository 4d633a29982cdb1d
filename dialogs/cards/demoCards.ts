/**
 * Adaptive Cards (1.5) of group demo mode, as pure functions of the core's
 * view models:
 *
 * - {@link buildDemoMeterCard}: the live card of a room, sent once and then
 *   replaced in place (Teams `updateActivity` with the first activity's id):
 *   the anger meter as a text bar + number + band, the last customer line, the
 *   last reply's author and technique labels, a paused or ended badge, vote
 *   mode's proposals with vote and pick buttons, the last round's "what would
 *   have happened", and the trainer's buttons.
 * - {@link buildDemoDebriefSection} / {@link buildDemoDebriefCard}: who
 *   contributed which techniques, for the group debrief.
 *
 * Every button is an `Action.Submit` with `{ action: 'demo', op, roomId, … }`;
 * the bot checks `roomId` against the conversation's current demo (a click on
 * an old card is ignored) and lets the core refuse non-controllers.
 *
 * Participant words (replies, names) go into RichTextBlock TextRuns, which
 * hosts never read as Markdown; our own texts go into TextBlocks.
 *
 * @example
 * const card = buildDemoMeterCard(roomSnapshot(room, persona), { projectorUrl });
 * await context.updateActivity({ id: meterActivityId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
 */
import type { GroupDebrief, RoomSnapshot, SnapshotEntry } from '../../src/core';
import { DEMO_LABELS, GROUP_OUTCOME_TEXT } from '../../src/core';
import { debriefView, markedTechniqueName, type Lang, type TechniqueId } from '../../src/core';
import { cardBlockText, cardRunText } from './textEscape';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const BAR_CELLS = 20;
/** Proposals shown on the card (the projector shows them all). */
export const CARD_MAX_PROPOSALS = 8;
const CARD_MAX_ALTERNATIVES = 4;
const REPLY_MAX = 300;
const NAME_MAX = 60;

export type DemoCardOp = 'pause' | 'resume' | 'retry' | 'end' | 'vote' | 'pick' | 'unvote' | 'predictions';

/** What a demo card button submits. */
export interface DemoSubmitData {
  action: 'demo';
  op: DemoCardOp;
  roomId: string;
  /** vote / pick: the proposal id, or `'majority'` for pick. */
  proposalId?: string;
  /** predictions: hide or show the proposals' predicted effect until the pick. */
  setting?: 'hide' | 'show';
}

export interface DemoCardOptions {
  /** Card language; default the snapshot's. */
  lang?: Lang;
  /** Absolute link to the projector page (`/demo/<room>` under PUBLIC_URL); adds an "open projector view" button. */
  projectorUrl?: string;
  /** Show the trainer's buttons (pause/resume, retry, end, pick). Default true: in a group everyone sees one card. */
  showControls?: boolean;
}

type L = (key: keyof typeof DEMO_LABELS) => string;

const BAND_COLOR: Record<RoomSnapshot['band'], string> = {
  calm: 'Good',
  tense: 'Warning',
  angry: 'Attention',
  furious: 'Attention',
};

/** `█████████░░░░░░░░░░░`: the anger as 20 cells (a cell is 5 points). */
export function meterBar(anger: number): string {
  const filled = Math.max(0, Math.min(BAR_CELLS, Math.round(anger / (100 / BAR_CELLS))));
  return '█'.repeat(filled) + '░'.repeat(BAR_CELLS - filled);
}

/** "+12" / "−9" / "±0" with a real minus sign. */
function signed(delta: number): string {
  const n = Math.round(delta);
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '±0';
}

function techniqueLine(labels: readonly TechniqueId[], lang: Lang, l: L): string {
  if (labels.length === 0) return l('noTechnique');
  return labels.map((id) => markedTechniqueName(id, lang)).join(' · ');
}

/** A label with `{placeholders}` filled (labels are plain strings; the values are numbers or our own words). */
function filled(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function submit(title: string, data: DemoSubmitData, style?: 'positive' | 'destructive'): object {
  return { type: 'Action.Submit', title, data, ...(style ? { style } : {}) };
}

/** A RichTextBlock "Name: words" with both parts as literal TextRuns. */
function saidBy(name: string, words: string, options: { italic?: boolean } = {}): object {
  return {
    type: 'RichTextBlock',
    inlines: [
      { type: 'TextRun', text: `${cardRunText(name, NAME_MAX)}: `, weight: 'Bolder' },
      { type: 'TextRun', text: cardRunText(words, REPLY_MAX), ...(options.italic ? { italic: true } : {}) },
    ],
  };
}

function lastOf(transcript: readonly SnapshotEntry[], role: SnapshotEntry['role']): SnapshotEntry | undefined {
  for (let i = transcript.length - 1; i >= 0; i--) if (transcript[i].role === role) return transcript[i];
  return undefined;
}

/** One-line text of the room for notifications and screen readers ("Boosheid 62/100 (boos)"). */
export function demoCardSummary(snapshot: RoomSnapshot, lang: Lang = snapshot.lang): string {
  const l: L = (key) => DEMO_LABELS[key][lang];
  const state = snapshot.ended ? ` · ${l('ended')}` : snapshot.paused ? ` · ${l('paused')}` : '';
  return `${l('groupDemo')}: ${l('anger')} ${snapshot.anger}/100 (${snapshot.bandName})${state}`;
}

/** The live meter card of a group demo. */
export function buildDemoMeterCard(snapshot: RoomSnapshot, options: DemoCardOptions = {}): object {
  const lang = options.lang ?? snapshot.lang;
  const l: L = (key) => DEMO_LABELS[key][lang];
  const controls = options.showControls ?? true;
  const roomId = snapshot.roomId;
  const live = !snapshot.ended;
  const body: object[] = [];

  body.push({
    type: 'TextBlock',
    text: cardBlockText(`${l('groupDemo')}: ${snapshot.title}`),
    weight: 'Bolder',
    size: 'Medium',
    wrap: true,
  });
  body.push({
    type: 'TextBlock',
    text: cardBlockText(
      `${l('customer')}: ${snapshot.customerName} · ${snapshot.mode === 'vote' ? l('modeVote') : l('modeOpen')}`,
    ),
    isSubtle: true,
    spacing: 'None',
    wrap: true,
  });

  if (snapshot.ended) {
    body.push({
      type: 'TextBlock',
      text: cardBlockText(`■ ${l('ended')}: ${snapshot.outcomeText ?? ''}`),
      weight: 'Bolder',
      color: 'Accent',
      wrap: true,
    });
  } else if (snapshot.paused) {
    body.push({
      type: 'TextBlock',
      text: `⏸ ${l('paused')}`,
      weight: 'Bolder',
      color: 'Warning',
      size: 'Medium',
      wrap: true,
    });
  }

  // The meter: bar, number and band in words (never colour alone).
  body.push({
    type: 'ColumnSet',
    spacing: 'Medium',
    columns: [
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'Center',
        items: [{ type: 'TextBlock', text: l('anger'), weight: 'Bolder' }],
      },
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'Center',
        items: [
          {
            type: 'TextBlock',
            text: meterBar(snapshot.anger),
            color: BAND_COLOR[snapshot.band],
            fontType: 'Monospace',
            wrap: false,
          },
        ],
      },
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'Center',
        items: [
          {
            type: 'TextBlock',
            text: `${snapshot.anger}/100 · ${cardBlockText(snapshot.bandName)}`,
            weight: 'Bolder',
            size: 'Large',
            color: BAND_COLOR[snapshot.band],
          },
        ],
      },
    ],
  });

  // The last reply (author, turn, technique labels), then the customer's answer.
  const lastReply = lastOf(snapshot.transcript, 'trainee');
  const lastCustomer = lastOf(snapshot.transcript, 'customer');
  if (lastReply) {
    const customerAfter = snapshot.transcript.find((e) => e.role === 'customer' && e.turn === lastReply.turn);
    body.push({
      type: 'TextBlock',
      text: cardBlockText(
        `${l('turn')} ${lastReply.turn} · ${l('lastReply')}${customerAfter?.delta !== undefined ? ` · ${l('anger')} ${signed(customerAfter.delta)}` : ''}`,
      ),
      weight: 'Bolder',
      spacing: 'Medium',
      wrap: true,
    });
    body.push(saidBy(lastReply.author ?? '?', lastReply.text));
    body.push({
      type: 'TextBlock',
      text: cardBlockText(techniqueLine(lastReply.labels, lang, l)),
      spacing: 'Small',
      wrap: true,
    });
  } else if (live) {
    body.push({
      type: 'TextBlock',
      text: snapshot.mode === 'vote' ? l('noProposalsYet') : l('waitingForReply'),
      isSubtle: true,
      spacing: 'Medium',
      wrap: true,
    });
  }
  if (lastCustomer) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      spacing: 'Small',
      items: [saidBy(snapshot.customerName, lastCustomer.text, { italic: true })],
    });
  }

  // Vote mode: the open proposals with their what-if effect, vote and pick buttons.
  if (snapshot.mode === 'vote' && live) {
    body.push({
      type: 'TextBlock',
      text: `${l('proposals')} · ${l('round')} ${snapshot.round}`,
      weight: 'Bolder',
      spacing: 'Large',
      separator: true,
      wrap: true,
    });
    if (snapshot.proposals.length === 0) {
      body.push({ type: 'TextBlock', text: l('noProposalsYet'), isSubtle: true, wrap: true });
    } else {
      body.push({
        type: 'TextBlock',
        text: filled(l('votedOfTotal'), { n: snapshot.votedCount, m: snapshot.voterCount }),
        isSubtle: true,
        spacing: 'None',
        wrap: true,
      });
    }
    for (const p of snapshot.proposals.slice(0, CARD_MAX_PROPOSALS)) {
      const votes = `${p.votes} ${p.votes === 1 ? l('vote1') : l('votes')}`;
      const effect = p.predictionHidden
        ? l('predictionHidden')
        : `${l('anger')} ${signed(p.delta)} → ${p.angerAfter} · ${techniqueLine(p.labels, lang, l)}`;
      body.push({
        type: 'Container',
        spacing: 'Small',
        items: [
          saidBy(`${p.number}. ${p.author}`, p.text),
          {
            type: 'TextBlock',
            text: cardBlockText(`${votes} · ${effect}`),
            isSubtle: true,
            spacing: 'None',
            wrap: true,
          },
          {
            type: 'ActionSet',
            actions: [
              submit(`${l('vote')} ${p.number}`, { action: 'demo', op: 'vote', roomId, proposalId: p.id }),
              ...(controls && !snapshot.paused
                ? [
                    submit(
                      `${l('pick')} ${p.number}`,
                      { action: 'demo', op: 'pick', roomId, proposalId: p.id },
                      'positive',
                    ),
                  ]
                : []),
            ],
          },
        ],
      });
    }
    if (snapshot.proposals.length > CARD_MAX_PROPOSALS) {
      body.push({
        type: 'TextBlock',
        text: `+${snapshot.proposals.length - CARD_MAX_PROPOSALS}`,
        isSubtle: true,
        wrap: true,
      });
    }
    if (snapshot.proposals.length > 0 && !snapshot.paused) {
      body.push({ type: 'ActionSet', actions: [submit(l('unvote'), { action: 'demo', op: 'unvote', roomId })] });
    }
  }

  // The last vote round: what the other proposals would have done.
  if (snapshot.lastRound && snapshot.lastRound.alternatives.length > 0) {
    const round = snapshot.lastRound;
    body.push({
      type: 'TextBlock',
      text: l('whatIf'),
      weight: 'Bolder',
      spacing: 'Large',
      separator: true,
      wrap: true,
    });
    body.push({
      type: 'TextBlock',
      text: cardBlockText(
        `${l('picked')}: ${round.pickedNumber ? `${round.pickedNumber}. ` : ''}${round.pickedAuthor} (${
          round.by === 'majority' ? l('pickedByMajority') : filled(l('pickedBy'), { name: round.pickedBy })
        }${round.overrodeMajority ? `; ${l('overrodeMajority')}` : ''})`,
      ),
      isSubtle: true,
      spacing: 'None',
      wrap: true,
    });
    for (const a of round.alternatives.slice(0, CARD_MAX_ALTERNATIVES)) {
      body.push(saidBy(a.author, a.text));
      body.push({
        type: 'TextBlock',
        text: cardBlockText(`${l('anger')} ${signed(a.delta)} → ${a.angerAfter} · ${techniqueLine(a.labels, lang, l)}`),
        isSubtle: true,
        spacing: 'None',
        wrap: true,
      });
    }
  }

  const actions: object[] = [];
  if (controls && live) {
    body.push({
      type: 'TextBlock',
      text: l('controls'),
      isSubtle: true,
      spacing: 'Large',
      separator: true,
      wrap: true,
    });
    const ops: object[] = [
      snapshot.paused
        ? submit(l('resume'), { action: 'demo', op: 'resume', roomId }, 'positive')
        : submit(l('pause'), { action: 'demo', op: 'pause', roomId }),
      submit(l('retry'), { action: 'demo', op: 'retry', roomId }),
      submit(l('end'), { action: 'demo', op: 'end', roomId }, 'destructive'),
    ];
    if (snapshot.mode === 'vote' && !snapshot.paused && snapshot.proposals.length > 0) {
      ops.splice(1, 0, submit(l('pickMajority'), { action: 'demo', op: 'pick', roomId, proposalId: 'majority' }));
    }
    if (snapshot.mode === 'vote') {
      ops.push(
        snapshot.hidePredictionsUntilPick
          ? submit(l('showPredictions'), { action: 'demo', op: 'predictions', roomId, setting: 'show' })
          : submit(l('hidePredictions'), { action: 'demo', op: 'predictions', roomId, setting: 'hide' }),
      );
    }
    body.push({ type: 'ActionSet', actions: ops });
  } else if (live && snapshot.mode === 'vote' && snapshot.majorityAllowed && snapshot.proposals.length > 0) {
    body.push({
      type: 'ActionSet',
      actions: [submit(l('pickMajority'), { action: 'demo', op: 'pick', roomId, proposalId: 'majority' })],
    });
  }
  if (options.projectorUrl) actions.push({ type: 'Action.OpenUrl', title: l('projector'), url: options.projectorUrl });

  return {
    $schema: SCHEMA,
    type: 'AdaptiveCard',
    version: '1.5',
    lang,
    fallbackText: demoCardSummary(snapshot, lang),
    msteams: { width: 'Full' },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/**
 * The contributors table (participant · turns · techniques, and in a vote demo proposals and votes), as card body
 * elements to append to the report card. Everyone the room knew is listed, also those who only voted or watched.
 */
export function buildDemoDebriefSection(debrief: Pick<GroupDebrief, 'contributors'>, lang: Lang): object[] {
  const l: L = (key) => DEMO_LABELS[key][lang];
  const heading = {
    type: 'TextBlock',
    text: l('contributors'),
    weight: 'Bolder',
    size: 'Medium',
    spacing: 'Large',
    separator: true,
    wrap: true,
  };
  if (debrief.contributors.length === 0)
    return [heading, { type: 'TextBlock', text: l('noContributors'), isSubtle: true, wrap: true }];
  const cell = (items: object[]) => ({ type: 'TableCell', items });
  const text = (value: string, bold = false) => ({
    type: 'TextBlock',
    text: value,
    wrap: true,
    ...(bold ? { weight: 'Bolder' } : {}),
  });
  // Proposals and votes only exist in a vote demo: an open demo keeps its three columns.
  const voting = debrief.contributors.some((c) => c.proposals > 0 || c.votes > 0);
  return [
    heading,
    {
      type: 'Table',
      firstRowAsHeaders: true,
      showGridLines: false,
      columns: voting
        ? [{ width: 2 }, { width: 1 }, { width: 1 }, { width: 1 }, { width: 4 }]
        : [{ width: 2 }, { width: 1 }, { width: 4 }],
      rows: [
        {
          type: 'TableRow',
          style: 'accent',
          cells: [
            cell([text(l('participant'), true)]),
            cell([text(l('turns'), true)]),
            ...(voting ? [cell([text(l('proposals'), true)]), cell([text(l('votesCast'), true)])] : []),
            cell([text(l('techniques'), true)]),
          ],
        },
        ...debrief.contributors.map((c) => {
          const techniques = (Object.entries(c.techniques) as Array<[TechniqueId, number]>)
            .sort((a, b) => b[1] - a[1])
            .map(([id, n]) => `${markedTechniqueName(id, lang)}${n > 1 ? ` ×${n}` : ''}`);
          return {
            type: 'TableRow',
            cells: [
              cell([
                {
                  type: 'RichTextBlock',
                  inlines: [{ type: 'TextRun', text: cardRunText(c.author.name, NAME_MAX), weight: 'Bolder' }],
                },
              ]),
              cell([text(c.turns.length > 0 ? c.turns.join(', ') : '–')]),
              ...(voting ? [cell([text(String(c.proposals))]), cell([text(String(c.votes))])] : []),
              cell([
                text(
                  techniques.length > 0
                    ? cardBlockText(techniques.join(' · '))
                    : c.turns.length > 0
                      ? l('noTechnique')
                      : '–',
                ),
              ]),
            ],
          };
        }),
      ],
    },
  ];
}

/** A standalone group debrief card: outcome, score and the contributors table (the full report card stays the bot's). */
export function buildDemoDebriefCard(debrief: GroupDebrief, lang: Lang = debrief.report.lang): object {
  const { report } = debrief;
  // The card's language may differ from the session's: the debrief's words follow the card.
  const view = debriefView({ ...report, lang });
  const l: L = (key) => DEMO_LABELS[key][lang];
  const maxScore = view.scoreParts.reduce((sum, part) => sum + part.max, 0);
  return {
    $schema: SCHEMA,
    type: 'AdaptiveCard',
    version: '1.5',
    lang,
    msteams: { width: 'Full' },
    body: [
      {
        type: 'TextBlock',
        text: cardBlockText(`${l('groupDemo')}: ${view.personaTitle}`),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      { type: 'TextBlock', text: cardBlockText(GROUP_OUTCOME_TEXT[report.outcome][lang]), wrap: true },
      {
        type: 'TextBlock',
        text: cardBlockText(
          `${view.words.score}: ${view.score}/${maxScore} · ${l('anger')}: ${report.startAnger} → ${report.finalAnger}`,
        ),
        weight: 'Bolder',
        wrap: true,
      },
      ...buildDemoDebriefSection(debrief, lang),
    ],
  };
}
