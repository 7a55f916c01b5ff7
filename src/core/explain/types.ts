/** One glossary entry: what the UI shows behind the info control of a figure. */
export interface GlossaryEntry<K extends string = string> {
  /** The name as printed in the studio, e.g. "Skewness". */
  term: string;
  /** One line: what the figure means, with its scale where it has one. */
  short: string;
  /** A short paragraph for the glossary page: how it is computed and how to read it. */
  long: string;
  /** Plain-text formula, when one helps. */
  formula?: string;
  /** Related entries, in the order worth reading them. */
  seeAlso?: readonly K[];
}
