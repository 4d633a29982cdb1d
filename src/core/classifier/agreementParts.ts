import type { TechniqueId } from '../techniques';
import type { ReplyScan, RuleHit } from './matcher';
import type { CompiledRuleSet } from './ruleCompiler';
import type { AgreementParts } from './types';

const AGREEMENT: TechniqueId = 'make_agreement';

/**
 * Who does what, and when, in a reply with an agreement or a time: `when` from the rule file's
 * time feature (or a token the date-time recogniser marked), `who` and `what` from the longest
 * match of the lexicons named in the file's `agreement:` section, in the agreement's sentence.
 */
export function agreementParts(
  crs: CompiledRuleSet,
  scan: ReplyScan,
  kept: readonly RuleHit[],
  text: string,
  whenFeature: string,
): AgreementParts | undefined {
  const when = kept.find((h) => h.name === whenFeature);
  const deal = kept.find((h) => h.name === AGREEMENT);
  if (!when && !deal) return undefined;
  const parts: AgreementParts = {};
  if (when) parts.when = text.slice(when.start, when.end);
  if (deal) {
    const [a, b] = scan.sentenceRange(deal.t0, deal.t1);
    const find = (atom: number | undefined): string | undefined => {
      if (atom === undefined) return undefined;
      for (let i = a; i < b; i++) {
        const mask = scan.matches.endMask(atom, i);
        if (mask !== 0) return text.slice(scan.tokens[i].start, scan.tokens[i + 31 - Math.clz32(mask)].end); // longest match
      }
      return undefined;
    };
    const who = find(crs.agreementAtoms.who);
    const what = find(crs.agreementAtoms.what);
    if (who) parts.who = who;
    if (what) parts.what = what;
    if (!parts.when) {
      const tw = scan.tokens.slice(a, b).find((t) => t.time);
      if (tw) parts.when = tw.raw;
    }
  }
  return parts;
}
