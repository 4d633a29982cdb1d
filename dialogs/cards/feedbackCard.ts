/**
 * The debrief as an Adaptive Card (schema 1.5, what Teams supports), for Teams
 * and Web Chat. Pure: a layout of the core's debrief view. Readable in a minute: outcome,
 * score, chart, checklist and tips are visible; explanations, quotes, measures,
 * turning points and better replies fold open per section (a button each).
 *
 * Trainee and customer words go into RichTextBlock TextRuns, which hosts never
 * read as Markdown; TextBlocks hold only our own labels and numbers or escaped
 * report strings.
 */
import { fillTemplate, type DebriefView, type Quote } from '../../src/core';
import { cardBlockText, cardRunText } from './textEscape';

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';
/** Longest quote on the card; the exports carry the rest. */
export const CARD_QUOTE_MAX = 140;
/** At most this many credited moves and flagged replies on the card. */
export const CARD_LIST_MAX = 3;

/** The `data` of the card's submit buttons; the bot routes on `action`. */
export type FeedbackCardAction =
  | { action: 'restart' }
  | { action: 'personas' }
  | { action: 'export'; format: 'markdown' }
  | { action: 'why'; turn: number }
  | { action: 'correction' };

/** The ids of the "misjudged" form's inputs; their values come back in the submit's `value` (dialogs/corrections.ts). */
export const CORRECTION_INPUTS = { turn: 'correct-turn', labels: 'correct-labels', note: 'correct-note' } as const;

/** Ids of the folding sections, for tests and for a bot that wants to open one. */
export const SECTION_IDS = {
  score: 'details-score',
  plan: 'details-plan',
  measures: 'details-measures',
  moments: 'details-moments',
  coaching: 'details-coaching',
} as const;

/** The folding section of judged turns ("Why?" per turn, the "Misjudged?" form); only when the view has the transcript. */
export const TURNS_SECTION_ID = 'details-turns';

/** How much of the judged-turn list the card shows: a message too large for its channel shows less (dialogs/debriefFit.ts). */
export interface JudgedTurnsLayout {
  /** Longest quote of a listed reply. */
  quoteMax: number;
  /** Longest quote of a reply among the "Misjudged?" form's turn choices. */
  choiceMax: number;
  /** The turns listed, each with "Why?" and a choice in the form; every judged turn when left out. */
  listed?: readonly number[];
}

/** The whole list, as long as it fits. */
export const FULL_JUDGED_TURNS: JudgedTurnsLayout = { quoteMax: CARD_QUOTE_MAX, choiceMax: 60 };

type Json = Record<string, unknown>;

const textBlock = (text: string, extra: Json = {}): Json => ({ type: 'TextBlock', text, wrap: true, ...extra });
const run = (text: string, extra: Json = {}): Json => ({ type: 'TextRun', text, ...extra });
const rich = (inlines: Json[], extra: Json = {}): Json => ({ type: 'RichTextBlock', inlines, ...extra });
/** A line of words from the conversation or the report: literal, never Markdown. */
const literal = (text: string, max: number, blockExtra: Json = {}, runExtra: Json = {}): Json =>
  rich([run(cardRunText(text, max), runExtra)], blockExtra);
const heading = (text: string): Json => textBlock(text, { weight: 'Bolder', size: 'Medium', spacing: 'Medium' });

function quoteRuns(view: DebriefView, quote: Quote | undefined): Json[] {
  if (!quote) return [];
  return [
    run(` — ${view.words.turn} ${quote.turn}: `, { isSubtle: true }),
    run(`“${cardRunText(quote.text, CARD_QUOTE_MAX)}”`, { italic: true }),
  ];
}

function scoreColour(score: number): string {
  if (score >= 75) return 'Good';
  if (score >= 50) return 'Warning';
  return 'Attention';
}

/**
 * A folded section: a button with the section's title that opens the section underneath (Action.ShowCard).
 * The host opens and closes it by itself, marks the button `aria-expanded`, and tells the bot nothing:
 * Action.ToggleVisibility reached Web Chat's action handler on every click, which logged it as unknown.
 */
function foldingSection(id: string, title: string, items: Json[], view: DebriefView): Json[] {
  return [
    {
      type: 'ActionSet',
      spacing: 'Medium',
      separator: true,
      actions: [
        {
          type: 'Action.ShowCard',
          title,
          tooltip: `${view.words.showDetails}: ${title}`,
          card: { type: 'AdaptiveCard', body: [{ type: 'Container', id, items }] },
        },
      ],
    },
  ];
}

function header(view: DebriefView): Json {
  const w = view.words;
  return {
    type: 'Container',
    style: 'emphasis',
    items: [
      textBlock(`${w.debrief}: ${cardBlockText(view.personaTitle, 120)}`, {
        style: 'heading',
        size: 'Large',
        weight: 'Bolder',
      }),
      textBlock(`${w.customer}: ${cardBlockText(view.customerName, 60)} · ${w.difficulty}: ${view.difficultyName}`, {
        isSubtle: true,
        spacing: 'None',
      }),
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            verticalContentAlignment: 'Center',
            items: [textBlock(w.outcome, { weight: 'Bolder' }), literal(view.outcomeText, 200, { spacing: 'None' })],
          },
          {
            type: 'Column',
            width: 'auto',
            verticalContentAlignment: 'Center',
            items: [
              textBlock(String(view.score), {
                size: 'ExtraLarge',
                weight: 'Bolder',
                color: scoreColour(view.score),
                horizontalAlignment: 'Right',
              }),
              textBlock(`${w.score} / 100`, {
                isSubtle: true,
                spacing: 'None',
                horizontalAlignment: 'Right',
              }),
            ],
          },
        ],
      },
    ],
  };
}

function chart(view: DebriefView, chartUrl: string | undefined): Json[] {
  const items: Json[] = [heading(view.words.angerCurve)];
  if (chartUrl) {
    items.push({ type: 'Image', url: chartUrl, altText: view.anger.description, size: 'Stretch' });
  } else {
    items.push(textBlock(view.anger.sparkline, { fontType: 'Monospace', size: 'Large', spacing: 'Small' }));
  }
  items.push(textBlock(view.anger.summary, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  if (!view.hasTurns) items.push(textBlock(view.words.noTurns, { size: 'Small' }));
  return items;
}

function checklistSummary(view: DebriefView): Json[] {
  const items: Json[] = [heading(view.words.checklist)];
  for (const step of view.checklist) {
    items.push(
      rich(
        [
          run(`${step.icon} ${step.number}. `),
          run(cardRunText(step.title, 80), { weight: step.status === 'missed' ? 'Bolder' : 'Default' }),
          run(step.quote ? ` (${view.words.turn} ${step.quote.turn})` : ` (${step.statusName})`, {
            isSubtle: true,
          }),
        ],
        { spacing: 'Small' },
      ),
    );
  }
  return items;
}

function tips(view: DebriefView): Json[] {
  if (view.tips.length === 0) return [];
  return [
    heading(view.words.tips),
    ...view.tips.slice(0, 2).map((tip) => rich([run('💡 '), run(cardRunText(tip, 300))], { spacing: 'Small' })),
  ];
}

function scoreDetails(view: DebriefView): Json[] {
  return view.scoreParts.map((part) =>
    rich(
      [
        run(`${cardRunText(part.title, 60)}: ${part.points} / ${part.max}`, { weight: 'Bolder' }),
        run(` — ${cardRunText(part.explanation, 300)}`),
      ],
      { spacing: 'Small' },
    ),
  );
}

function planDetails(view: DebriefView): Json[] {
  const items: Json[] = [];
  for (const step of view.checklist) {
    items.push(
      rich(
        [
          run(`${step.icon} ${step.number}. ${cardRunText(step.title, 80)}`, { weight: 'Bolder' }),
          ...quoteRuns(view, step.quote),
        ],
        { spacing: 'Small' },
      ),
    );
    items.push(literal(step.note, 300, { spacing: 'None' }, { isSubtle: true }));
  }
  return items;
}

function measureDetails(view: DebriefView): Json[] {
  const m = view.measures;
  // Facts hold our own words and numbers only (no trainee text), so no Markdown can sneak in.
  const items: Json[] = [{ type: 'FactSet', facts: m.facts }];
  const parts = m.agreementParts;
  if (parts.length > 0) {
    items.push(
      rich(
        parts.flatMap((p, i) => [
          run(`${i === 0 ? '' : ' · '}${p.title}: `, { weight: 'Bolder' }),
          run(`“${cardRunText(p.value, 80)}”`, { italic: true }),
        ]),
        { spacing: 'Small' },
      ),
    );
  }
  if (m.summaryQuote) {
    items.push(
      rich([run(view.words.summary, { weight: 'Bolder' }), ...quoteRuns(view, m.summaryQuote)], { spacing: 'Small' }),
    );
  }
  items.push(
    rich(
      [
        run(`${view.words.boundary}: ${m.boundary.verdictName}. `, {
          weight: 'Bolder',
        }),
        run(cardRunText(m.boundary.explanation, 300)),
        ...quoteRuns(view, m.boundary.quote),
      ],
      {
        spacing: 'Small',
      },
    ),
  );
  return items;
}

function momentDetails(view: DebriefView): Json[] {
  const w = view.words;
  if (view.keyMoments.length === 0) return [textBlock(w.nothingYet, { isSubtle: true })];
  const items: Json[] = [];
  for (const m of view.keyMoments) {
    const up = m.direction === 'up';
    items.push(
      rich(
        [
          run(`${up ? '▲' : '▼'} ${w.Turn} ${m.turn}: ${m.angerBefore} → ${m.angerAfter} (${m.change})`, {
            weight: 'Bolder',
            color: up ? 'Attention' : 'Good',
          }),
        ],
        { spacing: 'Medium' },
      ),
    );
    items.push(
      rich(
        [
          run(`${w.you}: `, { weight: 'Bolder' }),
          run(`“${cardRunText(m.traineeText, CARD_QUOTE_MAX)}”`, { italic: true }),
        ],
        { spacing: 'None' },
      ),
    );
    items.push(
      rich(
        [
          run(`${cardRunText(view.customerName, 40)}: `, { weight: 'Bolder' }),
          run(`“${cardRunText(m.customerText, CARD_QUOTE_MAX)}”`, { italic: true }),
        ],
        { spacing: 'None' },
      ),
    );
    if (m.why.length > 0) items.push(literal(m.why.join('; '), 200, { spacing: 'None' }, { isSubtle: true }));
  }
  return items;
}

function coachingDetails(view: DebriefView): Json[] {
  const w = view.words;
  const items: Json[] = [];
  if (view.wentWell.length > 0) {
    items.push(textBlock(`✅ ${w.wentWell}`, { weight: 'Bolder' }));
    for (const move of view.wentWell.slice(0, CARD_LIST_MAX)) {
      items.push(
        rich([run(cardRunText(move.labelName, 60), { weight: 'Bolder' }), ...quoteRuns(view, move.quote)], {
          spacing: 'Small',
        }),
      );
    }
  }
  if (view.toImprove.length > 0) {
    items.push(textBlock(`🔁 ${w.toImprove}`, { weight: 'Bolder', spacing: 'Medium' }));
    for (const flag of view.toImprove.slice(0, CARD_LIST_MAX)) {
      items.push(
        rich([run(cardRunText(flag.labelName, 60), { weight: 'Bolder' }), ...quoteRuns(view, flag.quote)], {
          spacing: 'Small',
        }),
      );
      items.push(literal(flag.why, 300, { spacing: 'None' }, { isSubtle: true }));
      items.push(
        rich(
          [
            run(`${w.betterReply}: `, { weight: 'Bolder', color: 'Good' }),
            run(`“${cardRunText(flag.betterReply, 300)}”`, { italic: true }),
          ],
          { spacing: 'None' },
        ),
      );
    }
  }
  const hidden = Math.max(0, view.wentWell.length - CARD_LIST_MAX) + Math.max(0, view.toImprove.length - CARD_LIST_MAX);
  if (hidden > 0) {
    items.push(textBlock(fillTemplate(w.moreInFullReport, { count: hidden }), { isSubtle: true, size: 'Small' }));
  }
  if (items.length === 0) items.push(textBlock(w.nothingYet, { isSubtle: true }));
  return items;
}

/**
 * Every judged reply with its labels and a "Why?" button, then one "Misjudged?" form: pick the turn, the
 * techniques that were really in it (none is an answer too) and a note. Shown when the view has the transcript.
 */
function judgedTurns(view: DebriefView, layout: JudgedTurnsLayout): Json[] {
  const w = view.words;
  const all = view.transcript.filter((line) => line.role === 'trainee');
  const listed = layout.listed && new Set(layout.listed);
  const replies = listed ? all.filter((line) => listed.has(line.turn)) : all;
  const items: Json[] = [];
  const left = listed ? all.filter((line) => !listed.has(line.turn)) : [];
  if (left.length > 0) {
    const note = fillTemplate(w.turnsNotListed, { count: left.length, total: all.length, example: left[0].turn });
    // A TextRun, not a TextBlock: shown as written, so its parentheses need no Markdown escapes.
    items.push(literal(note, 400, {}, { isSubtle: true, size: 'Small' }));
  }
  for (const line of replies) {
    items.push(
      rich(
        [
          run(`${w.Turn} ${line.turn}: `, { weight: 'Bolder' }),
          run(`“${cardRunText(line.text, layout.quoteMax)}”`, { italic: true }),
          run(` → ${line.labelNames.length > 0 ? line.labelNames.join(', ') : w.noLabel}`, { isSubtle: true }),
        ],
        { spacing: 'Medium' },
      ),
      {
        type: 'ActionSet',
        spacing: 'None',
        actions: [
          {
            type: 'Action.Submit',
            title: `${w.why} (${w.turn} ${line.turn})`,
            data: { action: 'why', turn: line.turn },
          },
        ],
      },
    );
  }
  const form = {
    type: 'AdaptiveCard',
    body: [
      {
        type: 'Input.ChoiceSet',
        id: CORRECTION_INPUTS.turn,
        label: w.Turn,
        value: String(replies[replies.length - 1]?.turn ?? 1),
        choices: replies.map((line) => ({
          title: `${w.Turn} ${line.turn}: ${cardRunText(line.text, layout.choiceMax)}`,
          value: String(line.turn),
        })),
      },
      {
        type: 'Input.ChoiceSet',
        id: CORRECTION_INPUTS.labels,
        label: w.rightLabels,
        isMultiSelect: true,
        style: 'expanded',
        choices: view.techniqueChoices.map((choice) => ({ title: choice.name, value: choice.id })),
      },
      { type: 'Input.Text', id: CORRECTION_INPUTS.note, label: w.correctionNote, maxLength: 300 },
    ],
    actions: [{ type: 'Action.Submit', title: w.sendCorrection, data: { action: 'correction' } }],
  };
  // Only listed turns can be marked here (a typed `/corrections mark <turn>` takes any turn).
  if (replies.length > 0)
    items.push({
      type: 'ActionSet',
      spacing: 'Medium',
      actions: [{ type: 'Action.ShowCard', title: w.misjudged, card: form }],
    });
  return items;
}

/**
 * Builds the feedback card. `chartUrl` is where the anger chart can be fetched
 * (an https URL served by our server, PNG for Teams; or a data URL); without it the
 * card shows the text sparkline.
 *
 * @example
 * const card = buildFeedbackCard(debriefView(report), { chartUrl: `${baseUrl}/api/report/${id}/chart.png` });
 * await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
 */
export function buildFeedbackCard(
  view: DebriefView,
  options: { chartUrl?: string; judgedTurns?: JudgedTurnsLayout } = {},
): object {
  const w = view.words;
  const submit = (title: string, data: FeedbackCardAction, style?: 'positive'): Json => ({
    type: 'Action.Submit',
    title,
    data,
    ...(style ? { style } : {}),
  });
  const coachingTitle = `${w.wentWell} / ${w.toImprove.toLowerCase()}`;
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    lang: view.lang,
    msteams: { width: 'Full' },
    body: [
      header(view),
      {
        type: 'FactSet',
        spacing: 'Medium',
        facts: view.scoreParts.map((p) => ({ title: cardBlockText(p.title, 60), value: `${p.points} / ${p.max}` })),
      },
      ...chart(view, options.chartUrl),
      ...tips(view),
      ...checklistSummary(view),
      ...foldingSection(SECTION_IDS.score, w.scoreHow, scoreDetails(view), view),
      ...foldingSection(SECTION_IDS.plan, `${w.checklist}: ${w.quotes}`, planDetails(view), view),
      ...foldingSection(SECTION_IDS.measures, w.measures, measureDetails(view), view),
      ...foldingSection(SECTION_IDS.moments, w.keyMoments, momentDetails(view), view),
      ...foldingSection(SECTION_IDS.coaching, coachingTitle, coachingDetails(view), view),
      ...(view.transcript.some((line) => line.role === 'trainee')
        ? foldingSection(
            TURNS_SECTION_ID,
            w.judgedTurns,
            judgedTurns(view, options.judgedTurns ?? FULL_JUDGED_TURNS),
            view,
          )
        : []),
    ],
    actions: [
      submit(w.restart, { action: 'restart' }, 'positive'),
      submit(w.personas, { action: 'personas' }),
      submit(w.exportMarkdown, { action: 'export', format: 'markdown' }),
    ],
  };
}
