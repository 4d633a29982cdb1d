import type { Storage, TurnContext } from 'botbuilder';
import { keepRecent, type ProgressBook, type ProgressEntry } from '../../dialogs';
import { updateWithRetry, userProgressKey } from '../storage';

interface StoredProgress {
  history: ProgressEntry[];
}

/**
 * Each trainee's recent scores (numbers and technique counts, never their words), in a storage item of its own.
 * It is read for `/progress` and written once per debrief; keeping it out of the user state means the state read,
 * compared and saved on every turn stays a few hundred bytes however much someone practises.
 */
export class ProgressStore implements ProgressBook {
  constructor(
    private readonly storage: Storage,
    private readonly retentionDays: number,
  ) {}

  /** The user's history within the retention period (older entries are dropped from storage as well). */
  async history(context: TurnContext, now: Date): Promise<ProgressEntry[]> {
    const key = progressKey(context);
    const stored = (await this.storage.read([key]))[key] as StoredProgress | undefined;
    const kept = keepRecent(stored?.history ?? [], now, this.retentionDays);
    if (kept.length !== (stored?.history ?? []).length) await this.update(context, () => kept);
    return kept;
  }

  /** Adds a finished role-play. Idempotent: a turn that runs again after a storage conflict adds it once. */
  async add(context: TurnContext, entry: ProgressEntry): Promise<void> {
    await this.update(context, (history) =>
      keepRecent(merge(history, [entry]), new Date(entry.finishedAt), this.retentionDays),
    );
  }

  private async update(context: TurnContext, change: (history: ProgressEntry[]) => ProgressEntry[]): Promise<void> {
    await updateWithRetry<StoredProgress>(this.storage, progressKey(context), (stored) => ({
      history: change(stored?.history ?? []),
    }));
  }
}

/** The user's progress key (src/storage/traineeKeys.ts owns its format, so "forget me" finds it). */
function progressKey(context: TurnContext): string {
  const { channelId, from } = context.activity;
  if (!channelId || !from?.id) throw new Error('ProgressStore: the activity has no channelId or from.id');
  return userProgressKey(channelId, from.id);
}

/** Entries of both lists, each role-play once (by its id, else its finishing time and scenario), in time order. */
function merge(a: readonly ProgressEntry[], b: readonly ProgressEntry[]): ProgressEntry[] {
  const byId = new Map<string, ProgressEntry>();
  for (const entry of [...a, ...b]) {
    const id = entry.id ?? `${entry.finishedAt} ${entry.personaId}`;
    if (!byId.has(id)) byId.set(id, entry);
  }
  return [...byId.values()].sort((x, y) => x.finishedAt.localeCompare(y.finishedAt));
}
