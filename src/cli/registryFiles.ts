/** File-system primitives of a registry folder: atomic writes (write, then rename) and the writers' lock. */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../core/registryFolder';

/** Writes `path` whole or not at all: a reader never sees half a file. */
export async function atomicWrite(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(temp, data);
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** Another writer held the registry's lock longer than we would wait. */
export class RegistryLockedError extends RangeError {
  override name = 'RegistryLockedError';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lockMessage(dir: string, path: string, waitedMs: number): Promise<string> {
  const holder = await readFile(path, 'utf8').then((t) => JSON.parse(t) as { pid: number; host: string; since: string }).catch(() => null);
  const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another process';
  const stale = holder && holder.host === hostname() && !alive(holder.pid);
  const remedy = stale ? `That process is no longer running: delete ${path} and try again.` : `Try again when it finishes (waited ${Math.round(waitedMs / 1000)} s); if no modelbench is changing ${dir}, delete ${path}.`;
  return `The registry ${dir} is locked by ${who}. ${remedy}`;
}

/**
 * Runs `fn` holding `DIR/.lock`, created exclusively, so two writers never interleave. Waits up to
 * `waitMs` for a lock held by someone else, then throws a RegistryLockedError saying who holds it.
 */
export async function withRegistryLock<T>(dir: string, fn: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const path = join(dir, LOCK_FILE);
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (Date.now() - started >= waitMs) throw new RegistryLockedError(await lockMessage(dir, path, Date.now() - started));
      await sleep(50 + Math.random() * 100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
