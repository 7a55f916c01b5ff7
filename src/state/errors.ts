/** An error as the UI shows it: a title, the message (what, where, remedy) and optional detail. */
export interface UserError {
  title: string;
  message: string;
}

export function isAbort(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'AbortError';
}

/** Turns anything thrown into a message a person can act on; DataErrors already carry one. */
export function toUserError(title: string, error: unknown): UserError {
  const e = error as { name?: string; message?: string } | null;
  if (e?.name === 'DataError' && e.message) return { title, message: e.message };
  if (e?.message) return { title, message: e.message };
  return { title, message: String(error) };
}
