import {
  profileColumns,
  profileCross,
  profileSections,
  profileTable,
  type CrossSectionKind,
  type CrossSections,
  unpackDictionary,
  type PackedDictionary,
  type ProfileOptions,
  type ReportSection,
} from '../src/core/profile';
import { isString, type Table } from '../src/core/table/types';

/** Section callback; arrives as a Comlink proxy, so its result is not awaited. */
export type OnSection = (section: ReportSection) => void;
/** Progress callback: steps done out of total for this call. */
export type OnProgress = (done: number, total: number) => void;
/** Big dictionaries sent packed, by column name (their `dictionary` arrives empty). */
export type PackedDictionaries = Record<string, PackedDictionary>;

/** Puts packed dictionaries back into their columns. */
function restore(table: Table, packed: PackedDictionaries = {}): Table {
  return {
    ...table,
    columns: table.columns.map((c) => (isString(c) && packed[c.name] ? { ...c, dictionary: unpackDictionary(packed[c.name]) } : c)),
  };
}

/** What the profile worker exposes; tables arrive as transferred buffers, callbacks as proxies. */
export const profileApi = {
  profile: (table: Table, options: ProfileOptions = {}, onSection?: OnSection, onProgress?: OnProgress, packed?: PackedDictionaries) =>
    profileTable(restore(table, packed), options, { onSection, onProgress }),
  profileColumns: (table: Table, names: string[], options: ProfileOptions = {}, onSection?: OnSection, onProgress?: OnProgress, packed?: PackedDictionaries) =>
    profileColumns(restore(table, packed), names, options, { onSection, onProgress }),
  profileCross: (table: Table, options: ProfileOptions = {}, onSection?: OnSection, onProgress?: OnProgress, packed?: PackedDictionaries) =>
    profileCross(restore(table, packed), options, { onSection, onProgress }),
  /**
   * Profiles `names`, then computes the cross-column `sections`, from one table (shared or transferred).
   * Progress counts this call's steps: one per column, then one per section.
   */
  profileWork: (table: Table, names: string[], sections: CrossSectionKind[], options: ProfileOptions = {}, onSection?: OnSection, onProgress?: OnProgress, packed?: PackedDictionaries) => {
    const full = restore(table, packed);
    const total = names.length + sections.length;
    const columns = profileColumns(full, names, options, { onSection, onProgress: (d) => onProgress?.(d, total) });
    const cross: Partial<CrossSections> = sections.length ? profileSections(full, sections, options, { onSection, onProgress }, names.length, total) : {};
    return { columns, cross };
  },
  /** Profiles `names` and computes the cross-column sections from the same transferred table. */
  profileWithCross: (table: Table, names: string[], options: ProfileOptions = {}, onSection?: OnSection, onProgress?: OnProgress, packed?: PackedDictionaries) => {
    const full = restore(table, packed);
    const total = names.length + 5;
    const columns = profileColumns(full, names, options, { onSection, onProgress: (d) => onProgress?.(d, total) });
    const cross = profileCross(full, options, { onSection, onProgress }, names.length, total);
    return { columns, cross };
  },
};

export type ProfileApi = typeof profileApi;
