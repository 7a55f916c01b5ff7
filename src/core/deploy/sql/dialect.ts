/**
 * What differs between the SQL engines the compiled model targets: quoting, literals, the names of
 * math functions and the float types. Everything else in the generated SQL is plain ANSI arithmetic
 * and CASE, written once. Numbers are always written as doubles (never exact decimals), because the
 * scorer computes in doubles and exact-decimal arithmetic would drift from it.
 */

export type SqlDialectName = 'duckdb' | 'postgres' | 'sqlite' | 'tsql' | 'spark' | 'bigquery';

export const SQL_DIALECTS: readonly SqlDialectName[] = ['duckdb', 'postgres', 'sqlite', 'tsql', 'spark', 'bigquery'];

export interface SqlDialect {
  name: SqlDialectName;
  /** The engine's double type (DOUBLE, DOUBLE PRECISION, REAL, FLOAT, FLOAT64). */
  doubleType: string;
  /** The engine's text type. */
  textType: string;
  /** A quoted identifier, safe for any name (quotes, Unicode, reserved words). */
  ident(name: string): string;
  /** A string literal, safe for any text. */
  str(value: string): string;
  /** A double literal that round-trips exactly; negative values are parenthesised (so `a - x` never reads as a comment); a typed NULL for non-finite. */
  num(value: number): string;
  /** `CAST(x AS <double>)`. */
  toDouble(x: string): string;
  /** `CAST(x AS <text>)`. */
  toText(x: string): string;
  /** x rounded to the nearest float32 (round half to even) and back to a double; NULL stays NULL. x must be a column reference or another cheap expression: it may be repeated. */
  f32(x: string): string;
  /** A BOOLEAN (or 0/1) value as the double 1 or 0. */
  boolToDouble(x: string): string;
  /** Epoch milliseconds (a double) of a TIMESTAMP or DATE value read as UTC. */
  epochMs(x: string): string;
  exp(x: string): string;
  /** Hyperbolic tangent; x must be a column reference or another cheap expression: it may be repeated. */
  tanh(x: string): string;
  ln(x: string): string;
  sqrt(x: string): string;
  pow(x: string, y: string): string;
  sin(x: string): string;
  cos(x: string): string;
  floor(x: string): string;
  /** The larger / smaller of two non-NULL values (NULL handling differs between engines). */
  greatest(a: string, b: string): string;
  least(a: string, b: string): string;
  /** `((mask >> code) & 1) = 1` as a condition; mask is a non-negative integer literal below 2^63, code an expression holding an integer in [0, 62] (it may be a double). */
  bitTest(maskLiteral: string, code: string): string;
  /**
   * Appended to a CTE's SELECT where the engine would otherwise inline the chain of CTEs and repeat
   * each column's expression at every use (exponential work: PostgreSQL and SQLite ran a dated
   * MLP 40 to 100 times slower); '' where the engine computes each projection once anyway.
   */
  fence: string;
  /** Text comparison that is exact (binary) in this engine: wraps a text expression where the default collation is not. */
  exactText(x: string): string;
}

/** Shortest exact decimal form, always with an exponent so every engine reads a double (3 → 3e+0). */
function exponentForm(value: number): string {
  return value.toExponential();
}

function quoteWith(open: string, close: string, doubled: string) {
  return (name: string) => open + name.split(close).join(doubled) + close;
}

function standardString(value: string): string {
  return "'" + value.split("'").join("''") + "'";
}

/** Backslash-escaped literal (Spark, BigQuery): quote, backslash and control characters escaped. */
function backslashString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (ch === "'" || ch === '\\') out += '\\' + ch;
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + "'";
}

/** Portable float32 rounding for engines without a 4-byte float type: scale to 24 significant bits, round half to even, scale back. */
function emulatedF32(d: Pick<SqlDialect, 'num' | 'floor' | 'pow'>, log2: (x: string) => string, x: string): string {
  const e = `${d.floor(log2(`ABS(${x})`))}`;
  // log2 can land one off next to a power of two; the step is 2^(e-23), clamped at float32's subnormal step.
  const step = d.pow(d.num(2), `(CASE WHEN ${e} < ${d.num(-126)} THEN ${d.num(-149)} ELSE ${e} - ${d.num(23)} END)`);
  const y = `(${x} / ${step})`;
  const r = `(CASE WHEN ${y} - ${d.floor(y)} = ${d.num(0.5)} THEN ${d.num(2)} * ${d.floor(`(${y} + ${d.num(0.5)}) / ${d.num(2)}`)} ELSE ${d.floor(`${y} + ${d.num(0.5)}`)} END)`;
  return `(CASE WHEN ${x} IS NULL OR ${x} = ${d.num(0)} THEN ${x} ELSE ${r} * ${step} END)`;
}

export function sqlDialect(name: SqlDialectName): SqlDialect {
  const plain = {
    exp: (x: string) => `EXP(${x})`,
    tanh: (x: string) => `TANH(${x})`,
    ln: (x: string) => `LN(${x})`,
    sqrt: (x: string) => `SQRT(${x})`,
    pow: (x: string, y: string) => `POWER(${x}, ${y})`,
    sin: (x: string) => `SIN(${x})`,
    cos: (x: string) => `COS(${x})`,
    floor: (x: string) => `FLOOR(${x})`,
    greatest: (a: string, b: string) => `GREATEST(${a}, ${b})`,
    least: (a: string, b: string) => `LEAST(${a}, ${b})`,
    exactText: (x: string) => x,
  };
  const make = (doubleType: string, textType: string, literal: (v: number) => string) => ({
    name,
    fence: '',
    doubleType,
    textType,
    num: (v: number) => (Number.isFinite(v) ? (v < 0 || Object.is(v, -0) ? `(${literal(v)})` : literal(v)) : `CAST(NULL AS ${doubleType})`),
    toDouble: (x: string) => `CAST(${x} AS ${doubleType})`,
    toText: (x: string) => `CAST(${x} AS ${textType})`,
    boolToDouble: (x: string) => `CAST(CAST(${x} AS INTEGER) AS ${doubleType})`,
  });
  switch (name) {
    case 'duckdb':
      return {
        ...plain,
        ...make('DOUBLE', 'VARCHAR', exponentForm),
        ident: quoteWith('"', '"', '""'),
        str: standardString,
        f32: (x) => `CAST(CAST(${x} AS FLOAT) AS DOUBLE)`,
        epochMs: (x) => `CAST(epoch_ms(CAST(${x} AS TIMESTAMP)) AS DOUBLE)`,
        bitTest: (mask, code) => `((CAST(${mask} AS BIGINT) >> CAST(${code} AS BIGINT)) & 1) = 1`,
      };
    case 'postgres':
      return {
        ...plain,
        ...make('DOUBLE PRECISION', 'TEXT', (v) => `${exponentForm(v)}::float8`),
        // PostgreSQL raises an error where exp under- or overflows; the clamp keeps the limits (0 and a huge value) instead.
        exp: (x) => `EXP(LEAST(GREATEST(${x}, -745::float8), 709::float8))`,
        ident: quoteWith('"', '"', '""'),
        str: standardString,
        fence: 'OFFSET 0',
        f32: (x) => `CAST(CAST(${x} AS REAL) AS DOUBLE PRECISION)`,
        epochMs: (x) => `(EXTRACT(EPOCH FROM CAST(${x} AS TIMESTAMP))::float8 * 1000::float8)`,
        bitTest: (mask, code) => `((CAST(${mask} AS BIGINT) >> CAST(${code} AS INTEGER)) & 1) = 1`,
      };
    case 'sqlite': {
      const base = { ...plain, ...make('REAL', 'TEXT', exponentForm) };
      return {
        ...base,
        greatest: (a, b) => `MAX(${a}, ${b})`,
        least: (a, b) => `MIN(${a}, ${b})`,
        fence: 'LIMIT -1 OFFSET 0',
        // Backticks: SQLite reads a double-quoted name that matches no column as a string literal, silently.
        ident: quoteWith('`', '`', '``'),
        str: standardString,
        f32: (x) => emulatedF32(base, (v) => `LOG2(${v})`, x),
        // julianday reads ISO-8601 text; rounding to whole milliseconds removes the day fraction's error.
        epochMs: (x) => `ROUND((julianday(${x}) - 2440587.5e0) * 86400000e0)`,
        bitTest: (mask, code) => `((${mask} >> CAST(${code} AS INTEGER)) & 1) = 1`,
      };
    }
    case 'tsql':
      return {
        ...plain,
        ...make('FLOAT', 'NVARCHAR(MAX)', (v) => exponentForm(v).toUpperCase()),
        ln: (x) => `LOG(${x})`,
        // SQL Server has no TANH: a short series near 0 (where 1 - e^-2|x| would cancel), 1 where the double is 1, else from EXP.
        tanh: (x) =>
          `(CASE WHEN ABS(${x}) < 1E-3 THEN ${x} * (1E0 - ${x} * ${x} * (1E0 / 3E0 - ${x} * ${x} * (2E0 / 15E0 - ${x} * ${x} * 17E0 / 315E0))) ` +
          `WHEN ABS(${x}) > 2E1 THEN SIGN(${x}) * 1E0 ELSE SIGN(${x}) * (1E0 - EXP(-2E0 * ABS(${x}))) / (1E0 + EXP(-2E0 * ABS(${x}))) END)`,
        // GREATEST and LEAST exist only from SQL Server 2022.
        greatest: (a, b) => `(CASE WHEN ${a} >= ${b} THEN ${a} ELSE ${b} END)`,
        least: (a, b) => `(CASE WHEN ${a} <= ${b} THEN ${a} ELSE ${b} END)`,
        ident: quoteWith('[', ']', ']]'),
        str: (v) => 'N' + standardString(v),
        f32: (x) => `CAST(CAST(${x} AS REAL) AS FLOAT)`,
        epochMs: (x) => `CAST(DATEDIFF_BIG(MILLISECOND, CAST('1970-01-01' AS DATETIME2), CAST(${x} AS DATETIME2)) AS FLOAT)`,
        bitTest: (mask, code) => `((CAST(${mask} AS BIGINT) / POWER(CAST(2 AS BIGINT), CAST(${code} AS INT))) % 2) = 1`,
        // The default collation ignores case; compare codes point by point.
        exactText: (x) => `${x} COLLATE Latin1_General_100_BIN2`,
      };
    case 'spark':
      return {
        ...plain,
        ...make('DOUBLE', 'STRING', (v) => `${exponentForm(v).toUpperCase()}D`),
        ident: quoteWith('`', '`', '``'),
        str: backslashString,
        f32: (x) => `CAST(CAST(${x} AS FLOAT) AS DOUBLE)`,
        epochMs: (x) => `CAST(unix_millis(CAST(${x} AS TIMESTAMP)) AS DOUBLE)`,
        bitTest: (mask, code) => `(shiftright(CAST(${mask} AS BIGINT), CAST(${code} AS INT)) & 1) = 1`,
      };
    case 'bigquery': {
      const base = { ...plain, ...make('FLOAT64', 'STRING', exponentForm) };
      return {
        ...base,
        ident: (n) => '`' + n.replace(/[\\`]/g, (c) => '\\' + c) + '`',
        str: backslashString,
        f32: (x) => emulatedF32(base, (v) => `LOG(${v}, 2)`, x),
        epochMs: (x) => `CAST(UNIX_MILLIS(CAST(${x} AS TIMESTAMP)) AS FLOAT64)`,
        bitTest: (mask, code) => `((CAST(${mask} AS INT64) >> CAST(${code} AS INT64)) & 1) = 1`,
      };
    }
  }
}
