import type { ValueShapes } from '../table';
import { isIdentifierLike } from '../table';
import { uniformityPValue } from '../stats';
import { fixed, formatCount, formatP, formatPercent } from '../format';
import type { AlertThresholds } from './thresholds';
import type { Alert, ColumnProfile, CorrelationMatrix, CrossSections, Severity } from './types';

/** What alerts need to know about the table itself. */
export interface TableSummary {
  name: string;
  rowCount: number;
  columns: { name: string; shapes?: ValueShapes }[];
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
const MEASURES: Record<string, string> = { pearson: '|Pearson r|', eta: 'η', cramers_v: "Cramér's V" };
const pct = (x: number) => formatPercent(x, 1);

function columnAlerts(p: ColumnProfile, rows: number, shapes: ValueShapes | undefined, t: AlertThresholds): Alert[] {
  const out: Alert[] = [];
  const add = (type: Alert['type'], value: number, threshold: number, severity: Severity, message: string) =>
    out.push({ type, column: p.name, value, threshold, severity, message });
  const stringy = p.type === 'categorical' || p.type === 'text' || p.type === 'identifier';
  if (p.count > 0 && p.distinct === 1) add('constant', 1, 1, 'high', `"${p.name}" has one value only; it carries no information. Drop it.`);
  const missingRatio = rows ? p.missing / rows : 0;
  if (missingRatio > t.missing) {
    add('missing', missingRatio, t.missing, missingRatio > 0.5 ? 'high' : 'medium', `"${p.name}" is missing in ${pct(missingRatio)} of rows (${formatCount(p.missing)}).`);
  }
  // Every value different means an identifier only for text and integer codes, never for a measurement.
  if (p.uniqueRatio === 1 && isIdentifierLike({ ...p, min: p.numeric?.min, max: p.numeric?.max })) {
    const kind = stringy ? 'an identifier' : 'a row code (an identifier)';
    add('unique', 1, 1, 'medium', `"${p.name}" has a different value in every row: ${kind}, not a feature.`);
  }
  const num = p.numeric;
  if (num) {
    const finite = p.count - num.infinite;
    // A 0/1 column's zeros are one of its two values: its balance, which the imbalance alert judges.
    if (finite > 0 && p.distinct > 2 && num.zeros / p.count > t.zeros) add('zeros', num.zeros / p.count, t.zeros, 'low', `"${p.name}" is 0 in ${pct(num.zeros / p.count)} of its values (${formatCount(num.zeros)}).`);
    if (p.count > 0 && num.infinite / p.count > t.infinite) add('infinite', num.infinite / p.count, t.infinite, 'medium', `"${p.name}" has ${formatCount(num.infinite)} infinite values (${pct(num.infinite / p.count)}).`);
    if (Math.abs(num.skewness) > t.skewness) add('skewed', num.skewness, t.skewness, 'medium', `"${p.name}" is highly skewed (skewness ${fixed(num.skewness, 1)}); consider a log transform.`);
    const pv = p.distinct > 2 ? uniformityPValue(num.histogram.counts) : NaN;
    if (pv > t.uniformPValue) add('uniform', pv, t.uniformPValue, 'low', `"${p.name}" is uniformly distributed (chi-square test, ${formatP(pv)}).`);
  }
  const cat = p.categorical;
  if (cat && p.type === 'categorical' && p.distinct > t.highCardinality) {
    add('high_cardinality', p.distinct, t.highCardinality, 'medium', `"${p.name}" has ${p.distinct} distinct values; one-hot encoding would be wide.`);
  }
  const imbalance = cat ? cat.imbalance : p.boolean ? booleanImbalance(p.boolean.true, p.boolean.false) : 0;
  if ((p.type === 'categorical' || p.type === 'boolean') && imbalance > t.imbalance) {
    add('imbalance', imbalance, t.imbalance, 'medium', `"${p.name}" is imbalanced (${fixed(imbalance, 2)}): one value dominates.`);
  }
  if (cat && stringy && p.distinct > 1 && cat.minLength === cat.maxLength) {
    add('constant_length', cat.minLength, cat.minLength, 'low', `Every value of "${p.name}" is ${cat.minLength} ${cat.minLength === 1 ? 'character' : 'characters'} long: likely a code.`);
  }
  const words = p.text?.summary;
  if (words) {
    const found = [words.pii.email && `${formatCount(words.pii.email)} rows with an email address`, words.pii.phone && `${formatCount(words.pii.phone)} rows with a phone number`].filter(Boolean);
    const pii = Math.max(words.pii.email, words.pii.phone);
    if (pii > 0) add('personal_data', pii, 0, 'medium', `"${p.name}" looks like it holds personal data: ${found.join(', ')}. Mask or remove it before training.`);
    if (p.count > 0 && words.nearDuplicates / p.count > t.duplicates) {
      add('near_duplicates', words.nearDuplicates / p.count, t.duplicates, 'low', `"${p.name}" has ${formatCount(words.nearDuplicates)} texts that repeat another once case, punctuation and spacing are ignored (${pct(words.nearDuplicates / p.count)}).`);
    }
  }
  if (stringy && shapes) {
    const total = shapes.numeric + shapes.datetime + shapes.boolean + shapes.other;
    if (total > 0) {
      const dates = shapes.datetime / total;
      const nums = shapes.numeric / total;
      const others = (shapes.other + shapes.datetime + shapes.boolean) / total;
      if (dates >= t.dateAsText) add('date_as_text', dates, t.dateAsText, 'medium', `"${p.name}" holds dates stored as text (${pct(dates)}); parse it as a datetime.`);
      else if (nums >= t.mixedTypes && others >= t.mixedTypes) {
        add('mixed_types', nums, t.mixedTypes, 'medium', `"${p.name}" mixes numbers (${pct(nums)}) with other values (${pct(others)}); clean it before use.`);
      }
    }
  }
  return out;
}

function booleanImbalance(a: number, b: number): number {
  const n = a + b;
  if (!a || !b) return 0;
  return 1 - -((a / n) * Math.log2(a / n) + (b / n) * Math.log2(b / n));
}

function correlationAlerts(name: string, m: CorrelationMatrix | undefined, t: AlertThresholds): Alert[] {
  if (!m) return [];
  const out: Alert[] = [];
  for (let i = 0; i < m.columns.length; i++)
    for (let j = i + 1; j < m.columns.length; j++) {
      const r = m.matrix[i][j];
      if (Math.abs(r) > t.correlation) {
        out.push({
          type: 'high_correlation',
          column: m.columns[i],
          value: r,
          threshold: t.correlation,
          severity: 'medium',
          message: `"${m.columns[i]}" is highly correlated with "${m.columns[j]}" (${name} ${fixed(r, 3)}); one of them may be redundant.`,
        });
      }
    }
  return out;
}

/** Every alert for a report, sorted by severity then table order. */
export function computeAlerts(table: TableSummary, columns: ColumnProfile[], cross: CrossSections, t: AlertThresholds): Alert[] {
  const shapes = new Map(table.columns.map((c) => [c.name, c.shapes]));
  const out = columns.flatMap((p) => columnAlerts(p, table.rowCount, shapes.get(p.name), t));
  const dupRatio = table.rowCount ? cross.duplicates.duplicateRows / table.rowCount : 0;
  if (dupRatio > t.duplicates) {
    out.push({ type: 'duplicates', value: dupRatio, threshold: t.duplicates, severity: 'medium', message: `${cross.duplicates.duplicateRows} rows (${pct(dupRatio)}) repeat an earlier row exactly.` });
  }
  out.push(...correlationAlerts('Pearson r', cross.correlations.pearson, t));
  out.push(...correlationAlerts("Cramér's V", cross.correlations.cramers_v, t));
  out.push(...correlationAlerts('η', cross.correlations.eta, t));
  // A row label matches every target value one-to-one by construction: that is the identifier alert, not leakage.
  const labels = new Set(out.filter((a) => a.type === 'unique').map((a) => a.column));
  for (const a of cross.target?.associations ?? []) {
    if (a.value >= t.targetLeakage && !labels.has(a.column)) {
      out.push({ type: 'target_leakage', column: a.column, value: a.value, threshold: t.targetLeakage, severity: 'high', message: `"${a.column}" predicts the target "${cross.target!.name}" almost perfectly (${MEASURES[a.measure]} ${fixed(a.value, 3)}) — it may be recorded after the outcome (leakage). Drop it unless it will be known at prediction time.` });
    }
  }
  const order = new Map(table.columns.map((c, i) => [c.name, i]));
  return out
    .map((a, i) => ({ a, i }))
    .sort((x, y) => RANK[x.a.severity] - RANK[y.a.severity] || (order.get(x.a.column ?? '') ?? -1) - (order.get(y.a.column ?? '') ?? -1) || x.i - y.i)
    .map((x) => x.a);
}
