/**
 * The one rule for "this column is an identifier, not a feature", shared by the profile's alerts,
 * Explore's "Fix these first", the HTML report and the recipe proposal, so they never disagree.
 */
import type { ColumnType } from './types';

/** What the rule needs to know about a column; a profile or a quick scan can supply it. */
export interface IdentifierEvidence {
  name: string;
  type: ColumnType;
  /** Present (non-missing) values. */
  count: number;
  missing: number;
  distinct: number;
  /** Smallest and largest value of a numeric column. */
  min?: number;
  max?: number;
}

/**
 * Integer columns whose values cover at most this many slots per row are read as codes:
 * 1…n row numbers, or IDs with a few gaps. A measurement (a population, an income) spreads far wider.
 */
const CODE_SPAN_PER_ROW = 2;

/** Text columns are identifiers from this share of distinct values on. */
const NEAR_UNIQUE_SHARE = 0.9;
/** Below this many values, all of them differing is no evidence: a handful of rows rarely repeat. */
const IDENTIFIER_MIN_ROWS = 20;

/** Names that announce a key: `id`, `customer_id`, `CustomerID`, `order_no`, `row_number`, `index`. */
const ID_NAME = /(^|[^a-z])(id|key|code|no|nr|num|number|index|idx)$|^id([^a-z]|$)/i;
const CAMEL_ID = /[a-z](Id|ID|Key|No|Nr|Number|Index)$/;

/**
 * True when, on at least 20 values, every value differs (text: more than 90 % of them) and the column can only be a label
 * for its rows: a text or identifier column, or a complete integer column that looks like a code,
 * i.e. its values are nearly consecutive or its name says it is a key. Continuous measurements
 * (any non-integer column, or integers spread far wider than the row count, such as a population)
 * are never identifiers, however unique their values are.
 */
export function isIdentifierLike(e: IdentifierEvidence): boolean {
  if (e.count < IDENTIFIER_MIN_ROWS) return false;
  if (e.type === 'categorical' || e.type === 'text' || e.type === 'identifier') return e.distinct > NEAR_UNIQUE_SHARE * e.count;
  if (e.type !== 'integer' || e.missing > 0 || e.distinct < e.count) return false;
  if (ID_NAME.test(e.name) || CAMEL_ID.test(e.name)) return true;
  if (e.min === undefined || e.max === undefined) return false;
  return e.max - e.min + 1 <= CODE_SPAN_PER_ROW * e.count;
}
