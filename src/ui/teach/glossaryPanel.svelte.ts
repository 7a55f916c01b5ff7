import { isGlossaryKey } from '../../core/explain';

/**
 * Whether the in-app glossary is open, and at which entry. One instance serves the app, so every
 * info control can open the same panel.
 */
export class GlossaryPanel {
  open = $state(false);
  /** Glossary id to scroll to and highlight, e.g. `'skewness'`. */
  entry = $state<string | null>(null);
  query = $state('');

  show(entry: string | null = null) {
    this.entry = entry && isGlossaryKey(entry) ? entry : null;
    if (this.entry) this.query = '';
    this.open = true;
  }

  close() {
    this.open = false;
  }

  toggle() {
    if (this.open) this.close();
    else this.show();
  }
}

export const glossaryPanel = new GlossaryPanel();
