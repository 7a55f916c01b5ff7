import type { ExplainContext, ExplainKey } from '../../core/explain';

/** What an info control needs: the glossary id and, where one exists, the value to explain. */
export interface InfoSpec {
  /** Glossary id, e.g. `'skewness'`. */
  term: string;
  /** Key for `explainValue`, when the figure has a "why it matters here" sentence. */
  explain?: ExplainKey;
  /** The raw value (ratios 0..1), not the formatted text. */
  value?: number;
  context?: ExplainContext;
  /** What the figure belongs to, named in the button's label: "About Skewness of body_mass_g". */
  of?: string;
}
