import { buildColumn } from './buildColumn';
import { byteDecoder } from './byteDictionary';
import { ColumnSink } from './columnSink';
import type { PartColumn } from './csvPart';
import { countShape, decideKind, shapeCounts } from './inferKinds';
import { decoratedWarnings } from './decoratedWarning';
import { DEFAULT_MISSING_TOKENS, missingMatcher } from './missingTokens';
import { planFor } from './planCsv';
import { overrideFor, type ReadOptions } from './readOptions';
import type { Column, IngestWarning } from './types';

/**
 * Types and stores columns given as cell texts (null = missing), with the same inference as CSV
 * but over every value rather than a sample. Used for JSON, NDJSON and other row-wise sources.
 */
export function columnsFromCells(names: string[], cells: (string | null)[][], options: ReadOptions, warnings: IngestWarning[]): Column[] {
  const encoder = new TextEncoder();
  const isMissing = missingMatcher(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const decode = byteDecoder('utf-8');
  const decorated: { name: string; decorations: number; decimalComma: boolean }[] = [];
  const columns = names.map((name, i) => {
    const encoded = cells[i].map((v) => (v === null ? null : encoder.encode(v)));
    const counts = shapeCounts();
    for (const b of encoded) {
      if (b === null) counts.missing++;
      else countShape(b, 0, b.length, isMissing, counts);
    }
    const guess = decideKind(counts);
    const override = overrideFor(options, name);
    const plan = planFor(override, guess, counts);
    if (guess.decorated && plan.decorated) decorated.push({ name, decorations: counts.decorations, decimalComma: false });
    const sink = new ColumnSink(plan, i, isMissing, decode, Math.max(1, encoded.length));
    for (const b of encoded) {
      if (b === null) sink.missing();
      else sink.add(b, 0, b.length);
    }
    const n = sink.length;
    const part: PartColumn = {
      values: sink.dictionary ? null : sink.values.slice(0, n),
      codes: sink.dictionary ? sink.codes.slice(0, n) : null,
      dictionary: sink.dictionary ? sink.dictionary.strings : null,
      sawFloat: sink.sawFloat,
      pattern: sink.pattern,
      mismatches: sink.mismatches,
      missing: sink.missingCount,
    };
    if (override && sink.mismatches > 0) {
      warnings.push({ code: 'type-override', column: name, count: sink.mismatches, message: `${sink.mismatches} value(s) in column "${name}" are not ${override} and were set to missing. Choose another type for "${name}" to keep them.` });
    }
    return buildColumn(name, part, plan, guess, isMissing, override);
  });
  warnings.push(...decoratedWarnings(decorated));
  return columns;
}
