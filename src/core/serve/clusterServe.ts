import type { Decision } from '../abtest';

/** The part of node:cluster's worker handle the primary uses. */
export interface ClusterWorker {
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  isDead(): boolean;
}

/** The part of node:cluster the primary uses. */
export interface ClusterModule {
  fork(): ClusterWorker;
  on(event: 'exit', listener: (worker: ClusterWorker, code: number | null, signal: string | null) => void): unknown;
}

/** A worker's side of the IPC channel (its `process`). */
export interface WorkerChannel {
  send?(message: unknown, callback?: (error: Error | null) => void): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

const STOP = 'modelbench:stop';

/**
 * `--workers N`, the primary: forks N server processes (node:cluster shares the port between them),
 * replaces one that dies, writes the decisions every worker sends to the one decision log, and on
 * SIGTERM/SIGINT tells each worker to stop, waits for all of them (each finishes its in-flight
 * requests and sends its last decisions first), then closes the log. Resolves with the exit code.
 * Reads only its arguments and built-ins, like the rest of the server.
 */
export function clusterPrimary(
  cluster: ClusterModule,
  signals: { once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown },
  count: number,
  log: { write(decision: Decision): void; close(): void } | null,
  event: (name: string, extra: Record<string, unknown>) => void,
): Promise<number> {
  const workers = new Set<ClusterWorker>();
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.on('message', (message) => {
      const m = message as { type?: string; decision?: Decision } | null;
      if (m && m.type === 'decision' && m.decision && log) log.write(m.decision);
    });
  };
  for (let i = 0; i < count; i++) fork();
  return new Promise((resolve) => {
    const finish = () => {
      if (log) log.close();
      event('stopped', { workers: count });
      resolve(0);
    };
    cluster.on('exit', (worker, code, signal) => {
      workers.delete(worker);
      if (!stopping) {
        event('worker-exit', { code, signal, replaced: true });
        fork();
      } else if (workers.size === 0) finish();
    });
    const stop = () => {
      if (stopping) return;
      stopping = true;
      event('stopping', { workers: workers.size });
      if (workers.size === 0) finish();
      for (const worker of workers) if (!worker.isDead()) worker.send(STOP);
    };
    signals.once('SIGTERM', stop);
    signals.once('SIGINT', stop);
  });
}

/**
 * `--workers N`, a worker: its decisions go to the primary over IPC (close waits until each was
 * handed to the channel), and it stops on the primary's word as on its own signals.
 */
export function clusterWorker(channel: WorkerChannel) {
  const sending = new Set<Promise<void>>();
  return {
    log: {
      write(decision: Decision) {
        const sent = new Promise<void>((resolve) => {
          if (!channel.send) resolve();
          else channel.send({ type: 'decision', decision }, () => resolve());
        });
        sending.add(sent);
        void sent.then(() => sending.delete(sent));
      },
      flush() {},
      async close() {
        await Promise.all([...sending]);
      },
    },
    signals: {
      once(signal: 'SIGTERM' | 'SIGINT', listener: () => void) {
        channel.once(signal, listener);
        channel.on('message', (message) => {
          if (message === STOP) listener();
        });
      },
    },
  };
}
