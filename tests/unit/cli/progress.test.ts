/** The progress line: drawn in place on a terminal, silent elsewhere or with --quiet, with the time left. */
import { describe, expect, test } from 'vitest';
import { createProgress, profileProgress, readProgress, trainProgress } from '../../../src/cli/progress';
import { defaultSpec } from '../../../src/core/models/catalog';

/** A stand-in for stderr with a clock the test moves: every write is kept. */
function terminal(isTTY = true) {
  const writes: string[] = [];
  let t = 0;
  const stream = { isTTY, columns: 100, write: (s: string) => writes.push(s) };
  return { writes, stream, now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('createProgress', () => {
  test('on a terminal each line replaces the last: carriage return, text, erase to the end', () => {
    const term = terminal();
    const p = createProgress({ stream: term.stream, now: term.now });
    p.phase('Reading flights.csv');
    term.advance(2000);
    p.tick('1,200 rows', 0.25);
    p.clear();
    expect(term.writes).toEqual(['\rReading flights.csv…\x1b[K', '\rReading flights.csv · 25 % · about 6 s left · 1,200 rows\x1b[K', '\r\x1b[K']);
  });

  test('no time left is guessed early in a stage, nor when the total is unknown', () => {
    const term = terminal();
    const p = createProgress({ stream: term.stream, now: term.now });
    p.phase('Reading a.csv');
    p.tick('10 rows', 0.5);
    term.advance(5000);
    p.tick('20 rows');
    expect(term.writes.slice(1)).toEqual(['\rReading a.csv · 50 % · 10 rows\x1b[K', '\rReading a.csv · 20 rows\x1b[K']);
  });

  test('redraws come at most every 100 ms, except the first of a stage and the last', () => {
    const term = terminal();
    const p = createProgress({ stream: term.stream, now: term.now });
    p.phase('Scoring');
    p.tick('1 of 4 rows', 0.25);
    p.tick('2 of 4 rows', 0.5);
    term.advance(150);
    p.tick('3 of 4 rows', 0.75);
    p.tick('4 of 4 rows', 1);
    expect(term.writes.map((w) => w.match(/(\d) of 4/)?.[1] ?? '-')).toEqual(['-', '1', '3', '4']);
  });

  test('a long line is cut to the terminal width so it never wraps', () => {
    const term = terminal();
    term.stream.columns = 30;
    createProgress({ stream: term.stream, now: term.now }).phase('Explaining the model: partial dependence of the top columns');
    const text = term.writes[0].replace('\r', '').replace('\x1b[K', '');
    expect(text).toHaveLength(29);
    expect(text.endsWith('…')).toBe(true);
  });

  test('nothing is written when the stream is not a terminal, or with quiet', () => {
    for (const [tty, quiet] of [[false, false], [true, true]]) {
      const term = terminal(tty);
      const p = createProgress({ stream: term.stream, now: term.now, quiet });
      p.phase('Reading a.csv');
      p.tick('5 rows', 1);
      p.clear();
      expect(term.writes).toEqual([]);
    }
  });
});

describe('stage hooks', () => {
  test('reading shows rows (or, before they are counted, bytes) and the share of bytes; profiling its steps', () => {
    const term = terminal();
    const p = createProgress({ stream: term.stream, now: term.now });
    readProgress(p, 'big.json').onProgress!({ bytes: 2_500_000, totalBytes: 10_000_000, rows: 0 });
    readProgress(p, 'big.csv').onProgress!({ bytes: 500, totalBytes: 1000, rows: 1_234_567 });
    profileProgress(p).onProgress!(3, 12);
    expect(term.writes).toEqual([
      '\rReading big.json…\x1b[K',
      '\rReading big.json · 25 % · 2.5 MB of 10 MB\x1b[K',
      '\rReading big.csv…\x1b[K',
      '\rReading big.csv · 50 % · 1,234,567 rows\x1b[K',
      '\rProfiling the columns…\x1b[K',
      '\rProfiling the columns · 25 % · step 3 of 12\x1b[K',
    ]);
  });

  test('boosting rounds show the validation loss and an upper bound on the time left; later phases replace them', () => {
    const term = terminal();
    const p = createProgress({ stream: term.stream, now: term.now });
    const hooks = trainProgress(p, { ...defaultSpec(), options: { rounds: 200 } });
    term.advance(3000);
    hooks.onEpoch!({ epoch: 50, loss: 0.5, valLoss: 0.412345, metric: 0.8, valMetric: 0.79, elapsedMs: 3000 });
    term.advance(1000);
    hooks.onEpoch!({ epoch: 100, loss: 0.4, valLoss: null, metric: 0.8, valMetric: null, elapsedMs: 4000 });
    hooks.onPhase!('Cross-validating: fold 2 of 5…');
    expect(term.writes).toEqual([
      '\rTraining Gradient-boosted trees…\x1b[K',
      '\rTraining Gradient-boosted trees · 25 % · round 50 of 200 · validation loss 0.4123\x1b[K',
      '\rTraining Gradient-boosted trees · 50 % · up to 1 s left · round 100 of 200\x1b[K',
      '\rCross-validating: fold 2 of 5…\x1b[K',
    ]);
  });

  test('the time left reads in minutes and hours when it is long', () => {
    const term = terminal();
    const p = createProgress({ stream: term.stream, now: term.now });
    p.phase('Reading huge.csv');
    term.advance(50_000);
    p.tick('9 rows', 0.2);
    term.advance(900_000);
    p.tick('10 rows', 0.25);
    expect(term.writes.slice(1).map((w) => w.match(/about (.*) left/)?.[1])).toEqual(['3 min 20 s', '47 min 30 s']);
    p.phase('Reading huger.csv');
    term.advance(3_900_000);
    p.tick('1 row', 0.5);
    expect(term.writes.at(-1)).toContain('about 1 h 5 min left');
  });
});
