/**
 * Wraps callbacks so a call can wait, before it returns, until every one of them was delivered:
 * across threads each arrives as a Comlink proxy on its own port and would otherwise trail the
 * result (and be dropped by the bridge). Plain functions (Node tests) pass straight through.
 */
export function deliveries() {
  const last = new Map<unknown, unknown>();
  return {
    track<A extends unknown[]>(f: ((...a: A) => unknown) | undefined): ((...a: A) => void) | undefined {
      return f && ((...a: A) => void last.set(f, f(...a)));
    },
    async flush(): Promise<void> {
      await Promise.allSettled([...last.values()]);
    },
  };
}
