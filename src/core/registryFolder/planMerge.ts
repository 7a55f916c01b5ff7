/**
 * Merging one registry into another by content hash, whichever side is the studio and whichever the
 * folder: the same bundle is the same version (skipped), a new one is added with its aliases, tags
 * and notes, and a disagreement is listed as a conflict and settled by the caller's choice, never
 * silently.
 */

/** A registry as a merge sees it. */
export interface ViewModel {
  name: string;
  /** Highest number ever given; a deleted number is not given again. */
  lastVersion: number;
  /** `contentHash` null: not known yet (a studio version never exported), so it matches nothing. */
  versions: { version: number; contentHash: string | null }[];
  aliases: Record<string, number>;
  tags: Record<number, Record<string, string>>;
  notes: Record<number, string>;
}

/** Incoming version `from` is (or becomes) version `to` of the target. */
export interface Mapped {
  model: string;
  from: number;
  to: number;
}

/** One disagreement: what the target has (ours) against what comes in (theirs), and which one stands. */
export interface MergeConflict {
  model: string;
  kind: 'alias' | 'tag' | 'note';
  /** The alias or tag key ('' for a note). */
  key: string;
  /** The target's version it concerns (for an alias, the version it points at now). */
  version: number;
  ours: string;
  theirs: string;
  outcome: 'kept' | 'taken';
}

export interface MergePlan {
  add: Mapped[];
  same: Mapped[];
  aliases: { model: string; alias: string; version: number; previous: number | null }[];
  tags: { model: string; version: number; key: string; value: string }[];
  notes: { model: string; version: number; note: string }[];
  conflicts: MergeConflict[];
}

export interface MergeOptions {
  /** 'next': new versions take the target's next numbers (the studio's registry). 'keep': they keep theirs when free (a folder). */
  numbering: 'next' | 'keep';
  /** On a conflict, keep the target's value or take the incoming one. */
  conflicts: 'keep' | 'take';
}

function numberVersions(target: ViewModel | undefined, model: ViewModel, numbering: MergeOptions['numbering'], map: Map<number, number>, plan: MergePlan): void {
  const byHash = new Map(target?.versions.filter((v) => v.contentHash).map((v) => [v.contentHash, v.version]));
  let floor = Math.max(target?.lastVersion ?? 0, ...(target?.versions.map((v) => v.version) ?? []));
  for (const v of [...model.versions].sort((a, b) => a.version - b.version)) {
    const existing = v.contentHash ? byHash.get(v.contentHash) : undefined;
    if (existing !== undefined) {
      plan.same.push({ model: model.name, from: v.version, to: existing });
      map.set(v.version, existing);
      continue;
    }
    const to = numbering === 'keep' ? Math.max(v.version, floor + 1) : floor + 1;
    floor = to;
    plan.add.push({ model: model.name, from: v.version, to });
    map.set(v.version, to);
    if (v.contentHash) byHash.set(v.contentHash, to);
  }
}

/** The plan that brings `incoming` into `target`; pure, so a preview and the write agree. */
export function planMerge(target: readonly ViewModel[], incoming: readonly ViewModel[], options: MergeOptions): MergePlan {
  const plan: MergePlan = { add: [], same: [], aliases: [], tags: [], notes: [], conflicts: [] };
  const take = options.conflicts === 'take';
  for (const model of incoming) {
    const ours = target.find((m) => m.name === model.name);
    const map = new Map<number, number>();
    numberVersions(ours, model, options.numbering, map, plan);
    const conflict = (kind: MergeConflict['kind'], key: string, version: number, a: string, b: string) =>
      plan.conflicts.push({ model: model.name, kind, key, version, ours: a, theirs: b, outcome: take ? 'taken' : 'kept' });
    for (const [alias, from] of Object.entries(model.aliases)) {
      const to = map.get(from);
      if (to === undefined) continue;
      const now = ours?.aliases[alias];
      if (now === to) continue;
      if (now !== undefined) conflict('alias', alias, now, `v${now}`, `v${to}`);
      if (now === undefined || take) plan.aliases.push({ model: model.name, alias, version: to, previous: now ?? null });
    }
    for (const [from, to] of map) {
      const tags = model.tags[from] ?? {};
      const oursTags = ours?.tags[to] ?? {};
      for (const [key, value] of Object.entries(tags)) {
        const now = Object.hasOwn(oursTags, key) ? oursTags[key] : undefined;
        if (now === value) continue;
        if (now !== undefined) conflict('tag', key, to, now, value);
        if (now === undefined || take) plan.tags.push({ model: model.name, version: to, key, value });
      }
      const note = model.notes[from] ?? '';
      const oursNote = ours?.notes[to] ?? '';
      if (note === '' || note === oursNote) continue;
      if (oursNote !== '') conflict('note', '', to, oursNote, note);
      if (oursNote === '' || take) plan.notes.push({ model: model.name, version: to, note });
    }
  }
  return plan;
}

/** A conflict in words, naming both sides (`here` is the target, e.g. 'the studio', `there` where the versions came from). */
export function conflictWords(c: MergeConflict, here: string, there: string): string {
  const what = c.kind === 'alias' ? `the alias "${c.key}" of ${c.model}` : c.kind === 'tag' ? `the tag "${c.key}" of ${c.model} v${c.version}` : `the note of ${c.model} v${c.version}`;
  const quote = (s: string) => (c.kind === 'alias' ? s : `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`);
  const outcome = c.outcome === 'kept' ? `${here} kept ${quote(c.ours)}` : `${here} now has ${quote(c.theirs)}`;
  return `${what[0].toUpperCase()}${what.slice(1)} is ${quote(c.ours)} in ${here} but ${quote(c.theirs)} in ${there}; ${outcome}.`;
}
