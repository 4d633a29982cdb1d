import type { Storage } from 'botbuilder';
import type { Correction, CorrectionBook } from '../../dialogs';
import { CORRECTIONS_KEY, readCorrectionItems, updateWithRetry } from '../storage';

interface StoredCorrections {
  corrections: Correction[];
}

/** The most kept; the oldest go first (a trainer exports long before this fills). */
export const MAX_CORRECTIONS = 5000;

/**
 * Corrections of the classifier's judgement, in a storage item of their own (as the progress store keeps its
 * own), for `/corrections` and `npm run corrections`. The bot adds one only where transcripts may be kept.
 */
export class CorrectionStore implements CorrectionBook {
  constructor(
    private readonly storage: Storage,
    private readonly retentionDays: number,
  ) {}

  /** Every correction within the retention period, oldest first. */
  async list(now: Date): Promise<Correction[]> {
    return keepRecent((await readCorrectionItems(this.storage)) as Correction[], now, this.retentionDays);
  }

  /** Adds a correction; marking the same turn again replaces the earlier marking. */
  async add(correction: Correction): Promise<void> {
    await updateWithRetry<StoredCorrections>(this.storage, CORRECTIONS_KEY, (stored) => {
      const others = (stored?.corrections ?? []).filter((c) => c.id !== correction.id);
      const kept = keepRecent([...others, correction], new Date(correction.correctedAt), this.retentionDays);
      return { corrections: kept.slice(-MAX_CORRECTIONS) };
    });
  }
}

function keepRecent(corrections: readonly Correction[], now: Date, days: number): Correction[] {
  const oldest = now.getTime() - days * 24 * 60 * 60 * 1000;
  return corrections.filter((c) => Date.parse(c.correctedAt) >= oldest);
}
