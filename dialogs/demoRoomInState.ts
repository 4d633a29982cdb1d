import { upgradeRoom, type DemoRoom } from '../src/core';
import { DEMO_DIALOG } from './dialogIds';

/**
 * The group demo room with this id in a conversation's stored dialog state, if it is still running there. The
 * demo dialog keeps its room in its own state, one or more component dialogs deep (main dialog → demo dialog), so
 * the server can show a room again after a restart without waiting for the next message in the chat.
 *
 * @example
 * const stored = (await storage.read([key]))[key];
 * demoRoomInDialogState(stored?.dialogState, roomId); // the room, or undefined
 */
export function demoRoomInDialogState(dialogState: unknown, roomId: string): DemoRoom | undefined {
  const stack = (dialogState as { dialogStack?: unknown } | undefined)?.dialogStack;
  if (!Array.isArray(stack)) return undefined;
  for (const entry of stack as { id?: unknown; state?: { room?: DemoRoom; dialogs?: unknown } }[]) {
    const room = entry?.state?.room;
    if (entry?.id === DEMO_DIALOG && room?.roomId === roomId) return upgradeRoom(room);
    // A component dialog keeps its own stack under `dialogs`.
    const nested = demoRoomInDialogState(entry?.state?.dialogs, roomId);
    if (nested) return nested;
  }
  return undefined;
}
