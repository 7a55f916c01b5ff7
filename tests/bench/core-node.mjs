// The studio's own reader (`readTable` from src/core/table) run in Node on one thread, without a browser:
// shows how much of the in-page load time is the parser itself.
import { tsImport } from 'tsx/esm/api';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * Times `readTable(nodeFileSource(path))`, median of `repeats` runs. Returns `{ ms, times, rows, rowsPerSec,
 * mbPerSec, types }`, or `{ unavailable: reason }` when the core reader cannot be imported or fails, so that
 * the section still prints its other figures.
 */
export async function measureCoreNode(path, { bytes, repeats = 3 }) {
  try {
    const { readTable } = await tsImport('../../src/core/table/index.ts', import.meta.url);
    const { nodeFileSource } = await tsImport('../../src/cli/nodeSource.ts', import.meta.url);
    const times = [];
    let table;
    for (let i = 0; i < repeats; i++) {
      const source = await nodeFileSource(path);
      const t0 = performance.now();
      ({ table } = await readTable(source));
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    return { ms, times, rows: table.rowCount, rowsPerSec: table.rowCount / (ms / 1000), mbPerSec: bytes / 1e6 / (ms / 1000),
      types: table.columns.map((c) => `${c.name}:${c.type}`).join(' ') };
  } catch (error) {
    return { unavailable: String(error.message ?? error).split('\n')[0] };
  }
}
