import { describe, expect, test } from 'vitest';
import { conflictWords, planMerge, type ViewModel } from '../../../../src/core/registryFolder';

const model = (over: Partial<ViewModel> & { versions: ViewModel['versions'] }): ViewModel => ({ name: 'churn', lastVersion: Math.max(0, ...over.versions.map((v) => v.version)), aliases: {}, tags: {}, notes: {}, ...over });

describe('planMerge', () => {
  test('the same content hash is the same version; a new one takes the next number', () => {
    const studio = [model({ versions: [{ version: 1, contentHash: 'a' }, { version: 2, contentHash: 'c' }] })];
    const folder = [model({ versions: [{ version: 1, contentHash: 'a' }, { version: 2, contentHash: 'b' }], aliases: { champion: 2 }, tags: { 2: { reviewed: 'yes' } }, notes: { 2: 'from CI' } })];
    const plan = planMerge(studio, folder, { numbering: 'next', conflicts: 'keep' });
    expect(plan.same).toEqual([{ model: 'churn', from: 1, to: 1 }]);
    expect(plan.add).toEqual([{ model: 'churn', from: 2, to: 3 }]);
    expect(plan.aliases).toEqual([{ model: 'churn', alias: 'champion', version: 3, previous: null }]);
    expect(plan.tags).toEqual([{ model: 'churn', version: 3, key: 'reviewed', value: 'yes' }]);
    expect(plan.notes).toEqual([{ model: 'churn', version: 3, note: 'from CI' }]);
    expect(plan.conflicts).toEqual([]);
  });

  test('merging twice changes nothing the second time', () => {
    const folder = [model({ versions: [{ version: 1, contentHash: 'a' }], aliases: { champion: 1 }, tags: { 1: { k: 'v' } }, notes: { 1: 'n' } })];
    const plan = planMerge(folder, folder, { numbering: 'next', conflicts: 'keep' });
    expect(plan).toMatchObject({ add: [], aliases: [], tags: [], notes: [], conflicts: [] });
    expect(plan.same).toHaveLength(1);
  });

  test('a deleted number is not given again; a folder keeps incoming numbers when they are free', () => {
    const studio = [model({ lastVersion: 4, versions: [{ version: 1, contentHash: 'a' }] })];
    const incoming = [model({ versions: [{ version: 2, contentHash: 'b' }, { version: 7, contentHash: 'c' }] })];
    expect(planMerge(studio, incoming, { numbering: 'next', conflicts: 'keep' }).add.map((m) => m.to)).toEqual([5, 6]);
    expect(planMerge(studio, incoming, { numbering: 'keep', conflicts: 'keep' }).add.map((m) => m.to)).toEqual([5, 7]);
    expect(planMerge([], incoming, { numbering: 'keep', conflicts: 'keep' }).add.map((m) => m.to)).toEqual([2, 7]);
  });

  test('an alias, tag or note that disagrees is a conflict: kept, or taken on request', () => {
    const studio = [model({ versions: [{ version: 1, contentHash: 'a' }, { version: 2, contentHash: 'b' }], aliases: { champion: 1 }, tags: { 2: { reviewed: 'no' } }, notes: { 2: 'ours' } })];
    const folder = [model({ versions: [{ version: 1, contentHash: 'a' }, { version: 2, contentHash: 'b' }], aliases: { champion: 2 }, tags: { 2: { reviewed: 'yes' } }, notes: { 2: 'theirs' } })];
    const kept = planMerge(studio, folder, { numbering: 'next', conflicts: 'keep' });
    expect(kept.aliases).toEqual([]);
    expect(kept.tags).toEqual([]);
    expect(kept.notes).toEqual([]);
    expect(kept.conflicts.map((c) => [c.kind, c.ours, c.theirs, c.outcome])).toEqual([
      ['alias', 'v1', 'v2', 'kept'],
      ['tag', 'no', 'yes', 'kept'],
      ['note', 'ours', 'theirs', 'kept'],
    ]);
    expect(conflictWords(kept.conflicts[0], 'the studio', 'the folder')).toBe('The alias "champion" of churn is v1 in the studio but v2 in the folder; the studio kept v1.');
    const taken = planMerge(studio, folder, { numbering: 'next', conflicts: 'take' });
    expect(taken.aliases).toEqual([{ model: 'churn', alias: 'champion', version: 2, previous: 1 }]);
    expect(taken.tags).toEqual([{ model: 'churn', version: 2, key: 'reviewed', value: 'yes' }]);
    expect(taken.notes).toEqual([{ model: 'churn', version: 2, note: 'theirs' }]);
    expect(conflictWords(taken.conflicts[2], 'the studio', 'the folder')).toBe('The note of churn v2 is "ours" in the studio but "theirs" in the folder; the studio now has "theirs".');
  });

  test('a version whose hash is not known yet matches nothing', () => {
    const plan = planMerge([model({ versions: [{ version: 1, contentHash: null }] })], [model({ versions: [{ version: 1, contentHash: null }] })], { numbering: 'next', conflicts: 'keep' });
    expect(plan.add).toEqual([{ model: 'churn', from: 1, to: 2 }]);
  });
});
