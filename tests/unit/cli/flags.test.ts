import { describe, expect, test } from 'vitest';
import { readFlags } from '../../../src/cli/flags';

const USAGE = 'Usage: x <file> --out F [--fast]';

describe('readFlags', () => {
  test('reads value flags, switches and positionals in any order', () => {
    const out = readFlags(['a.csv', '--fast', '--out', 'r.json', 'b.csv'], ['out', 'seed'], USAGE, ['fast', 'slow']);
    expect(out.flags).toEqual({ out: 'r.json', seed: undefined });
    expect([...out.switches]).toEqual(['fast']);
    expect(out.positional).toEqual(['a.csv', 'b.csv']);
  });

  test.each([
    [['--roundz', '5'], 'Unknown flag "--roundz". Did you mean --rounds? Usage: x'],
    [['--learningrate', '0.1'], 'Unknown flag "--learningrate". Did you mean --learningRate? Usage: x'],
    [['--fats'], 'Unknown flag "--fats". Did you mean --fast? Usage: x'],
    [['--wat', '1'], 'Unknown flag "--wat". Usage: x'],
  ])('%j names the flag it most likely meant, when one is close', (argv, message) => {
    expect(() => readFlags(argv, ['out', 'rounds', 'learningRate'], USAGE, ['fast'])).toThrow(message);
  });

  test('accepts --flag=value, also for a value starting with a dash', () => {
    expect(readFlags(['--seed=-3'], ['seed'], USAGE).flags.seed).toBe('-3');
  });

  test('takes a negative number after a value flag as its value, not as a forgotten one', () => {
    const out = readFlags(['--seed', '-3', '--shift', '-.5', 'a.csv', '--out', 'r'], ['seed', 'shift', 'out'], USAGE, ['fast']);
    expect(out.flags).toEqual({ seed: '-3', shift: '-.5', out: 'r' });
    expect(out.positional).toEqual(['a.csv']);
    // A switch takes no value, so a number after it stays a positional argument's business.
    expect(() => readFlags(['--fast', '-3'], ['out'], USAGE, ['fast'])).toThrow(/^Unknown flag "-3"\./);
  });

  test.each([
    [['--wat', '1'], /^Unknown flag "--wat"\. Usage: x/],
    [['--out'], /^Flag --out needs a value\. Usage: x/],
    [['--out', '--fast'], /^Flag --out needs a value\./],
    [['--fast=yes'], /^Flag --fast takes no value\./],
  ])('%j is refused with the flag named and the usage', (argv, message) => {
    expect(() => readFlags(argv, ['out'], USAGE, ['fast'])).toThrow(message);
  });
});
