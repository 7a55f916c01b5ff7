/**
 * What a binary file is, from its first bytes, when it is a kind people often try to open as data:
 * a spreadsheet workbook, an archive, a database. Named in the refusal with the way to get a CSV out.
 */

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** The sentence naming the file's kind and what to do, or null for a binary file of no kind known here. */
export function knownBinary(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip's first entries name what it holds: xl/… in an Excel workbook, the mimetype in OpenDocument.
    const head = ascii(bytes, 0, 4096);
    if (head.includes('xl/') || head.includes('[Content_Types].xml')) return 'is an Excel workbook (.xlsx), which is not read here. In Excel, choose File → Save As → "CSV UTF-8 (Comma delimited)" for the sheet you want, then open that file.';
    if (head.includes('opendocument.spreadsheet')) return 'is an OpenDocument spreadsheet (.ods), which is not read here. In LibreOffice, choose File → Save As → "Text CSV", then open that file.';
    return 'is a zip archive. Unzip it and open the CSV, JSON, Parquet or Arrow file inside (a zip of images opens with "Open an image folder").';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'is an Excel 97–2003 workbook (.xls) or another Office file, which is not read here. In Excel, choose File → Save As → "CSV UTF-8 (Comma delimited)", then open that file.';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'is gzip-compressed. Decompress it first (gunzip, or double-click it), then open the file inside.';
  if (ascii(bytes, 0, 16) === 'SQLite format 3\0') return 'is an SQLite database. Export a table to CSV first, e.g. sqlite3 -header -csv data.db "SELECT * FROM my_table" > my_table.csv.';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'is a PDF document. Export its table to CSV with a spreadsheet or a PDF table tool first.';
  return null;
}
