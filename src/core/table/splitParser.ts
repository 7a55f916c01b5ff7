import type { ByteSource } from './byteSource';
import { parseCsvPart, partCapacity, type CsvPart, type CsvPlan, type PartRegion } from './csvPart';
import { joinRegions, mergeParts } from './mergeParts';
import type { ReadHooks } from './readHooks';
import { progressThrottle } from './readHooks';
import type { WholeParser } from './readCsv';
import { runAsync } from './readSteps';
import { allocFloat64, allocInt32, canShare } from './sharedColumns';

/**
 * Parses `[start, stop)` of a planned CSV elsewhere (another worker), reporting absolute bytes read,
 * filling `region` first when given (views on shared memory: post them, do not copy them).
 */
export type RemotePartRunner = (plan: CsvPlan, start: number, stop: number, onProgress: (bytes: number, rows: number) => void, region?: PartRegion) => Promise<CsvPart>;

/** One shared column per sink sized for both halves, and each half's view on it. */
function sharedRegions(plan: CsvPlan, boundary: number): { first: PartRegion; second: PartRegion; offset: number } {
  const offset = partCapacity(plan, plan.dataStart, boundary);
  const total = offset + partCapacity(plan, boundary, plan.size);
  const columns = plan.sinks.map((sink) => (sink.kind === 'string' ? allocInt32(total, true) : allocFloat64(total, true)));
  return {
    offset,
    first: columns.map((c) => c.subarray(0, offset)),
    second: columns.map((c) => c.subarray(offset)),
  };
}

/** Below this many data bytes one thread is faster than two (worker start-up and merge costs). */
export const SPLIT_MIN_BYTES = 8 << 20;

/** All ArrayBuffers of a part, for transfer lists. */
export function partTransferables(part: CsvPart): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const c of part.columns) {
    const buffer = (c.values ?? c.codes)?.buffer;
    if (buffer instanceof ArrayBuffer) buffers.add(buffer);
  }
  return [...buffers];
}

/**
 * A `WholeParser` that splits the data in two at a speculated record boundary (the first LF
 * after the midpoint): the first half parses here while `runRemote` parses the second. The first
 * half must end exactly where the second began; when it does not (the LF was inside quotes), the
 * rest is re-parsed here from the true boundary.
 */
export function splitParser(runRemote: RemotePartRunner, minBytes = SPLIT_MIN_BYTES, shared = canShare()): WholeParser {
  return async (source: ByteSource, plan: CsvPlan, hooks: ReadHooks): Promise<CsvPart> => {
    const here = (start: number, h: ReadHooks) => runAsync(parseCsvPart(plan, start, plan.size, h), source);
    const dataBytes = plan.size - plan.dataStart;
    if (dataBytes < minBytes) return here(plan.dataStart, hooks);
    const mid = plan.dataStart + Math.floor(dataBytes / 2);
    const probe = await source.read(mid, Math.min(plan.size, mid + (1 << 20)));
    const lf = probe.indexOf(10);
    if (lf < 0 || mid + lf + 1 >= plan.size) return here(plan.dataStart, hooks);
    const boundary = mid + lf + 1;
    // On shared memory both halves parse straight into the table's final columns (no merge copy, and
    // about one table's worth of memory less at the peak); elsewhere each half has its own arrays.
    const regions = shared ? sharedRegions(plan, boundary) : null;
    const report = progressThrottle(hooks.onProgress, plan.size);
    const done = { a: plan.dataStart, rowsA: 0, b: boundary, rowsB: 0 };
    const update = () => report(done.a - plan.dataStart + (done.b - boundary) + plan.dataStart, done.rowsA + done.rowsB);
    const first = runAsync(
      parseCsvPart(plan, plan.dataStart, boundary, {
        signal: hooks.signal,
        onProgress: (p) => {
          done.a = Math.min(p.bytes, boundary);
          done.rowsA = p.rows;
          update();
        },
      }, Infinity, regions?.first),
      source,
    );
    // The second half's errors count only if the speculation holds: from a wrong boundary it parses garbage.
    const second = runRemote(plan, boundary, plan.size, (bytes, rows) => {
      done.b = bytes;
      done.rowsB = rows;
      update();
    }, regions?.second).then(
      (part) => ({ part, error: null }),
      (error: unknown) => ({ part: null, error }),
    );
    const a = await first;
    if (a.end !== boundary) return mergeParts(a, await here(a.end, hooks));
    const b = await second;
    if (b.error !== null) throw b.error;
    return (regions && joinRegions(a, b.part!, regions.offset)) ?? mergeParts(a, b.part!);
  };
}
