/**
 * The registry's audit log: one JSON object per line, each carrying the SHA-256 of the line before
 * it, so an edited or dropped line shows as a break in the chain.
 */
import { sha256HexSync } from '../hash';

export type AuditAction = 'register' | 'alias' | 'tag' | 'note' | 'gate' | 'pipeline';

export interface AuditEntry {
  /** ISO 8601 UTC. */
  at: string;
  action: AuditAction;
  by: string;
  model: string;
  version?: number;
  /** Alias moves: the alias and the version it pointed to before (null when new). */
  alias?: string;
  from?: number | null;
  /** Anything else worth keeping: the tag set, the note, the gate's verdict, the content hash. */
  detail?: Record<string, unknown>;
  /** SHA-256 of the previous line (without its newline); "" for the first. */
  prev: string;
}

const encoder = new TextEncoder();
const hashLine = (line: string) => sha256HexSync(encoder.encode(line));

/** The line to append after `log` (the whole file so far, possibly empty). */
export function auditLine(log: string, entry: Omit<AuditEntry, 'prev'>): string {
  const lines = log.split('\n').filter((l) => l !== '');
  const prev = lines.length ? hashLine(lines[lines.length - 1]) : '';
  return `${JSON.stringify({ ...entry, prev })}\n`;
}

/** The entries of a log, with a message for each line that is not JSON or breaks the hash chain. */
export function readAuditLog(log: string): { entries: AuditEntry[]; problems: string[] } {
  const entries: AuditEntry[] = [];
  const problems: string[] = [];
  let before = '';
  log.split('\n').forEach((line, i) => {
    if (line === '') return;
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      problems.push(`audit.ndjson line ${i + 1} is not JSON; the log was edited by hand or cut short.`);
      before = line;
      return;
    }
    const expected = before === '' ? '' : hashLine(before);
    if (entry.prev !== expected) problems.push(`audit.ndjson line ${i + 1} does not follow line ${i}: a line before it was changed or removed.`);
    entries.push(entry);
    before = line;
  });
  return { entries, problems };
}
