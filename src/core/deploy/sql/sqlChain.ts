/**
 * The model's part of the query as a chain of CTEs, each selecting from the one before and
 * carrying through the columns later steps read (the id column among them). Engines plan a chain
 * of narrow projections well, and it keeps every expression small: a value used many times (a
 * hidden unit, a category's bit position) is computed once, as a column, and referenced.
 */
import type { SqlDialect } from './dialect';

export interface SqlCte {
  name: string;
  /** A complete SELECT reading the previous CTE (the first one reads the features). */
  select: string;
}

interface SqlColumn {
  /** Quoted column name. */
  name: string;
  expression: string;
}

/** Above this many `+` in one expression SQLite refuses the query (its expression depth limit is 1,000). */
const MAX_SUM_TERMS = 400;

/**
 * Appended to each CTE where the engine would otherwise inline it into the next one, substituting
 * each column by its expression: a tree sum read by four later expressions would then run four
 * times per row (PostgreSQL and SQLite ran the 60-tree tests 10 to 40 times slower). An OFFSET
 * keeps both from pulling the subquery up; DuckDB computes each projection once anyway.
 */
const FENCE: Partial<Record<SqlDialect['name'], string>> = { postgres: 'OFFSET 0', sqlite: 'LIMIT -1 OFFSET 0' };

export class SqlChain {
  readonly ctes: SqlCte[] = [];
  /** The relation the next step reads. */
  from: string;
  private readonly prefix: string;

  /**
   * @param source the quoted relation holding the features
   * @param carry quoted columns of `source` every step passes on (the id column)
   * @param taken quoted names already in use (features, carry), so internal names never shadow them
   */
  constructor(
    readonly d: SqlDialect,
    source: string,
    readonly carry: string[],
    taken: string[],
  ) {
    this.from = source;
    // Internal names start with mb_; a user column that starts so gets one more underscore in front of ours.
    let prefix = 'mb_';
    const starts = (p: string) => d.ident(p).slice(0, -1);
    while (taken.some((t) => t.startsWith(starts(prefix)))) prefix = '_' + prefix;
    this.prefix = prefix;
  }

  /** The quoted internal column `base`. */
  col(base: string): string {
    return this.d.ident(this.prefix + base);
  }

  /** Adds a CTE selecting `carry`, `keep` (quoted columns of the current relation) and `columns`. */
  add(keep: string[], columns: SqlColumn[]): void {
    const name = this.d.ident(`${this.prefix}model_${this.ctes.length + 1}`);
    const seen = new Set<string>();
    const items: string[] = [];
    for (const c of [...this.carry, ...keep]) {
      if (seen.has(c)) continue;
      seen.add(c);
      items.push(c);
    }
    for (const c of columns) items.push(`${c.expression} AS ${c.name}`);
    const fence = FENCE[this.d.name];
    this.ctes.push({ name, select: `SELECT\n  ${items.join(',\n  ')}\nFROM ${this.from}${fence ? `\n${fence}` : ''}` });
    this.from = name;
  }

  /**
   * Sums `terms` onto `init` (a literal, or null for none) for every target, left to right (the
   * scorer's order, so the doubles agree), at most `per` terms per target in one CTE; a longer sum
   * goes on in the next CTE from the partial column. `keep` columns stay available throughout.
   * Returns the quoted sum columns.
   */
  sums(targets: { name: string; init: string | null; terms: string[] }[], keep: string[], per = MAX_SUM_TERMS): string[] {
    const rounds = Math.max(1, ...targets.map((t) => Math.ceil(t.terms.length / per)));
    const partial = targets.map((t) => t.init);
    const isColumn = targets.map(() => false);
    for (let r = 0; r < rounds; r++) {
      const last = r === rounds - 1;
      const columns: SqlColumn[] = [];
      const pass: string[] = [];
      targets.forEach((t, i) => {
        const chunk = t.terms.slice(r * per, (r + 1) * per);
        if (chunk.length === 0 && !last) {
          if (isColumn[i]) pass.push(partial[i]!);
          return;
        }
        const name = this.col(last ? t.name : `${t.name}_part${r + 1}`);
        columns.push({ name, expression: chunk.length ? sumText(partial[i], chunk) : (partial[i] ?? this.d.num(0)) });
        partial[i] = name;
        isColumn[i] = true;
      });
      this.add([...keep, ...pass], columns);
    }
    return targets.map((t) => this.col(t.name));
  }
}

/** `a + t1 + t2 …` with subtraction where a term is written as a negation (`- x * 0.5`). */
function sumText(init: string | null, terms: string[]): string {
  let out = init ?? '';
  for (const t of terms) {
    if (out === '') out = t.startsWith('-') ? `(${t})` : t;
    else out += t.startsWith('-') ? ` ${t}` : ` + ${t}`;
  }
  return out;
}
