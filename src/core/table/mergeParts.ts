import type { CsvPart, PartColumn } from './csvPart';

function concatFloat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function mergeColumn(a: PartColumn, b: PartColumn): PartColumn {
  const common = { sawFloat: a.sawFloat || b.sawFloat, pattern: a.pattern || b.pattern, mismatches: a.mismatches + b.mismatches, missing: a.missing + b.missing };
  if (a.values && b.values) return { ...common, values: concatFloat(a.values, b.values), codes: null, dictionary: null };
  const dictionary = [...a.dictionary!];
  const index = new Map<string, number>();
  dictionary.forEach((s, i) => index.set(s, i));
  const remap = new Int32Array(b.dictionary!.length);
  b.dictionary!.forEach((s, i) => {
    let code = index.get(s);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(s);
      index.set(s, code);
    }
    remap[i] = code;
  });
  const codes = new Int32Array(a.codes!.length + b.codes!.length);
  codes.set(a.codes!);
  const offset = a.codes!.length;
  const bc = b.codes!;
  for (let i = 0; i < bc.length; i++) codes[offset + i] = bc[i] < 0 ? -1 : remap[bc[i]];
  return { ...common, values: null, codes, dictionary };
}

/** Joins consecutive parts (the second must start where the first ended): typed arrays are concatenated, dictionary codes remapped. */
export function mergeParts(a: CsvPart, b: CsvPart): CsvPart {
  if (a.end !== b.start) throw new Error(`Parts do not meet: the first ends at byte ${a.end}, the second starts at ${b.start}.`);
  const raggedRows = [...a.raggedRows, ...b.raggedRows.map((r) => r + a.rows)].slice(0, 20);
  return {
    start: a.start,
    end: b.end,
    rows: a.rows + b.rows,
    columns: a.columns.map((col, i) => mergeColumn(col, b.columns[i])),
    raggedRows,
    raggedCount: a.raggedCount + b.raggedCount,
    openQuote: b.openQuote >= 0 ? b.openQuote : a.openQuote,
  };
}
