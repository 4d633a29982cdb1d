/**
 * The practice bot in this process on a given storage, as the benchmarks and the storage tests drive it: shipped
 * personas and rules unless given, no credentials, a silent log, conversation and user state on that storage.
 */
import { ConversationState, UserState, type Storage } from 'botbuilder';
import { createBot, type BotDependencies } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { loadDefaultClassifier, loadPersonaLibrary } from '../../src/content';
import { silentLogger } from '../../src/logging';

/** What a caller may set besides the storage: the content, a clock, seeds, demo meters and so on. */
export type InProcessBotOptions = Partial<Omit<BotDependencies, 'storage' | 'conversationState' | 'userState'>>;

export function practiceBotOn(storage: Storage, options: InProcessBotOptions = {}) {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const bot = createBot({
    config: loadConfig({ STORAGE: 'memory' }),
    log: silentLogger,
    personas: options.personas ?? loadPersonaLibrary(),
    classifier: options.classifier ?? loadDefaultClassifier(),
    ...options,
    conversationState,
    userState,
    storage,
  });
  return { bot, conversationState, userState };
}
