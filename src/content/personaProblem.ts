/** One thing wrong with a persona file, named by file and field so a trainer can find it. */
export interface PersonaProblem {
  /** File name inside the persona folder, e.g. `shop-refund.yaml`. */
  file: string;
  /** Dotted path to the field, e.g. `lines.nl.reactions.acknowledged`; empty for the file as a whole. */
  field: string;
  message: string;
}
