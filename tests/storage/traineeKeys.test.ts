import { ConversationState, MemoryStorage, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import {
  TraineeConversationState,
  traineeConversationId,
  traineeIdOfUser,
  traineeStorageKeys,
} from '../../src/storage';

const TRAINEE = 't_AAAAAAAAAAAAAAAAAAAAAA';
const HASHED = traineeConversationId(TRAINEE);

/** The storage key a turn's conversation state is read from and saved to. */
function keyOf(State: typeof ConversationState, channelId: string, userId: string, conversationId: string) {
  const activity = { channelId, from: { id: userId }, conversation: { id: conversationId } } as Partial<Activity>;
  return new State(new MemoryStorage()).getStorageKey(new TurnContext({} as never, activity));
}

describe('the conversation state of a web chat trainee', () => {
  it.each([
    [
      'Azure’s Direct Line, any conversation',
      'directline',
      `dl_${TRAINEE}`,
      'azure-conversation-1',
      `directline/conversations/${HASHED}/`,
    ],
    [
      'Azure’s Direct Line, the next page load',
      'directline',
      `dl_${TRAINEE}`,
      'azure-conversation-2',
      `directline/conversations/${HASHED}/`,
    ],
    [
      'Azure’s Web Chat channel',
      'webchat',
      `dl_${TRAINEE}`,
      'azure-conversation-3',
      `webchat/conversations/${HASHED}/`,
    ],
    ['the embedded Direct Line', 'directline', TRAINEE, HASHED, `directline/conversations/${HASHED}/`],
    ['a Direct Line client that is not the page', 'directline', 'dl_someone', 'c-7', 'directline/conversations/c-7/'],
    ['a user id that only looks alike', 'directline', `x_${TRAINEE}`, 'c-8', 'directline/conversations/c-8/'],
    ['Teams', 'msteams', TRAINEE, 'a:teams-chat', 'msteams/conversations/a:teams-chat/'],
    ['the Emulator', 'emulator', `dl_${TRAINEE}`, 'emu-1', 'emulator/conversations/emu-1/'],
  ])('on %s is kept under %s', (_where, channelId, userId, conversationId, key) => {
    expect(keyOf(TraineeConversationState, channelId, userId, conversationId)).toBe(key);
  });

  it('on the embedded Direct Line is where botbuilder already kept it (nothing moves)', () => {
    expect(keyOf(TraineeConversationState, 'directline', TRAINEE, HASHED)).toBe(
      keyOf(ConversationState, 'directline', TRAINEE, HASHED),
    );
  });

  it.each([
    [TRAINEE, TRAINEE],
    [`dl_${TRAINEE}`, TRAINEE],
    ['dl_someone', undefined],
    ['dl_dl_' + TRAINEE, undefined],
    [undefined, undefined],
  ])('the trainee behind user id %s is %s', (userId, traineeId) => {
    expect(traineeIdOfUser(userId)).toBe(traineeId);
  });

  it('"forget me" deletes every key the trainee’s data can be under, on both channels and both user ids', () => {
    expect(traineeStorageKeys(TRAINEE)).toEqual([
      `directline/users/${TRAINEE}/`,
      `directline/users/${TRAINEE}/progress`,
      `directline/users/dl_${TRAINEE}/`,
      `directline/users/dl_${TRAINEE}/progress`,
      `directline/conversations/${HASHED}/`,
      `directline/conversations/${HASHED}/lastSession`,
      `webchat/users/${TRAINEE}/`,
      `webchat/users/${TRAINEE}/progress`,
      `webchat/users/dl_${TRAINEE}/`,
      `webchat/users/dl_${TRAINEE}/progress`,
      `webchat/conversations/${HASHED}/`,
      `webchat/conversations/${HASHED}/lastSession`,
    ]);
  });
});
