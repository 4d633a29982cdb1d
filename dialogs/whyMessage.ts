/**
 * `/why [turn]`: which rule fired on which words in a judged reply, what each credited move needs, and what a
 * move that was almost there still missed. The explanation is the core's (explainVerdict); this lays it out.
 */
import {
  escapeMarkdown,
  explainAnswer,
  explainVerdict,
  fillTemplate,
  isSessionLog,
  replaySession,
  shorten,
  type AnswerContext,
  type AnsweredContent,
  type AnswerPersona,
  type Lang,
  type NeedsCheck,
  type RecordedPersona,
  type Session,
  type VerdictExplanation,
} from '../src/core';
import type { DialogContext } from 'botbuilder-dialogs';
import { ROLE_PLAY_DIALOG } from './dialogIds';
import { findPersonaIn, type ConversationMemory, type ScenarioSource, type TurnClock } from './dialogServices';
import { findLastSession } from './lastSession';

const WORDS = {
  title: { nl: '**Waarom? Beurt {turn}**', en: '**Why? Turn {turn}**' },
  nothingJudged: {
    nl: 'Er is nog geen beurt om uit te leggen. Speel een rollenspel en typ daarna /why.',
    en: 'There is no turn to explain yet. Play a role-play, then type /why.',
  },
  noSuchTurn: {
    nl: 'Beurt {turn} bestaat niet; er zijn {count} beurten.',
    en: 'There is no turn {turn}; there are {count} turns.',
  },
  noLabel: {
    nl: 'Geen techniek herkend: geen enkele regel paste op deze zin.',
    en: 'No technique recognised: no rule fitted this sentence.',
  },
  noneCounted: { nl: 'Geen techniek meegeteld.', en: 'No technique counted.' },
  fired: { nl: 'regel `{rule}` op “{quote}”', en: 'rule `{rule}` on “{quote}”' },
  learned: {
    nl: 'geen regel, maar de zin als geheel leest als deze techniek (zekerheid {p}); het zwaarst woog “{quote}” (`{rule}`)',
    en: 'no rule, but the reply as a whole reads as this technique (certainty {p}); “{quote}” weighed most (`{rule}`)',
  },
  overruled: {
    nl: '⚪ Niet meegeteld: **{name}**. Regel `{rule}` paste op “{quote}”, maar de zin als geheel leest niet zo (zekerheid {p}){against}. Daarom telt het niet mee.',
    en: '⚪ Not counted: **{name}**. Rule `{rule}` matched “{quote}”, but the reply as a whole does not read that way (certainty {p}){against}, so it was not counted.',
  },
  against: { nl: '; het zwaarst daartegen woog “{quote}”', en: '; “{quote}” weighed most against it' },
  cancelled: {
    nl: '⚪ Niet meegeteld: **{name}**. Regel `{rule}` paste op “{quote}”, maar de zin als geheel leest als **{by}** (het zwaarst woog “{words}”): een retorische of sarcastische vraag telt niet als {name}.',
    en: '⚪ Not counted: **{name}**. Rule `{rule}` matched “{quote}”, but the reply as a whole reads as **{by}** (“{words}” weighed most): a rhetorical or sarcastic question does not count as {name}.',
  },
  needs: { nl: 'Nodig: {needs}', en: 'Needs: {needs}' },
  almost: { nl: '🟡 Bijna {name}. {needs}', en: '🟡 Almost {name}. {needs}' },
  present: { nl: 'Wel: {parts}.', en: 'There: {parts}.' },
  missing: { nl: 'Ontbrak: {parts}.', en: 'Missing: {parts}.' },
  answeredTopic: {
    nl: '💬 De klant antwoordde over het onderwerp `{id}`{fact}: “{line}”',
    en: '💬 The customer answered on the topic `{id}`{fact}: “{line}”',
  },
  fact: { nl: ' (feit in dit rollenspel: {fact})', en: ' (fact in this role-play: {fact})' },
  answeredOffer: {
    nl: '💬 De klant reageerde op het aanbod `{id}`{label}: “{line}”',
    en: '💬 The customer took up the offer `{id}`{label}: “{line}”',
  },
  heldToPromise: {
    nl: '⚠️ De klant houdt u aan een belofte die de balie niet kan waarmaken: `{id}`{label}. “{line}”',
    en: '⚠️ The customer holds you to a promise the desk cannot keep: `{id}`{label}. “{line}”',
  },
  footer: {
    nl: 'Klopt dit niet? Markeer de beurt in het verslag als verkeerd beoordeeld, of typ /corrections mark {turn} <technieken>.',
    en: 'Not right? Mark the turn as misjudged in the debrief, or type /corrections mark {turn} <techniques>.',
  },
} satisfies Record<string, Record<Lang, string>>;

const said = (text: string) => escapeMarkdown(shorten(text, 80));

/** The learned layer's probability as a trainer reads it: a percentage. */
const certainty = (p: number) => `${Math.round(p * 100)}%`;

function partsLine(check: NeedsCheck, lang: Lang, present: boolean): string | undefined {
  const parts = check.parts.filter((p) => p.present === present);
  if (parts.length === 0) return undefined;
  const list = parts.map((p) => (p.quote ? `${p.text} (“${said(p.quote)}”)` : p.text)).join(', ');
  return fillTemplate(WORDS[present ? 'present' : 'missing'][lang], { parts: list });
}

/** The line naming what the customer's answer was about, with the customer's words. */
function answeredLine(answer: AnsweredContent, customerLine: string, lang: Lang): string {
  const line = said(customerLine);
  const id = escapeMarkdown(answer.id);
  if (answer.kind === 'topic') {
    const fact = answer.fact ? fillTemplate(WORDS.fact[lang], { fact: escapeMarkdown(answer.fact) }) : '';
    return fillTemplate(WORDS.answeredTopic[lang], { id, fact, line });
  }
  const label = answer.label ? ` (${escapeMarkdown(answer.label)})` : '';
  return fillTemplate(WORDS[answer.cannotKeep ? 'heldToPromise' : 'answeredOffer'][lang], { id, label, line });
}

/** What the customer answered on the turn, for the line after the labels. */
export interface WhyAnswer {
  content: AnsweredContent;
  customerLine: string;
}

/** The explanation as a chat message (Markdown; the trainee's words escaped). */
export function renderWhy(why: VerdictExplanation, turn: number, answer?: WhyAnswer): string {
  const lang = why.lang;
  const out = [fillTemplate(WORDS.title[lang], { turn }), `“${said(why.text)}”`, ''];
  if (why.labels.length === 0) out.push(WORDS[why.overruled.length > 0 ? 'noneCounted' : 'noLabel'][lang]);
  for (const label of why.labels) {
    const mark = label.polarity === 'escalating' ? '🔁' : '✅';
    const rules = label.rules.map((r) =>
      fillTemplate(WORDS[r.probability === undefined ? 'fired' : 'learned'][lang], {
        rule: r.ruleId,
        quote: said(r.quote),
        p: certainty(r.probability ?? 0),
      }),
    );
    out.push(`- ${mark} **${label.name}**: ${rules.join('; ')}`);
    const check = why.credited.find((c) => c.id === label.id);
    if (check) {
      const missing = partsLine(check, lang, false);
      out.push(`  ${fillTemplate(WORDS.needs[lang], { needs: check.needs })}${missing ? ` ${missing}` : ''}`);
    }
  }
  for (const near of why.nearMisses) {
    out.push(
      `- ${fillTemplate(WORDS.almost[lang], { name: near.name, needs: near.needs })} ${[
        partsLine(near, lang, true),
        partsLine(near, lang, false),
      ]
        .filter(Boolean)
        .join(' ')}`,
    );
  }
  for (const o of why.overruled) {
    const first = o.rules[0];
    if (o.cancelledBy) {
      const parts = {
        name: o.name,
        rule: first?.ruleId ?? '',
        quote: said(first?.quote ?? ''),
        by: o.cancelledBy.name,
      };
      out.push(`- ${fillTemplate(WORDS.cancelled[lang], { ...parts, words: said(o.against ?? '') })}`);
      continue;
    }
    const against = o.against ? fillTemplate(WORDS.against[lang], { quote: said(o.against) }) : '';
    out.push(
      `- ${fillTemplate(WORDS.overruled[lang], { name: o.name, rule: first?.ruleId ?? '', quote: said(first?.quote ?? ''), p: certainty(o.probability), against })}`,
    );
  }
  if (answer) out.push('', answeredLine(answer.content, answer.customerLine, lang));
  out.push('', fillTemplate(WORDS.footer[lang], { turn }));
  return out.join('\n');
}

type JudgementServices = ScenarioSource & ConversationMemory & TurnClock;

/**
 * The role-play a turn number refers to: the one running (replayed), else the last finished one, read from its
 * record as it was judged (see findLastSession).
 */
export async function judgedSession(
  innerDc: DialogContext,
  services: JudgementServices,
): Promise<{ session: Session; persona: RecordedPersona } | undefined> {
  const running = innerDc.stack.find((d) => d.id === ROLE_PLAY_DIALOG)?.state as { log?: unknown } | undefined;
  if (running && isSessionLog(running.log)) {
    const persona = findPersonaIn(services, running.log.personaId);
    if (!persona) return undefined;
    const stage = { persona, common: services.personas.common, classifier: services.classifier };
    return { session: replaySession(stage, running.log), persona };
  }
  const last = await findLastSession(services, innerDc.context);
  return last.kind === 'found' ? { session: last.session, persona: last.persona } : undefined;
}

/** The persona a session was played with, so `/why` can name the topic or offer item in the persona's words. */
export interface WhyStage {
  persona: AnswerPersona;
  common?: AnswerContext['common'];
}

/** `/why [turn]`: the last judged reply when no turn is named. */
export function whyMessage(
  session: Session | undefined,
  requestedTurn: number | undefined,
  lang: Lang,
  stage?: WhyStage,
): string {
  const count = session?.turns.length ?? 0;
  if (!session || count === 0) return WORDS.nothingJudged[lang];
  const turn = requestedTurn ?? count;
  const record = session.turns[turn - 1];
  if (!record) return fillTemplate(WORDS.noSuchTurn[lang], { turn, count });
  // The customer's line this reply answered: the opening, or the answer to the turn before.
  const customerLine = turn === 1 ? session.transcript[0]?.text : session.turns[turn - 2]?.customerText;
  const why = explainVerdict({
    lang: session.lang,
    text: record.traineeText,
    classification: record.classification,
    ...(customerLine ? { customerLine } : {}),
  });
  const content = explainAnswer(record, {
    lang: session.lang,
    slots: session.slots,
    ...(stage ? { persona: stage.persona, ...(stage.common ? { common: stage.common } : {}) } : {}),
  });
  return renderWhy(why, turn, content ? { content, customerLine: record.customerText } : undefined);
}
