import { DataError } from './types';
import { knownBinary } from './knownBinary';
import { recordBuffer, scanRecord } from './scanRecord';

/**
 * Rejects bytes that are not text: more than 1% NUL bytes, or more than 10% other control
 * characters (tab, CR, LF excepted), in the sample.
 */
export function assertText(sample: Uint8Array, fileName: string): void {
  // A known kind is named whatever its byte counts: compressed bytes can pass for text by them.
  const kind = knownBinary(sample);
  if (kind) throw new DataError(`"${fileName}" ${kind}`, { file: fileName, code: 'binary-file' });
  let nul = 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample[i];
    if (c === 0) nul++;
    else if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) control++;
  }
  if (sample.length > 0 && (nul > sample.length * 0.01 || control > sample.length * 0.1)) {
    throw new DataError(
      `"${fileName}" looks like a binary file, not text (${nul} NUL and ${control} control bytes in its first ${sample.length} bytes). ` +
        'Choose a CSV, JSON, Parquet or Arrow file, or export the data to CSV first.',
      { file: fileName, code: 'binary-file' },
    );
  }
}

const CANDIDATES = [44, 9, 59, 124];

/**
 * Picks the delimiter (comma, tab, semicolon, pipe) that splits the first lines into the most
 * consistent number (> 1) of fields; comma when none does.
 */
export function sniffDelimiter(sample: Uint8Array, complete: boolean): number {
  let best = 44;
  let bestScore = 0;
  const rec = recordBuffer();
  for (const d of CANDIDATES) {
    const counts = new Map<number, number>();
    let pos = 0;
    let lines = 0;
    while (pos < sample.length && lines < 50) {
      const next = scanRecord(sample, pos, sample.length, complete, d, rec);
      if (next < 0) break;
      pos = next;
      if (rec.count === 1 && rec.starts[0] === rec.ends[0]) continue;
      counts.set(rec.count, (counts.get(rec.count) ?? 0) + 1);
      lines++;
    }
    if (lines === 0) continue;
    let modeCount = 0;
    let mode = 1;
    for (const [fields, n] of counts) {
      if (n > modeCount || (n === modeCount && fields > mode)) {
        modeCount = n;
        mode = fields;
      }
    }
    if (mode < 2) continue;
    const score = (modeCount / lines) * 1000 + Math.min(mode, 999) / 1000;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
