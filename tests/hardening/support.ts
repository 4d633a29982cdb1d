/** Helpers shared by the hardening tests. */
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { isSessionLog, isSessionRecord, replaySession, sessionFromRecord, type Session } from '../../src/core';
import { shippedStage } from '../support/shippedContent';

/** The storage key botbuilder's ConversationState uses for a TestAdapter conversation. */
export const TEST_CONVERSATION_KEY = 'test/conversations/Convo1/';

/** The running (or last) role-play session stored for a conversation: a running one's log is replayed, a finished one's record read. */
export async function storedSession(storage: Storage, key = TEST_CONVERSATION_KEY): Promise<Session | undefined> {
  const items = await storage.read([key]);
  return findSession(items[key]);
}

function findSession(value: unknown): Session | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (isSessionLog(record.log)) {
    return replaySession(shippedStage(record.log.personaId), record.log);
  }
  if (isSessionRecord(record.record)) return sessionFromRecord(record.record).session;
  for (const child of Object.values(record)) {
    const found = findSession(child);
    if (found) return found;
  }
  return undefined;
}

/**
 * MemoryStorage whose next `failWrites` writes (or reads) throw a plain error, as a storage outage would.
 * Counts the calls so a test can see a retry.
 */
export class FlakyStorage extends MemoryStorage {
  failWrites = 0;
  failReads = 0;
  writes = 0;
  reads = 0;

  override async read(keys: string[]): Promise<StoreItems> {
    this.reads += 1;
    if (this.failReads > 0) {
      this.failReads -= 1;
      throw Object.assign(new Error('storage unavailable (test)'), { statusCode: 503 });
    }
    return super.read(keys);
  }

  override async write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    if (this.failWrites > 0) {
      this.failWrites -= 1;
      throw Object.assign(new Error('storage unavailable (test)'), { statusCode: 503 });
    }
    return super.write(changes);
  }
}
