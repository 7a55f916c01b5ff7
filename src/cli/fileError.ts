/** Node's file-system errors (ENOENT, EACCES…) as one line a person can act on, naming the file. */
const REASONS: Record<string, string> = {
  ENOENT: 'there is no such file or folder; check the path',
  EACCES: 'permission denied; check the file’s permissions',
  EPERM: 'the operation is not permitted; check the file’s permissions',
  EISDIR: 'it is a folder, not a file; name a file inside it',
  ENOTDIR: 'a part of the path is a file, not a folder; check the path',
  EMFILE: 'too many files are open; close some programs and try again',
  ENOSPC: 'the disk is full; free some space and try again',
  EROFS: 'the disk is read-only; write somewhere else',
};

/** The message for a file-system error, or undefined when `error` is not one. */
export function fileErrorMessage(error: unknown): string | undefined {
  const e = error as { code?: unknown; path?: unknown; syscall?: unknown } | null;
  if (!e || typeof e.code !== 'string' || !(e.code in REASONS)) return undefined;
  const what = typeof e.path === 'string' ? `"${e.path}"` : 'a file';
  return `Cannot ${e.syscall === 'mkdir' ? 'create' : 'open'} ${what}: ${REASONS[e.code]}.`;
}
