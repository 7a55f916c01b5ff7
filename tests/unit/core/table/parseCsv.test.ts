import { describe, expect, test } from 'vitest';
import { cellText, cellValue, DataError, isString, parseCsv, type Column, type ReadResult } from '../../../../src/core/table';

const texts = (c: Column, n: number) => Array.from({ length: n }, (_, r) => cellText(c, r));
const col = (r: ReadResult, name: string) => r.table.columns.find((c) => c.name === name)!;
const warning = (r: ReadResult, code: string) => r.warnings.find((w) => w.code === code);

function dataError(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseCsv encodings', () => {
  test('UTF-8 BOM is skipped', () => {
    const r = parseCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('név,x\né,1\n')]));
    expect(r.table.columns[0].name).toBe('név');
    expect(texts(r.table.columns[0], 1)).toEqual(['é']);
    expect(r.meta.encoding).toBe('utf-8-bom');
  });
  test.each(['utf-16le', 'utf-16be'] as const)('%s with BOM', (encoding) => {
    const text = 'a,b\nß,1\n€,2\n';
    const units = [0xfeff, ...Array.from(text, (ch) => ch.charCodeAt(0))];
    const bytes = new Uint8Array(units.length * 2);
    units.forEach((u, i) => {
      const [hi, lo] = [u >> 8, u & 255];
      bytes[i * 2] = encoding === 'utf-16le' ? lo : hi;
      bytes[i * 2 + 1] = encoding === 'utf-16le' ? hi : lo;
    });
    const r = parseCsv(bytes);
    expect(r.meta.encoding).toBe(encoding);
    expect(texts(col(r, 'a'), 2)).toEqual(['ß', '€']);
    expect(cellValue(col(r, 'b'), 1)).toBe(2);
  });
  test('invalid UTF-8 falls back to windows-1252 with a warning', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('city,n\nParis,1\n'), 0x4d, 0xe9, 0x78, 0x80, 0x2c, 0x32, 0x0a]);
    const r = parseCsv(bytes, { fileName: 'cities.csv' });
    expect(texts(col(r, 'city'), 2)).toEqual(['Paris', 'Méx€']);
    expect(r.meta.encoding).toBe('windows-1252');
    expect(warning(r, 'encoding-fallback')?.message).toContain('cities.csv');
  });
});

describe('parseCsv structure', () => {
  test.each([
    ['LF', 'a,b\n1,x\n2,y\n'],
    ['CRLF', 'a,b\r\n1,x\r\n2,y\r\n'],
    ['CR only', 'a,b\r1,x\r2,y\r'],
    ['no final line end', 'a,b\n1,x\n2,y'],
    ['blank trailing lines', 'a,b\n1,x\n2,y\n\n\r\n\n'],
  ])('line ends: %s', (_, text) => {
    const r = parseCsv(text);
    expect(r.table.rowCount).toBe(2);
    expect(texts(col(r, 'b'), 2)).toEqual(['x', 'y']);
  });
  test('quoted CR/LF, delimiters and quotes inside fields', () => {
    const r = parseCsv('a,b\n"x\r\ny","p,""q"""\n');
    expect(texts(col(r, 'a'), 1)).toEqual(['x\r\ny']);
    expect(texts(col(r, 'b'), 1)).toEqual(['p,"q"']);
  });
  test.each([
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['semicolon', 'a;b;c\n1,5;2;3\n', ';'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    ['comma', 'a,b;c\n1,2;3\n', ','],
  ])('sniffs the %s delimiter', (_, text, delimiter) => {
    const r = parseCsv(text);
    expect(r.meta.delimiter).toBe(delimiter);
  });
  test('ragged rows are padded or truncated, listed (first 20) and counted', () => {
    const lines = ['a,b,c'];
    for (let i = 1; i <= 30; i++) lines.push(i % 2 ? `${i},x` : `${i},y,z,extra`);
    const r = parseCsv(lines.join('\n'));
    expect(r.table.rowCount).toBe(30);
    const w = warning(r, 'ragged-rows')!;
    expect(w.count).toBe(30);
    expect(w.rows).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(w.message).toMatch(/^30 data rows \(rows 1, 2, 3, 4, 5, …\) have a different number of fields from the header's 3\. /);
    expect(warning(parseCsv('a,b\n1,2\n3\n'), 'ragged-rows')!.message).toMatch(/^1 data row \(row 2\) has /);
    expect(texts(col(r, 'c'), 2)).toEqual(['', 'z']);
    expect(cellValue(col(r, 'a'), 29)).toBe(30);
  });
  test('header repair: empty names become col_N, duplicates get _2', () => {
    const r = parseCsv('price,,price,"",price_2\n1,2,3,4,5\n');
    expect(r.table.columns.map((c) => c.name)).toEqual(['price', 'col_2', 'price_2', 'col_4', 'price_2_2']);
    expect(warning(r, 'header-repaired')?.count).toBe(4);
    expect(warning(r, 'header-repaired')?.message).toBe('4 columns had no name or a repeated one, so they were named: column 2 (no name) is now "col_2"; column 3 ("price", a name already taken) is now "price_2"; column 4 (no name) is now "col_4"; column 5 ("price_2", a name already taken) is now "price_2_2". Edit the header row to choose your own names.');
  });
  test('unbalanced quote at EOF: loads what is there and names the line', () => {
    const r = parseCsv('a,b\n1,x\n2,"open\nmore\n');
    expect(r.table.rowCount).toBe(2);
    expect(texts(col(r, 'b'), 2)).toEqual(['x', 'open\nmore\n']);
    const w = warning(r, 'unbalanced-quote')!;
    expect(w.rows).toEqual([3]);
    expect(w.message).toContain('line 3');
  });
  test('header-only file: 0 rows, columns kept, warning', () => {
    const r = parseCsv('a,b,c\n');
    expect(r.table.rowCount).toBe(0);
    expect(r.table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(warning(r, 'header-only')).toBeDefined();
  });
  test('empty file is a DataError naming the file', () => {
    const e = dataError(() => parseCsv(new Uint8Array(0), { fileName: 'nothing.csv' }));
    expect(e.message).toContain('nothing.csv');
    expect(e.details.file).toBe('nothing.csv');
  });
  test('a file of blank lines has no header: DataError', () => {
    expect(dataError(() => parseCsv('\n\r\n\n', { fileName: 'blank.csv' })).message).toContain('"blank.csv" has no header row');
  });
  test('binary file named .csv is a DataError', () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const e = dataError(() => parseCsv(bytes, { fileName: 'photo.csv' }));
    expect(e.message).toMatch(/photo\.csv.*looks like a binary file, not text/);
  });
  test('a workbook, an archive, a compressed file or a database is named, with the way to a CSV', async () => {
    const { zipSync, gzipSync, strToU8 } = await import('fflate');
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    expect(dataError(() => parseCsv(xlsx, { fileName: 'sales.csv' })).message).toBe('"sales.csv" is an Excel workbook (.xlsx), which is not read here. In Excel, choose File → Save As → "CSV UTF-8 (Comma delimited)" for the sheet you want, then open that file.');
    const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet') }, { level: 0 });
    expect(dataError(() => parseCsv(ods, { fileName: 'b.ods' })).message).toContain('is an OpenDocument spreadsheet (.ods)');
    expect(dataError(() => parseCsv(zipSync({ 'data.csv': strToU8('a,b\n1,2\n') }), { fileName: 'd.zip' })).message).toContain('is a zip archive. Unzip it');
    // Compressed text can pass the control-byte count; its magic number gives it away.
    const gz = gzipSync(strToU8('a,b\n' + '1,2\n'.repeat(500)));
    expect(dataError(() => parseCsv(gz, { fileName: 't.csv.gz' })).message).toBe('"t.csv.gz" is gzip-compressed. Decompress it first (gunzip, or double-click it), then open the file inside.');
    const xls = new Uint8Array(512);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(dataError(() => parseCsv(xls, { fileName: 'old.xls' })).message).toContain('is an Excel 97–2003 workbook (.xls)');
    const sqlite = new TextEncoder().encode('SQLite format 3\u0000' + '\u0000'.repeat(100));
    expect(dataError(() => parseCsv(sqlite, { fileName: 'app.db' })).details).toMatchObject({ file: 'app.db', code: 'binary-file' });
  });
  test('a few NUL bytes inside a CSV are kept as text', () => {
    const r = parseCsv('a,b\nx\u0000y,1\n' + 'p,2\n'.repeat(200));
    expect(texts(col(r, 'a'), 1)).toEqual(['x\u0000y']);
  });
  test('__proto__, constructor and prototype headers are ordinary columns', () => {
    const r = parseCsv('__proto__,constructor,prototype\n1,x,true\n2,y,false\n', { typeOverrides: JSON.parse('{"__proto__": "float"}') });
    expect(r.table.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(r.table.columns.map((c) => c.type)).toEqual(['float', 'identifier', 'boolean']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  test('10,000 columns', () => {
    const n = 10_000;
    const header = Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: n }, (_, i) => String(i)).join(',');
    const r = parseCsv(`${header}\n${row}\n${row}\n`);
    expect(r.table.columns.length).toBe(n);
    expect(cellValue(r.table.columns[n - 1], 1)).toBe(n - 1);
  });
  test('a 50 MB single field', () => {
    const big = 'x'.repeat(50 << 20);
    const r = parseCsv(`a,b\n"${big}",1\n`);
    const a = col(r, 'a');
    expect(isString(a) && a.dictionary[0].length).toBe(50 << 20);
  });
});

describe('parseCsv types', () => {
  const r = parseCsv(
    [
      'int,float,bool,iso,mdy,dmy,cat,text,id,zip',
      '1,1.5,yes,2024-03-15 14:25,03/15/2024,15.03.2024,red,the quick brown fox,a1,01234',
      '-2,2,no,2024-03-16T08:00:00Z,3/16/2024,16.3.2024,blue,jumps over the lazy dog,a2,02345',
      ',NA,,,,,red,and runs far away,a3,',
      '40,1e3,Y,2024-03-17,12/01/2024,01.12.2024,red,into the forest,a4,12345',
    ].join('\n'),
  );
  test.each([
    ['int', 'integer'], ['float', 'float'], ['bool', 'boolean'], ['iso', 'datetime'], ['mdy', 'datetime'],
    ['dmy', 'datetime'], ['cat', 'categorical'], ['text', 'text'], ['id', 'identifier'], ['zip', 'identifier'],
  ])('%s is %s', (name, type) => {
    expect(col(r, name).type).toBe(type);
    expect(col(r, name).inferredType).toBe(type);
  });
  test('datetimes are UTC epoch ms and record their format', () => {
    expect(cellValue(col(r, 'iso'), 0)).toBe(Date.UTC(2024, 2, 15, 14, 25));
    expect(cellValue(col(r, 'mdy'), 3)).toBe(Date.UTC(2024, 11, 1));
    expect(cellValue(col(r, 'dmy'), 3)).toBe(Date.UTC(2024, 11, 1));
    expect(col(r, 'iso').type === 'datetime' && 'format' in col(r, 'iso') && (col(r, 'iso') as { format?: string }).format).toBe('YYYY-MM-DD HH:mm');
    expect((col(r, 'dmy') as { format?: string }).format).toBe('DD.MM.YYYY');
  });
  test('missing tokens become missing; shapes count the rest', () => {
    expect(texts(col(r, 'float'), 4)).toEqual(['1.5', '2', '', '1000']);
    expect(col(r, 'float').shapes).toEqual({ numeric: 3, datetime: 0, boolean: 0, other: 0 });
    expect(col(r, 'zip').shapes).toEqual({ numeric: 1, datetime: 0, boolean: 0, other: 2 });
  });
  test('0/1 columns are integers, not booleans', () => {
    expect(parseCsv('flag\n0\n1\n1\n').table.columns[0].type).toBe('integer');
  });
  test('custom missing tokens', () => {
    const custom = parseCsv('a,b\n1,-999\n2,x\n', { missingTokens: ['-999'] });
    expect(texts(col(custom, 'b'), 2)).toEqual(['', 'x']);
    expect(texts(parseCsv('a\nNA\n1\n', { missingTokens: [] }).table.columns[0], 2)).toEqual(['NA', '1']);
  });
  test('a late value that does not fit widens: integer -> float, anything -> string', () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => `${i},${i},2024-01-01`);
    rows.push('1.5,oops,not a date');
    const late = parseCsv(['i,s,d', ...rows].join('\n'));
    expect(col(late, 'i').type).toBe('float');
    expect(cellValue(col(late, 'i'), 70_000)).toBe(1.5);
    expect(isString(col(late, 's'))).toBe(true);
    expect(cellText(col(late, 's'), 70_000)).toBe('oops');
    expect(cellText(col(late, 's'), 3)).toBe('3');
    expect(isString(col(late, 'd'))).toBe(true);
  });
  test('typeOverrides force a type; non-fitting values become missing and are counted', () => {
    const o = parseCsv('a,b,c\n1,x,2024-01-01\n2.5,7,nope\n3,,2024-01-03\n', { typeOverrides: { a: 'integer', b: 'float', c: 'categorical' } });
    expect(col(o, 'a').type).toBe('integer');
    expect(col(o, 'a').inferredType).toBe('float');
    expect(texts(col(o, 'a'), 3)).toEqual(['1', '', '3']);
    expect(texts(col(o, 'b'), 3)).toEqual(['', '7', '']);
    expect(col(o, 'c').type).toBe('categorical');
    expect(o.warnings.filter((w) => w.code === 'type-override').map((w) => [w.column, w.count])).toEqual([['a', 1], ['b', 1]]);
  });
});
