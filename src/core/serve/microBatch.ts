/**
 * Coalesces the rows of concurrent requests into one scorer call. Requests that arrive in the same
 * turn of the event loop (`defer` is setImmediate: the batch closes once the pending socket reads are
 * parsed, well under a millisecond) are scored together, up to `maxRows` per call; each request gets
 * back exactly its own rows' answers, in order. A request larger than `maxRows` is scored alone.
 * Shipped in serve.mjs with `Function.prototype.toString()`: reads only its arguments and built-ins.
 */
export function microBatcher<T>(
  predict: (rows: unknown[]) => T[],
  maxRows: number,
  defer: (fn: () => void) => unknown,
  onBatch: (rows: number) => void,
): (rows: unknown[]) => Promise<T[]> {
  type Waiting = { rows: unknown[]; resolve: (out: T[]) => void; reject: (e: unknown) => void };
  let queue: Waiting[] = [];
  let queued = 0;
  let scheduled = false;

  function score(batch: Waiting[], rows: number): void {
    onBatch(rows);
    try {
      const all: unknown[] = batch.length === 1 ? batch[0].rows : [];
      if (batch.length > 1) for (const w of batch) for (const r of w.rows) all.push(r);
      const out = predict(all);
      let at = 0;
      for (const w of batch) {
        w.resolve(batch.length === 1 ? out : out.slice(at, at + w.rows.length));
        at += w.rows.length;
      }
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
  function flush(): void {
    scheduled = false;
    const batch = queue;
    const rows = queued;
    queue = [];
    queued = 0;
    if (batch.length) score(batch, rows);
  }
  return (rows) =>
    new Promise<T[]>((resolve, reject) => {
      if (rows.length >= maxRows) {
        score([{ rows, resolve, reject }], rows.length);
        return;
      }
      if (queued + rows.length > maxRows) flush();
      queue.push({ rows, resolve, reject });
      queued += rows.length;
      if (!scheduled) {
        scheduled = true;
        defer(flush);
      }
    });
}
