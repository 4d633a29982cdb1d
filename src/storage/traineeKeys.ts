/**
 * Where a web chat trainee's data is kept, so that it belongs to the trainee and not to one conversation.
 *
 * The web chat page remembers a pseudonymous trainee id (`t_` and 128 random bits, see
 * src/server/traineeIdentity.ts). The bot sees it as the user id: as it is on the embedded Direct Line, and with
 * Direct Line's `dl_` prefix on Azure's Direct Line, whose tokens are bound to that user id. Azure gives every
 * page load a new conversation, so the conversation state of a trainee (the running role-play, the last finished
 * one for `/export`, the customer for "practise again") is keyed by the trainee instead: the same key on both
 * Direct Lines, the one the embedded Direct Line's own conversation id already gives. Everyone else (Teams, the
 * Emulator, a Direct Line client that is not the page) keeps botbuilder's key per conversation.
 */
import { createHash } from 'crypto';
import { ConversationState, type TurnContext } from 'botbuilder';

/** The channels the web chat page speaks on: Azure's Direct Line (and the embedded one), and Azure's Web Chat channel. */
export const WEB_CHAT_CHANNEL_IDS = ['directline', 'webchat'] as const;

/** Azure's Direct Line requires user ids of tokens bound to a user to start with this. */
export const BOUND_USER_PREFIX = 'dl_';

const TRAINEE_ID = /^t_[A-Za-z0-9_-]{22,64}$/;

/** True for an id the server could have minted. */
export function isTraineeId(value: unknown): value is string {
  return typeof value === 'string' && TRAINEE_ID.test(value);
}

/** The trainee behind a web chat user id (`t_…` on the embedded Direct Line, `dl_t_…` on Azure's), if any. */
export function traineeIdOfUser(userId: string | undefined): string | undefined {
  const id = userId?.startsWith(BOUND_USER_PREFIX) ? userId.slice(BOUND_USER_PREFIX.length) : userId;
  return isTraineeId(id) ? id : undefined;
}

/** The trainee's one conversation id: stable per trainee, and the trainee id cannot be read back from it. */
export function traineeConversationId(traineeId: string): string {
  return createHash('sha256').update(`conversation:${traineeId}`).digest('base64url').slice(0, 32);
}

/** Where a user's progress is kept: next to botbuilder's user state key (`<channel>/users/<id>/`), so that a user's
 * data is found, and erased, together. The one owner of this key format (src/bot/progressStore.ts writes it). */
export function userProgressKey(channelId: string, userId: string): string {
  return `${channelId}/users/${userId}/progress`;
}

/**
 * The key of a conversation's last finished role-play (its record, with the trainee's words), next to the
 * conversation state's key (`<channel>/conversations/<id>/`): `…/lastSession`. Under `/conversations/`, so the
 * retention sweeper ages it as conversation state. The one owner of this key format (src/bot/lastSessionStore.ts
 * writes it).
 */
export function lastSessionKey(conversationStateKey: string): string {
  return `${conversationStateKey}lastSession`;
}

/**
 * Every storage key that can hold the trainee's data, on each web chat channel and under both forms of the user
 * id: botbuilder's user state (`<channel>/users/<id>/`), the progress next to it ({@link userProgressKey}), the
 * trainee's conversation state (`<channel>/conversations/<id>/`; the trailing slash is botbuilder's empty
 * namespace) and the last role-play's record next to it ({@link lastSessionKey}).
 */
export function traineeStorageKeys(traineeId: string): string[] {
  const userIds = [traineeId, `${BOUND_USER_PREFIX}${traineeId}`];
  return WEB_CHAT_CHANNEL_IDS.flatMap((channel) => {
    const conversation = `${channel}/conversations/${traineeConversationId(traineeId)}/`;
    return [
      ...userIds.flatMap((userId) => [`${channel}/users/${userId}/`, userProgressKey(channel, userId)]),
      conversation,
      lastSessionKey(conversation),
    ];
  });
}

/** ConversationState whose key, for a web chat trainee, is the trainee's and not the conversation's. */
export class TraineeConversationState extends ConversationState {
  override getStorageKey(context: TurnContext): string | undefined {
    const { channelId, from } = context.activity;
    const traineeId = isWebChatChannel(channelId) ? traineeIdOfUser(from?.id) : undefined;
    if (!traineeId) return super.getStorageKey(context);
    return `${channelId}/conversations/${traineeConversationId(traineeId)}/`;
  }
}

function isWebChatChannel(channelId: string | undefined): boolean {
  return (WEB_CHAT_CHANNEL_IDS as readonly string[]).includes(channelId ?? '');
}
