/** Progress of a read: bytes consumed so far of `totalBytes`, and rows parsed. */
export interface ReadProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

/** Cancellation and progress for long reads. */
export interface ReadHooks {
  signal?: AbortSignal;
  /** Called at most ~10 times a second, and once at the end. */
  onProgress?(p: ReadProgress): void;
}

/** Wraps `onProgress` so it fires at most every 100 ms (and always for the final call). */
export function progressThrottle(onProgress: ReadHooks['onProgress'], totalBytes: number): (bytes: number, rows: number) => void {
  let last = 0;
  return (bytes, rows) => {
    if (!onProgress) return;
    const now = Date.now();
    if (now - last < 100 && bytes < totalBytes) return;
    last = now;
    onProgress({ bytes, totalBytes, rows });
  };
}
