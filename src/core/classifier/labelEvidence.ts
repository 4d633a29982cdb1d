import { isTechniqueId, type TechniqueId } from '../techniques';
import type { Evidence, LabelWithEvidence } from './types';
import type { RuleHit } from './matcher';

const MAX_EVIDENCE_PER_LABEL = 5;

/**
 * The catalogue labels among the kept hits, ordered by their first evidence in the text (the
 * earliest technique is the primary one), each with up to five quotes in text order. Features
 * (names that are not technique ids) are left out.
 */
export function labelsWithEvidence(
  kept: readonly RuleHit[],
  text: string,
): { labels: TechniqueId[]; details: LabelWithEvidence[] } {
  const labelHits = new Map<TechniqueId, Evidence[]>();
  const firstAt = new Map<TechniqueId, number>();
  for (const h of kept) {
    if (!isTechniqueId(h.name)) continue;
    const list = labelHits.get(h.name) ?? [];
    if (list.some((e) => e.ruleId === h.ruleId && e.start < h.end && h.start < e.end)) continue; // same rule, overlapping
    if (list.length < MAX_EVIDENCE_PER_LABEL)
      list.push({ ruleId: h.ruleId, start: h.start, end: h.end, quote: text.slice(h.start, h.end) });
    labelHits.set(h.name, list);
    const f = firstAt.get(h.name);
    if (f === undefined || h.start < f) firstAt.set(h.name, h.start);
  }
  const labels = [...labelHits.keys()].sort((a, b) => firstAt.get(a)! - firstAt.get(b)! || a.localeCompare(b));
  const details = labels.map((id) => ({ id, evidence: labelHits.get(id)!.sort((a, b) => a.start - b.start) }));
  return { labels, details };
}
