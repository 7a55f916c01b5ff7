import { describe, expect, test } from 'vitest';
import { addDataset, completedRun, freshDb, track } from './helpers';
import { openStudioDBAt } from '../../../src/storage/db';
import { onChange, registerVersion, setAlias, type StudioChange } from '../../../src/storage';

function collect(channel: string) {
  const seen: StudioChange[] = [];
  const stop = onChange((c) => seen.push(c), channel);
  return { seen, stop };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('onChange', () => {
  test('every committed verb is announced on the channel, in order', async () => {
    const name = `changes-${Math.random()}`;
    const listener = collect(name);
    const db = await freshDb({ channel: name }, name);
    const d = await addDataset(db);
    await completedRun(db, 'r1', d.id);
    await registerVersion(db, 'r1', 'churn');
    await setAlias(db, 'churn', 'champion', 1);
    await settle();
    listener.stop();
    expect(listener.seen.map((c) => [c.kind, c.verb, c.ids])).toEqual([
      ['dataset', 'putDataset', [d.id]],
      ['run', 'saveRun', ['r1']],
      ['version', 'registerVersion', ['churn']],
      ['alias', 'setAlias', ['churn']],
    ]);
  });

  test('a failed verb announces nothing', async () => {
    const name = `quiet-${Math.random()}`;
    const listener = collect(name);
    const db = await freshDb({ channel: name }, name);
    await expect(registerVersion(db, 'ghost', 'churn')).rejects.toThrow();
    await settle();
    listener.stop();
    expect(listener.seen).toEqual([]);
  });
});

describe('versionchange', () => {
  test('a newer schema opened elsewhere closes this connection and tells the UI', async () => {
    const name = `upgrade-${Math.random()}`;
    let told = 0;
    const old = await openStudioDBAt(name, 1, { channel: name, onVersionChange: () => told++ });
    const newer = track(await openStudioDBAt(name, 2, { channel: name }));
    expect(newer.version).toBe(2);
    expect(told).toBe(1);
    expect(() => old.transaction('runs')).toThrow();
  });
});
