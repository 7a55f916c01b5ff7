/**
 * Resolves in a later task of the event loop, so messages that arrived meanwhile (a cancel, a
 * pause, a progress read) are handled. Not `setTimeout(0)`: Node makes it wait at least 1 ms, and
 * browsers clamp a timer scheduled from a timer's continuation to 4 ms after five in a row, which
 * cost a tree run yielding every 50 ms up to 8 % of its time. Node's setImmediate and a
 * MessageChannel message are tasks with no such floor.
 */
export function nextTask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        port1.close();
        resolve();
      };
      port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
