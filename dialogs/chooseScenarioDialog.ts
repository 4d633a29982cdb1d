import { CardFactory, MessageFactory } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './botbuilderDialogs';
import type { Lang } from '../src/core';
import { buildScenarioCard } from './cards/scenarioCard';
import { parseCommand } from './commands';
import { CHOOSE_SCENARIO_DIALOG } from './dialogIds';
import type { ConversationMemory, ScenarioSource } from './dialogServices';
import { t } from './texts';

export interface ChooseScenarioOptions {
  lang: Lang;
  /** Answer a message that is not a choice with a short how-it-works before the list (not right after a debrief). */
  explain?: boolean;
}

/**
 * Shows the customers to practise with and waits for a choice; ends with the persona id. A message that is no
 * choice ("hallo, hoe werkt dit?") gets a short how-it-works and the list again, not the list alone.
 */
export class ChooseScenarioDialog extends Dialog<ChooseScenarioOptions> {
  constructor(private readonly services: ScenarioSource & Pick<ConversationMemory, 'defaultLang'>) {
    super(CHOOSE_SCENARIO_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: ChooseScenarioOptions): Promise<DialogTurnResult> {
    const lang = options?.lang ?? this.services.defaultLang;
    (dc.activeDialog?.state as { lang: Lang }).lang = lang;
    const text = dc.context.activity.type === 'message' ? (dc.context.activity.text ?? '').trim() : '';
    if (text !== '' && options?.explain !== false) await dc.context.sendActivity(t('howItWorks', lang));
    await sendScenarioList(dc, this.services, lang);
    return this.services.personas.personas.length === 0 ? dc.endDialog() : Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const lang = (dc.activeDialog?.state as { lang: Lang }).lang;
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const text = (dc.context.activity.text ?? '').trim();
    const chosen = this.match(text);
    if (chosen) return dc.endDialog(chosen);
    // A number that is no customer's: say so. Anything else is a question or a remark: explain, then the list.
    if (text === '' || /^\d+$/.test(text)) {
      await dc.context.sendActivity(t('chooseAgain', lang));
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity(t('howItWorks', lang));
    await sendScenarioList(dc, this.services, lang);
    return Dialog.EndOfTurn;
  }

  /** A choice by number, id or title; `/start <id>` is handled by the main dialog. */
  private match(text: string): string | undefined {
    const personas = this.services.personas.personas;
    const command = parseCommand(text);
    const answer = (command?.name === 'start' ? (command.args[0] ?? '') : text).toLowerCase();
    if (answer === '') return undefined;
    const index = Number(answer);
    if (Number.isInteger(index) && index >= 1 && index <= personas.length) return personas[index - 1]?.id;
    return personas.find(
      (p) => p.id === answer || p.title.nl.toLowerCase() === answer || p.title.en.toLowerCase() === answer,
    )?.id;
  }
}

export async function sendScenarioList(
  dc: Pick<DialogContext, 'context'>,
  services: ScenarioSource,
  lang: Lang,
): Promise<void> {
  const personas = services.personas.personas;
  if (personas.length === 0) {
    await dc.context.sendActivity(t('noPersonas', lang));
    return;
  }
  const card = buildScenarioCard(personas, lang);
  const fallback = personas.map((p, i) => `${i + 1}. ${p.title[lang]} (/start ${p.id})`).join('\n');
  await dc.context.sendActivity(
    MessageFactory.attachment(
      CardFactory.adaptiveCard({ ...card, fallbackText: `${t('chooseScenario', lang)}\n${fallback}` }),
    ),
  );
}
