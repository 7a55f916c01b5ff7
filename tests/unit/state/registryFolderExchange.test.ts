import { describe, expect, test } from 'vitest';
import { mergeSentences, type FolderMerge } from '../../../src/state/registryFolderExchange';

const merge = (over: Partial<FolderMerge>): FolderMerge => ({ direction: 'import', where: 'registry.zip', added: [], same: 0, aliases: [], conflicts: [], problems: [], ...over });

describe('mergeSentences', () => {
  test('an import names each new version, its number in the folder when it differs, what was already here and the aliases', () => {
    expect(mergeSentences(merge({ added: [{ model: 'churn', version: 2, from: 2 }, { model: 'churn', version: 4, from: 3 }], same: 1, aliases: [{ model: 'churn', alias: 'champion', version: 4 }] }))).toEqual([
      'Imported from registry.zip: churn v2, churn v4 (v3 in the folder).',
      '1 version already here with the same content, left as it was.',
      'Aliases set: champion → churn v4.',
    ]);
  });
  test('an export with nothing new says so, with counts grouped', () => {
    expect(mergeSentences(merge({ direction: 'export', where: 'registry', same: 1200 }))).toEqual(['Nothing new to write to registry.', '1,200 versions already in the folder with the same content, left as they were.']);
  });
});
