import { vi } from 'vitest';
import { main } from '../../../src/cli/main';

/** Runs `modelbench` in this process: the exit code, and what it printed to stdout and stderr. */
export async function runMain(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((m) => void (out += `${m}\n`)),
    vi.spyOn(console, 'error').mockImplementation((m) => void (err += `${m}\n`)),
  ];
  try {
    return { code: await main(argv), out, err };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}
