import { isString, type Table } from '../table';
import { deliveries } from '../thread';
import { unpackDictionary, type PackedDictionary } from './packedDictionary';
import { profileColumns, profileSections, type CrossSectionKind } from './profileTable';
import type { CrossSections, ProfileOptions, ReportSection } from './types';

/** Big dictionaries sent packed, by column name (their `dictionary` arrives empty). */
export type PackedDictionaries = Record<string, PackedDictionary>;

/** Puts packed dictionaries back into their columns. */
function restore(table: Table, packed: PackedDictionaries = {}): Table {
  return {
    ...table,
    columns: table.columns.map((c) => (isString(c) && packed[c.name] ? { ...c, dictionary: unpackDictionary(packed[c.name]) } : c)),
  };
}

/** One profile worker's job: its share of the columns and cross-column sections of a table. */
export const profileService = {
  /**
   * Profiles `names`, then computes the cross-column `sections`, from one table (shared or transferred).
   * Progress counts this call's steps: one per column, then one per section. Resolves once every
   * section and progress call has reached the caller.
   */
  async profileWork(table: Table, names: string[], sections: CrossSectionKind[], options: ProfileOptions = {}, onSection?: (section: ReportSection) => void, onProgress?: (done: number, total: number) => void, packed?: PackedDictionaries) {
    const sent = deliveries();
    onSection = sent.track(onSection);
    onProgress = sent.track(onProgress);
    const full = restore(table, packed);
    const total = names.length + sections.length;
    const columns = profileColumns(full, names, options, { onSection, onProgress: (d) => onProgress?.(d, total) });
    const cross: Partial<CrossSections> = sections.length ? profileSections(full, sections, options, { onSection, onProgress }, names.length, total) : {};
    await sent.flush();
    return { columns, cross };
  },
};
