import { MessageFactory } from 'botbuilder';
import type { Lang, Persona } from '../src/core';

/** The customer's words as a chat message, with an optional small line under them (meter, labels, author). */
export function customerLine(persona: Pick<Persona, 'customer'>, lang: Lang, text: string, footnote?: string) {
  const message = MessageFactory.text(
    `**${persona.customer.name[lang]}:** ${text}${footnote ? `\n\n_${footnote}_` : ''}`,
  );
  message.textFormat = 'markdown';
  return message;
}
