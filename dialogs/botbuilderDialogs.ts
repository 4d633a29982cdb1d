/**
 * The classes of botbuilder-dialogs the bot uses, each from its own module. The package's entry also loads its
 * prompts, and with them five @microsoft/recognizers-text packages for every culture they know (numbers, dates,
 * units, choices, sequences): about 30 MB of resident memory in every bot process for prompts the bot never
 * uses. Types may come from the entry (`import type` loads nothing).
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
