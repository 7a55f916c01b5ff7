import { splitRows } from '../recipe/page';
import type { SplitRecord } from '../run';
import type { Table } from '../table';
import { formatCount } from '../format';

/** What the comparison knows about where one model trained. */
export interface ModelTraining {
  /** The model as people see it, e.g. `churn v2 (registered)`. */
  label: string;
  /** Its split of its training file; null when it is not known (see `unknown`) or it trained on every row of `trainedOn`. */
  split: SplitRecord | null;
  /** `sha256:<hex>` of the file it trained on; '' when not known. */
  trainedOn: string;
  /** Why its training rows are not known, when they are not (a version registered before splits were saved). */
  unknown?: string;
}

/** Rows of a table that no model trained on, or why there are none. */
export type HeldOutRows =
  | { ok: true; rows: Int32Array; notes: string[] }
  | { ok: false; reason: string };

const list = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/**
 * The rows of `table` (whose source bytes have `fingerprint`) that none of `models` trained on and
 * that have a target: each model trained on this file gives up its training rows, rebuilt from its
 * split; a model trained on another file gives up none. Session runs and registered versions go
 * through here alike, so the same models give the same rows.
 */
export function heldOutRows(table: Table, target: string, fingerprint: string, models: readonly ModelTraining[]): HeldOutRows {
  const trained = new Uint8Array(table.rowCount);
  let usable: Int32Array | null = null;
  const other: string[] = [];
  for (const m of models) {
    if (m.unknown) return { ok: false, reason: `${m.label}: ${m.unknown}` };
    if (!m.trainedOn) return { ok: false, reason: `${m.label} does not record which file it trained on, so its training rows cannot be left out. Compare on a file none of the models saw.` };
    if (m.trainedOn !== fingerprint) {
      other.push(m.label);
      continue;
    }
    if (!m.split) return { ok: false, reason: `${m.label} trained on every row of ${table.name}, so none of its rows are held out. Compare on a file none of the models saw.` };
    const split = splitRows(table, target, m.split.spec);
    if (m.split.trainRows !== null && split.train.length !== m.split.trainRows) {
      return { ok: false, reason: `The split of ${m.label} cannot be rebuilt exactly: it trained on ${formatCount(m.split.trainRows)} rows, the same split of ${table.name} now gives ${formatCount(split.train.length)}. Compare on a file none of the models saw.` };
    }
    for (const r of split.train) trained[r] = 1;
    usable ??= Int32Array.from([...split.train, ...split.test]).sort();
  }
  const candidates = usable ?? Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const rows = candidates.filter((r) => trained[r] === 0);
  const mine = models.filter((m) => !other.includes(m.label));
  if (rows.length === 0) {
    return { ok: false, reason: `No row of ${table.name} is held out from every model: each row trained at least one of ${list(mine.map((m) => m.label))}. Compare on a file none of the models saw.` };
  }
  const notes: string[] = [];
  const specs = new Set(mine.map((m) => JSON.stringify(m.split?.spec)));
  if (specs.size > 1) notes.push(`${list(mine.map((m) => m.label))} split ${table.name} differently, so only the ${formatCount(rows.length)} rows none of them trained on are compared.`);
  if (other.length) notes.push(`${list(other)} trained on another file; every row of ${table.name} counts as unseen by ${other.length === 1 ? 'it' : 'them'}.`);
  return { ok: true, rows, notes };
}
