/**
 * Phases of one render, in milliseconds after its start (the moment the data was in memory, or the
 * user asked for the view), as stored in the `detail` of a `performance.measure` entry.
 */
export interface FrameTiming {
  /** Start → the DOM update is committed (the component's effect ran): script work. */
  committed: number;
  /**
   * Start → the beginning of the next frame (the requestAnimationFrame timestamp, i.e. its vsync).
   * Chromium may run that frame's style and layout before the rAF callbacks, so the callback's own
   * time is not a boundary between script and rendering; the frame's timestamp is.
   */
  frame: number;
  /**
   * Start → a message posted from that frame's rAF callback is delivered: the frame's style, layout,
   * paint and commit ran on the main thread, so the update is on screen.
   */
  painted: number;
  /**
   * `painted` less the time the main thread sat idle between the commit and the frame's start
   * (`max(0, frame − committed)`): the main-thread work of the update. Compare it with the 16.7 ms budget.
   */
  work: number;
}

const KEEP = 200;

/**
 * Call right after a DOM commit (from an `$effect`): records a `performance.measure(name)` spanning
 * `start` → the end of the next produced frame, with the phases in `detail` (see `FrameTiming`).
 * Costs one rAF callback and one message per call.
 */
export function measureToFrame(name: string, start: number): void {
  const committed = performance.now();
  requestAnimationFrame((frameStart) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const painted = performance.now();
      channel.port1.close();
      const idle = Math.max(0, frameStart - committed);
      const detail: FrameTiming = { committed: committed - start, frame: frameStart - start, painted: painted - start, work: painted - start - idle };
      // Keep the last KEEP entries of a name, so a long session does not pile them up.
      if (performance.getEntriesByName(name, 'measure').length >= KEEP) performance.clearMeasures(name);
      performance.measure(name, { start, end: painted, detail });
    };
    channel.port2.postMessage(null);
  });
}
