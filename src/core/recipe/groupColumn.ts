/**
 * Spotting panel data: one row per entity (a country, a store) and time (a year), where a random
 * split leaks an entity's other years into training. Offered, never applied on its own.
 */
import { isNumeric, type Column, type Table } from '../table';
import { formatCount } from '../format';

export interface GroupSuggestion {
  /** The column whose values are the groups. */
  column: string;
  /** The time-like column that repeats within each group; absent for an ID column that repeats on its own. */
  timeColumn?: string;
  groups: number;
  /** One line for the person choosing the split. */
  reason: string;
}

const TIME_NAME = /year|month|week|quarter|period|date|time|day/i;
const ID_NAME = /(^|[_\s-])id$|[a-z]Id$|(^|[_\s-])code$/;
/** Names of a subject's ID (id, user_id, PatientID, storeId), without codes that also name categories (country_code). */
const SUBJECT_ID = /(^|[_\s-])(id|ID|Id)$|[a-z](Id|ID)$/;
/** Fewer groups than this make a coarse split; not worth suggesting. */
const MIN_GROUPS = 5;
/** Share of rows whose (group, time) pair is unique: near 1 means one row per entity and time. */
const PANEL_UNIQUENESS = 0.9;

/** "a" or "an" before a column's name read as a word: an id, a country. */
const article = (name: string) => (/^[aeiou]/i.test(name) ? 'an' : 'a');

/** A dense code per row (−1 when missing) and how many distinct values there are. */
function codes(column: Column, rows: number): { code: Int32Array; distinct: number } {
  if (!isNumeric(column)) return { code: column.codes.slice(0, rows), distinct: new Set(column.codes.filter((c) => c >= 0)).size };
  const index = new Map<number, number>();
  const code = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = column.values[r];
    if (v !== v) code[r] = -1;
    else {
      let c = index.get(v);
      if (c === undefined) index.set(v, (c = index.size));
      code[r] = c;
    }
  }
  return { code, distinct: index.size };
}

const isTimeLike = (c: Column) => c.type === 'datetime' || (c.type === 'integer' && TIME_NAME.test(c.name));
const isKeyLike = (c: Column) => c.type === 'categorical' || c.type === 'identifier' || c.type === 'text' || (c.type === 'integer' && ID_NAME.test(c.name));

/**
 * The column that looks like the entity of panel data, or null: a categorical or ID column with at
 * least 5 values that each repeat (2+ rows on average), where nearly every (value, time) pair
 * occurs once for some time-like column (a datetime, or an integer named like year or month).
 */
export function suggestGroupColumn(table: Table, target: string): GroupSuggestion | null {
  const rows = table.rowCount;
  const times = table.columns.filter((c) => c.name !== target && isTimeLike(c)).map((c) => ({ column: c, ...codes(c, rows) })).filter((t) => t.distinct >= 2);
  if (!times.length) return repeatedId(table, target);
  let best: (GroupSuggestion & { uniqueness: number }) | null = null;
  for (const candidate of table.columns) {
    if (candidate.name === target || !isKeyLike(candidate) || times.some((t) => t.column === candidate)) continue;
    const key = codes(candidate, rows);
    if (key.distinct < MIN_GROUPS || rows / key.distinct < 2) continue;
    const named = ID_NAME.test(candidate.name) || candidate.type === 'identifier';
    for (const time of times) {
      // A panel's times recur across its entities (every country has 1990). A category such as a
      // taxi zone over timestamps that never repeat is a feature of events, not an entity with a
      // timeline; an ID column (patient_id over visit dates) is an entity whatever its dates.
      if (!named && rows / time.distinct < 2) continue;
      const pairs = new Set<number>();
      let both = 0;
      for (let r = 0; r < rows; r++) {
        if (key.code[r] < 0 || time.code[r] < 0) continue;
        both++;
        pairs.add(key.code[r] * time.distinct + time.code[r]);
      }
      const uniqueness = both ? pairs.size / both : 0;
      if (uniqueness < PANEL_UNIQUENESS || (best && (uniqueness < best.uniqueness || (uniqueness === best.uniqueness && key.distinct <= best.groups)))) continue;
      const perGroup = formatCount(rows / key.distinct);
      best = {
        column: candidate.name,
        timeColumn: time.column.name,
        groups: key.distinct,
        uniqueness,
        reason: `Each of the ${formatCount(key.distinct)} ${candidate.name} values has about ${perGroup} rows, one per ${time.column.name}: a random split would test on ${article(candidate.name)} ${candidate.name} whose other rows the model trained on.`,
      };
    }
  }
  if (!best) return repeatedId(table, target);
  const { uniqueness: _u, ...suggestion } = best;
  return suggestion;
}

/**
 * A column named as an ID (subject_id, id, storeId) whose values repeat: each value is one subject
 * measured several times, though no column says when (exercise.csv: 30 people × 3 visits).
 */
function repeatedId(table: Table, target: string): GroupSuggestion | null {
  const rows = table.rowCount;
  let best: GroupSuggestion | null = null;
  for (const candidate of table.columns) {
    if (candidate.name === target || !SUBJECT_ID.test(candidate.name) || !(candidate.type === 'integer' || candidate.type === 'categorical' || candidate.type === 'identifier')) continue;
    const key = codes(candidate, rows);
    if (key.distinct < MIN_GROUPS || rows / key.distinct < 2 || (best && key.distinct <= best.groups)) continue;
    best = {
      column: candidate.name,
      groups: key.distinct,
      reason: `Each of the ${formatCount(key.distinct)} ${candidate.name} values has about ${formatCount(rows / key.distinct)} rows: a random split would test on ${article(candidate.name)} ${candidate.name} whose other rows the model trained on.`,
    };
  }
  return best;
}
