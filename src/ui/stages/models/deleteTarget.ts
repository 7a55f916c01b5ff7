import type { DeletableKind } from '../../../storage';

/** What to delete: a run id, a dataset id or a version's `id`, with the name shown to the user. */
export interface DeleteTarget {
  kind: DeletableKind;
  id: string;
  label: string;
}
