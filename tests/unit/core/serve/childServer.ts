/** Runs a server as a child process (node serve.mjs or the CLI) and waits for its "listening" log line. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  child: ChildProcess;
  url: string;
  /** Every stdout line so far, parsed (access log and events). */
  lines: Record<string, unknown>[];
  stderr: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function startChild(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Child> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let err = '';
  let partial = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => (err += d.toString()));
    child.stdout!.on('data', (d) => {
      partial += d.toString();
      const parts = partial.split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (entry.event === 'listening') resolve({ child, url: entry.url as string, lines, stderr: () => err, exited });
      }
    });
    void exited.then((code) => reject(new Error(`The server exited (${code}) before listening: ${err}`)));
  });
}

/** Polls /metrics until at least `n` other requests are in flight (the poll itself is one more). */
export async function waitInFlight(url: string, n: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const text = await fetch(`${url}/metrics`).then((r) => r.text());
    const now = Number(/^modelbench_in_flight_requests (\d+)$/m.exec(text)?.[1] ?? 0);
    if (now >= n + 1) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${n} requests never were in flight at ${url}`);
}
