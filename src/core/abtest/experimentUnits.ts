import { DataError } from '../table';

/** One logged row after the outcome join: the unit, the variant it saw, and its outcome. */
export interface ExperimentRow {
  unitId: string;
  variant: string;
  /** 1/true = converted, 0/false = not; missing counts as not converted. */
  conversion?: number | boolean | null;
  /** A numeric outcome (revenue, time…); units without one are left out of a `value` analysis. */
  value?: number | null;
}

/** Per-variant outcomes, one entry per unit in order of first appearance. */
export interface ExperimentUnits {
  outcomes: Map<string, number[]>;
  /** Variant of each unit in arrival order (for the sequential mSPRT). */
  arrival: { variant: string; outcome: number }[];
  /** Units seen under more than one variant (left out: their assignment is broken). */
  crossedUnits: number;
  /** Units with no numeric value (value metric only). */
  missingValues: number;
}

/**
 * Collapses rows to units: a unit converted if any of its rows converted; its value is the sum of
 * its rows' values. Rows of a variant not in `variants` are an error naming the row.
 */
export function collectUnits(rows: readonly ExperimentRow[], variants: readonly string[], metric: 'conversion' | 'value'): ExperimentUnits {
  const known = new Set(variants);
  const seen = new Map<string, { variant: string; outcome: number; crossed: boolean; hasValue: boolean }>();
  rows.forEach((row, i) => {
    if (!known.has(row.variant)) {
      throw new DataError(`Row ${i + 1} has variant "${row.variant}", which has no weight (${variants.join(', ')}). Add its weight or drop its rows.`, { row: i + 1, column: 'variant', code: 'unknown-variant' });
    }
    const id = String(row.unitId);
    let unit = seen.get(id);
    if (!unit) seen.set(id, (unit = { variant: row.variant, outcome: 0, crossed: false, hasValue: false }));
    else if (unit.variant !== row.variant) unit.crossed = true;
    if (metric === 'conversion') {
      if (row.conversion === true || Number(row.conversion) > 0) unit.outcome = 1;
    } else if (row.value !== undefined && row.value !== null && Number.isFinite(row.value)) {
      unit.outcome += row.value;
      unit.hasValue = true;
    }
  });
  const outcomes = new Map(variants.map((v) => [v, [] as number[]]));
  const arrival: { variant: string; outcome: number }[] = [];
  let crossedUnits = 0;
  let missingValues = 0;
  for (const unit of seen.values()) {
    if (unit.crossed) crossedUnits++;
    else if (metric === 'value' && !unit.hasValue) missingValues++;
    else {
      outcomes.get(unit.variant)!.push(unit.outcome);
      arrival.push({ variant: unit.variant, outcome: unit.outcome });
    }
  }
  return { outcomes, arrival, crossedUnits, missingValues };
}
