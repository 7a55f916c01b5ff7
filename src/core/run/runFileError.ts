/** A run directory or one of its files cannot be read; the message says which file and what to do. */
export class RunFileError extends Error {
  override name = 'RunFileError';
}
