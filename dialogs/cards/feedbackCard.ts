/**
 * The debrief as an Adaptive Card (schema 1.5, what Teams supports), for Teams
 * and Web Chat. Pure: a function of the report. Readable in a minute: outcome,
 * score, chart, checklist and tips are visible; explanations, quotes, measures,
 * turning points and better replies fold open per section.
 *
 * Trainee and customer words go into RichTextBlock TextRuns, which hosts never
 * read as Markdown; TextBlocks hold only our own labels and numbers or escaped
 * report strings.
 */
import { describeAngerCurve, renderSparkline } from '../../src/core';
import {
  BOUNDARY_NAMES,
  DIFFICULTY_NAMES,
  LABELS,
  STATUS_ICON,
  STATUS_NAMES,
  agreementParts,
  label,
  measureFacts,
  signed,
} from '../../src/core';
import { PLAN_STEPS, type Quote, type Report } from '../../src/core';
import type { Lang } from '../../src/core';
import { cardBlockText, cardRunText } from './textEscape';

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';
/** Longest quote on the card; the exports carry the rest. */
export const CARD_QUOTE_MAX = 140;
/** At most this many credited moves and flagged replies on the card. */
export const CARD_LIST_MAX = 3;

/** The `data` of the card's submit buttons; the bot routes on `action`. */
export type FeedbackCardAction =
  { action: 'restart' } | { action: 'personas' } | { action: 'export'; format: 'markdown' };

/** Ids of the folding sections, for tests and for a bot that wants to open one. */
export const SECTION_IDS = {
  score: 'details-score',
  plan: 'details-plan',
  measures: 'details-measures',
  moments: 'details-moments',
  coaching: 'details-coaching',
} as const;

type Json = Record<string, unknown>;

const textBlock = (text: string, extra: Json = {}): Json => ({ type: 'TextBlock', text, wrap: true, ...extra });
const run = (text: string, extra: Json = {}): Json => ({ type: 'TextRun', text, ...extra });
const rich = (inlines: Json[], extra: Json = {}): Json => ({ type: 'RichTextBlock', inlines, ...extra });
/** A line of words from the conversation or the report: literal, never Markdown. */
const literal = (text: string, max: number, blockExtra: Json = {}, runExtra: Json = {}): Json =>
  rich([run(cardRunText(text, max), runExtra)], blockExtra);
const heading = (text: string): Json => textBlock(text, { weight: 'Bolder', size: 'Medium', spacing: 'Medium' });

function quoteRuns(lang: Lang, quote: Quote | undefined): Json[] {
  if (!quote) return [];
  return [
    run(` — ${LABELS.turn[lang]} ${quote.turn}: `, { isSubtle: true }),
    run(`“${cardRunText(quote.text, CARD_QUOTE_MAX)}”`, { italic: true }),
  ];
}

function scoreColour(score: number): string {
  if (score >= 75) return 'Good';
  if (score >= 50) return 'Warning';
  return 'Attention';
}

/**
 * A section whose heading toggles its body. The heading shows ▸ when folded and ▾ when open.
 */
function foldingSection(id: string, title: string, items: Json[], lang: Lang): Json[] {
  const showId = `${id}-closed`;
  const hideId = `${id}-open`;
  return [
    {
      type: 'ColumnSet',
      spacing: 'Medium',
      separator: true,
      selectAction: {
        type: 'Action.ToggleVisibility',
        title: `${LABELS.showDetails[lang]}: ${title}`,
        targetElements: [id, showId, hideId],
      },
      columns: [
        { type: 'Column', width: 'stretch', items: [textBlock(title, { weight: 'Bolder', color: 'Accent' })] },
        {
          type: 'Column',
          width: 'auto',
          items: [
            textBlock('▸', { id: showId, color: 'Accent' }),
            textBlock('▾', { id: hideId, color: 'Accent', isVisible: false, spacing: 'None' }),
          ],
        },
      ],
    },
    { type: 'Container', id, isVisible: false, items },
  ];
}

function header(report: Report): Json {
  const lang = report.lang;
  return {
    type: 'Container',
    style: 'emphasis',
    items: [
      textBlock(`${LABELS.debrief[lang]}: ${cardBlockText(report.personaTitle, 120)}`, {
        style: 'heading',
        size: 'Large',
        weight: 'Bolder',
      }),
      textBlock(
        `${LABELS.customer[lang]}: ${cardBlockText(report.customerName, 60)} · ${LABELS.difficulty[lang]}: ${DIFFICULTY_NAMES[report.difficulty][lang]}`,
        {
          isSubtle: true,
          spacing: 'None',
        },
      ),
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            verticalContentAlignment: 'Center',
            items: [
              textBlock(LABELS.outcome[lang], { weight: 'Bolder' }),
              literal(report.outcomeText, 200, { spacing: 'None' }),
            ],
          },
          {
            type: 'Column',
            width: 'auto',
            verticalContentAlignment: 'Center',
            items: [
              textBlock(String(report.score), {
                size: 'ExtraLarge',
                weight: 'Bolder',
                color: scoreColour(report.score),
                horizontalAlignment: 'Right',
              }),
              textBlock(`${LABELS.score[lang]} / 100`, {
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

function chart(report: Report, chartUrl: string | undefined): Json[] {
  const lang = report.lang;
  const summary = label(lang, 'angerSummary', {
    start: report.startAnger,
    peak: report.peakAnger,
    final: report.finalAnger,
    calm: report.calmLine,
  });
  const items: Json[] = [heading(LABELS.angerCurve[lang])];
  if (chartUrl) {
    items.push({ type: 'Image', url: chartUrl, altText: describeAngerCurve(report), size: 'Stretch' });
  } else {
    const spark = renderSparkline(report.angerCurve);
    items.push(textBlock(spark === '' ? '–' : spark, { fontType: 'Monospace', size: 'Large', spacing: 'Small' }));
  }
  items.push(textBlock(summary, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  if (report.measures.traineeTurns === 0) items.push(textBlock(LABELS.noTurns[lang], { size: 'Small' }));
  return items;
}

function checklistSummary(report: Report): Json[] {
  const lang = report.lang;
  const items: Json[] = [heading(LABELS.checklist[lang])];
  for (const item of report.checklist) {
    const n = PLAN_STEPS.indexOf(item.step) + 1;
    items.push(
      rich(
        [
          run(`${STATUS_ICON[item.status]} ${n}. `),
          run(cardRunText(item.title, 80), { weight: item.status === 'missed' ? 'Bolder' : 'Default' }),
          run(item.quote ? ` (${LABELS.turn[lang]} ${item.quote.turn})` : ` (${STATUS_NAMES[item.status][lang]})`, {
            isSubtle: true,
          }),
        ],
        { spacing: 'Small' },
      ),
    );
  }
  return items;
}

function tips(report: Report): Json[] {
  if (report.tips.length === 0) return [];
  return [
    heading(LABELS.tips[report.lang]),
    ...report.tips.slice(0, 2).map((tip) => rich([run('💡 '), run(cardRunText(tip, 300))], { spacing: 'Small' })),
  ];
}

function scoreDetails(report: Report): Json[] {
  return report.scoreParts.map((part) =>
    rich(
      [
        run(`${cardRunText(part.title, 60)}: ${part.points} / ${part.max}`, { weight: 'Bolder' }),
        run(` — ${cardRunText(part.explanation, 300)}`),
      ],
      { spacing: 'Small' },
    ),
  );
}

function planDetails(report: Report): Json[] {
  const lang = report.lang;
  const items: Json[] = [];
  for (const item of report.checklist) {
    const n = PLAN_STEPS.indexOf(item.step) + 1;
    items.push(
      rich(
        [
          run(`${STATUS_ICON[item.status]} ${n}. ${cardRunText(item.title, 80)}`, { weight: 'Bolder' }),
          ...quoteRuns(lang, item.quote),
        ],
        { spacing: 'Small' },
      ),
    );
    items.push(literal(item.note, 300, { spacing: 'None' }, { isSubtle: true }));
  }
  return items;
}

function measureDetails(report: Report): Json[] {
  const lang = report.lang;
  const m = report.measures;
  // Facts hold our own words and numbers only (no trainee text), so no Markdown can sneak in.
  const items: Json[] = [{ type: 'FactSet', facts: measureFacts(m, lang) }];
  const parts = agreementParts(m, lang);
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
  if (m.summary.quote) {
    items.push(
      rich(
        [
          run(`${lang === 'nl' ? 'Samenvatting' : 'Summary'}`, { weight: 'Bolder' }),
          ...quoteRuns(lang, m.summary.quote),
        ],
        { spacing: 'Small' },
      ),
    );
  }
  items.push(
    rich(
      [
        run(`${lang === 'nl' ? 'Grens' : 'Boundary'}: ${BOUNDARY_NAMES[m.boundary.verdict][lang]}. `, {
          weight: 'Bolder',
        }),
        run(cardRunText(m.boundary.explanation, 300)),
        ...quoteRuns(lang, m.boundary.quote),
      ],
      {
        spacing: 'Small',
      },
    ),
  );
  return items;
}

function momentDetails(report: Report): Json[] {
  const lang = report.lang;
  if (report.keyMoments.length === 0) return [textBlock(LABELS.nothingYet[lang], { isSubtle: true })];
  const items: Json[] = [];
  for (const m of report.keyMoments) {
    const up = m.delta > 0;
    items.push(
      rich(
        [
          run(
            `${up ? '▲' : '▼'} ${LABELS.Turn[lang]} ${m.turn}: ${m.angerBefore} → ${m.angerAfter} (${signed(m.delta)})`,
            { weight: 'Bolder', color: up ? 'Attention' : 'Good' },
          ),
        ],
        { spacing: 'Medium' },
      ),
    );
    items.push(
      rich(
        [
          run(`${LABELS.you[lang]}: `, { weight: 'Bolder' }),
          run(`“${cardRunText(m.traineeText, CARD_QUOTE_MAX)}”`, { italic: true }),
        ],
        { spacing: 'None' },
      ),
    );
    items.push(
      rich(
        [
          run(`${cardRunText(report.customerName, 40)}: `, { weight: 'Bolder' }),
          run(`“${cardRunText(m.customerText, CARD_QUOTE_MAX)}”`, { italic: true }),
        ],
        { spacing: 'None' },
      ),
    );
    if (m.why.length > 0) items.push(literal(m.why.join('; '), 200, { spacing: 'None' }, { isSubtle: true }));
  }
  return items;
}

function coachingDetails(report: Report): Json[] {
  const lang = report.lang;
  const items: Json[] = [];
  if (report.wentWell.length > 0) {
    items.push(textBlock(`✅ ${LABELS.wentWell[lang]}`, { weight: 'Bolder' }));
    for (const move of report.wentWell.slice(0, CARD_LIST_MAX)) {
      items.push(
        rich([run(cardRunText(move.labelName, 60), { weight: 'Bolder' }), ...quoteRuns(lang, move.quote)], {
          spacing: 'Small',
        }),
      );
    }
  }
  if (report.toImprove.length > 0) {
    items.push(textBlock(`🔁 ${LABELS.toImprove[lang]}`, { weight: 'Bolder', spacing: 'Medium' }));
    for (const flag of report.toImprove.slice(0, CARD_LIST_MAX)) {
      items.push(
        rich([run(cardRunText(flag.labelName, 60), { weight: 'Bolder' }), ...quoteRuns(lang, flag.quote)], {
          spacing: 'Small',
        }),
      );
      items.push(literal(flag.why, 300, { spacing: 'None' }, { isSubtle: true }));
      items.push(
        rich(
          [
            run(`${LABELS.betterReply[lang]}: `, { weight: 'Bolder', color: 'Good' }),
            run(`“${cardRunText(flag.betterReply, 300)}”`, { italic: true }),
          ],
          { spacing: 'None' },
        ),
      );
    }
  }
  const hidden =
    Math.max(0, report.wentWell.length - CARD_LIST_MAX) + Math.max(0, report.toImprove.length - CARD_LIST_MAX);
  if (hidden > 0) {
    items.push(
      textBlock(lang === 'nl' ? `Nog ${hidden} in het volledige verslag.` : `${hidden} more in the full report.`, {
        isSubtle: true,
        size: 'Small',
      }),
    );
  }
  if (items.length === 0) items.push(textBlock(LABELS.nothingYet[lang], { isSubtle: true }));
  return items;
}

/**
 * Builds the feedback card. `chartUrl` is where the anger chart can be fetched
 * (an https URL served by our server, PNG for Teams; or a data URL); without it the
 * card shows the text sparkline.
 *
 * @example
 * const card = buildFeedbackCard(report, { chartUrl: `${baseUrl}/api/report/${id}/chart.png` });
 * await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
 */
export function buildFeedbackCard(report: Report, options: { chartUrl?: string } = {}): object {
  const lang = report.lang;
  const submit = (title: string, data: FeedbackCardAction, style?: 'positive'): Json => ({
    type: 'Action.Submit',
    title,
    data,
    ...(style ? { style } : {}),
  });
  const coachingTitle = `${LABELS.wentWell[lang]} / ${LABELS.toImprove[lang].toLowerCase()}`;
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    lang,
    msteams: { width: 'Full' },
    body: [
      header(report),
      {
        type: 'FactSet',
        spacing: 'Medium',
        facts: report.scoreParts.map((p) => ({ title: cardBlockText(p.title, 60), value: `${p.points} / ${p.max}` })),
      },
      ...chart(report, options.chartUrl),
      ...tips(report),
      ...checklistSummary(report),
      ...foldingSection(SECTION_IDS.score, LABELS.scoreHow[lang], scoreDetails(report), lang),
      ...foldingSection(
        SECTION_IDS.plan,
        `${LABELS.checklist[lang]}: ${lang === 'nl' ? 'citaten' : 'quotes'}`,
        planDetails(report),
        lang,
      ),
      ...foldingSection(SECTION_IDS.measures, LABELS.measures[lang], measureDetails(report), lang),
      ...foldingSection(SECTION_IDS.moments, LABELS.keyMoments[lang], momentDetails(report), lang),
      ...foldingSection(SECTION_IDS.coaching, coachingTitle, coachingDetails(report), lang),
    ],
    actions: [
      submit(LABELS.restart[lang], { action: 'restart' }, 'positive'),
      submit(LABELS.personas[lang], { action: 'personas' }),
      submit(LABELS.exportMarkdown[lang], { action: 'export', format: 'markdown' }),
    ],
  };
}
