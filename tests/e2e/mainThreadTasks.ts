import type { Page } from '@playwright/test';

/** One task the page's main thread ran: its wall time, and the processor time it used. */
export interface MainThreadTask {
  wallMs: number;
  cpuMs: number;
}

/**
 * The tasks the page's main thread ran while `during` ran, from a Chromium trace. Each task's
 * processor time (the trace's thread duration) is the work the page did in it; its wall time also
 * counts the moments the operating system gave the core to someone else, which on a busy 2-core
 * machine (the studio's own parsing worker, the GPU process, a test run beside it) is most of it.
 */
export async function mainThreadTasks(page: Page, during: () => Promise<void>): Promise<MainThreadTask[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('mainThreadTasks needs a page of a launched browser');
  await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
  let recorded: Buffer;
  try {
    await during();
  } finally {
    recorded = await browser.stopTracing();
  }
  const events = (JSON.parse(recorded.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
  if (tasks.length === 0) throw new Error('The trace holds no main-thread tasks: Chromium did not record RunTask events.');
  return tasks.map((e) => {
    if (e.tdur === undefined) throw new Error('The trace gives no processor time (tdur) for the main thread’s tasks.');
    return { wallMs: (e.dur ?? 0) / 1000, cpuMs: e.tdur / 1000 };
  });
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}
